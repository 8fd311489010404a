#include "security.hpp"

#include "tokens.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>
#include <httplib.h>

namespace emu {

namespace {

struct ApiKey {
    std::string id;
    std::string ns;
};

std::optional<ApiKey> find_api_key(Emulator& emulator, const std::string& key) {
    auto stmt = emulator.db().prepare("SELECT id, namespace FROM api_keys WHERE key_hash = ?");
    stmt.bind(1, secret_hash(key));
    if (!stmt.step()) {
        return std::nullopt;
    }
    return ApiKey{stmt.text(0), stmt.text(1)};
}

[[noreturn]] void no_token(const std::string& message) {
    throw ApiError(401, message, {{"WWW-Authenticate", "Bearer"}});
}

std::string bearer_token(const httplib::Request& http) {
    const std::string header = http.get_header_value("Authorization");
    if (header.empty()) {
        no_token("missing Authorization header (expected 'Bearer <access token>')");
    }
    const auto space = header.find(' ');
    if (space == std::string::npos ||
        techpass::util::to_lower(header.substr(0, space)) != "bearer") {
        no_token("the Authorization header is not a bearer token");
    }
    const auto token = techpass::util::trim(std::string_view(header).substr(space + 1));
    if (token.empty()) {
        no_token("the Authorization header holds an empty bearer token");
    }
    return std::string(token);
}

} // namespace

std::string secret_hash(std::string_view secret) {
    return techpass::util::sha256_hex(secret);
}

std::string new_trace_id() {
    return techpass::util::hex_lower(techpass::util::random_bytes(16));
}

std::optional<std::string> path_namespace(std::string_view raw_path) {
    for (const std::string_view prefix : {"/iam/namespace/", "/otp/namespace/"}) {
        if (raw_path.substr(0, prefix.size()) == prefix) {
            auto rest = raw_path.substr(prefix.size());
            rest = rest.substr(0, rest.find('/'));
            if (!rest.empty()) {
                return techpass::util::url_decode(rest);
            }
        }
    }
    return std::nullopt;
}

namespace {

// Whether the call lists the keys of, or creates the first API key of, a
// namespace that has none (one just approved): any live key is accepted for
// that (openapi.yaml).
bool first_key_of(Emulator& emulator, const httplib::Request& http, std::string_view raw_path,
                  const std::string& ns) {
    if ((http.method != "POST" && http.method != "GET") ||
        raw_path != "/iam/namespace/" + ns + "/apikeys") {
        return false;
    }
    auto any = emulator.db().prepare("SELECT 1 FROM api_keys WHERE namespace = ?");
    any.bind(1, ns);
    auto exists = emulator.db().prepare("SELECT 1 FROM namespaces WHERE code = ?");
    exists.bind(1, ns);
    return !any.step() && exists.step();
}

} // namespace

Caller authenticate(Emulator& emulator, const httplib::Request& http, std::string_view raw_path) {
    const std::string key = http.get_header_value("x-api-key");
    if (key.empty()) {
        throw ApiError(401, "missing x-api-key header");
    }
    const Caller caller = verify_access_token(emulator, bearer_token(http));
    const auto api_key = find_api_key(emulator, key);
    if (!api_key) {
        throw ApiError(401, "the x-api-key is not a live API key");
    }
    // In a namespace's paths the key must be that namespace's; elsewhere any
    // live key does, except that an automation app uses its own namespace's.
    const auto ns = path_namespace(raw_path);
    const std::string expected = ns ? *ns : caller.is_app() ? caller.home_namespace : "";
    if (!expected.empty() && api_key->ns != expected &&
        !first_key_of(emulator, http, raw_path, expected)) {
        throw ApiError(403, fmt::format("the API key sent belongs to namespace {}, not {}",
                                        api_key->ns, expected));
    }
    // At most one write a second per key (the column holds whole seconds).
    const std::int64_t now = emulator.now_unix();
    emulator.db().run("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND "
                      "(last_used_at IS NULL OR last_used_at <> ?)",
                      now, api_key->id, now);
    return caller;
}

} // namespace emu
