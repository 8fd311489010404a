// /iam/namespace/{namespace}/groups: the groups of a namespace. Their
// members are in members.cpp.

#include "resources/groups.hpp"

#include <techpass/util/crypto.hpp>

#include <fmt/format.h>

namespace emu::resources {

const Table k_groups{.name = "groups",
                     .select = k_group_select,
                     .key = "id",
                     .one = "id = ?",
                     .not_found = "group '{0}' not found",
                     .row = [](Db& /*db*/, const Stmt& row) { return group_json(row); },
                     .patch = {{"name", "name"}, {"description", "description"}}};

namespace {

constexpr std::int64_t k_max_groups = 50; // per namespace (openapi.yaml)
constexpr Order k_groups_by_name{"name", 3, false, false};

// Sorts users by email, then groups by name, in one text key.
constexpr std::string_view k_member_key =
    "CASE member_type WHEN 'user' THEN '0' || COALESCE((SELECT lower(email) FROM users WHERE "
    "id = member_id), '') ELSE '1' || COALESCE((SELECT name FROM groups WHERE id = member_id), "
    "'') END";

// ^[a-z0-9][a-z0-9-]{0,63}$
void check_group_name(const std::string& name) {
    const bool ok = !name.empty() && name.size() <= 64 && name.front() != '-' &&
                    std::all_of(name.begin(), name.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                    });
    if (!ok) {
        throw ApiError(400, fmt::format("field 'name' must be 1 to 64 lower-case letters, digits "
                                        "and '-', starting with a letter or digit, not '{}'",
                                        name));
    }
}

void check_group_name_free(Db& db, const std::string& ns, const std::string& name) {
    if (find_group(db, ns, name)) {
        throw ApiError(409, fmt::format("group '{}' already exists in namespace {}", name, ns));
    }
}

Response list_groups(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    // The default size equals the limit of groups, so one call returns them all.
    const Page page = read_page(request, 100, k_max_groups);
    return ok(list_page(emulator.db(), page, Query(k_group_select).where("namespace = ?", {ns}),
                        k_groups_by_name, "groups", group_json));
}

Response create_group(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    check_body(request.body,
               {{.name = "name", .required = true}, {.name = "description", .max = 256}});
    const auto name = string_field(request.body, "name");
    check_group_name(name);
    Db& db = emulator.db();
    check_group_name_free(db, ns, name);
    auto count = db.prepare("SELECT count(*) FROM groups WHERE namespace = ?");
    count.bind(1, ns);
    count.step();
    if (count.integer(0) >= k_max_groups) {
        throw ApiError(
            409, fmt::format("namespace {} already has {} groups, the maximum", ns, k_max_groups));
    }
    const std::string id = techpass::util::uuid_v4();
    db.run("INSERT INTO groups(id, namespace, name, description, created_at) "
           "VALUES (?, ?, ?, ?, ?)",
           id, ns, name, string_field(request.body, "description"), emulator.now_unix());
    return created(load_group(db, id));
}

Response get_group(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    Db& db = emulator.db();
    const auto group = require_group(db, ns, request.param("identifier"));
    json body = load_group(db, group.id);
    body["members"] = members_of(db, group.id);
    return ok(std::move(body));
}

Response update_group(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    Db& db = emulator.db();
    const auto group = require_group(db, ns, request.param("identifier"));
    check_patch(request.body, {{.name = "name"}, {.name = "description", .max = 256}});
    if (const auto name = optional_string(request.body, "name"); name && *name != group.name) {
        check_group_name(*name);
        check_group_name_free(db, ns, *name);
    }
    patch(db, k_groups, group.id, request.body);
    return ok(load_group(db, group.id));
}

Response delete_group(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    Db& db = emulator.db();
    const auto group = require_group(db, ns, request.param("identifier"));
    // Its own members go with it (ON DELETE CASCADE); its places elsewhere do not.
    db.run("DELETE FROM group_members WHERE member_type = 'group' AND member_id = ?", group.id);
    db.run("DELETE FROM app_assignments WHERE principal_type = 'group' AND principal_id = ?",
           group.id);
    db.run("DELETE FROM groups WHERE id = ?", group.id);
    return no_content();
}

} // namespace

const Order k_member_order{k_member_key, 3, false, false};

Query member_query(const std::string& group_id) {
    Query query{"SELECT rowid, member_type, member_id, " + std::string(k_member_key) +
                " FROM group_members"};
    query.where("group_id = ?", {group_id});
    return query;
}

json group_json(const Stmt& row) {
    return {{"id", row.text(1)},
            {"name", row.text(3)},
            {"grn", group_grn(row.text(2), row.text(3))},
            {"description", row.text(4)},
            {"created", format_rfc3339(row.integer(5))}};
}

json load_group(Db& db, const std::string& id) {
    return load(db, k_groups, {id});
}

json member_json(Db& db, std::string_view type, std::string_view id) {
    if (type == "group") {
        auto stmt = db.prepare("SELECT name FROM groups WHERE id = ?");
        stmt.bind(1, id);
        const std::string name = stmt.step() ? stmt.text(0) : std::string();
        return {{"id", id},
                {"type", "group"},
                {"email", nullptr},
                {"name", name},
                {"firstName", nullptr},
                {"lastName", nullptr},
                {"displayName", name},
                {"accountType", nullptr}};
    }
    auto stmt =
        db.prepare("SELECT email, COALESCE(NULLIF(username, ''), email), first_name, last_name, "
                   "display_name, CASE WHEN account_type LIKE 'account:%' THEN account_type ELSE "
                   "'account:' || account_type END FROM users WHERE id = ?");
    stmt.bind(1, id);
    stmt.step();
    return {{"id", id},
            {"type", "user"},
            {"email", stmt.text(0)},
            {"name", stmt.text(1)},
            {"firstName", stmt.text(2)},
            {"lastName", stmt.text(3)},
            {"displayName", stmt.text(4)},
            {"accountType", stmt.text(5)}};
}

json members_of(Db& db, const std::string& group_id) {
    return all_rows(db, member_query(group_id), k_member_order,
                    [&db](const Stmt& row) { return member_json(db, row.text(1), row.text(2)); });
}

} // namespace emu::resources

namespace emu {

void register_group_routes(Router& router) {
    using namespace resources;
    const std::string base = "/iam/namespace/{namespace}/groups";
    router.add("GET", base, list_groups, {.namespace_admin = true});
    router.add("POST", base, create_group, {.creation = true, .namespace_admin = true});
    router.add("GET", base + "/{identifier}", get_group, {.namespace_admin = true});
    router.add("PATCH", base + "/{identifier}", update_group, {.namespace_admin = true});
    router.add("DELETE", base + "/{identifier}", delete_group, {.namespace_admin = true});
    register_member_routes(router);
}

} // namespace emu
