// /iam/namespace/{namespace}/apps/{appId}/assignments: the users and groups
// who may sign in to an app that requires assignment. A group grants its
// direct members only.

#include "resources/common.hpp"

#include <techpass/util/crypto.hpp>

#include <fmt/format.h>

namespace emu::resources {

namespace {

// The only app role: default access.
constexpr std::string_view k_default_role_id = "00000000-0000-0000-0000-000000000000";
constexpr std::string_view k_default_role_value = "default";

// The principal's name comes from a subquery, so that it follows renames.
constexpr std::string_view k_assignment_select =
    "SELECT rowid, id, principal_type, principal_id, CASE principal_type WHEN 'user' THEN "
    "(SELECT email FROM users WHERE id = principal_id) ELSE (SELECT name FROM groups WHERE id = "
    "principal_id) END, role_id, role_value, created_at FROM app_assignments";

json assignment_json(const Stmt& row) {
    return {{"id", row.text(1)},
            {"principalType", row.text(2)},
            {"principalId", row.text(3)},
            {"principalName", row.text(4)},
            {"roleId", row.text(5)},
            {"roleValue", row.text(6)},
            {"createdAt", format_rfc3339(row.integer(7))}};
}

Response list_assignments(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const Page page = read_page(request);
    Query query{k_assignment_select};
    query.where("app_id = ?", {app_id});
    if (const auto type = query_choice(request, "principalType", {"user", "group"})) {
        query.where("principal_type = ?", {*type});
    }
    if (const auto id = request.query("principalId")) {
        query.where("principal_id = ?", {*id});
    }
    return ok(
        list_page(emulator.db(), page, query, k_oldest_first, "assignments", assignment_json));
}

Response create_assignment(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    check_body(request.body,
               {{.name = "principalType", .required = true, .one_of = {"user", "group"}},
                {.name = "principalId", .required = true, .min = 1, .max = 254},
                {.name = "roleId"}});
    const auto role = string_field(request.body, "roleId", k_default_role_id);
    if (role != k_default_role_id) {
        throw ApiError(422, fmt::format("role '{}' does not exist on app '{}': only the default "
                                        "access role {} can be assigned",
                                        role, app_id, k_default_role_id));
    }
    Db& db = emulator.db();
    const auto principal = resolve_principal(db, request.param("namespace"),
                                             string_field(request.body, "principalType"),
                                             string_field(request.body, "principalId"));
    auto existing = db.prepare("SELECT 1 FROM app_assignments WHERE app_id = ? AND "
                               "principal_type = ? AND principal_id = ? AND role_id = ?");
    existing.bind_all(app_id, principal.type, principal.id, role);
    if (existing.step()) {
        throw ApiError(409, fmt::format("{} '{}' is already assigned to app '{}'", principal.type,
                                        principal.name, app_id));
    }
    const std::string id = techpass::util::uuid_v4();
    db.run("INSERT INTO app_assignments(id, app_id, principal_type, principal_id, role_id, "
           "role_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
           id, app_id, principal.type, principal.id, role, std::string(k_default_role_value),
           emulator.now_unix());
    auto stmt = Query(k_assignment_select).where("id = ?", {id}).prepare(db);
    stmt.step();
    return created(assignment_json(stmt));
}

Response delete_assignment(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const std::string& id = request.param("assignmentId");
    emulator.db().run("DELETE FROM app_assignments WHERE id = ? AND app_id = ?", id, app_id);
    if (emulator.db().changes() == 0) {
        throw ApiError(404, fmt::format("assignment '{}' not found on app '{}'", id, app_id));
    }
    return no_content();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_assignment_routes(Router& router) {
    using namespace resources;
    const std::string base = "/iam/namespace/{namespace}/apps/{appId}/assignments";
    router.add("GET", base, list_assignments, {.namespace_admin = true});
    router.add("POST", base, create_assignment, {.creation = true, .namespace_admin = true});
    router.add("DELETE", base + "/{assignmentId}", delete_assignment, {.namespace_admin = true});
}

} // namespace emu
