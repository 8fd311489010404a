#include "techpass/api/review.hpp"

#include "techpass/api/apps.hpp"
#include "techpass/api/assignments.hpp"
#include "techpass/api/forecast.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/api/users.hpp"
#include "techpass/bulk/csv_reader.hpp"
#include "techpass/error.hpp"
#include "techpass/output/formats.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/lifecycle.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace techpass::api::review {

namespace {

using forecast::unix_at;
using output::field_text;
using output::field_value;

constexpr std::size_t k_max_nesting = 10;

// The person's columns, read once per person.
class People {
public:
    People(ApiClient& client, std::int64_t now) : m_client(client), m_now(now) {}

    const Json& of(const std::string& email) {
        const std::string key = util::to_lower(email);
        const auto found = m_people.find(key);
        if (found != m_people.end()) {
            return found->second;
        }
        Json person = {{"name", ""},       {"accountType", ""},   {"status", ""},
                       {"lastSignIn", ""}, {"disableInDays", ""}, {"terminateInDays", ""}};
        try {
            const Json user = users::get_user(m_client, email, false);
            person["name"] = field_text(user, "displayName");
            person["accountType"] = field_text(user, "accountType");
            person["status"] = field_text(user, "status");
            person["lastSignIn"] = field_text(user, "lastSignInAt");
            lifecycle::Account account;
            account.status = field_text(user, "status");
            account.account_type = field_text(user, "accountType");
            account.created_at = unix_at(user, "createdAt").value_or(m_now);
            account.status_changed_at =
                unix_at(user, "statusChangedAt").value_or(account.created_at);
            account.last_sign_in_at = unix_at(user, "lastSignInAt");
            if (account.status == "pending") {
                account.last_sign_in_at.reset();
            }
            if (!lifecycle::exempt(account)) {
                const std::int64_t horizon = m_now + 400 * lifecycle::k_day;
                for (const auto& change : lifecycle::forecast(account, m_now, horizon)) {
                    const std::int64_t days =
                        (change.at - m_now + lifecycle::k_day - 1) / lifecycle::k_day;
                    const char* column = change.to == "disabled"     ? "disableInDays"
                                         : change.to == "terminated" ? "terminateInDays"
                                                                     : nullptr;
                    if (column != nullptr && person[column] == "") {
                        person[column] = days;
                    }
                }
            }
        } catch (const Error& error) {
            if (error.kind() != ErrorKind::NotFound) {
                throw;
            }
            person["status"] = "unknown";
        }
        return m_people.emplace(key, std::move(person)).first->second;
    }

private:
    ApiClient& m_client;
    std::int64_t m_now;
    std::map<std::string, Json> m_people;
};

struct AppOf {
    std::string namespace_code;
    std::string id;
    std::string name;
};

Json make_row(const AppOf& app, const std::string& email, const std::string& access,
              const std::string& via, const Json& person) {
    Json row = {{"namespace", app.namespace_code},
                {"app", app.name},
                {"appId", app.id},
                {"email", email},
                {"access", access},
                {"via", via}};
    for (const auto& item : person.items()) {
        row[item.key()] = item.value();
    }
    row["decision"] = "";
    row["check"] = row_check(row);
    // In the file's column order.
    Json ordered = Json::object();
    for (const auto& field : review_fields()) {
        ordered[field] = row.contains(field) ? row[field] : Json("");
    }
    return ordered;
}

// The user members of a group nested in an assigned one, and of the groups
// nested in it: none of them is let in.
void add_not_reached(ApiClient& client, const AppOf& app, const std::string& group_id,
                     const std::string& path, std::set<std::string>& visited, People& people,
                     Json& rows) {
    if (!visited.insert(group_id).second || visited.size() > k_max_nesting * 10) {
        return;
    }
    const Json members =
        groups::list_members(client, {app.namespace_code, group_id}, "", std::nullopt);
    for (const Json& member : members["members"]) {
        if (field_text(member, "type") == "user") {
            const std::string email = field_text(member, "email");
            rows.push_back(make_row(app, email, "not reached", path, people.of(email)));
        } else if (std::count(path.begin(), path.end(), '>') < static_cast<long>(k_max_nesting)) {
            add_not_reached(client, app, field_text(member, "id"),
                            path + " > " + field_text(member, "name"), visited, people, rows);
        }
    }
}

std::string key_of(const Json& row) {
    return field_text(row, "appId") + "|" + util::to_lower(field_text(row, "email")) + "|" +
           field_text(row, "access") + "|" + field_text(row, "via");
}

std::string text_of(const Json& row, const char* field) {
    const Json value = field_value(row, field);
    return value.is_string() ? value.get<std::string>() : output::cell_text(value);
}

} // namespace

const std::vector<std::string>& review_fields() {
    static const std::vector<std::string> fields = {
        "namespace", "app",        "appId",  "email", "name",          "accountType",
        "status",    "lastSignIn", "access", "via",   "disableInDays", "terminateInDays",
        "decision",  "check"};
    return fields;
}

