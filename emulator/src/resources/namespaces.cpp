// /iam/namespaces and /iam/namespace/{namespace}: the tenant namespaces the
// caller administers, their details, and their tenant admins.

#include "resources/common.hpp"

#include <techpass/util/text.hpp>

#include <fmt/format.h>

namespace emu::resources {

namespace {

constexpr std::string_view k_namespace_select =
    "SELECT rowid, code, display_name, description, directory_id, created_at FROM namespaces";
constexpr Order k_by_code{"code", 1, false, false};

// Subqueries rather than a join keep "rowid" unambiguous for list_page().
constexpr std::string_view k_admin_select =
    "SELECT rowid, user_id, added_at, (SELECT email FROM users WHERE id = user_id), "
    "(SELECT display_name FROM users WHERE id = user_id), added_by_type, added_by_id "
    "FROM namespace_admins";

json admin_json(Db& db, const Stmt& row) {
    return {{"id", row.text(1)},
            {"email", row.text(3)},
            {"displayName", row.text(4)},
            {"addedAt", format_rfc3339(row.integer(2))},
            {"addedBy", actor_json(db, row.text(5), row.text(6))}};
}

json namespace_json(Db& db, const Stmt& row) {
    const std::string code = row.text(1);
    return {{"code", code},
            {"displayName", row.text(2)},
            {"description", row.text(3)},
            {"directoryId", row.text(4)},
            {"admins",
             all_rows(db, Query(k_admin_select).where("namespace = ?", {code}), k_oldest_first,
                      [&db](const Stmt& admin) { return admin_json(db, admin); })},
            {"createdAt", format_rfc3339(row.integer(5))}};
}

const Table k_namespaces{
    .name = "namespaces",
    .select = k_namespace_select,
    .key = "code",
    .one = "code = ?",
    .not_found = "namespace {0} not found",
    .row = namespace_json,
    .patch = {{"displayName", "display_name"}, {"description", "description"}}};

json load_namespace(Db& db, const std::string& ns) {
    return load(db, k_namespaces, {ns});
}

// A caller who administers no namespace gets an empty list rather than a 403.
Response list_namespaces(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::NamespaceAdmin);
    const Page page = read_page(request);
    const Caller& caller = request.who();
    Query query{k_namespace_select};
    if (caller.is_app()) {
        query.where("code = ?", {caller.home_namespace});
    } else {
        query.where("code IN (SELECT namespace FROM namespace_admins WHERE user_id = ?)",
                    {caller.status == "active" ? caller.id : std::string()});
    }
    Db& db = emulator.db();
    return ok(list_page(db, page, query, k_by_code, "namespaces",
                        [&db](const Stmt& row) { return namespace_json(db, row); }));
}

Response get_namespace(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    return ok(load_namespace(emulator.db(), ns));
}

Response update_namespace(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    check_patch(request.body,
                {{.name = "displayName", .min = 1, .max = 100, .format = Format::Trimmed},
                 {.name = "description", .max = 1000}});
    Db& db = emulator.db();
    patch(db, k_namespaces, ns, request.body);
    return ok(load_namespace(db, ns));
}

Response list_admins(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    const Page page = read_page(request);
    Db& db = emulator.db();
    return ok(list_page(db, page, Query(k_admin_select).where("namespace = ?", {ns}),
                        k_oldest_first, "admins",
                        [&db](const Stmt& row) { return admin_json(db, row); }));
}

bool is_admin(Db& db, const std::string& ns, const std::string& user_id) {
    auto stmt = db.prepare("SELECT 1 FROM namespace_admins WHERE namespace = ? AND user_id = ?");
    stmt.bind_all(ns, user_id);
    return stmt.step();
}

Response add_admin(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    check_body(request.body, {{.name = "user", .required = true, .min = 1, .max = 254}});
    Db& db = emulator.db();
    const auto identifier = string_field(request.body, "user");
    const auto user = find_user(db, identifier);
    if (!user) {
        throw ApiError(422, fmt::format("user '{}' not found", identifier));
    }
    if (user->account_type != "account:public_officer" || user->status != "active") {
        throw ApiError(422, fmt::format("tenant admins must be active public officers; {} is {} "
                                        "({})",
                                        user->email, user->account_type, user->status));
    }
    if (is_admin(db, ns, user->id)) {
        throw ApiError(
            409, fmt::format("{} is already a tenant admin of namespace {}", user->email, ns));
    }
    const Actor by = actor_of(request.who());
    db.run("INSERT INTO namespace_admins(namespace, user_id, added_at, added_by_type, "
           "added_by_id) VALUES (?, ?, ?, ?, ?)",
           ns, user->id, emulator.now_unix(), by.type, by.id);
    auto stmt =
        Query(k_admin_select).where("namespace = ? AND user_id = ?", {ns, user->id}).prepare(db);
    stmt.step();
    return created(admin_json(db, stmt));
}

Response remove_admin(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    Db& db = emulator.db();
    const std::string& identifier = request.param("identifier");
    const auto user = find_user(db, identifier);
    if (!user || !is_admin(db, ns, user->id)) {
        throw ApiError(404,
                       fmt::format("'{}' is not a tenant admin of namespace {}", identifier, ns));
    }
    auto count = db.prepare("SELECT count(*) FROM namespace_admins WHERE namespace = ?");
    count.bind(1, ns);
    count.step();
    if (count.integer(0) <= 1) {
        throw ApiError(409, fmt::format("{} is the last tenant admin of namespace {}; add "
                                        "another admin first",
                                        user->email, ns));
    }
    db.run("DELETE FROM namespace_admins WHERE namespace = ? AND user_id = ?", ns, user->id);
    return no_content();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_namespace_routes(Router& router) {
    using namespace resources;
    router.add("GET", "/iam/namespaces", list_namespaces);
    router.add("GET", "/iam/namespace/{namespace}", get_namespace, {.namespace_admin = true});
    router.add("PATCH", "/iam/namespace/{namespace}", update_namespace, {.namespace_admin = true});
    router.add("GET", "/iam/namespace/{namespace}/admins", list_admins, {.namespace_admin = true});
    router.add("POST", "/iam/namespace/{namespace}/admins", add_admin,
               {.creation = true, .namespace_admin = true});
    router.add("DELETE", "/iam/namespace/{namespace}/admins/{identifier}", remove_admin,
               {.namespace_admin = true});
}

} // namespace emu
