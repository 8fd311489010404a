// techpass apps assignments list|add|remove

#include "techpass/api/assignments.hpp"

#include "commands/apps/apps.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/principals.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace techpass::cli {

namespace apps_assignments_cmd {
namespace {

using namespace api::assignments;
using api::groups::MemberSpec;

constexpr const char* k_nested_note =
    "Assigning a group lets its direct members sign in, not the members of groups nested\n"
    "in it: assign those groups too.";

struct AssignArgs {
    std::string app;
    PrincipalArgs principals;
};

void add_assign_flags(CommandTree& tree, CLI::App& command, AssignArgs& args,
                      const std::string& verb) {
    add_app_argument(tree, command, args.app);
    add_principal_flags(tree, command, args.principals, verb);
}

void add_list(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "List who is assigned to an app, and who can sign in through each assignment",
        std::string("Lists an app's assignments, oldest first, with who can sign in through\n"
                    "each: the user, or a group's direct user members (signsIn in -o json). A\n"
                    "group's nested groups are listed as notReached.\n\n") +
            k_nested_note,
        {{"", "techpass apps assignments list ship-portal"},
         {"every email that can sign in",
          "techpass apps assignments list ship-portal --jq '[.assignments[].signsIn[]] | unique "
          "| .[]'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), assignment_resource()), [&app, name] {
            Factory& factory = app.factory();
            const NamedApp found = resolve_app(factory, *name);
            factory.printer().print(
                list_assignments(factory.client(), found.namespace_code, found.id),
                assignment_resource());
            const api::Json required = output::field_value(found.object, "assignmentRequired");
            if (factory.terminal().err_tty && required.is_boolean() && !required.get<bool>()) {
                factory.terminal().err
                    << fmt::format("Note: app {} does not require assignment: every TechPass "
                                   "user can sign in.\n",
                                   found.name);
            }
        });
    add_app_argument(app.tree(), command, *name);
}

void add_add(Application& app, CLI::App& noun) {
    auto args = std::make_shared<AssignArgs>();
    CommandDoc doc{
        "Assign users or groups to an app",
        std::string("Assigns each user (by email, or --user ID) and each group of the namespace\n"
                    "(by name, or --group ID) in turn; assigning one twice is a conflict (exit\n"
                    "6). Assignments matter when the app requires assignment.\n\n") +
            k_nested_note,
        {{"", "techpass apps assignments add ship-portal ship:billing"},
         {"a user and a group",
          "techpass apps assignments add ship-portal mei.lim@tech.gov.sg ship:portal-ops"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "add", with_fields(std::move(doc), assignment_resource()), [&app, args] {
            Factory& factory = app.factory();
            const std::string code = api::checked_namespace(factory.namespace_code());
            const auto specs = args->principals.specs(code);
            const NamedApp found = resolve_app(factory, args->app);
            api::Json added = api::Json::array();
            for (const MemberSpec& spec : specs) {
                if (dry_run(factory, {"POST",
                                      assignments_path(found.namespace_code, found.id),
                                      {{"principalType", spec.type}, {"principalId", spec.id}}})) {
                    continue;
                }
                added.push_back(
                    add_assignment(factory.client(), found.namespace_code, found.id, spec));
                note_done(factory, fmt::format("Assigned {} to app {}{}",
                                               spec.display(found.namespace_code), found.name,
                                               spec.type == "group"
                                                   ? " (its direct members, not nested groups)"
                                                   : ""));
            }
            if (!added.empty()) {
                factory.printer().print(api::Json{{"assignments", added}}, assignment_resource());
            }
        });
    add_assign_flags(app.tree(), command, *args, "assign");
}

void add_remove(Application& app, CLI::App& noun) {
    auto args = std::make_shared<AssignArgs>();
    CommandDoc doc{
        "Remove users or groups from an app's assignments",
        "Removes assignments, named as for add (a user by email or id, a group by name or\n"
        "id). Asks first on a terminal; elsewhere --yes is required.",
        {{"", "techpass apps assignments remove ship-portal ship:billing"},
         {"in a script", "techpass apps assignments remove ship-portal mei.lim@tech.gov.sg --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "remove", std::move(doc), [&app, args] {
        Factory& factory = app.factory();
        const std::string code = api::checked_namespace(factory.namespace_code());
        const auto specs = args->principals.specs(code);
        const NamedApp found = resolve_app(factory, args->app);
        for (const MemberSpec& spec : specs) {
            const std::string who = spec.display(found.namespace_code);
            if (dry_run(factory, {"DELETE",
                                  assignments_path(found.namespace_code, found.id) +
                                      "/{assignment of " + who + "}",
                                  nullptr})) {
                continue;
            }
            confirm_change(factory, "remove",
                           fmt::format("Remove {} from app {}? They can no longer sign in "
                                       "through this assignment.",
                                       who, found.name));
            remove_assignment(factory.client(), found.namespace_code, found.id, spec);
            note_done(factory, fmt::format("Removed {} from app {}", who, found.name));
        }
    });
    add_assign_flags(app.tree(), command, *args, "remove");
}

} // namespace
} // namespace apps_assignments_cmd

void register_app_assignments(Application& app, CLI::App& apps) {
    using namespace apps_assignments_cmd;
    CommandDoc doc{
        "Manage who may sign in to an app",
        std::string(
            "When an app requires assignment, only the users and groups assigned to it can\n"
            "sign in. ") +
            k_nested_note,
        {{"", "techpass apps assignments list ship-portal"},
         {"", "techpass apps assignments add ship-portal ship:billing"},
         {"", "techpass apps assignments remove ship-portal ship:billing --yes"}},
        {}};
    CLI::App& noun = app.tree().add_group(apps, "assignments", std::move(doc));
    add_list(app, noun);
    add_add(app, noun);
    add_remove(app, noun);
}

} // namespace techpass::cli
