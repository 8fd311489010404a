#include "app/completion_model.hpp"

#include "app/command_tree.hpp"
#include "app/completion_script.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iterator>

namespace techpass::cli {

namespace {

CompletionFlag make_flag(const CommandTree& tree, const CLI::Option& option) {
    CompletionFlag flag;
    if (!option.get_lnames().empty()) {
        flag.long_name = option.get_lnames().front();
    }
    if (!option.get_snames().empty()) {
        flag.short_name = option.get_snames().front();
    }
    flag.description = option.get_description();
    flag.takes_value = CommandTree::takes_value(option);
    flag.takes_path = tree.takes_path(option);
    if (const auto* choices = tree.choices(option)) {
        flag.choices = *choices;
    }
    if (const auto* command = tree.values_command(option)) {
        flag.values_command = *command;
    }
    return flag;
}

} // namespace

std::vector<std::string> CompletionFlag::spellings() const {
    std::vector<std::string> result;
    if (!short_name.empty()) {
        result.push_back("-" + short_name);
    }
    if (!long_name.empty()) {
        result.push_back("--" + long_name);
    }
    return result;
}

std::vector<std::string> CompletionModel::context_flags() const {
    std::vector<std::string> result;
    for (const auto& flag : commands.front().flags) {
        if (flag.long_name == "profile" || flag.long_name == "namespace" ||
            flag.long_name == "config") {
            const auto spellings = flag.spellings();
            result.insert(result.end(), spellings.begin(), spellings.end());
        }
    }
    return result;
}

std::vector<std::string> CompletionModel::value_flags() const {
    std::vector<std::string> result;
    for (const auto& command : commands) {
        for (const auto& flag : command.flags) {
            if (!flag.takes_value) {
                continue;
            }
            for (const auto& spelling : flag.spellings()) {
                if (std::find(result.begin(), result.end(), spelling) == result.end()) {
                    result.push_back(spelling);
                }
            }
        }
    }
    return result;
}

CompletionModel completion_model(const CommandTree& tree) {
    CompletionModel model;
    for (const CLI::App* app : tree.walk(tree.root())) {
        CompletionCommand command;
        command.path = CommandTree::path(*app);
        for (const CLI::App* child : tree.children(*app)) {
            command.subcommands.emplace_back(child->get_name(), child->get_description());
        }
        for (const CLI::Option* option : CommandTree::own_options(*app)) {
            command.flags.push_back(make_flag(tree, *option));
            // Other long names of the option (--no-published) complete too.
            const auto& names = option->get_lnames();
            for (std::size_t i = 1; i < names.size(); ++i) {
                CompletionFlag other = command.flags.back();
                other.short_name.clear();
                other.long_name = names[i];
                command.flags.push_back(std::move(other));
            }
        }
        const auto positionals = CommandTree::positionals(*app);
        if (!positionals.empty()) {
            if (const auto* choices = tree.choices(*positionals.front())) {
                command.argument_choices = *choices;
            }
            if (const auto* values = tree.values_command(*positionals.front())) {
                command.argument_values_command = *values;
            }
        }
        model.commands.push_back(std::move(command));
    }
    // Every command takes --help; the root lists it with the global flags.
    model.commands.front().flags.push_back(
        {"help", "h", "Show help for the command", false, false, {}, {}});
    return model;
}

std::string shell_single_quote(const std::string& text) {
    std::string result = "'";
    for (const char c : text) {
        result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return result + "'";
}

std::string fish_single_quote(const std::string& text) {
    std::string result = "'";
    for (const char c : text) {
        if (c == '\'' || c == '\\') {
            result += '\\';
        }
        result += c;
    }
    return result + "'";
}

std::string join_words(const std::vector<std::string>& words, std::string_view separator) {
    std::string result;
    for (const auto& word : words) {
        if (!result.empty()) {
            result += separator;
        }
        result += word;
    }
    return result;
}

Shell parse_shell(std::string_view name) {
    const std::vector<std::string> names(std::begin(k_shell_names), std::end(k_shell_names));
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return static_cast<Shell>(i);
        }
    }
    Error error(ErrorKind::Usage, "unsupported shell \"" + std::string(name) + "\"");
    const std::string near = util::nearest(name, names);
    error.with_hint(near.empty() ? "choose bash, zsh or fish" : "did you mean \"" + near + "\"?");
    throw error;
}

std::string completion_script(const CommandTree& tree, Shell shell) {
    const CompletionModel model = completion_model(tree);
    switch (shell) {
    case Shell::Bash:
        return bash_script(model);
    case Shell::Zsh:
        return zsh_script(model);
    case Shell::Fish:
        return fish_script(model);
    }
    return {};
}

std::string completion_file(Shell shell) {
    switch (shell) {
    case Shell::Bash:
        return "completions/techpass.bash";
    case Shell::Zsh:
        return "completions/_techpass";
    case Shell::Fish:
        return "completions/techpass.fish";
    }
    return {};
}

} // namespace techpass::cli
