#pragma once

// Who may sign in to an app (docs/api: assignments): users, and groups whose
// direct members (not the members of nested groups) may sign in.

#include "techpass/api/client.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/output/resource.hpp"

#include <string>

namespace techpass::api::assignments {

const output::Resource& assignment_resource();

std::string assignments_path(const std::string& namespace_code, const std::string& app_id);

// The app's assignments, oldest first, each with who can sign in through it:
// signsIn (the user's email, or the emails of a group's direct user members)
// and, for a group, notReached (its nested groups, whose members are not
// granted anything).
api::Json list_assignments(api::ApiClient& client, const std::string& namespace_code,
                           const std::string& app_id);
api::Json add_assignment(api::ApiClient& client, const std::string& namespace_code,
                         const std::string& app_id, const groups::MemberSpec& principal);
// Finds the principal's assignment (by id, email, username or group name) and
// deletes it; NotFound when it is not assigned. Returns the assignment.
// listed: the app's assignments of the principal's type to search instead of
// listing them again, for callers that remove many.
api::Json remove_assignment(api::ApiClient& client, const std::string& namespace_code,
                            const std::string& app_id, const groups::MemberSpec& principal,
                            const api::Json* listed = nullptr);
// The app's assignments of one principal type ("user" or "group").
api::Json list_assignments_of(api::ApiClient& client, const std::string& namespace_code,
                              const std::string& app_id, const std::string& principal_type);

} // namespace techpass::api::assignments
