#pragma once

// Groups as the API shows them, shared by groups.cpp and members.cpp.

#include "resources/common.hpp"

namespace emu::resources {

// The groups columns group_json() reads, rowid first.
inline constexpr std::string_view k_group_select =
    "SELECT rowid, id, namespace, name, description, created_at FROM groups";

json group_json(const Stmt& row);
json load_group(Db& db, const std::string& id);

// A direct member: a user or a group ({"id", "type", "email", "name", ...}).
json member_json(Db& db, std::string_view type, std::string_view id);
// A group's direct members, users first (by email) then groups (by name).
json members_of(Db& db, const std::string& group_id);

// The listing of members: the query, and the order (users by email, then groups by name).
Query member_query(const std::string& group_id);
extern const Order k_member_order;

} // namespace emu::resources
