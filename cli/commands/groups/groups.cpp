// techpass groups list|get|create|update|delete (members: members.cpp)

#include "commands/groups/groups.hpp"

#include "commands/commands.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace techpass::cli {

namespace groups_cmd {
namespace {

using namespace api::groups;

void add_list(Application& app, CLI::App& noun) {
    auto flags = std::make_shared<ListFlags>();
    CommandDoc doc{
        "List the groups of a namespace",
        "Lists the groups of the namespace (-n, else the profile's), by name.\n\n"
        "A namespace holds at most 50 groups.",
        {{"the groups of the profile's namespace", "techpass groups list"},
         {"their global names, for a script", "techpass groups list -n SHIP -o name"},
         {"as JSON, filtered",
          "techpass groups list -o json --jq '.groups[] | select(.description == \"\")'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), group_resource()), [&app, flags] {
            Factory& factory = app.factory();
            const std::string code = checked_namespace(factory.namespace_code());
            factory.printer().print(list_groups(factory.client(), code, flags->max_items()),
                                    group_resource());
        });
    add_list_flags(command, *flags, "groups");
}

void add_get(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Show a group and its direct members",
        "Shows a group, named as NAME, NAMESPACE:NAME (its grn) or by id, with its direct members.",
        {{"", "techpass groups get ship:billing"},
         {"the emails of its users", "techpass groups get billing -o json --jq '.members[] | "
                                     "select(.type == \"user\") | .email'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), group_resource()), [&app, name] {
            Factory& factory = app.factory();
            output::Printer& printer = factory.printer();
            const api::Json group = get_group(factory.client(), parse_group_ref(factory, *name));
            printer.print(group, group_resource());
            // A person reading a table wants the members too; programs have them in the JSON.
            if (printer.options().human_table() && printer.options().fields.empty() &&
                group.contains("members") && !group["members"].empty()) {
                factory.terminal().out << "\n";
                printer.print(group["members"], member_resource());
            }
        });
    add_group_argument(app.tree(), command, *name);
}

struct CreateOptions {
    std::string name;
    std::string description;
};

void add_create(Application& app, CLI::App& noun) {
    auto options = std::make_shared<CreateOptions>();
    CommandDoc doc{
        "Create a group",
        "Creates a group in the namespace. The name is lower-case letters, digits and '-';\n"
        "by convention <project>-<group> for sub-tenancy. Its global name (grn) is\n"
        "<namespace>:<name>.\n\n"
        "A namespace holds at most 50 groups: techpass checks the count before sending and\n"
        "exits with status 6 when the namespace is full.",
        {{"", "techpass groups create billing --description 'Billing officers'"},
         {"in another namespace, by global name", "techpass groups create ship:portal-ops"},
         {"see what would be sent", "techpass groups create ship:billing --dry-run"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "create", with_fields(std::move(doc), group_resource()), [&app, options] {
            Factory& factory = app.factory();
            const GroupRef ref = parse_group_ref(factory, options->name);
            check_group_name(ref.identifier);
            const api::Json body{{"name", ref.identifier}, {"description", options->description}};
            if (dry_run(factory, {"POST", groups_path(ref.namespace_code), body})) {
                return;
            }
            const api::Json group = create_group(factory.client(), ref.namespace_code,
                                                 ref.identifier, options->description);
            print_object(factory, group, group_resource());
            note_done(factory, "Created group " + grn(ref.namespace_code, ref.identifier));
        });
    command.add_option("name", options->name, "The new group's name, or NAMESPACE:NAME")
        ->required();
    command.add_option("-d,--description", options->description, "What the group is for")
        ->type_name("TEXT");
}

struct UpdateOptions {
    std::string group;
    std::optional<std::string> name;
    std::optional<std::string> description;
};

void add_update(Application& app, CLI::App& noun) {
    auto options = std::make_shared<UpdateOptions>();
    CommandDoc doc{
        "Rename a group or change its description",
        "Changes a group's name (its grn changes with it) and/or its description.",
        {{"", "techpass groups update ship:billing --description 'Billing and refunds officers'"},
         {"rename", "techpass groups update billing --name finance-billing"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "update", with_fields(std::move(doc), group_resource()), [&app, options] {
            Factory& factory = app.factory();
            const GroupRef ref = parse_group_ref(factory, options->group);
            if (!options->name && !options->description) {
                throw Error(ErrorKind::Usage, "nothing to change", "pass --name or --description");
            }
            if (options->name) {
                check_group_name(*options->name);
            }
            const GroupChanges changes{options->name, options->description};
            if (dry_run(factory, {"PATCH", group_path(ref), changes.body()})) {
                return;
            }
            print_object(factory, update_group(factory.client(), ref, changes), group_resource());
            note_done(factory, "Updated group " + ref.display());
        });
    add_group_argument(app.tree(), command, options->group);
    command.add_option("--name", options->name, "New name")->type_name("NAME");
    command.add_option("-d,--description", options->description, "New description ('' clears it)")
        ->type_name("TEXT");
}

void add_delete(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Delete a group",
        "Deletes a group, its memberships (also as a member of other groups) and its app\n"
        "assignments. Asks first on a terminal; elsewhere --yes is required.",
        {{"", "techpass groups delete ship:billing"},
         {"in a script", "techpass groups delete ship:billing --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "delete", std::move(doc), [&app, name] {
        Factory& factory = app.factory();
        const GroupRef ref = parse_group_ref(factory, *name);
        if (dry_run(factory, {"DELETE", group_path(ref), nullptr})) {
            return;
        }
        confirm_change(factory, "delete",
                       "Delete group " + ref.display() + " and its memberships?");
        delete_group(factory.client(), ref);
        note_done(factory, "Deleted group " + ref.display());
    });
    add_group_argument(app.tree(), command, *name);
}

} // namespace
} // namespace groups_cmd

void register_groups(Application& app) {
    using namespace groups_cmd;
    CommandDoc doc{
        "Manage the groups of a namespace and their members",
        "Groups collect users (and other groups) of a tenant namespace, e.g. to assign them\n"
        "to an application. A group is named NAME within its namespace, or globally\n"
        "NAMESPACE:NAME (its grn, e.g. ship:billing); a namespace holds at most 50 groups.",
        {{"", "techpass groups list"},
         {"", "techpass groups create ship:billing -d 'Billing officers'"},
         {"", "techpass groups members add ship:billing ahmad@acme.com.sg"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "groups", std::move(doc));
    add_list(app, noun);
    add_get(app, noun);
    add_create(app, noun);
    add_update(app, noun);
    add_delete(app, noun);
    register_group_members(app, noun);
}

} // namespace techpass::cli
