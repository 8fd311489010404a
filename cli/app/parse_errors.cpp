#include "app/parse_errors.hpp"

#include "app/command_tree.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>

namespace techpass::cli {

namespace {

std::string help_hint(const CLI::App& command) {
    return "run '" + CommandTree::path(command) + " --help' for usage";
}

// Every spelling of every flag an invocation of command accepts.
std::vector<std::string> flag_spellings(const CLI::App& command) {
    std::vector<std::string> names{"--help"};
    auto add = [&names](const std::vector<const CLI::Option*>& options) {
        for (const CLI::Option* option : options) {
            for (const auto& name : option->get_lnames()) {
                names.push_back("--" + name);
            }
            for (const auto& name : option->get_snames()) {
                names.push_back("-" + name);
            }
        }
    };
    add(CommandTree::own_options(command));
    add(CommandTree::inherited_options(command));
    return names;
}

Error unknown_flag(const CLI::App& command, std::string flag) {
    if (const auto eq = flag.find('='); eq != std::string::npos) {
        flag.resize(eq);
    }
    Error error(ErrorKind::Usage,
                "unknown flag \"" + flag + "\" for \"" + CommandTree::path(command) + "\"");
    const std::string near = util::nearest(flag, flag_spellings(command));
    error.with_hint(near.empty() ? help_hint(command) : "did you mean \"" + near + "\"?");
    return error;
}

Error unknown_command(const CommandTree& tree, const CLI::App& command, const std::string& word) {
    std::vector<std::string> names;
    for (const CLI::App* child : tree.children(command)) {
        names.push_back(child->get_name());
    }
    Error error(ErrorKind::Usage,
                "unknown command \"" + word + "\" for \"" + CommandTree::path(command) + "\"");
    const std::string near = util::nearest(word, names);
    if (!near.empty()) {
        error.with_hint("did you mean \"" + CommandTree::path(command) + " " + near + "\"?");
    } else {
        error.with_hint("run '" + CommandTree::path(command) + " --help' for the list of commands");
    }
    return error;
}

} // namespace

bool expects_command(const CommandTree& tree, const CLI::App& command) {
    return !tree.children(command).empty() && CommandTree::positionals(command).empty();
}

Error unknown_arguments_error(const CommandTree& tree, const CLI::App& command,
                              const std::vector<std::string>& extras) {
    const std::string& first = extras.front();
    if (first.size() > 1 && first[0] == '-') {
        return unknown_flag(command, first);
    }
    if (expects_command(tree, command)) {
        return unknown_command(tree, command, first);
    }
    return Error(ErrorKind::Usage,
                 "unexpected argument \"" + first + "\" for \"" + CommandTree::path(command) + "\"",
                 help_hint(command));
}

Error parse_failure_error(const CLI::App& command, const CLI::ParseError& failure) {
    return Error(ErrorKind::Usage, failure.what(), help_hint(command));
}

} // namespace techpass::cli
