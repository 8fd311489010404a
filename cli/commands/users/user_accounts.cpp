// techpass users list|get|disable|enable|delete

#include "commands/shared/verb.hpp"
#include "commands/users/users.hpp"
#include "techpass/api/users.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace techpass::cli {

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

void register_user_accounts(Application& app, CLI::App& noun) {
    add_list(app, noun);
    add_get(app, noun);
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
