#pragma once

// Turns what CLI11 could not parse into usage Errors (exit 2) that say what
// was wrong and, for a mistyped command or flag, which one was meant.

#include "techpass/error.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
class ParseError;
} // namespace CLI

namespace techpass::cli {

class CommandTree;

// A command whose next word must be one of its commands (a noun such as
// `groups`, not a verb that takes arguments).
bool expects_command(const CommandTree& tree, const CLI::App& command);

// The error for arguments nobody accepted (CLI11's "extras"), reported for
// the first of them: an unknown command of a noun, an unknown flag, or an
// unexpected argument. `command` is the deepest command selected.
Error unknown_arguments_error(const CommandTree& tree, const CLI::App& command,
                              const std::vector<std::string>& extras);

// Any other CLI11 parse failure (missing argument, bad value, ...).
Error parse_failure_error(const CLI::App& command, const CLI::ParseError& failure);

} // namespace techpass::cli
