// techpass groups members list|add|remove

#include "commands/groups/groups.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/principals.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace techpass::cli {

namespace groups_members_cmd {
namespace {

using namespace api::groups;

// The group and the members a command line names.
struct MemberArgs {
    std::string group;
    PrincipalArgs principals;

    std::vector<MemberSpec> specs(const std::string& namespace_code) const {
        return principals.specs(namespace_code);
    }
};

void add_member_flags(CommandTree& tree, CLI::App& command, MemberArgs& args,
                      const std::string& verb) {
    add_group_argument(tree, command, args.group);
    add_principal_flags(tree, command, args.principals, verb);
}

void add_list(Application& app, CLI::App& noun) {
    struct Options {
        std::string group;
        std::string type;
        ListFlags list;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{
        "List the direct members of a group",
        "Lists a group's direct members: users first (by email), then groups (by name).\n"
        "Members of nested groups are not listed (nor granted access through it).",
        {{"", "techpass groups members list ship:billing"},
         {"only the users' emails",
          "techpass groups members list billing --type user -o json --jq '.members[].email'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), member_resource()), [&app, options] {
            Factory& factory = app.factory();
            const GroupRef ref = parse_group_ref(factory, options->group);
            factory.printer().print(
                list_members(factory.client(), ref, options->type, options->list.max_items()),
                member_resource());
        });
    add_group_argument(app.tree(), command, options->group);
    auto* type =
        command.add_option("--type", options->type, "Only members of this kind: user or group")
            ->type_name("KIND")
            ->check(CLI::Validator(CLI::IsMember({"user", "group"})).description(""));
    app.tree().set_choices(*type, {"user", "group"});
    add_list_flags(command, options->list, "members");
}

void add_add(Application& app, CLI::App& noun) {
    auto args = std::make_shared<MemberArgs>();
    CommandDoc doc{
        "Add users or groups to a group",
        "Adds each member in turn: users by email or username (or --user ID), groups of the\n"
        "same namespace by name (or --group ID). Adding a member twice is a conflict (exit 6).",
        {{"", "techpass groups members add ship:billing ahmad@acme.com.sg"},
         {"a user and a nested group",
          "techpass groups members add billing mei.lim@tech.gov.sg ship:portal-ops"},
         {"by id",
          "techpass groups members add billing --user 8c0ba94f-a425-4e0f-966f-8789f99f384c"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "add", with_fields(std::move(doc), member_resource()), [&app, args] {
            Factory& factory = app.factory();
            const GroupRef ref = parse_group_ref(factory, args->group);
            const auto specs = args->specs(ref.namespace_code);
            api::Json added = api::Json::array();
            for (const MemberSpec& spec : specs) {
                if (dry_run(factory, {"POST",
                                      group_path(ref) + "/members",
                                      {{"type", spec.type}, {"id", spec.id}}})) {
                    continue;
                }
                added.push_back(add_member(factory.client(), ref, spec));
                note_done(factory,
                          "Added " + spec.display(ref.namespace_code) + " to " + ref.display());
            }
            if (!added.empty()) {
                factory.printer().print(api::Json{{"members", added}}, member_resource());
            }
        });
    add_member_flags(app.tree(), command, *args, "add");
}

void add_remove(Application& app, CLI::App& noun) {
    auto args = std::make_shared<MemberArgs>();
    CommandDoc doc{
        "Remove users or groups from a group",
        "Removes direct members, named as for add. Asks first on a terminal; elsewhere\n"
        "--yes is required.",
        {{"", "techpass groups members remove ship:billing ahmad@acme.com.sg"},
         {"in a script", "techpass groups members remove billing ship:portal-ops --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "remove", std::move(doc), [&app, args] {
        Factory& factory = app.factory();
        const GroupRef ref = parse_group_ref(factory, args->group);
        for (const MemberSpec& spec : args->specs(ref.namespace_code)) {
            const std::string who = spec.display(ref.namespace_code);
            if (dry_run(factory,
                        {"DELETE", group_path(ref) + "/members/{id of " + who + "}", nullptr})) {
                continue;
            }
            confirm_change(factory, "remove", "Remove " + who + " from " + ref.display() + "?");
            remove_member(factory.client(), ref, spec);
            note_done(factory, "Removed " + who + " from " + ref.display());
        }
    });
    add_member_flags(app.tree(), command, *args, "remove");
}

} // namespace
} // namespace groups_members_cmd

void register_group_members(Application& app, CLI::App& groups) {
    using namespace groups_members_cmd;
    CommandDoc doc{"Manage the direct members of a group",
                   "",
                   {{"", "techpass groups members list ship:billing"},
                    {"", "techpass groups members add ship:billing ahmad@acme.com.sg"},
                    {"", "techpass groups members remove ship:billing ahmad@acme.com.sg --yes"}},
                   {}};
    CLI::App& noun = app.tree().add_group(groups, "members", std::move(doc));
    add_list(app, noun);
    add_add(app, noun);
    add_remove(app, noun);
}

} // namespace techpass::cli
