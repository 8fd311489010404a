// /iam/namespace/{namespace}/apikeys: the namespace's API keys (x-api-key).
// Stored as SHA-256 with their first 8 characters; the value is shown once.

#include "resources/common.hpp"

#include <techpass/util/crypto.hpp>

#include <fmt/format.h>

namespace emu::resources {

namespace {

constexpr std::int64_t k_max_keys = 4; // per namespace, to allow rotation (openapi.yaml)
constexpr std::string_view k_key_prefix = "tpk_";
constexpr std::size_t k_key_random_length = 40;
constexpr std::size_t k_shown_prefix_length = 8;

constexpr std::string_view k_key_select =
    "SELECT rowid, id, name, prefix, created_at, last_used_at FROM api_keys";

json key_json(const Stmt& row) {
    return {{"id", row.text(1)},
            {"name", row.text(2)},
            {"prefix", row.text(3)},
            {"createdAt", format_rfc3339(row.integer(4))},
            {"lastUsedAt", time_json(opt_integer(row, 5))}};
}

// ^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$
void check_key_name(const std::string& name) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == ' ' || c == '.' || c == '_' || c == '-';
    };
    const bool ok = !name.empty() && name.size() <= 64 && allowed(name.front()) &&
                    name.front() != ' ' && name.front() != '.' && name.front() != '_' &&
                    name.front() != '-' && std::all_of(name.begin(), name.end(), allowed);
    if (!ok) {
        throw ApiError(400, fmt::format("field 'name' must be 1 to 64 letters, digits, spaces, "
                                        "'.', '_' or '-', starting with a letter or digit, not "
                                        "'{}'",
                                        name));
    }
}

std::int64_t key_count(Db& db, const std::string& ns) {
    auto stmt = db.prepare("SELECT count(*) FROM api_keys WHERE namespace = ?");
    stmt.bind(1, ns);
    stmt.step();
    return stmt.integer(0);
}

Response list_keys(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    const Page page = read_page(request);
    return ok(list_page(emulator.db(), page, Query(k_key_select).where("namespace = ?", {ns}),
                        k_oldest_first, "apiKeys", key_json));
}

Response create_key(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    check_body(request.body, {{.name = "name", .required = true}});
    const auto name = string_field(request.body, "name");
    check_key_name(name);
    Db& db = emulator.db();
    auto taken = db.prepare("SELECT 1 FROM api_keys WHERE namespace = ? AND name = ?");
    taken.bind_all(ns, name);
    if (taken.step()) {
        throw ApiError(409,
                       fmt::format("namespace {} already has an API key named '{}'", ns, name));
    }
    if (key_count(db, ns) >= k_max_keys) {
        throw ApiError(409, fmt::format("namespace {} already has {} API keys, the maximum; "
                                        "revoke one first",
                                        ns, k_max_keys));
    }
    const std::string key =
        std::string(k_key_prefix) + techpass::util::random_token(k_key_random_length);
    const std::string id = techpass::util::uuid_v4();
    db.run("INSERT INTO api_keys(id, namespace, name, prefix, key_hash, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?)",
           id, ns, name, key.substr(0, k_shown_prefix_length), secret_hash(key),
           emulator.now_unix());
    auto stmt = Query(k_key_select).where("id = ?", {id}).prepare(db);
    stmt.step();
    json body = key_json(stmt);
    body["key"] = key; // the only time the value is shown
    return created(std::move(body));
}

// The key sending this very request may be revoked too (openapi.yaml): the
// next request with it is a 401. Only the last key is kept, so that the
// namespace stays reachable.
Response delete_key(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    Db& db = emulator.db();
    const std::string& id = request.param("apiKeyId");
    auto stmt = db.prepare("SELECT name FROM api_keys WHERE id = ? AND namespace = ?");
    stmt.bind_all(id, ns);
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("API key '{}' not found in namespace {}", id, ns));
    }
    if (key_count(db, ns) <= 1) {
        throw ApiError(409, fmt::format("'{}' is the last API key of namespace {}; create its "
                                        "replacement first",
                                        stmt.text(0), ns));
    }
    db.run("DELETE FROM api_keys WHERE id = ?", id);
    return no_content();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_apikey_routes(Router& router) {
    using namespace resources;
    router.add("GET", "/iam/namespace/{namespace}/apikeys", list_keys, {.namespace_admin = true});
    router.add("POST", "/iam/namespace/{namespace}/apikeys", create_key,
               {.creation = true, .namespace_admin = true});
    router.add("DELETE", "/iam/namespace/{namespace}/apikeys/{apiKeyId}", delete_key,
               {.namespace_admin = true});
}

} // namespace emu