const output::Resource& review_resource() {
    static const output::Resource resource{
        "access",
        "accesses",
        "rows",
        "email",
        {{"namespace", "The namespace"},
         {"app", "The app's name"},
         {"appId", "The app's id"},
         {"email", "Who can sign in (empty for everyone)"},
         {"name", "Their display name"},
         {"accountType", "Their account type"},
         {"status", "Their account status"},
         {"lastSignIn", "Their last sign-in (RFC 3339), empty when never"},
         {"access", "assigned (directly), group (a direct member of an assigned group), not "
                    "reached (a member of a nested group: not let in), everyone (assignment not "
                    "required)"},
         {"via", "The group that grants it, or the nested path (outer > inner)"},
         {"disableInDays", "Days until the 90-day rule disables the account without a sign-in"},
         {"terminateInDays", "Days until the rules terminate it without a sign-in"},
         {"decision", "Empty, keep or revoke: filled in by the reviewer"},
         {"check", "Identifies the row: a row changed by hand no longer matches it"}},
        {{"APP", "app"},
         {"EMAIL", "email"},
         {"STATUS", "status"},
         {"LAST SIGN-IN", "lastSignIn"},
         {"ACCESS", "access"},
         {"VIA", "via"},
         {"DISABLED IN", "disableInDays"},
         {"TERMINATED IN", "terminateInDays"}}};
    return resource;
}

std::string row_check(const Json& row) {
    const std::string identity = field_text(row, "namespace") + "\n" + field_text(row, "appId") +
                                 "\n" + util::to_lower(field_text(row, "email")) + "\n" +
                                 field_text(row, "access") + "\n" + field_text(row, "via");
    return util::sha256_hex(identity).substr(0, 12);
}

Json make_review(ApiClient& client, const std::string& namespace_code,
                 const std::optional<std::string>& app, std::chrono::system_clock::time_point now) {
    People people(client, util::unix_seconds(now));
    std::vector<Json> apps;
    if (app) {
        apps.push_back(apps::find_app(client, {namespace_code, *app}));
    } else {
        const Json listed = apps::list_apps(client, namespace_code, std::nullopt);
        for (const Json& found : listed["apps"]) {
            apps.push_back(found);
        }
    }
    Json rows = Json::array();
    for (const Json& found : apps) {
        const AppOf of{namespace_code, field_text(found, "appId"), field_text(found, "name")};
        if (field_value(found, "assignmentRequired") == Json(false)) {
            Json everyone = make_row(of, "", "everyone", "", Json::object());
            everyone["name"] = "(every TechPass user: assignment not required)";
            rows.push_back(std::move(everyone));
            continue;
        }
        const Json assignments =
            client.paginate(assignments::assignments_path(namespace_code, of.id), {}, "assignments",
                            std::nullopt, 100);
        for (const Json& assignment : assignments["assignments"]) {
            if (field_text(assignment, "principalType") == "user") {
                const std::string email = field_text(assignment, "principalName");
                rows.push_back(make_row(of, email, "assigned", "", people.of(email)));
                continue;
            }
            const std::string group = field_text(assignment, "principalName");
            const Json members = groups::list_members(
                client, {namespace_code, field_text(assignment, "principalId")}, "", std::nullopt);
            std::set<std::string> visited = {field_text(assignment, "principalId")};
            for (const Json& member : members["members"]) {
                if (field_text(member, "type") == "user") {
                    const std::string email = field_text(member, "email");
                    rows.push_back(make_row(of, email, "group", group, people.of(email)));
                } else {
                    add_not_reached(client, of, field_text(member, "id"),
                                    group + " > " + field_text(member, "name"), visited, people,
                                    rows);
                }
            }
        }
    }
    return Json{{"namespace", namespace_code},
                {"generatedAt", util::rfc3339(now)},
                {"rows", std::move(rows)}};
}

std::string review_csv(const Json& review) {
    output::Table table;
    table.headers = review_fields();
    for (const Json& row : review["rows"]) {
        std::vector<std::string> cells;
        for (const auto& field : review_fields()) {
            cells.push_back(text_of(row, field.c_str()));
        }
        table.rows.push_back(std::move(cells));
    }
    return output::render_csv(table);
}

std::vector<ReviewLine> read_review(std::istream& in, const std::string& source) {
    bulk::CsvReader reader(in, source);
    bulk::CsvRecord record;
    if (!reader.next(record)) {
        throw Error(ErrorKind::Usage, source + ": empty: not an access review",
                    "make one: techpass access review --out review.csv");
    }
    std::map<std::string, std::size_t> columns;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        columns[std::string(util::trim(record.fields[i]))] = i;
    }
    for (const auto& field : review_fields()) {
        if (columns.count(field) == 0) {
            throw Error(ErrorKind::Usage,
                        fmt::format("{}:{}: no column '{}': not an access review", source,
                                    record.line, field),
                        "make one: techpass access review --out review.csv");
        }
    }
    std::vector<ReviewLine> lines;
    while (reader.next(record)) {
        Json row = Json::object();
        for (const auto& field : review_fields()) {
            const std::size_t at = columns.at(field);
            row[field] = at < record.fields.size() ? record.fields[at] : std::string();
        }
        lines.push_back({record.line, std::move(row)});
    }
    return lines;
}

