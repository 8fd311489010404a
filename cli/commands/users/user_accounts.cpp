// techpass users list|get|disable|enable|delete

#include "commands/shared/verb.hpp"
#include "commands/users/users.hpp"
#include "techpass/api/forecast.hpp"
#include "techpass/api/users.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <optional>
#include <set>

namespace techpass::cli {

namespace users_user_accounts_cmd {
namespace {

using namespace api::users;

void add_list(Application& app, CLI::App& noun) {
    struct Options {
        UserFilter filter;
        ListFlags list;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{
        "List user accounts",
        "Lists TechPass accounts, newest first. Filters combine: --status, --type, --search\n"
        "(part of an email, username or name) and --inactive-days N (no sign-in for N days;\n"
        "never signed in: counted from the account's creation). Lifecycle rules: no sign-in\n"
        "for 90 days disables an account, 180 days terminates it; a pending account never\n"
        "signed in is terminated on day 30.",
        {{"", "techpass users list"},
         {"pending vendors", "techpass users list --status pending --type vendor"},
         {"who is close to being disabled",
          "techpass users list --status active --inactive-days 60"},
         {"emails only", "techpass users list --search acme -o name"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), user_resource()), [&app, options] {
            Factory& factory = app.factory();
            factory.printer().print(
                list_users(factory.client(), options->filter, options->list.max_items()),
                user_resource());
        });
    const std::vector<std::string> statuses{"pending", "active", "disabled", "terminated"};
    auto* status =
        command.add_option("--status", options->filter.status, "Only accounts in this state")
            ->type_name("STATUS")
            ->check(CLI::Validator(CLI::IsMember(statuses)).description(""));
    app.tree().set_choices(*status, statuses);
    const std::vector<std::string> types{"public_officer", "vendor", "temp", "product", "other"};
    auto* type =
        command.add_option("--type", options->filter.account_type, "Only accounts of this type")
            ->type_name("TYPE")
            ->check(CLI::Validator(CLI::IsMember(types)).description(""));
    app.tree().set_choices(*type, types);
    command
        .add_option("--search", options->filter.search,
                    "Part of an email, username, first, last or display name")
        ->type_name("TEXT");
    command
        .add_option("--inactive-days", options->filter.inactive_days,
                    "Only accounts without a sign-in for at least N days")
        ->type_name("N")
        ->check(CLI::Validator(CLI::Range(1, 3650)).description(""));
    add_list_flags(command, options->list, "users");
}

void add_get(Application& app, CLI::App& noun) {
    struct Options {
        std::string user;
        bool seed = false;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{
        "Show a user account",
        "Shows one account, named by id (preferred: it survives email changes), email or\n"
        "username, with its last sign-in times; --seed adds its SEED status and devices.",
        {{"", "techpass users get jane.tan@tech.gov.sg"},
         {"with SEED", "techpass users get ahmad_ismail@techpass.gov.sg --seed"},
         {"when they last signed in",
          "techpass users get jane.tan@tech.gov.sg --jq .lastSignInAt"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), user_resource()), [&app, options] {
            Factory& factory = app.factory();
            print_object(factory, get_user(factory.client(), options->user, options->seed),
                         user_detail_resource());
        });
    command.add_option("user", options->user, "The user: id, email or username")->required();
    command.add_flag("--seed", options->seed, "Add SEED status and devices (slower)");
}

// The question with "{}" replaced by the user.
std::string fmt_question(std::string question, const std::string& user) {
    const auto at = question.find("{}");
    return at == std::string::npos ? question : question.replace(at, 2, user);
}

// disable, enable: a POST that answers the account.
void add_change(Application& app, CLI::App& noun, const std::string& verb, CommandDoc doc,
                const std::string& question, const std::string& done) {
    auto user = std::make_shared<std::string>();
    CLI::App& command = app.tree().add_command(
        noun, verb, with_fields(std::move(doc), user_resource()),
        [&app, user, verb, question, done] {
            Factory& factory = app.factory();
            if (dry_run(factory, {"POST", user_path(*user) + "/" + verb, api::Json::object()})) {
                return;
            }
            if (!question.empty()) {
                confirm_change(factory, verb, fmt_question(question, *user));
            }
            print_object(factory, change_user(factory.client(), *user, verb),
                         user_detail_resource());
            note_done(factory, done + " " + *user);
        });
    command.add_option("user", *user, "The user: id, email or username")->required();
}

void add_delete(Application& app, CLI::App& noun) {
    auto user = std::make_shared<std::string>();
    CommandDoc doc{
        "Delete a user account",
        "Deletes an account you sponsor (you registered or invited it, or your namespace did):\n"
        "it is removed from groups, app assignments and admin lists, and its email, username\n"
        "and mobile number become free. Asks first on a terminal; elsewhere --yes is\n"
        "required. A tenant admin cannot be deleted (exit status 6).",
        {{"", "techpass users delete ahmad@acme.com.sg"},
         {"in a script", "techpass users delete ahmad@acme.com.sg --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "delete", std::move(doc), [&app, user] {
        Factory& factory = app.factory();
        if (dry_run(factory, {"DELETE", user_path(*user), nullptr})) {
            return;
        }
        confirm_change(factory, "delete",
                       "Delete the account of " + *user + "? This cannot be undone");
        delete_user(factory.client(), *user);
        note_done(factory, "Deleted the account of " + *user);
    });
    command.add_option("user", *user, "The user: id, email or username")->required();
}

} // namespace
} // namespace users_user_accounts_cmd

void add_forecast(Application& app, CLI::App& noun) {
    struct Options {
        int days = 30;
        bool in_namespace = false;
        std::string as_of;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{
        "Show the accounts the lifecycle rules will disable, terminate or delete soon",
        "Lists every account that the daily lifecycle rules will disable, terminate or delete\n"
        "within --days N days (default 30) if it does not sign in: when (the first daily run\n"
        "that can), and why (never signed in since its creation, or no sign-in since a\n"
        "date). The rules: never signed in, terminated on day 30 and deleted 5 days later;\n"
        "signed in before, disabled after 90 days without a sign-in and terminated after\n"
        "180; an account whose status changed in the last 5 days is left alone; product\n"
        "accounts are exempt. Accounts under investigation are exempt too, but the API does\n"
        "not say which they are.\n"
        "\n"
        "With -n NS (or --namespace-only, the profile's namespace), only the people of a\n"
        "namespace: its admins, the members of its groups and the users assigned to its\n"
        "apps. The exit status is 0 when nobody is affected and 10 when someone is, so a\n"
        "scheduled pipeline can notify.",
        {{"", "techpass users forecast"},
         {"what the week after the holidays brings",
          "techpass users forecast --as-of 2027-01-04T00:00:00+08:00 --days 7"},
         {"the next week, for the people of one namespace",
          "techpass users forecast --days 7 -n SHIP"},
         {"in a scheduled pipeline", "techpass users forecast -o json > forecast.json || "
                                     "notify-admins forecast.json"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "forecast", with_fields(std::move(doc), api::forecast::forecast_resource()),
        [&app, options] {
            Factory& factory = app.factory();
            std::optional<std::set<std::string>> people;
            if (options->in_namespace || !factory.globals().namespace_code.empty()) {
                people = api::forecast::people_of(factory.client(), factory.namespace_code());
            }
            auto now = factory.clock().now();
            if (!options->as_of.empty()) {
                const auto parsed = util::parse_rfc3339(options->as_of);
                if (!parsed) {
                    throw Error(ErrorKind::Usage,
                                fmt::format("--as-of {}: not an RFC 3339 time",
                                            util::quoted(options->as_of)),
                                "e.g. --as-of 2027-01-04T00:00:00+08:00");
                }
                now = *parsed;
            }
            const api::Json found =
                api::forecast::forecast(factory.client(), options->days, now, people);
            factory.printer().print(found, api::forecast::forecast_resource());
            if (!found["changes"].empty()) {
                throw Error(ErrorKind::PlanChanges, "accounts are affected");
            }
        });
    command.add_option("--days", options->days, "How far ahead to look, in days (default 30)")
        ->type_name("N")
        ->check(CLI::Validator(CLI::Range(1, 3650)).description(""));
    command
        .add_option("--as-of", options->as_of,
                    "Forecast from TIME (RFC 3339) instead of now, e.g. after a holiday")
        ->type_name("TIME");
    command.add_flag("--namespace-only", options->in_namespace,
                     "Only the people of the run's namespace (as -n NS)");
}

void register_user_accounts(Application& app, CLI::App& noun) {
    using namespace users_user_accounts_cmd;
    add_list(app, noun);
    add_get(app, noun);
    add_forecast(app, noun);
    add_change(app, noun, "disable",
               {"Disable a user account",
                "Disables a pending or active account you sponsor: sign-in stops at once. Asks\n"
                "first on a terminal; elsewhere --yes is required. Re-enable it with\n"
                "techpass users enable.",
                {{"", "techpass users disable ahmad@acme.com.sg"},
                 {"in a script", "techpass users disable ahmad@acme.com.sg --yes"}},
                {}},
               "Disable the account of {}? They can no longer sign in", "Disabled");
    add_change(app, noun, "enable",
               {"Re-enable a disabled user account",
                "Moves a disabled account back to active (an admin action). A terminated\n"
                "account cannot be enabled (exit status 6).",
                {{"", "techpass users enable ahmad@acme.com.sg"}},
                {}},
               "", "Enabled");
    add_delete(app, noun);
}

} // namespace techpass::cli
