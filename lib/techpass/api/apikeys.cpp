#include "techpass/api/apikeys.hpp"

#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <regex>

namespace techpass::api::apikeys {

namespace {

using api::Json;

std::string describe(const Json& key) {
    const std::string used = output::field_text(key, "lastUsedAt");
    return fmt::format("{} ({}..., {})", output::field_text(key, "name"),
                       output::field_text(key, "prefix"),
                       used.empty() ? "never used" : "last used " + used);
}

} // namespace

const output::Resource& apikey_resource() {
    static const output::Resource resource{
        "API key",
        "API keys",
        "apiKeys",
        "name",
        {
            {"id", "API key id (uuid)"},
            {"name", "Name, unique in the namespace"},
            {"prefix", "The first 8 characters of the key, to recognise it"},
            {"createdAt", "When the key was created (RFC 3339)"},
            {"lastUsedAt", "When it last authenticated a call; null if never"},
            {"key", "The value (only in the answer of create)"},
        },
        {{"NAME", "name"},
         {"PREFIX", "prefix"},
         {"CREATED", "createdAt"},
         {"LAST USED", "lastUsedAt",
          [](const Json& key) {
              const std::string used = output::field_text(key, "lastUsedAt");
              return used.empty() ? std::string("never") : used;
          }},
         {"ID", "id"}},
    };
    return resource;
}

std::string apikeys_path(const std::string& namespace_code) {
    return "/iam/namespace/" + namespace_code + "/apikeys";
}

std::string apikey_path(const std::string& namespace_code, const std::string& id) {
    return apikeys_path(namespace_code) + "/" + http::path_segment(id, "API key");
}

Json list_keys(api::ApiClient& client, const std::string& namespace_code) {
    return client.paginate(apikeys_path(namespace_code), {}, "apiKeys", std::nullopt, 100);
}

void check_key_name(std::string_view name) {
    static const std::regex k_pattern("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    if (!std::regex_match(name.begin(), name.end(), k_pattern)) {
        throw Error(ErrorKind::Usage, fmt::format("invalid API key name {}", util::quoted(name)),
                    "use 1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter "
                    "or digit, e.g. ci-2027");
    }
}

const Json& stalest_key(const Json& keys) {
    const Json* stalest = &keys.front();
    for (const Json& key : keys) {
        const std::string used = output::field_text(key, "lastUsedAt");
        const std::string best = output::field_text(*stalest, "lastUsedAt");
        // Never used sorts first; then the earliest use ("" < any time).
        if (used < best || (used == best && output::field_text(key, "createdAt") <
                                                output::field_text(*stalest, "createdAt"))) {
            stalest = &key;
        }
    }
    return *stalest;
}

Json create_key(api::ApiClient& client, const std::string& namespace_code,
                const std::string& name) {
    const Json keys = list_keys(client, namespace_code)["apiKeys"];
    for (const Json& key : keys) {
        if (util::to_lower(output::field_text(key, "name")) == util::to_lower(name)) {
            throw Error(ErrorKind::Conflict,
                        fmt::format("namespace {} already has an API key named {}", namespace_code,
                                    util::quoted(name)),
                        "choose another name, e.g. with the year: " + name + "-2");
        }
    }
    if (keys.size() >= k_max_keys && !keys.empty()) {
        const Json& stalest = stalest_key(keys);
        throw Error(
            ErrorKind::Conflict,
            fmt::format("namespace {} already has {} API keys, the most it may have; no key was "
                        "created",
                        namespace_code, keys.size()),
            fmt::format("revoke one first; the one unused the longest is {}: techpass apikeys "
                        "revoke {} -n {}",
                        describe(stalest), util::quoted(output::field_text(stalest, "name")),
                        namespace_code));
    }
    return client.post(apikeys_path(namespace_code), Json{{"name", name}},
                       api::IdempotencyKey::generate());
}

const Json& key_to_revoke(const Json& keys, const std::string& namespace_code,
                          const std::string& text) {
    std::vector<std::string> names;
    for (const Json& key : keys) {
        if (output::field_text(key, "id") == text || output::field_text(key, "name") == text ||
            (text.size() >= 8 && output::field_text(key, "prefix") == text.substr(0, 8))) {
            if (keys.size() <= 1) {
                throw Error(ErrorKind::Conflict,
                            fmt::format("{} is the last API key of namespace {}; revoking it "
                                        "would stop every call",
                                        util::quoted(output::field_text(key, "name")),
                                        namespace_code),
                            "create its replacement first: techpass apikeys create NAME");
            }
            return key;
        }
        names.push_back(output::field_text(key, "name"));
    }
    const std::string suggestion = util::nearest(text, names);
    throw Error(ErrorKind::NotFound,
                fmt::format("no API key {} in namespace {}", util::quoted(text), namespace_code),
                suggestion.empty()
                    ? fmt::format("list them: techpass apikeys list -n {}", namespace_code)
                    : fmt::format("did you mean {}?", util::quoted(suggestion)));
}

void revoke_key(api::ApiClient& client, const std::string& namespace_code, const std::string& id) {
    try {
        client.del(apikey_path(namespace_code, id));
    } catch (Error& error) {
        if (error.kind() == ErrorKind::Conflict && error.hint().empty()) {
            error.with_hint("create its replacement first: techpass apikeys create NAME");
        }
        throw;
    }
}

} // namespace techpass::api::apikeys
