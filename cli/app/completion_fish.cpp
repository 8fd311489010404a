// The fish completion script (also what `techpass completion fish` prints).

#include "app/completion_model.hpp"

namespace techpass::cli {

namespace {

std::string flag_line(const std::string& condition, const CompletionFlag& flag) {
    std::string line = "complete -c techpass" + condition;
    if (!flag.short_name.empty()) {
        line += " -s " + flag.short_name;
    }
    if (!flag.long_name.empty()) {
        line += " -l " + flag.long_name;
    }
    if (!flag.choices.empty()) {
        line += " -xa " + fish_single_quote(join_words(flag.choices));
    } else if (!flag.values_command.empty()) {
        line += " -xa " + fish_single_quote("(__techpass_run " + flag.values_command + ")");
    } else if (flag.takes_path) {
        line += " -rF";
    } else if (flag.takes_value) {
        line += " -x";
    }
    return line + " -d " + fish_single_quote(flag.description) + "\n";
}

} // namespace

std::string fish_script(const CompletionModel& model) {
    std::vector<std::string> paths;
    for (const CompletionCommand& command : model.commands) {
        paths.push_back(fish_single_quote(command.path));
    }

    std::string out;
    out += "# fish completion for techpass\n";
    out += "# Generated from the command tree by techpass-gen-docs; do not edit.\n";
    out += "# Install: copy to ~/.config/fish/completions/techpass.fish\n\n";
    out += "set -g __techpass_value_flags " + join_words(model.value_flags()) + "\n";
    out += "set -g __techpass_commands " + join_words(paths) + "\n\n";
    out +=
        R"SH(# The command path so far ("techpass groups list"): flags and their values are skipped.
function __techpass_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l path techpass
    set -l expect_value 0
    for word in $words
        if test $expect_value = 1
            set expect_value 0
        else if string match -q -- '-*' $word
            if contains -- $word $__techpass_value_flags
                set expect_value 1
            end
        else if contains -- "$path $word" $__techpass_commands
            set path "$path $word"
        end
    end
    echo $path
end

function __techpass_at
    test (__techpass_path) = "$argv[1]"
end

# Runs techpass with its arguments, after the -p, -n and --config of the
# command line being completed; errors are not shown.
function __techpass_run
    set -l words (commandline -opc)
    set -l context
    for i in (seq 2 (math (count $words) - 1))
        switch $words[$i]
            case )SH" +
        join_words(model.context_flags()) + R"SH(
                set -a context $words[$i] $words[(math $i + 1)]
        end
    end
    techpass $context $argv 2>/dev/null
end

complete -c techpass -f
)SH";
    for (const CompletionCommand& command : model.commands) {
        const bool global = &command == &model.commands.front();
        const std::string condition =
            " -n " + fish_single_quote("__techpass_at " + fish_single_quote(command.path));
        if (!command.subcommands.empty() || !command.argument_choices.empty() ||
            !command.argument_values_command.empty() || !command.flags.empty()) {
            out += "\n# " + command.path + "\n";
        }
        for (const auto& [name, summary] : command.subcommands) {
            out += "complete -c techpass" + condition + " -a " + fish_single_quote(name) + " -d " +
                   fish_single_quote(summary) + "\n";
        }
        if (!command.argument_choices.empty()) {
            out += "complete -c techpass" + condition + " -a " +
                   fish_single_quote(join_words(command.argument_choices)) + "\n";
        } else if (!command.argument_values_command.empty()) {
            out += "complete -c techpass" + condition + " -a " +
                   fish_single_quote("(__techpass_run " + command.argument_values_command + ")") +
                   "\n";
        }
        for (const CompletionFlag& flag : command.flags) {
            out += flag_line(global ? "" : condition, flag);
        }
    }
    return out;
}

} // namespace techpass::cli
