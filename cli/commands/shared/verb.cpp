#include "commands/shared/verb.hpp"

#include "app/command_tree.hpp"
#include "app/interactivity.hpp"
#include "commands/shared/principals.hpp"
#include "techpass/output/formats.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

namespace techpass::cli {

std::optional<std::size_t> ListFlags::max_items() const {
    if (all) {
        return std::nullopt;
    }
    return limit;
}

void add_list_flags(CLI::App& command, ListFlags& flags, const std::string& plural) {
    command
        .add_option("-L,--limit", flags.limit,
                    "Fetch at most this many " + plural + " (default 100)")
        ->type_name("N")
        ->check(CLI::Validator(CLI::PositiveNumber).description(""));
    command.add_flag("--all", flags.all,
                     "Fetch every " + plural.substr(0, plural.size() - 1) + ", page after page");
}

void add_switch(CLI::App& command, const std::string& name, std::optional<bool>& target,
                const std::string& description) {
    command.add_flag_function(
        "--" + name + ",!--no-" + name, [&target](std::int64_t count) { target = count > 0; },
        description);
}

CommandDoc with_fields(CommandDoc doc, const output::Resource& resource) {
    doc.json_fields = resource.field_names();
    doc.resource = &resource;
    return doc;
}

bool dry_run(Factory& factory, const Change& change) {
    if (!factory.globals().dry_run) {
        return false;
    }
    std::ostream& err = factory.terminal().err;
    err << "Would send " << change.method << " " << change.path;
    if (!change.body.is_null()) {
        err << " with\n" << output::to_json(change.body);
    } else {
        err << "\n";
    }
    err << "Nothing was sent (--dry-run).\n";
    return true;
}

void confirm_change(Factory& factory, const std::string& verb, const std::string& question,
                    const std::string& type_to_confirm) {
    confirm(factory.terminal(), factory.interactivity(), factory.globals(),
            {verb, question, type_to_confirm});
}

void note_done(Factory& factory, const std::string& message) {
    Terminal& terminal = factory.terminal();
    if (!terminal.err_tty) {
        return;
    }
    const bool colour = factory.interactivity().colour;
    terminal.err << (colour ? "\033[32m✓\033[0m " : "✓ ") << message << "\n";
}

void print_object(Factory& factory, const api::Json& object, const output::Resource& resource) {
    factory.printer().print(object, resource);
}

void add_principal_flags(CommandTree& tree, CLI::App& command, PrincipalArgs& args,
                         const std::string& verb) {
    command.add_option("member", args.names,
                       "Users to " + verb +
                           " by email or username, groups by NAME or NAMESPACE:NAME");
    command
        .add_option("--user", args.users,
                    "A user to " + verb + " by id, email or username (repeatable)")
        ->type_name("USER")
        ->allow_extra_args(false);
    auto* group = command
                      .add_option("--group", args.groups,
                                  "A group to " + verb + " by id or name (repeatable)")
                      ->type_name("GROUP")
                      ->allow_extra_args(false);
    tree.set_values_command(*group, k_group_names);
}

} // namespace techpass::cli
