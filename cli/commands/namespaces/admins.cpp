// techpass namespaces admins list|add|remove

#include "commands/namespaces/namespaces.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/namespaces.hpp"
#include "techpass/http/url.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace techpass::cli {

namespace namespaces_admins_cmd {
namespace {

using namespace api::namespaces;

struct ListOptions {
    ListFlags flags;
    std::string code;
};

struct AdminOptions {
    std::string user;
    std::string code;
};

void add_list(Application& app, CLI::App& noun) {
    auto options = std::make_shared<ListOptions>();
    CommandDoc doc{"List the tenant admins of a namespace",
                   "Lists the tenant admins of a namespace (the argument, else -n, else the "
                   "profile's),\nin the order they were added.",
                   {{"", "techpass namespaces admins list"},
                    {"their emails", "techpass namespaces admins list SHIP -o name"}},
                   {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), admin_resource()), [&app, options] {
            Factory& factory = app.factory();
            const std::string code = target_namespace(factory, options->code);
            factory.printer().print(list_admins(factory.client(), code, options->flags.max_items()),
                                    admin_resource());
        });
    add_namespace_argument(app.tree(), command, options->code);
    add_list_flags(command, options->flags, "admins");
}

void add_add(Application& app, CLI::App& noun) {
    auto options = std::make_shared<AdminOptions>();
    CommandDoc doc{
        "Make a public officer a tenant admin",
        "Makes an active public officer (by email or user id) a co-admin of the namespace.\n"
        "Someone who is already an admin is a conflict (exit 6).",
        {{"", "techpass namespaces admins add mei.lim@tech.gov.sg"},
         {"of another namespace", "techpass namespaces admins add mei.lim@tech.gov.sg SHIP"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "add", with_fields(std::move(doc), admin_resource()), [&app, options] {
            Factory& factory = app.factory();
            const std::string& user = options->user;
            const std::string code = target_namespace(factory, options->code);
            if (dry_run(factory, {"POST", admins_path(code), {{"user", user}}})) {
                return;
            }
            print_object(factory, add_admin(factory.client(), code, user), admin_resource());
            note_done(factory, "Made " + user + " an admin of " + code);
        });
    command.add_option("user", options->user, "Email or user id of an active public officer")
        ->required();
    add_namespace_argument(app.tree(), command, options->code);
}

void add_remove(Application& app, CLI::App& noun) {
    auto options = std::make_shared<AdminOptions>();
    CommandDoc doc{
        "Remove a tenant admin",
        "Removes a co-admin (admins may remove themselves). The last admin of a namespace\n"
        "cannot be removed (exit 6). Asks first on a terminal; elsewhere --yes is required.",
        {{"", "techpass namespaces admins remove mei.lim@tech.gov.sg"},
         {"in a script", "techpass namespaces admins remove mei.lim@tech.gov.sg SHIP --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "remove", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        const std::string& user = options->user;
        const std::string code = target_namespace(factory, options->code);
        if (dry_run(factory, {"DELETE", admins_path(code) + "/" + http::path_segment(user, "user"),
                              nullptr})) {
            return;
        }
        confirm_change(factory, "remove", "Remove " + user + " as an admin of " + code + "?");
        remove_admin(factory.client(), code, user);
        note_done(factory, "Removed " + user + " as an admin of " + code);
    });
    command.add_option("user", options->user, "Email or user id of the admin")->required();
    add_namespace_argument(app.tree(), command, options->code);
}

} // namespace
} // namespace namespaces_admins_cmd

void register_namespace_admins(Application& app, CLI::App& namespaces) {
    using namespace namespaces_admins_cmd;
    CommandDoc doc{"Manage the tenant admins of a namespace",
                   "",
                   {{"", "techpass namespaces admins list"},
                    {"", "techpass namespaces admins add mei.lim@tech.gov.sg"},
                    {"", "techpass namespaces admins remove mei.lim@tech.gov.sg --yes"}},
                   {}};
    CLI::App& noun = app.tree().add_group(namespaces, "admins", std::move(doc));
    add_list(app, noun);
    add_add(app, noun);
    add_remove(app, noun);
}

} // namespace techpass::cli
