#pragma once

// The flags every command accepts (techpass(1), GLOBAL OPTIONS). They are
// defined on the root command and reach subcommands through CLI11's
// fallthrough, so `techpass -o json groups list` and
// `techpass groups list -o json` mean the same.

#include <optional>
#include <string>

namespace techpass::cli {

class CommandTree;

struct GlobalOptions {
    std::string profile;                   // -p/--profile
    std::string namespace_code;            // -n/--namespace
    std::string output;                    // -o/--output; "" lets the command choose (table)
    std::string jq;                        // --jq
    std::string fields;                    // --fields, comma-separated
    bool no_input = false;                 // --no-input
    bool yes = false;                      // -y/--yes
    bool dry_run = false;                  // --dry-run
    int verbose = 0;                       // -v/--verbose, repeatable
    bool debug = false;                    // --debug
    bool no_color = false;                 // --no-color
    std::optional<double> timeout_seconds; // --timeout
    std::string config_path;               // --config
    bool version = false;                  // --version (runs `techpass version`)
};

// Defines the global flags on the root command.
void add_global_options(CommandTree& tree, GlobalOptions& options);

} // namespace techpass::cli
