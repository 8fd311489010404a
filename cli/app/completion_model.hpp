#pragma once

// The command tree flattened into what completion scripts need; one model,
// three renderers (completion_bash.cpp, completion_zsh.cpp, completion_fish.cpp).

#include <string>
#include <string_view>
#include <vector>

namespace techpass::cli {

class CommandTree;

struct CompletionFlag {
    std::string long_name;  // "output" ("" when none)
    std::string short_name; // "o" ("" when none)
    std::string description;
    bool takes_value = false;
    bool takes_path = false;
    std::vector<std::string> choices; // fixed values
    std::string values_command; // techpass arguments listing values, e.g. "profile list -o name"

    // "-o", "--output": every spelling.
    std::vector<std::string> spellings() const;
};

struct CompletionCommand {
    std::string path;                                             // "techpass groups members"
    std::vector<std::pair<std::string, std::string>> subcommands; // name, summary
    std::vector<CompletionFlag> flags;                            // its own (the root's are global)
    std::vector<std::string> argument_choices;                    // values of its first argument
    std::string argument_values_command; // techpass arguments listing them, e.g. "__complete apps"
};

struct CompletionModel {
    std::vector<CompletionCommand> commands; // the root first
    // Every flag spelling, of any command, that takes a value (skipped with
    // its value when finding the command path on the command line).
    std::vector<std::string> value_flags() const;
    // The spellings of the global flags that choose what a values command
    // sees (-p, -n, --config): the scripts pass them on from the command line.
    std::vector<std::string> context_flags() const;
};

CompletionModel completion_model(const CommandTree& tree);

// "'it''s'"-style quoting for each shell's single-quoted strings.
std::string shell_single_quote(const std::string& text);
std::string fish_single_quote(const std::string& text);

// Joins words with spaces (or separator).
std::string join_words(const std::vector<std::string>& words, std::string_view separator = " ");

std::string bash_script(const CompletionModel& model);
std::string zsh_script(const CompletionModel& model);
std::string fish_script(const CompletionModel& model);

} // namespace techpass::cli
