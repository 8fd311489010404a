#include "techpass/api/assignments.hpp"

#include "techpass/api/apps.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

namespace techpass::api::assignments {

namespace {

using api::Json;

std::string joined(const Json& list) {
    std::string text;
    for (const Json& item : list) {
        if (item.is_string()) {
            text += (text.empty() ? "" : ", ") + item.get<std::string>();
        }
    }
    return text;
}

std::string reach_cell(const Json& assignment) {
    const Json signs_in = output::field_value(assignment, "signsIn");
    if (!signs_in.is_array()) {
        return ""; // the answer of add: not worked out
    }
    if (output::field_text(assignment, "principalType") == "user") {
        return joined(signs_in);
    }
    std::string text =
        fmt::format("{} direct member{}", signs_in.size(), signs_in.size() == 1 ? "" : "s");
    const Json not_reached = output::field_value(assignment, "notReached");
    if (!not_reached.empty()) {
        text += fmt::format(" (not nested groups: {})", joined(not_reached));
    }
    return text;
}

bool names(const Json& assignment, const groups::MemberSpec& principal) {
    if (output::field_text(assignment, "principalType") != principal.type) {
        return false;
    }
    const std::string wanted = util::to_lower(principal.id);
    return util::to_lower(output::field_text(assignment, "principalId")) == wanted ||
           util::to_lower(output::field_text(assignment, "principalName")) == wanted;
}

} // namespace

const output::Resource& assignment_resource() {
    static const output::Resource resource{
        "assignment",
        "assignments",
        "assignments",
        "principalName",
        {
            {"id", "Assignment id (uuid)"},
            {"principalType", "user or group"},
            {"principalId", "The user's or group's id"},
            {"principalName", "The user's email, or the group's name"},
            {"roleId", "The app role granted"},
            {"roleValue", "The role's value (default)"},
            {"createdAt", "When the assignment was made (RFC 3339)"},
            {"signsIn", "Who can sign in through it: the user, or a group's direct user members"},
            {"notReached", "A group's nested groups: their members are not granted access"},
        },
        {{"TYPE", "principalType"},
         {"NAME", "principalName"},
         {"WHO CAN SIGN IN", "signsIn", reach_cell},
         {"ASSIGNED", "createdAt"},
         {"ID", "id"}},
    };
    return resource;
}

std::string assignments_path(const std::string& namespace_code, const std::string& app_id) {
    return apps::app_path(namespace_code, app_id) + "/assignments";
}

Json list_assignments(api::ApiClient& client, const std::string& namespace_code,
                      const std::string& app_id) {
    Json page = client.paginate(assignments_path(namespace_code, app_id), {}, "assignments",
                                std::nullopt, 100);
    for (Json& assignment : page["assignments"]) {
        Json signs_in = Json::array();
        Json not_reached = Json::array();
        if (output::field_text(assignment, "principalType") == "user") {
            signs_in.push_back(output::field_text(assignment, "principalName"));
        } else {
            const Json members = groups::list_members(
                client, {namespace_code, output::field_text(assignment, "principalId")}, "",
                std::nullopt);
            for (const Json& member : members["members"]) {
                if (output::field_text(member, "type") == "user") {
                    signs_in.push_back(output::field_text(member, "email"));
                } else {
                    not_reached.push_back(output::field_text(member, "name"));
                }
            }
            assignment["notReached"] = std::move(not_reached);
        }
        assignment["signsIn"] = std::move(signs_in);
    }
    return page;
}

Json add_assignment(api::ApiClient& client, const std::string& namespace_code,
                    const std::string& app_id, const groups::MemberSpec& principal) {
    return client.post(assignments_path(namespace_code, app_id),
                       Json{{"principalType", principal.type}, {"principalId", principal.id}},
                       api::IdempotencyKey::generate());
}

Json list_assignments_of(api::ApiClient& client, const std::string& namespace_code,
                         const std::string& app_id, const std::string& principal_type) {
    return client.paginate(assignments_path(namespace_code, app_id),
                           {{"principalType", principal_type}}, "assignments", std::nullopt, 100);
}

Json remove_assignment(api::ApiClient& client, const std::string& namespace_code,
                       const std::string& app_id, const groups::MemberSpec& principal,
                       const Json* listed) {
    const Json page = listed != nullptr
                          ? *listed
                          : list_assignments_of(client, namespace_code, app_id, principal.type);
    for (const Json& assignment : page["assignments"]) {
        if (names(assignment, principal)) {
            client.del(assignments_path(namespace_code, app_id) + "/" +
                       http::path_segment(output::field_text(assignment, "id"), "assignment"));
            return assignment;
        }
    }
    throw Error(ErrorKind::NotFound,
                fmt::format("{} is not assigned to the app", principal.display(namespace_code)),
                "see the assignments: techpass apps assignments list APP");
}

} // namespace techpass::api::assignments
