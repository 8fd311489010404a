// techpass access review | apply: the quarterly access review of a
// namespace's apps as a file to share with the service owner, and its
// "revoke" decisions carried out. The review and the plan are in
// lib/techpass/api/review; these verbs read flags, ask and show.

#include "commands/commands.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/assignments.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/api/review.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/output/resource.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>

namespace techpass::cli {

namespace access_cmd {
namespace {

using api::Json;
namespace review = api::review;

struct ReviewOptions {
    std::string app;
    std::string out;
};

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Writes the review to path: JSON when it ends in .json, CSV otherwise.
void write_review(const Json& found, const std::string& path) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) {
        throw Error(ErrorKind::Usage, fmt::format("--out {}: cannot write it", path),
                    "choose a file in a directory you can write to");
    }
    file << (ends_with(path, ".json") ? found.dump(2) + "\n" : review::review_csv(found));
    if (!file.flush()) {
        throw Error(ErrorKind::Usage, fmt::format("--out {}: cannot write it", path));
    }
}

void add_review(Application& app, CLI::App& noun) {
    auto options = std::make_shared<ReviewOptions>();
    CommandDoc doc{
        "List who can sign in to each app of a namespace, for the quarterly review",
        "For every app of the namespace (or --app APP), every person who can sign in: assigned\n"
        "directly (access 'assigned') or as a direct member of an assigned group ('group',\n"
        "via the group), with their account type, status, last sign-in and the days until\n"
        "the lifecycle rules disable (90 days without a sign-in) and terminate (180) the\n"
        "account. Members of groups nested in an assigned group are listed as 'not\n"
        "reached': the platform does not let them in. An app that does not require\n"
        "assignment lets every TechPass user in: it has one row 'everyone'.\n"
        "\n"
        "Each row ends with an empty decision column and a check. Share the file (-o csv,\n"
        "or --out FILE: CSV, or JSON when FILE ends in .json) with the service owner, who\n"
        "writes keep or revoke; then techpass access apply FILE removes the revoked access.",
        {{"", "techpass access review"},
         {"a file for the service owner", "techpass access review -n SHIP --out review.csv"},
         {"one app", "techpass access review --app ship-portal -o csv > portal-review.csv"},
         {"who has not signed in for 60 days",
          "techpass access review -o json --jq '.rows[] | select(.disableInDays != \"\" and "
          ".disableInDays < 30) | .email'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "review", with_fields(std::move(doc), review::review_resource()), [&app, options] {
            Factory& factory = app.factory();
            const std::string code = api::checked_namespace(factory.namespace_code());
            const Json found = review::make_review(
                factory.client(), code,
                options->app.empty() ? std::nullopt : std::optional<std::string>(options->app),
                factory.clock().now());
            if (!options->out.empty()) {
                write_review(found, options->out);
                factory.terminal().err << fmt::format(
                    "Wrote {} row{} of namespace {} to {}: fill in the decision column (keep or "
                    "revoke), then run: techpass access apply {}\n",
                    found["rows"].size(), found["rows"].size() == 1 ? "" : "s", code, options->out,
                    options->out);
                return;
            }
            if (factory.printer().options().format == output::Format::Csv &&
                factory.printer().options().fields.empty()) {
                factory.terminal().out << review::review_csv(found);
                return;
            }
            factory.printer().print(found, review::review_resource());
        });
    auto* only_app =
        command.add_option("--app", options->app, "Only this app (its name or app id)")
            ->type_name("APP");
    app.tree().set_values_command(*only_app, k_app_names);
    command.add_option("--out", options->out, "Write the review to FILE (CSV, or JSON for .json)")
        ->type_name("FILE");
}

std::string lines_text(const std::vector<std::size_t>& lines) {
    std::string text;
    for (const std::size_t line : lines) {
        text += (text.empty() ? "" : ", ") + std::to_string(line);
    }
    return (lines.size() == 1 ? "line " : "lines ") + text;
}

std::string describe(const review::Revocation& revocation) {
    if (revocation.kind == "assignment") {
        return fmt::format("remove {}'s assignment to app {}", revocation.email, revocation.app);
    }
    std::string text = fmt::format("remove {} from group {} (their access to app {}",
                                   revocation.email, revocation.group, revocation.app);
    for (const auto& other : revocation.also_ends) {
        text += ", and to app " + other;
    }
    return text + ")";
}

void add_apply(Application& app, CLI::App& noun) {
    auto file = std::make_shared<std::string>();
    CommandDoc doc{
        "Carry out the revoke decisions of an access review",
        "Reads a review made by techpass access review (CSV) whose decision column says keep\n"
        "or revoke (empty: keep), checks it against the namespace's access now, shows what\n"
        "it will remove, asks on a terminal (--yes elsewhere), and removes each revoked\n"
        "access: a user's assignment, or their membership of the group that granted it\n"
        "(which also ends what that group grants them elsewhere: the plan says so).\n"
        "\n"
        "A review is refused as a whole, before anything changes, when a row was changed by\n"
        "hand (its check no longer matches), when a kept row's access changed since the\n"
        "review, or when a decision is not keep or revoke; the rows are named. Revoked\n"
        "access that is gone already is reported as such, so applying the same review again\n"
        "changes nothing. --dry-run stops after the plan. -o json lists every line of the\n"
        "review with its outcome (revoked, already revoked, failed or kept). Exit status 7\n"
        "when a removal failed.",
        {{"", "techpass access apply review.csv"},
         {"what it would remove", "techpass access apply review.csv --dry-run"},
         {"in a pipeline", "techpass access apply review.csv --yes -o json"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "apply", std::move(doc), [&app, file] {
        Factory& factory = app.factory();
        std::ifstream in(*file, std::ios::binary);
        if (!in) {
            throw Error(ErrorKind::Usage, fmt::format("{}: cannot read it", *file),
                        "make a review first: techpass access review --out review.csv");
        }
        const auto lines = review::read_review(in, *file);
        if (lines.empty()) {
            throw Error(ErrorKind::Usage, fmt::format("{}: the review has no rows", *file));
        }
        const std::string code =
            api::checked_namespace(api::Json(lines.front().row)["namespace"].get<std::string>());
        if (!factory.globals().namespace_code.empty() &&
            api::checked_namespace(factory.globals().namespace_code) != code) {
            throw Error(ErrorKind::Usage,
                        fmt::format("{} is a review of namespace {}, not {}", *file, code,
                                    factory.globals().namespace_code),
                        "drop -n, or apply the review of that namespace");
        }
        const Json live =
            review::make_review(factory.client(), code, std::nullopt, factory.clock().now());
        const review::ApplyPlan plan = review::plan_apply(lines, live);
        std::ostream& err = factory.terminal().err;
        if (!plan.problems.empty()) {
            for (const auto& problem : plan.problems) {
                err << *file << ": " << problem << "\n";
            }
            throw Error(ErrorKind::Usage,
                        fmt::format("{}: {} row{} cannot be applied as {}; nothing was "
                                    "applied",
                                    *file, plan.problems.size(),
                                    plan.problems.size() == 1 ? "" : "s",
                                    plan.problems.size() == 1 ? "it is" : "they are"),
                        "review again (techpass access review --out FILE) and carry the "
                        "decisions over");
        }
        err << fmt::format("Access review of namespace {} ({}): {} to revoke, {} kept, {} "
                           "already revoked.\n",
                           code, *file, plan.revocations.size(), plan.kept.size(),
                           plan.already_done.size());
        for (const auto& revocation : plan.revocations) {
            err << "  - " << describe(revocation) << " (" << lines_text(revocation.lines) << ")\n";
        }
        // One row per line of the review, in its order: -o json accounts for
        // every line, kept ones included.
        std::map<std::size_t, Json> rows;
        std::map<std::size_t, const Json*> line_rows;
        for (const auto& line : lines) {
            line_rows.emplace(line.line, &line.row);
        }
        const auto report =
            [&rows, &line_rows](const std::vector<std::size_t>& numbers, const std::string& outcome,
                                const std::string& removed, const std::string& error) {
                for (const std::size_t number : numbers) {
                    Json row = {{"line", number}, {"outcome", outcome}};
                    if (const auto found = line_rows.find(number); found != line_rows.end()) {
                        for (const char* field : {"email", "app", "access", "via", "decision"}) {
                            row[field] = output::field_text(*found->second, field);
                        }
                    }
                    if (!removed.empty()) {
                        row["removed"] = removed;
                    }
                    if (!error.empty()) {
                        row["error"] = error;
                    }
                    rows[number] = std::move(row);
                }
            };
        const auto removed = [](const review::Revocation& revocation) {
            return revocation.kind == "assignment" ? std::string("assignment")
                                                   : "membership of group " + revocation.group;
        };
        const auto print_rows = [&factory, &rows, &code] {
            if (factory.printer().options().human_table()) {
                return;
            }
            Json list = Json::array();
            for (auto& [number, row] : rows) {
                list.push_back(std::move(row));
            }
            factory.printer().print_document(Json{{"namespace", code}, {"rows", std::move(list)}});
        };
        report(plan.kept, "kept", "", "");
        report(plan.already_done, "already revoked", "", "");
        if (plan.revocations.empty() || factory.globals().dry_run) {
            if (factory.globals().dry_run && !plan.revocations.empty()) {
                err << "Nothing was changed (--dry-run).\n";
            }
            print_rows();
            return;
        }
        confirm_change(factory, "apply",
                       fmt::format("Revoke {} access{} in namespace {}?", plan.revocations.size(),
                                   plan.revocations.size() == 1 ? "" : "es", code));
        std::size_t failed = 0;
        std::size_t gone = 0;
        // Each app's user assignments and each group's user members are
        // listed once, not once per removal (many rows revoke from one app
        // or group; at the portal's pace each listing costs seconds).
        std::map<std::string, Json> listed;
        const auto listing = [&listed](const std::string& key, const auto& fetch) -> const Json& {
            auto at = listed.find(key);
            if (at == listed.end()) {
                at = listed.emplace(key, fetch()).first;
            }
            return at->second;
        };
        for (const auto& revocation : plan.revocations) {
            try {
                const api::groups::MemberSpec user{"user", revocation.email};
                if (revocation.kind == "assignment") {
                    api::assignments::remove_assignment(
                        factory.client(), code, revocation.app_id, user,
                        &listing("app " + revocation.app_id, [&] {
                            return api::assignments::list_assignments_of(factory.client(), code,
                                                                         revocation.app_id, "user");
                        }));
                } else {
                    const api::GroupRef group{code, revocation.group};
                    api::groups::remove_member(
                        factory.client(), group, user, &listing("group " + revocation.group, [&] {
                            return api::groups::list_members(factory.client(), group, "user",
                                                             std::nullopt);
                        }));
                }
                report(revocation.lines, "revoked", removed(revocation), "");
                err << "Revoked: " << describe(revocation) << "\n";
            } catch (const Error& error) {
                if (error.kind() == ErrorKind::Interrupted) {
                    throw;
                }
                if (error.kind() == ErrorKind::NotFound) {
                    // Gone since the plan was made (or removed by a first
                    // attempt whose answer was lost): the access has ended.
                    ++gone;
                    report(revocation.lines, "already revoked", removed(revocation), "");
                    err << "Already gone: " << describe(revocation) << "\n";
                    continue;
                }
                ++failed;
                report(revocation.lines, "failed", removed(revocation), error.what());
                err << "Failed: " << describe(revocation) << ": " << error.what() << "\n";
            }
        }
        print_rows();
        err << fmt::format("Applied {}: {} revoked, {} failed, {} already revoked, {} kept.\n",
                           *file, plan.revocations.size() - failed - gone, failed,
                           plan.already_done.size() + gone, plan.kept.size());
        if (failed != 0) {
            throw Error(ErrorKind::Partial,
                        fmt::format("{} revocation{} failed", failed, failed == 1 ? "" : "s"),
                        "fix the cause, then apply the same review again: what was revoked is "
                        "not revoked twice");
        }
    });
    command.add_option("review", *file, "The review file (CSV) with its decisions")
        ->required()
        ->type_name("FILE");
    app.tree().set_takes_path(*command.get_option("review"));
}

} // namespace
} // namespace access_cmd

void register_access(Application& app) {
    using namespace access_cmd;
    CommandDoc doc{
        "Review who can sign in to a namespace's apps, and revoke what is no longer needed",
        "The quarterly access review: techpass access review lists, for every app, every\n"
        "person who can sign in and how, as a file for the service owner; techpass access\n"
        "apply carries out the revoke decisions written into it.",
        {{"", "techpass access review --out review.csv"}, {"", "techpass access apply review.csv"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "access", std::move(doc));
    add_review(app, noun);
    add_apply(app, noun);
}

} // namespace techpass::cli
