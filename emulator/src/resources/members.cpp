// /iam/namespace/{namespace}/groups/{identifier}/members: the direct members
// of a group, users or other groups of the same namespace.

#include "resources/groups.hpp"

#include <fmt/format.h>

#include <set>

namespace emu::resources {

namespace {

// The group of the path, which must accept member changes (not dynamic).
GroupRef static_group(Emulator& emulator, const Request& request) {
    const std::string& ns = request.param("namespace");
    auto group = require_group(emulator.db(), ns, request.param("identifier"));
    if (group.dynamic) {
        throw ApiError(403, fmt::format("group '{}' is dynamic: its members follow its membership "
                                        "rule and cannot be added or removed",
                                        group.name));
    }
    return group;
}

// Whether target is inside group, directly or through nested groups.
bool contains(Db& db, const std::string& group_id, const std::string& target) {
    std::set<std::string> seen;
    std::vector<std::string> pending = {group_id};
    while (!pending.empty()) {
        const std::string current = pending.back();
        pending.pop_back();
        if (current == target) {
            return true;
        }
        if (!seen.insert(current).second) {
            continue;
        }
        auto stmt = db.prepare(
            "SELECT member_id FROM group_members WHERE group_id = ? AND member_type = 'group'");
        stmt.bind(1, current);
        while (stmt.step()) {
            pending.push_back(stmt.text(0));
        }
    }
    return false;
}

void emit_member_event(Emulator& emulator, const std::string& ns, const std::string& event,
                       const std::string& group_id, const json& member) {
    emulator.emit_event(ns, event,
                        {{"group", load_group(emulator.db(), group_id)}, {"member", member}});
}

Response list_members(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    Db& db = emulator.db();
    const auto group = require_group(db, ns, request.param("identifier"));
    const Page page = read_page(request);
    Query query = member_query(group.id);
    if (const auto type = query_choice(request, "type", {"user", "group"})) {
        query.where("member_type = ?", {*type});
    }
    return ok(list_page(db, page, query, k_member_order, "members", [&db](const Stmt& row) {
        return member_json(db, row.text(1), row.text(2));
    }));
}

Response add_member(Emulator& emulator, Request& request) {
    const auto group = static_group(emulator, request);
    check_body(request.body, {{.name = "type", .required = true, .one_of = {"user", "group"}},
                              {.name = "id", .required = true, .min = 1, .max = 254}});
    const std::string& ns = request.param("namespace");
    Db& db = emulator.db();
    const auto member = resolve_principal(db, ns, string_field(request.body, "type"),
                                          string_field(request.body, "id"));
    if (member.type == "group" && contains(db, member.id, group.id)) {
        throw ApiError(422, member.id == group.id
                                ? fmt::format("group '{}' cannot be a member of itself", group.name)
                                : fmt::format("adding group '{}' to '{}' would make a cycle: '{}' "
                                              "is already inside '{}'",
                                              member.name, group.name, group.name, member.name));
    }
    auto existing = db.prepare("SELECT 1 FROM group_members WHERE group_id = ? AND "
                               "member_type = ? AND member_id = ?");
    existing.bind_all(group.id, member.type, member.id);
    if (existing.step()) {
        throw ApiError(409, fmt::format("{} '{}' is already a member of group '{}'", member.type,
                                        member.name, group.name));
    }
    db.run("INSERT INTO group_members(group_id, member_type, member_id, added_at) "
           "VALUES (?, ?, ?, ?)",
           group.id, member.type, member.id, emulator.now_unix());
    json body = member_json(db, member.type, member.id);
    emit_member_event(emulator, ns, "group-member-added", group.id, body);
    return created(std::move(body));
}

Response remove_member(Emulator& emulator, Request& request) {
    const auto group = static_group(emulator, request);
    const std::string& member_id = request.param("memberId");
    Db& db = emulator.db();
    auto stmt = db.prepare("SELECT member_type FROM group_members WHERE group_id = ? AND "
                           "member_id = ?");
    stmt.bind_all(group.id, member_id);
    if (!stmt.step()) {
        throw ApiError(404,
                       fmt::format("'{}' is not a member of group '{}'", member_id, group.name));
    }
    const json member = member_json(db, stmt.text(0), member_id);
    db.run("DELETE FROM group_members WHERE group_id = ? AND member_id = ?", group.id, member_id);
    emit_member_event(emulator, request.param("namespace"), "group-member-removed", group.id,
                      member);
    return no_content();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_member_routes(Router& router) {
    using namespace resources;
    const std::string base = "/iam/namespace/{namespace}/groups/{identifier}/members";
    router.add("GET", base, list_members, {.namespace_admin = true});
    router.add("POST", base, add_member, {.creation = true, .namespace_admin = true});
    router.add("DELETE", base + "/{memberId}", remove_member, {.namespace_admin = true});
}

} // namespace emu
