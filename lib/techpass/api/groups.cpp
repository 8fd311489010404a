#include "techpass/api/groups.hpp"

#include "techpass/api/users.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <regex>

namespace techpass::api::groups {

namespace {

using api::Json;

std::string members_path(const GroupRef& group) {
    return group_path(group) + "/members";
}

bool same_text(const Json& value, const std::string& text) {
    return value.is_string() && util::to_lower(value.get<std::string>()) == util::to_lower(text);
}

// Whether a listed member is the one named on the command line.
bool matches(const Json& member, const MemberSpec& spec) {
    if (output::field_value(member, "type") != Json(spec.type)) {
        return false;
    }
    if (same_text(output::field_value(member, "id"), spec.id)) {
        return true;
    }
    if (spec.type == "user") {
        return same_text(output::field_value(member, "email"), spec.id) ||
               same_text(output::field_value(member, "name"), spec.id);
    }
    return same_text(output::field_value(member, "name"), spec.id);
}

} // namespace

const output::Resource& group_resource() {
    static const output::Resource resource{
        "group",
        "groups",
        "groups",
        "grn",
        {
            {"id", "Group id (uuid)"},
            {"name", "Name, unique in the namespace"},
            {"grn", "Global name, <namespace>:<name>"},
            {"description", "Description (may be empty)"},
            {"created", "When the group was created (RFC 3339)"},
            {"members", "Direct members (groups get only)"},
        },
        {{"GRN", "grn"}, {"DESCRIPTION", "description"}, {"CREATED", "created"}, {"ID", "id"}},
    };
    return resource;
}

const output::Resource& member_resource() {
    static const output::Resource resource{
        "member",
        "members",
        "members",
        "name",
        {
            {"id", "User or group id (uuid)"},
            {"type", "user or group"},
            {"email", "A user's email; null for a group"},
            {"name", "A user's username (TechPass ID), or a group's name"},
            {"firstName", "A user's given name; null for a group"},
            {"lastName", "A user's family name; null for a group"},
            {"displayName", "A user's display name, or a group's name"},
            {"accountType", "A user's account type (account:vendor, ...); null for a group"},
        },
        {{"TYPE", "type"},
         {"NAME", "displayName"},
         {"EMAIL", "email"},
         {"ACCOUNT", "accountType", users::short_account_type},
         {"ID", "id"}},
    };
    return resource;
}

std::string MemberSpec::display(const std::string& namespace_code) const {
    if (type == "user" || looks_like_id(id)) {
        return type == "user" ? id : "group " + id;
    }
    return "group " + grn(namespace_code, id);
}

MemberSpec parse_member(std::string_view text, const std::string& namespace_code) {
    if (text.find('@') != std::string_view::npos) {
        return {"user", std::string(text)};
    }
    if (looks_like_id(text)) {
        throw Error(ErrorKind::Usage, fmt::format("\"{}\" could be a user or a group id", text),
                    fmt::format("say which: --user {} or --group {}", text, text));
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return {"group", std::string(text)};
    }
    const std::string code = checked_namespace(text.substr(0, colon));
    if (code != namespace_code) {
        throw Error(ErrorKind::Usage,
                    fmt::format("group {} is in namespace {}; members of a {} group come from {}",
                                text, code, namespace_code, namespace_code));
    }
    return {"group", std::string(text.substr(colon + 1))};
}

void check_group_name(std::string_view name) {
    static const std::regex k_pattern("[a-z0-9][a-z0-9-]{0,63}");
    if (!std::regex_match(name.begin(), name.end(), k_pattern)) {
        throw Error(
            ErrorKind::Usage, fmt::format("invalid group name {}", util::quoted(name)),
            "use lower-case letters, digits and '-', starting with a letter or digit, at most 64 "
            "characters (convention: <project>-<group>)");
    }
}

std::string groups_path(const std::string& namespace_code) {
    return "/iam/namespace/" + namespace_code + "/groups";
}

std::string group_path(const GroupRef& group) {
    return groups_path(group.namespace_code) + "/" + http::path_segment(group.identifier, "group");
}

Json list_groups(api::ApiClient& client, const std::string& namespace_code,
                 std::optional<std::size_t> limit) {
    return client.paginate(groups_path(namespace_code), {}, "groups", limit,
                           static_cast<int>(k_max_groups));
}

Json get_group(api::ApiClient& client, const GroupRef& group) {
    return client.get(group_path(group));
}

Json GroupChanges::body() const {
    Json body = Json::object();
    if (name) {
        body["name"] = *name;
    }
    if (description) {
        body["description"] = *description;
    }
    return body;
}

Json create_group(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& name, const std::string& description) {
    const Json existing = list_groups(client, namespace_code, std::nullopt);
    if (existing["groups"].size() >= k_max_groups) {
        throw Error(
            ErrorKind::Conflict,
            fmt::format("namespace {} already has {} groups, the most a namespace may have; "
                        "group {} was not created",
                        namespace_code, existing["groups"].size(), grn(namespace_code, name)),
            "delete a group you no longer need first: techpass groups delete NAME");
    }
    try {
        return client.post(groups_path(namespace_code),
                           Json{{"name", name}, {"description", description}},
                           api::IdempotencyKey::generate());
    } catch (Error& error) {
        if (error.kind() == ErrorKind::Conflict && error.hint().empty()) {
            error.with_hint(
                fmt::format("group names are unique in a namespace, and a namespace has at most {} "
                            "groups: techpass groups list -n {}",
                            k_max_groups, namespace_code));
        }
        throw;
    }
}

Json update_group(api::ApiClient& client, const GroupRef& group, const GroupChanges& changes) {
    return client.patch(group_path(group), changes.body());
}

void delete_group(api::ApiClient& client, const GroupRef& group) {
    client.del(group_path(group));
}

Json list_members(api::ApiClient& client, const GroupRef& group, const std::string& type,
                  std::optional<std::size_t> limit) {
    http::Query query;
    if (!type.empty()) {
        query.emplace_back("type", type);
    }
    return client.paginate(members_path(group), std::move(query), "members", limit, 100);
}

Json add_member(api::ApiClient& client, const GroupRef& group, const MemberSpec& member) {
    return client.post(members_path(group), Json{{"type", member.type}, {"id", member.id}},
                       api::IdempotencyKey::generate());
}

Json remove_member(api::ApiClient& client, const GroupRef& group, const MemberSpec& member,
                   const Json* listed) {
    const Json members =
        listed != nullptr ? *listed : list_members(client, group, member.type, std::nullopt);
    for (const Json& candidate : members["members"]) {
        if (matches(candidate, member)) {
            const Json id = output::field_value(candidate, "id");
            client.del(members_path(group) + "/" +
                       http::path_segment(id.is_string() ? id.get<std::string>() : "", "member"));
            return candidate;
        }
    }
    throw Error(ErrorKind::NotFound,
                fmt::format("{} is not a member of {}", member.display(group.namespace_code),
                            group.display()),
                fmt::format("see its members: techpass groups members list {}", group.display()));
}

} // namespace techpass::api::groups
