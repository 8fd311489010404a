#pragma once

// `--help` text, rendered from the command tree (the man pages render the
// same pieces in roff).

#include <cstddef>
#include <string>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace techpass::cli {

class CommandTree;

// Help is laid out for 80 columns whatever the terminal, so that it reads
// the same everywhere (and in tests).
inline constexpr std::size_t k_help_width = 80;

// Words of text filled into lines of at most width columns; continuation
// lines start with indent spaces.
std::string wrap(const std::string& text, std::size_t width, std::size_t indent);

// The whole help of a command: summary, usage, commands, options, global
// options, and last its examples.
std::string render_help(const CommandTree& tree, const CLI::App& app);

// "techpass groups get <group> [options]" or "techpass groups <command>".
std::string usage_line(const CommandTree& tree, const CLI::App& app);

// "-p, --profile NAME", "    --jq EXPR", "-y, --yes".
std::string option_label(const CLI::Option& option);

// "<group>", "[<member>...]": how a positional reads in a usage line.
std::string positional_label(const CLI::Option& option);

// The description of a command: its long text, or its summary.
std::string description_text(const CommandTree& tree, const CLI::App& app);

} // namespace techpass::cli
