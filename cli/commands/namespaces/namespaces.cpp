// techpass namespaces list|get|update (admins: admins.cpp)

#include "commands/namespaces/namespaces.hpp"

#include "commands/commands.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/namespaces.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace techpass::cli {

namespace namespaces_cmd {
namespace {

using namespace api::namespaces;

void add_list(Application& app, CLI::App& noun) {
    auto flags = std::make_shared<ListFlags>();
    CommandDoc doc{
        "List the namespaces you administer",
        "Lists the tenant namespaces the signed-in identity administers (an automation app:\n"
        "its own namespace).",
        {{"", "techpass namespaces list"},
         {"their codes only", "techpass namespaces list -o name"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), namespace_resource()), [&app, flags] {
            Factory& factory = app.factory();
            factory.printer().print(list_namespaces(factory.client(), flags->max_items()),
                                    namespace_resource());
        });
    add_list_flags(command, *flags, "namespaces");
}

void add_get(Application& app, CLI::App& noun) {
    auto code = std::make_shared<std::string>();
    CommandDoc doc{
        "Show a namespace and its admins",
        "Shows a namespace (the argument, else -n, else the profile's) with its tenant admins.",
        {{"", "techpass namespaces get"},
         {"another namespace", "techpass namespaces get SHIP"},
         {"its admins' emails", "techpass namespaces get SHIP --jq '.admins[].email'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), namespace_resource()), [&app, code] {
            Factory& factory = app.factory();
            const std::string target = target_namespace(factory, *code);
            print_object(factory, get_namespace(factory.client(), target), namespace_resource());
        });
    add_namespace_argument(app.tree(), command, *code);
}

void add_update(Application& app, CLI::App& noun) {
    struct Options {
        std::string code;
        std::optional<std::string> display_name;
        std::optional<std::string> description;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{
        "Change a namespace's display name or description",
        "Only a namespace's admins (and its automation apps) may change it.",
        {{"", "techpass namespaces update --description 'Ship Registry and back office'"},
         {"", "techpass namespaces update SHIP --display-name 'Ship Registry'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "update", with_fields(std::move(doc), namespace_resource()), [&app, options] {
            Factory& factory = app.factory();
            const std::string target = target_namespace(factory, options->code);
            const NamespaceChanges changes{options->display_name, options->description};
            if (!changes.display_name && !changes.description) {
                throw Error(ErrorKind::Usage, "nothing to change",
                            "pass --display-name or --description");
            }
            if (dry_run(factory, {"PATCH", namespace_path(target), changes.body()})) {
                return;
            }
            print_object(factory, update_namespace(factory.client(), target, changes),
                         namespace_resource());
            note_done(factory, "Updated namespace " + target);
        });
    add_namespace_argument(app.tree(), command, options->code);
    command.add_option("--display-name", options->display_name, "New display name")
        ->type_name("TEXT");
    command.add_option("-d,--description", options->description, "New description ('' clears it)")
        ->type_name("TEXT");
}

} // namespace
} // namespace namespaces_cmd

void register_namespaces(Application& app) {
    using namespace namespaces_cmd;
    CommandDoc doc{
        "Manage tenant namespaces and their admins",
        "A tenant namespace (a code such as SHIP) holds a tenant's apps, groups, API keys and\n"
        "webhooks. Only its tenant admins, and its own automation apps, may see or change it.",
        {{"", "techpass namespaces list"},
         {"", "techpass namespaces get SHIP"},
         {"", "techpass namespaces admins add mei.lim@tech.gov.sg"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "namespaces", std::move(doc));
    add_list(app, noun);
    add_get(app, noun);
    add_update(app, noun);
    register_namespace_admins(app, noun);
}

} // namespace techpass::cli
