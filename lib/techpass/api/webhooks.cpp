#include "techpass/api/webhooks.hpp"

#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace techpass::api::webhooks {

namespace {

using api::Json;

bool is_token_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool reserved_header(std::string_view name) {
    const std::string lower = util::to_lower(name);
    return lower == "host" || lower == "content-type" || lower == "content-length" ||
           lower == "connection" || lower == "transfer-encoding" ||
           lower.rfind("x-techpass-", 0) == 0;
}

} // namespace

std::string events_text() {
    std::string text;
    for (const auto event : k_events) {
        text += (text.empty() ? "" : ", ") + std::string(event);
    }
    return text;
}

const output::Resource& webhook_resource() {
    static const output::Resource resource{
        "webhook",
        "webhooks",
        "webhooks",
        "id",
        {
            {"id", "Webhook id (uuid)"},
            {"url", "The receiver: https, or http to localhost for testing"},
            {"events", "The events delivered"},
            {"headers", "Custom headers sent with every delivery and challenge"},
            {"description", "What the webhook is for"},
            {"createdAt", "When it was registered (RFC 3339)"},
            {"updatedAt", "When it last changed (RFC 3339)"},
            {"secret", "The signing secret (only in the answer of create)"},
        },
        {{"ID", "id"},
         {"URL", "url"},
         {"EVENTS", "events"},
         // Names only: a custom header's value may be a credential of the receiver.
         {"HEADERS", "headers",
          [](const Json& hook) {
              std::string names;
              const Json headers = output::field_value(hook, "headers");
              if (headers.is_object()) {
                  for (const auto& [name, unused] : headers.items()) {
                      names += (names.empty() ? "" : ", ") + name;
                  }
              }
              return names;
          }},
         {"DESCRIPTION", "description"}},
    };
    return resource;
}

std::string webhooks_path(const std::string& namespace_code) {
    return "/iam/namespace/" + namespace_code + "/webhooks";
}

std::string webhook_path(const std::string& namespace_code, const std::string& id) {
    return webhooks_path(namespace_code) + "/" + http::path_segment(id, "webhook");
}

std::vector<std::string> checked_events(const std::vector<std::string>& events) {
    std::vector<std::string> checked;
    for (const std::string& raw : events) {
        const std::string event = util::to_lower(util::trim(raw));
        if (std::find(k_events.begin(), k_events.end(), event) == k_events.end()) {
            std::vector<std::string> known(k_events.begin(), k_events.end());
            const std::string suggestion = util::nearest(event, known);
            throw Error(ErrorKind::Usage, fmt::format("unknown event {}", util::quoted(raw)),
                        suggestion.empty() ? "events: " + events_text()
                                           : fmt::format("did you mean {}? events: {}", suggestion,
                                                         events_text()));
        }
        if (std::find(checked.begin(), checked.end(), event) == checked.end()) {
            checked.push_back(event);
        }
    }
    if (checked.empty()) {
        throw Error(ErrorKind::Usage, "a webhook needs at least one event",
                    "name them with --event, e.g. --event user-registered; events: " +
                        events_text());
    }
    return checked;
}

Json checked_headers(const std::vector<std::string>& headers) {
    Json checked = Json::object();
    for (const std::string& header : headers) {
        const std::size_t colon = header.find(':');
        const std::string_view name =
            util::trim(std::string_view(header).substr(0, std::min(colon, header.size())));
        const std::string_view value = colon == std::string::npos
                                           ? std::string_view()
                                           : util::trim(std::string_view(header).substr(colon + 1));
        const auto refuse = [&](const std::string& why,
                                std::string hint = "write it as 'Name: value', e.g. --header "
                                                   "'X-Ship-Env: production'") {
            throw Error(ErrorKind::Usage,
                        fmt::format("--header {}: {}", util::quoted(util::printable(header)), why),
                        std::move(hint));
        };
        if (colon == std::string::npos || name.empty() ||
            !std::all_of(name.begin(), name.end(), is_token_char)) {
            refuse("not a header: expected 'Name: value' with a name of letters, digits and -");
        }
        if (reserved_header(name)) {
            refuse("techpass and the portal set this header themselves", "choose another name");
        }
        if (value.empty() || value.size() > 1024 ||
            !std::all_of(value.begin(), value.end(), [](char c) { return c >= ' ' && c <= '~'; })) {
            refuse("the value must be 1 to 1024 visible ASCII characters or spaces");
        }
        for (const auto& [existing, unused] : checked.items()) {
            if (util::to_lower(existing) == util::to_lower(name)) {
                refuse("named twice");
            }
        }
        checked[std::string(name)] = std::string(value);
    }
    if (checked.size() > k_max_headers) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} custom headers; a webhook may carry at most {}", checked.size(),
                                k_max_headers));
    }
    return checked;
}

void check_description(std::string_view description) {
    if (description.size() > 256) {
        throw Error(ErrorKind::Usage,
                    fmt::format("the description has {} characters; at most 256 are allowed",
                                description.size()));
    }
}

Json list_webhooks(api::ApiClient& client, const std::string& namespace_code,
                   std::optional<std::size_t> limit) {
    return client.paginate(webhooks_path(namespace_code), {}, "webhooks", limit, 100);
}

Json find_webhook(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& text) {
    if (text.find("://") == std::string::npos) {
        return client.get(webhook_path(namespace_code, text));
    }
    const Json all = list_webhooks(client, namespace_code, std::nullopt)["webhooks"];
    const Json* found = nullptr;
    for (const Json& hook : all) {
        if (output::field_text(hook, "url") == text) {
            if (found != nullptr) {
                throw Error(ErrorKind::Conflict,
                            fmt::format("namespace {} has several webhooks to {}", namespace_code,
                                        util::quoted(text)),
                            "name the one you mean by its id: techpass webhooks list");
            }
            found = &hook;
        }
    }
    if (found == nullptr) {
        throw Error(
            ErrorKind::NotFound,
            fmt::format("no webhook to {} in namespace {}", util::quoted(text), namespace_code),
            "list them: techpass webhooks list -n " + namespace_code);
    }
    return *found;
}

namespace {

// Adds what to do to a failed challenge (the portal's 422).
template <typename Call>
Json challenged(Call&& call) {
    try {
        return call();
    } catch (Error& error) {
        if (error.kind() == ErrorKind::Usage && error.hint().empty() &&
            std::string_view(error.what()).find("challenge") != std::string_view::npos) {
            error.with_hint("the receiver must answer GET <url>?challengeToken=T with "
                            "{\"challengeToken\": \"T\"} within 10 seconds; to try one on this "
                            "machine: techpass webhooks listen");
        }
        throw;
    }
}

} // namespace

Json create_webhook(api::ApiClient& client, const std::string& namespace_code, const Json& body) {
    return challenged([&] {
        return client.post(webhooks_path(namespace_code), body, api::IdempotencyKey::generate());
    });
}

Json update_webhook(api::ApiClient& client, const std::string& namespace_code,
                    const std::string& id, const Json& changes) {
    return challenged([&] { return client.patch(webhook_path(namespace_code, id), changes); });
}

void delete_webhook(api::ApiClient& client, const std::string& namespace_code,
                    const std::string& id) {
    client.del(webhook_path(namespace_code, id));
}

std::string test_webhook(api::ApiClient& client, const std::string& namespace_code,
                         const std::string& id) {
    return output::field_text(client.post(webhook_path(namespace_code, id) + "/test"),
                              "deliveryId");
}

} // namespace techpass::api::webhooks
