#include "app/global_options.hpp"

#include "app/command_tree.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

namespace techpass::cli {

void add_global_options(CommandTree& tree, GlobalOptions& options) {
    CLI::App& root = tree.root();
    const std::string group = "Global options";
    const auto names = output::format_names();
    const std::vector<std::string> formats(names.begin(), names.end());

    auto* profile = root.add_option("-p,--profile", options.profile,
                                    "Use this profile of the config file (env TECHPASS_PROFILE)")
                        ->type_name("NAME")
                        ->group(group);
    tree.set_values_command(*profile, k_profile_names);
    auto* namespace_code =
        root.add_option(
                "-n,--namespace", options.namespace_code,
                "Act on this tenant namespace instead of the profile's (env TECHPASS_NAMESPACE)")
            ->type_name("CODE")
            ->group(group);
    tree.set_values_command(*namespace_code, k_namespace_names);
    // Checked by the output layer, whose message suggests the nearest format.
    auto* output = root.add_option("-o,--output", options.output,
                                   "Print table, json, yaml, csv, tsv or name (default table)")
                       ->type_name("FORMAT")
                       ->group(group);
    tree.set_choices(*output, formats);
    root.add_option("--jq", options.jq,
                    "Filter JSON output with a jq expression; strings print raw (implies -o json)")
        ->type_name("EXPR")
        ->group(group);
    root.add_option("--fields", options.fields,
                    "Print only these comma-separated fields (JSON names, or the table's "
                    "column names)")
        ->type_name("LIST")
        ->group(group);
    root.add_flag("--no-input", options.no_input,
                  "Never prompt; fail instead when something is missing")
        ->group(group);
    root.add_flag("-y,--yes", options.yes, "Answer yes to confirmations (deletions and removals)")
        ->group(group);
    root.add_flag("--dry-run", options.dry_run, "Check and show what would be done; change nothing")
        ->group(group);
    root.add_flag("-v,--verbose", options.verbose, "Say more about what is happening (repeatable)")
        ->group(group);
    root.add_flag("--debug", options.debug,
                  "Print every HTTP request and response, credentials redacted")
        ->group(group);
    root.add_flag("--no-color", options.no_color, "Never colour the output (as does NO_COLOR)")
        ->group(group);
    root.add_option("--timeout", options.timeout_seconds,
                    "Give up on a request after this many seconds")
        ->type_name("SECONDS")
        ->check(CLI::Validator(CLI::PositiveNumber).description(""))
        ->group(group);
    auto* config = root.add_option("--config", options.config_path,
                                   "Read this config file (env TECHPASS_CONFIG)")
                       ->type_name("FILE")
                       ->group(group);
    tree.set_takes_path(*config);
    root.add_flag("--version", options.version, "Print the version and exit")->group(group);
}

} // namespace techpass::cli