ApplyPlan plan_apply(const std::vector<ReviewLine>& lines, const Json& live) {
    ApplyPlan plan;
    plan.namespace_code = field_text(live, "namespace");
    std::map<std::string, const Json*> live_rows;
    for (const Json& row : live["rows"]) {
        live_rows.emplace(key_of(row), &row);
    }
    // What this file's revocations remove, so that a re-apply sees rows
    // ended by its own revocations as done, not as changed since.
    std::set<std::string> revoked_targets;
    const auto target_of = [](const Json& row) {
        return field_text(row, "access") == "assigned"
                   ? "assignment|" + field_text(row, "appId") + "|" +
                         util::to_lower(field_text(row, "email"))
                   : "membership|" + field_text(row, "via") + "|" +
                         util::to_lower(field_text(row, "email"));
    };
    std::vector<std::pair<const ReviewLine*, std::string>> decided;
    for (const ReviewLine& line : lines) {
        const Json& row = line.row;
        const auto problem = [&](const std::string& what) {
            plan.problems.push_back(fmt::format("line {}: {}", line.line, what));
        };
        if (field_text(row, "check") != row_check(row)) {
            problem(fmt::format("{} on app {}: changed by hand (its check does not match what "
                                "the row says)",
                                field_text(row, "email"), field_text(row, "app")));
            continue;
        }
        if (field_text(row, "namespace") != plan.namespace_code) {
            problem(fmt::format("namespace {}, but the review is applied to {}",
                                field_text(row, "namespace"), plan.namespace_code));
            continue;
        }
        const std::string decision =
            util::to_lower(std::string(util::trim(field_text(row, "decision"))));
        if (decision != "" && decision != "keep" && decision != "revoke") {
            problem(fmt::format("decision '{}': write keep, revoke or nothing",
                                field_text(row, "decision")));
            continue;
        }
        const std::string access = field_text(row, "access");
        if (decision == "revoke" && access == "everyone") {
            problem(fmt::format("app {} lets every TechPass user in: that cannot be revoked row "
                                "by row (require assignment: techpass apps update {} "
                                "--assignment-required)",
                                field_text(row, "app"), field_text(row, "app")));
            continue;
        }
        if (decision == "revoke" && access == "not reached") {
            problem(fmt::format("{} is not let in to app {} (a member of nested group {}): there "
                                "is nothing to revoke",
                                field_text(row, "email"), field_text(row, "app"),
                                field_text(row, "via")));
            continue;
        }
        if (decision == "revoke") {
            revoked_targets.insert(target_of(row));
        }
        decided.emplace_back(&line, decision);
    }
    std::map<std::string, std::size_t> revocation_of; // target -> index in plan.revocations
    for (const auto& [line, decision] : decided) {
        const Json& row = line->row;
        const bool live_now = live_rows.count(key_of(row)) != 0;
        if (decision != "revoke") {
            if (!live_now && revoked_targets.count(target_of(row)) == 0 &&
                field_text(row, "access") != "not reached") {
                plan.problems.push_back(fmt::format(
                    "line {}: {} on app {} ({}{}) no longer matches the live access: "
                    "it changed since the review",
                    line->line, field_text(row, "email"), field_text(row, "app"),
                    field_text(row, "access"),
                    field_text(row, "via").empty() ? "" : " via " + field_text(row, "via")));
            } else {
                plan.kept.push_back(line->line);
            }
            continue;
        }
        if (!live_now) {
            plan.already_done.push_back(line->line);
            continue;
        }
        const std::string target = target_of(row);
        const auto existing = revocation_of.find(target);
        if (existing != revocation_of.end()) {
            plan.revocations[existing->second].lines.push_back(line->line);
            continue;
        }
        Revocation revocation;
        revocation.kind = field_text(row, "access") == "assigned" ? "assignment" : "membership";
        revocation.namespace_code = plan.namespace_code;
        revocation.app_id = field_text(row, "appId");
        revocation.app = field_text(row, "app");
        revocation.email = field_text(row, "email");
        revocation.group = revocation.kind == "membership" ? field_text(row, "via") : "";
        revocation.lines.push_back(line->line);
        if (revocation.kind == "membership") {
            for (const Json& other : live["rows"]) {
                if (field_text(other, "access") == "group" &&
                    field_text(other, "via") == revocation.group &&
                    util::to_lower(field_text(other, "email")) ==
                        util::to_lower(revocation.email) &&
                    field_text(other, "appId") != revocation.app_id) {
                    revocation.also_ends.push_back(field_text(other, "app"));
                }
            }
        }
        revocation_of.emplace(target, plan.revocations.size());
        plan.revocations.push_back(std::move(revocation));
    }
    return plan;
}

} // namespace techpass::api::review
