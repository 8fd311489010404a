#pragma once

// Groups and their members over the Automation API (docs/api: groups), and
// how they are shown. The verbs of `techpass groups` call these; these call
// the API client and nothing else.

#include "techpass/api/client.hpp"
#include "techpass/api/naming.hpp"
#include "techpass/output/resource.hpp"

#include <optional>
#include <string>
#include <vector>

namespace techpass::api::groups {

// A namespace may hold at most this many groups (docs/api/openapi.yaml).
inline constexpr std::size_t k_max_groups = 50;

const output::Resource& group_resource();
const output::Resource& member_resource();

// A member as named on the command line.
struct MemberSpec {
    std::string type; // "user" or "group"
    std::string id;   // a user's id, email or username; a group's id or name
    // "ahmad@acme.com.sg", "group ship:portal-ops"
    std::string display(const std::string& namespace_code) const;
};

// Reads a member argument: an email or username (contains '@') is a user,
// "ship:name" or a bare name is a group; a bare id is ambiguous (Usage error
// asking for --user or --group).
MemberSpec parse_member(std::string_view text, const std::string& namespace_code);

// Checks a new group name against the contract's pattern (Usage error).
void check_group_name(std::string_view name);

api::Json list_groups(api::ApiClient& client, const std::string& namespace_code,
                      std::optional<std::size_t> limit);
api::Json get_group(api::ApiClient& client, const GroupRef& group);

struct GroupChanges {
    std::optional<std::string> name;
    std::optional<std::string> description;
    api::Json body() const;
};

// Creates a group after checking the namespace's 50-group limit (Conflict
// before anything is sent when it is reached); a 409 from the portal comes
// back as Conflict with a hint about both causes.
api::Json create_group(api::ApiClient& client, const std::string& namespace_code,
                       const std::string& name, const std::string& description);
api::Json update_group(api::ApiClient& client, const GroupRef& group, const GroupChanges& changes);
void delete_group(api::ApiClient& client, const GroupRef& group);

api::Json list_members(api::ApiClient& client, const GroupRef& group, const std::string& type,
                       std::optional<std::size_t> limit);
api::Json add_member(api::ApiClient& client, const GroupRef& group, const MemberSpec& member);
// Finds the member (by id, email, username, or group name) among the group's
// direct members and removes it; NotFound when it is not a member. listed:
// the group's members of the member's type (list_members) to search instead
// of listing them again, for callers that remove many.
api::Json remove_member(api::ApiClient& client, const GroupRef& group, const MemberSpec& member,
                        const api::Json* listed = nullptr);

// API paths, also shown by --dry-run.
std::string groups_path(const std::string& namespace_code);
std::string group_path(const GroupRef& group);

} // namespace techpass::api::groups
