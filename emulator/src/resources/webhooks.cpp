// /iam/namespace/{namespace}/webhooks: HTTPS receivers of the namespace's
// events. A receiver is challenged before it is saved (webhook_challenge.cpp);
// handlers record events with Emulator::emit_event and the platform's
// dispatcher (delivery.cpp) signs and sends them after the request commits.

#include "resources/webhooks.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

namespace emu::resources {

namespace {

constexpr std::size_t k_max_headers = 5;
constexpr std::size_t k_max_header_value = 1024;

constexpr std::string_view k_webhook_select =
    "SELECT rowid, id, url, events, headers, description, created_at, updated_at FROM webhooks";

Fields webhook_fields(bool create) {
    return {{.name = "url", .required = create, .max = 2048, .format = Format::Url},
            {.name = "events",
             .type = Type::StringArray,
             .required = create,
             .min = 1,
             .one_of = {"user-invited", "user-registered", "user-updated", "user-deleted",
                        "user-disabled", "invitation-expired", "group-member-added",
                        "group-member-removed"},
             .unique_items = true},
            {.name = "headers", .type = Type::Object},
            {.name = "description", .max = 256}};
}

bool is_token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Custom headers: at most 5, HTTP token names that the service does not set
// itself, values of 1 to 1024 printable ASCII characters.
void check_headers(const json& headers) {
    if (headers.size() > k_max_headers) {
        throw ApiError(400, fmt::format("field 'headers' must hold at most {} headers, not {}",
                                        k_max_headers, headers.size()));
    }
    for (const auto& item : headers.items()) {
        const std::string& name = item.key();
        if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
            throw ApiError(400,
                           fmt::format("field 'headers': '{}' is not a valid header name", name));
        }
        const auto lower = techpass::util::to_lower(name);
        if (lower == "host" || lower == "content-type" || lower == "content-length" ||
            lower == "connection" || lower == "transfer-encoding" ||
            lower.starts_with("x-techpass-")) {
            throw ApiError(400, fmt::format("field 'headers': '{}' is set by the service and "
                                            "cannot be a custom header",
                                            name));
        }
        const json& value = item.value();
        const bool printable = value.is_string() && !value.get_ref<const std::string&>().empty() &&
                               value.get_ref<const std::string&>().size() <= k_max_header_value &&
                               std::all_of(value.get_ref<const std::string&>().begin(),
                                           value.get_ref<const std::string&>().end(),
                                           [](char c) { return c >= ' ' && c <= '~'; });
        if (!printable) {
            throw ApiError(400, fmt::format("field 'headers': the value of '{}' must be a string "
                                            "of 1 to {} printable ASCII characters",
                                            name, k_max_header_value));
        }
    }
}

json webhook_json(const Stmt& row) {
    return {{"id", row.text(1)},
            {"url", row.text(2)},
            {"events", json::parse(row.text(3), nullptr, false)},
            {"headers", json::parse(row.text(4), nullptr, false)},
            {"description", row.text(5)},
            {"createdAt", format_rfc3339(row.integer(6))},
            {"updatedAt", format_rfc3339(row.integer(7))}};
}

const Table k_webhooks{.name = "webhooks",
                       .select = k_webhook_select,
                       .key = "id",
                       .one = "id = ? AND namespace = ?",
                       .not_found = "webhook '{0}' not found in namespace {1}",
                       .row = [](Db& /*db*/, const Stmt& row) { return webhook_json(row); },
                       .patch = {{"url", "url"},
                                 {"events", "events", Column::As::Json},
                                 {"headers", "headers", Column::As::Json},
                                 {"description", "description"}}};

json load_webhook(Db& db, const std::string& ns, const std::string& id) {
    return load(db, k_webhooks, {id, ns});
}

Response list_webhooks(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    const Page page = read_page(request);
    return ok(list_page(emulator.db(), page, Query(k_webhook_select).where("namespace = ?", {ns}),
                        k_oldest_first, "webhooks", webhook_json));
}

Response create_webhook(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    check_body(request.body, webhook_fields(true));
    const json headers = request.body.value("headers", json::object());
    check_headers(headers);
    const auto url = string_field(request.body, "url");
    challenge_receiver(url, headers);

    const std::string id = techpass::util::uuid_v4();
    const std::string secret = "whsec_" + techpass::util::random_token(32);
    const auto now = emulator.now_unix();
    emulator.db().run("INSERT INTO webhooks(id, namespace, url, events, headers, description, "
                      "secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      id, ns, url, request.body.at("events").dump(), headers.dump(),
                      string_field(request.body, "description"), secret, now, now);
    json body = load_webhook(emulator.db(), ns, id);
    body["secret"] = secret; // the only time the secret is shown
    return created(std::move(body));
}

Response get_webhook(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    return ok(load_webhook(emulator.db(), ns, request.param("webhookId")));
}

Response update_webhook(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    const std::string& id = request.param("webhookId");
    Db& db = emulator.db();
    const json current = load_webhook(db, ns, id);
    check_patch(request.body, webhook_fields(false));
    const json& body = request.body;
    const json headers = body.value("headers", current.at("headers"));
    check_headers(headers);
    const auto url = string_field(body, "url", current.at("url").get<std::string>());
    // A new receiver proves itself first; on failure nothing changes.
    if (url != current.at("url").get<std::string>()) {
        challenge_receiver(url, headers);
    }
    patch(db, k_webhooks, id, body);
    db.run("UPDATE webhooks SET updated_at = ? WHERE id = ?", emulator.now_unix(), id);
    return ok(load_webhook(db, ns, id));
}

Response delete_webhook(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    load_webhook(emulator.db(), ns, request.param("webhookId"));
    // Its delivery log stays; the dispatcher drops what it had still to send.
    emulator.db().run("DELETE FROM webhooks WHERE id = ?", request.param("webhookId"));
    return no_content();
}

Response test_webhook(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    check_body(request.body, {});
    load_webhook(emulator.db(), ns, request.param("webhookId"));
    const std::string delivery =
        emulator.queue_webhook_delivery(request.param("webhookId"), "webhook-test", json::object());
    return accepted({{"deliveryId", delivery}});
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_webhook_routes(Router& router) {
    using namespace resources;
    const std::string base = "/iam/namespace/{namespace}/webhooks";
    router.add("GET", base, list_webhooks, {.namespace_admin = true});
    router.add("POST", base, create_webhook, {.creation = true, .namespace_admin = true});
    router.add("GET", base + "/{webhookId}", get_webhook, {.namespace_admin = true});
    router.add("PATCH", base + "/{webhookId}", update_webhook, {.namespace_admin = true});
    router.add("DELETE", base + "/{webhookId}", delete_webhook, {.namespace_admin = true});
    router.add("POST", base + "/{webhookId}/test", test_webhook, {.namespace_admin = true});
}

} // namespace emu
