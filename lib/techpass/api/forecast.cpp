#include "techpass/api/forecast.hpp"

#include "techpass/api/apps.hpp"
#include "techpass/api/assignments.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/api/namespaces.hpp"
#include "techpass/api/users.hpp"
#include "techpass/util/lifecycle.hpp"
#include "techpass/util/text.hpp"

#include <algorithm>
#include <vector>

namespace techpass::api::forecast {

namespace {

using output::field_text;

std::string rfc3339_of(std::int64_t unix) {
    return util::rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(unix)));
}

} // namespace

std::optional<std::int64_t> unix_at(const Json& item, std::string_view field) {
    const auto parsed = util::parse_rfc3339(field_text(item, field));
    if (!parsed) {
        return std::nullopt;
    }
    return util::unix_seconds(*parsed);
}

const output::Resource& forecast_resource() {
    static const output::Resource resource{
        "account change",
        "account changes",
        "changes",
        "email",
        {{"email", "The account's email"},
         {"id", "The account's id"},
         {"accountType", "Its account type"},
         {"status", "Its status before the change"},
         {"change", "What the rules will do: disabled, terminated or deleted"},
         {"at", "When the daily run first can (RFC 3339)"},
         {"inDays", "Whole days from now"},
         {"reason", "Why: never signed in, or no sign-in since a date"}},
        {{"EMAIL", "email"},
         {"STATUS", "status"},
         {"BECOMES", "change"},
         {"ON", "at"},
         {"IN DAYS", "inDays"},
         {"WHY", "reason"}}};
    return resource;
}

std::set<std::string> people_of(api::ApiClient& client, const std::string& namespace_code) {
    std::set<std::string> people;
    const Json ns = client.get(namespaces::namespace_path(namespace_code));
    for (const Json& admin : output::field_value(ns, "admins")) {
        people.insert(util::to_lower(field_text(admin, "email")));
    }
    const Json groups = groups::list_groups(client, namespace_code, std::nullopt);
    for (const Json& group : groups["groups"]) {
        const Json detail =
            client.get(groups::group_path({namespace_code, field_text(group, "id")}));
        for (const Json& member : output::field_value(detail, "members")) {
            if (field_text(member, "type") == "user") {
                people.insert(util::to_lower(field_text(member, "email")));
            }
        }
    }
    const Json apps = apps::list_apps(client, namespace_code, std::nullopt);
    for (const Json& app : apps["apps"]) {
        const Json page =
            client.paginate(assignments::assignments_path(namespace_code, field_text(app, "appId")),
                            {{"principalType", "user"}}, "assignments", std::nullopt, 100);
        for (const Json& assignment : page["assignments"]) {
            people.insert(util::to_lower(field_text(assignment, "principalName")));
        }
    }
    return people;
}

Json forecast(api::ApiClient& client, int days, std::chrono::system_clock::time_point now,
              const std::optional<std::set<std::string>>& people) {
    const lifecycle::Rules& rules = lifecycle::k_rules;
    const std::int64_t from = util::unix_seconds(now);
    const std::int64_t until = from + static_cast<std::int64_t>(days) * lifecycle::k_day;
    // The soonest any rule changes a status is the never-signed-in
    // termination: accounts idle for less than that minus the horizon
    // cannot be reached (0: no filter, every account).
    users::UserFilter filter;
    filter.inactive_days = std::max(0, rules.never_terminate - days);
    const Json candidates = users::list_users(client, filter, std::nullopt);
    std::vector<Json> rows;
    for (const Json& user : candidates["users"]) {
        const std::string email = field_text(user, "email");
        if (people && people->count(util::to_lower(email)) == 0) {
            continue;
        }
        lifecycle::Account account;
        account.status = field_text(user, "status");
        account.account_type = field_text(user, "accountType");
        if (lifecycle::exempt(account)) {
            continue;
        }
        account.created_at = unix_at(user, "createdAt").value_or(from);
        account.status_changed_at = unix_at(user, "statusChangedAt").value_or(account.created_at);
        if (account.status != "pending") {
            // Only one account's answer carries its last sign-in.
            const Json detail = users::get_user(client, field_text(user, "id"), false);
            account.last_sign_in_at = unix_at(detail, "lastSignInAt");
        }
        for (const lifecycle::Change& change : lifecycle::forecast(account, from, until)) {
            rows.push_back(Json{{"email", email},
                                {"id", field_text(user, "id")},
                                {"accountType", field_text(user, "accountType")},
                                {"status", change.from},
                                {"change", change.to},
                                {"at", rfc3339_of(change.at)},
                                {"inDays", (change.at - from) / lifecycle::k_day},
                                {"reason", change.reason}});
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
        return a["at"].get<std::string>() < b["at"].get<std::string>();
    });
    return Json{{"days", days}, {"until", rfc3339_of(until)}, {"changes", rows}};
}

} // namespace techpass::api::forecast
