// The zsh completion script (also what `techpass completion zsh` prints).

#include "app/completion_model.hpp"

namespace techpass::cli {

namespace {

// "name:description" entries for _describe (colons in names escaped).
std::string describe_entries(const std::vector<std::pair<std::string, std::string>>& items) {
    std::string result;
    for (const auto& [name, description] : items) {
        std::string escaped;
        for (const char c : name) {
            escaped += c == ':' ? std::string("\\:") : std::string(1, c);
        }
        result += (result.empty() ? "" : " ") + shell_single_quote(escaped + ":" + description);
    }
    return result;
}

std::string zsh_value_arm(const std::string& prefix, const CompletionFlag& flag) {
    std::string action;
    if (!flag.choices.empty()) {
        action = "compadd -- " + join_words(flag.choices);
    } else if (!flag.values_command.empty()) {
        action = "compadd -- ${(f)\"$(__techpass_run " + flag.values_command + ")\"}";
    } else if (flag.takes_path) {
        action = "_files";
    } else {
        return {};
    }
    std::string pattern;
    for (const auto& spelling : flag.spellings()) {
        pattern += (pattern.empty() ? "" : "|") + prefix + spelling + "'";
    }
    return "    (" + pattern + ") " + action + " ;;\n";
}

} // namespace

std::string zsh_script(const CompletionModel& model) {
    std::string subcommands;
    std::string flags;
    std::string arguments;
    std::string command_values;
    std::string global_values;
    for (const CompletionCommand& command : model.commands) {
        const std::string key = "    (" + shell_single_quote(command.path) + ")";
        if (!command.subcommands.empty()) {
            subcommands += key + " reply=(" + describe_entries(command.subcommands) + ") ;;\n";
        }
        std::vector<std::pair<std::string, std::string>> entries;
        const bool global = &command == &model.commands.front();
        for (const CompletionFlag& flag : command.flags) {
            for (const auto& spelling : flag.spellings()) {
                entries.emplace_back(spelling, flag.description);
            }
            const std::string prefix = global ? "*' " : "'" + command.path + " ";
            (global ? global_values : command_values) += zsh_value_arm(prefix, flag);
        }
        if (!entries.empty()) {
            flags += key + " reply=(" + describe_entries(entries) + ") ;;\n";
        }
        if (!command.argument_choices.empty()) {
            arguments += key + " reply=(" + join_words(command.argument_choices) + ") ;;\n";
        } else if (!command.argument_values_command.empty()) {
            arguments += key + " reply=(${(f)\"$(__techpass_run " +
                         command.argument_values_command + ")\"}) ;;\n";
        }
    }

    std::string out;
    out += "#compdef techpass\n";
    out += "# zsh completion for techpass\n";
    out += "# Generated from the command tree by techpass-gen-docs; do not edit.\n";
    out += "# Install: copy as _techpass into a directory on $fpath.\n\n";
    out += "__techpass_value_flags=(" + join_words(model.value_flags()) + ")\n\n";
    out += "__techpass_subcommands() {\n    case $1 in\n" + subcommands +
           "    (*) reply=() ;;\n    esac\n}\n\n";
    out +=
        "__techpass_flags() {\n    case $1 in\n" + flags + "    (*) reply=() ;;\n    esac\n}\n\n";
    out += "__techpass_arguments() {\n    case $1 in\n" + arguments +
           "    (*) reply=() ;;\n    esac\n}\n\n";
    out += "__techpass_flag_values() {\n    case \"$1 $2\" in\n" + command_values + global_values +
           "    esac\n}\n\n";
    out += R"SH(# Runs the techpass being completed with its arguments, after the -p, -n
# and --config of the command line; errors are not shown.
__techpass_run() {
    ${words[1]} "${__techpass_context[@]}" "$@" 2>/dev/null
}

_techpass() {
    local path=techpass word i expect_value=0
    local -a reply all_flags __techpass_context
    # The command path so far: flags and their values are skipped.
    for ((i = 2; i < CURRENT; i++)); do
        word=${words[i]}
        if ((expect_value)); then
            expect_value=0
            case ${words[i-1]} in
            ()SH" +
           join_words(model.context_flags(), "|") +
           R"SH() __techpass_context+=(${words[i-1]} $word) ;;
            esac
        elif [[ $word == -* ]]; then
            ((${__techpass_value_flags[(Ie)$word]})) && expect_value=1
        else
            __techpass_subcommands "$path"
            ((${reply[(I)${word}:*]})) && path="$path $word"
        fi
    done
    if ((expect_value)); then
        __techpass_flag_values "$path" "${words[CURRENT-1]}"
        return
    fi
    if [[ $PREFIX == -* ]]; then
        __techpass_flags "$path"
        all_flags=("${reply[@]}")
        if [[ $path != techpass ]]; then
            __techpass_flags techpass
            all_flags+=("${reply[@]}")
        fi
        _describe -t flags 'flag' all_flags
        return
    fi
    __techpass_subcommands "$path"
    if ((${#reply})); then
        _describe -t commands 'command' reply
    else
        __techpass_arguments "$path"
        ((${#reply})) && compadd -a reply
    fi
}

if [ "$funcstack[1]" = "_techpass" ]; then
    _techpass "$@"
else
    compdef _techpass techpass
fi
)SH";
    return out;
}

} // namespace techpass::cli
