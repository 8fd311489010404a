#pragma once

// Shell completion scripts generated from the command tree: the commands of
// each command, its flags (global ones everywhere), the values a flag or an
// argument accepts, files where a flag takes a path, and profile names from
// `techpass profile list -o name`.

#include <string>
#include <string_view>
#include <vector>

namespace techpass::cli {

class CommandTree;

enum class Shell { Bash, Zsh, Fish };

inline constexpr const char* k_shell_names[] = {"bash", "zsh", "fish"};

// "bash" -> Shell::Bash; a Usage error (with "did you mean") otherwise.
Shell parse_shell(std::string_view name);

// The whole completion script for a shell.
std::string completion_script(const CommandTree& tree, Shell shell);

// Where each script is installed from in the source tree, e.g. "completions/_techpass".
std::string completion_file(Shell shell);

} // namespace techpass::cli
