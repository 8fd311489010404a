// The bash completion script (also what `techpass completion bash` prints).

#include "app/completion_model.hpp"

namespace techpass::cli {

namespace {

std::string case_patterns(const std::string& prefix, const CompletionFlag& flag) {
    std::string result;
    for (const auto& spelling : flag.spellings()) {
        result += (result.empty() ? "" : " | ") + prefix + spelling + "\"";
    }
    return result;
}

// One case arm completing the value of a flag, or "" when nothing is offered.
std::string bash_value_arm(const std::string& pattern, const CompletionFlag& flag) {
    std::string words;
    if (!flag.choices.empty()) {
        words = "\"" + join_words(flag.choices) + "\"";
    } else if (!flag.values_command.empty()) {
        words = "\"$(__techpass_run \"$4\" " + flag.values_command + ")\"";
    } else if (flag.takes_path) {
        return "    " + pattern + ") mapfile -t COMPREPLY < <(compgen -f -- \"$3\") ;;\n";
    } else {
        return {};
    }
    return "    " + pattern + ") mapfile -t COMPREPLY < <(compgen -W " + words + " -- \"$3\") ;;\n";
}

} // namespace

std::string bash_script(const CompletionModel& model) {
    std::string subcommands;
    std::string flags;
    std::string arguments;
    std::string command_values;
    std::string global_values;
    for (const CompletionCommand& command : model.commands) {
        const std::string key = "    \"" + command.path + "\")";
        if (!command.subcommands.empty()) {
            std::vector<std::string> names;
            for (const auto& [name, summary] : command.subcommands) {
                names.push_back(name);
            }
            subcommands += key + " echo \"" + join_words(names) + "\" ;;\n";
        }
        std::vector<std::string> spellings;
        for (const CompletionFlag& flag : command.flags) {
            const auto names = flag.spellings();
            spellings.insert(spellings.end(), names.begin(), names.end());
            const bool global = &command == &model.commands.front();
            const std::string prefix = global ? "*\" " : "\"" + command.path + " ";
            (global ? global_values : command_values) +=
                bash_value_arm(case_patterns(prefix, flag), flag);
        }
        if (!spellings.empty()) {
            flags += key + " echo \"" + join_words(spellings) + "\" ;;\n";
        }
        if (!command.argument_choices.empty()) {
            arguments += key + " echo \"" + join_words(command.argument_choices) + "\" ;;\n";
        } else if (!command.argument_values_command.empty()) {
            arguments +=
                key + " __techpass_run \"$2\" " + command.argument_values_command + " ;;\n";
        }
    }

    std::string out;
    out += "# bash completion for techpass                              -*- shell-script -*-\n";
    out += "# Generated from the command tree by techpass-gen-docs; do not edit.\n";
    out += "# Install: copy to /usr/share/bash-completion/completions/techpass, or\n";
    out += "#   source <(techpass completion bash)\n\n";
    out += "__techpass_value_flags=\" " + join_words(model.value_flags()) + " \"\n\n";
    out += "__techpass_subcommands() {\n    case \"$1\" in\n" + subcommands + "    esac\n}\n\n";
    out += "__techpass_flags() {\n    case \"$1\" in\n" + flags + "    esac\n}\n\n";
    out += "# The first argument's values of command $1; $2 is the techpass being run.\n";
    out += "__techpass_arguments() {\n    case \"$1\" in\n" + arguments + "    esac\n}\n\n";
    out += "# Completes the value ($3) of flag $2 of command $1; $4 is the techpass being run.\n";
    out += "__techpass_flag_values() {\n    COMPREPLY=()\n    case \"$1 $2\" in\n" +
           command_values + global_values + "    esac\n}\n\n";
    out += R"SH(# Runs techpass ($1) with the rest of the arguments, after the -p, -n and
# --config of the command line being completed; errors are not shown.
__techpass_run() {
    local techpass=$1
    shift
    "$techpass" "${__techpass_context[@]}" "$@" 2>/dev/null
}

_techpass() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD - 1]}"
    local path="techpass" word i expect_value=0 words
    __techpass_context=()
    # The command path so far: flags and their values are skipped.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if ((expect_value)); then
            expect_value=0
            case "${COMP_WORDS[i - 1]}" in
            )SH" +
           join_words(model.context_flags(), " | ") +
           R"SH() __techpass_context+=("${COMP_WORDS[i - 1]}" "$word") ;;
            esac
        elif [[ $word == -* ]]; then
            [[ $__techpass_value_flags == *" $word "* ]] && expect_value=1
        elif [[ " $(__techpass_subcommands "$path") " == *" $word "* ]]; then
            path="$path $word"
        fi
    done
    if ((expect_value)); then
        __techpass_flag_values "$path" "$prev" "$cur" "${COMP_WORDS[0]}"
        return 0
    fi
    if [[ $cur == -* ]]; then
        words="$(__techpass_flags "$path")"
        [[ $path == techpass ]] || words="$words $(__techpass_flags techpass)"
    else
        words="$(__techpass_subcommands "$path")"
        [[ -n $words ]] || words="$(__techpass_arguments "$path" "${COMP_WORDS[0]}")"
    fi
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
}

complete -F _techpass techpass
)SH";
    return out;
}

} // namespace techpass::cli
