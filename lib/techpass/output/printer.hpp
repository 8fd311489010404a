#pragma once

// The one output layer: -o table|json|yaml|csv|tsv|name, --fields, --jq.
// Data goes to stdout, the "No <things> found" note to stderr. Colour (bold
// headers) only when Interactivity::colour; tables fit the terminal width only
// on a TTY (the widest column is cut with "…"); piped tables are aligned, plain
// and never cut.

#include "techpass/context.hpp"
#include "techpass/output/resource.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace techpass::output {

enum class Format { Table, Json, Yaml, Csv, Tsv, Name };

// "table", "json", ... in the order of Format: the one list of -o's values.
std::span<const std::string_view> format_names();
std::string_view format_name(Format format);
// Parses -o; Error(Usage) "unknown output format 'jsn'; did you mean 'json'? (table, json, yaml,
// csv, tsv, name)".
Format parse_format(std::string_view text);

// The output flags of a run.
struct OutputOptions {
    Format format = Format::Table;
    bool format_given = false;       // -o was on the command line
    std::vector<std::string> fields; // --fields a,b (empty: defaults)
    std::string jq;                  // --jq EXPR (empty: none)

    // A person reads the output: a table, not filtered by --jq.
    bool human_table() const { return format == Format::Table && jq.empty(); }
};

// Splits "a,b, c" into names (empty parts dropped).
std::vector<std::string> split_fields(std::string_view text);

class JqProgram; // output/jq.hpp

class Printer {
public:
    // Compiles --jq once (Error(Usage) with jq's message); Error(Usage) when
    // --jq is combined with an explicit non-json -o.
    Printer(Terminal& terminal, Interactivity interactivity, OutputOptions options);
    ~Printer();
    Printer(const Printer&) = delete;
    Printer& operator=(const Printer&) = delete;

    // Prints a list document ({list_key: [...], ...}), a bare array, or a
    // single object of the resource. --fields are validated against the
    // resource (Error(Usage) with "did you mean" and the valid names).
    void print(const nlohmann::ordered_json& document, const Resource& resource);

    // Prints a document of no declared resource (`techpass api`, `auth
    // status -o json`): json, yaml and --jq; table falls back to json.
    void print_document(const nlohmann::ordered_json& document);

    const OutputOptions& options() const { return m_options; }

    // Error(Usage) with "did you mean" when --fields names a field that
    // resource does not have (a JSON field, or a table column's header, in
    // any case); commands are checked before they send anything.
    void check_fields(const Resource& resource) const;

private:
    // fields: the --fields as JSON names (empty: the resource's columns).
    void print_items(const nlohmann::ordered_json& items, const Resource& resource,
                     const std::vector<std::string>& fields, bool single);
    bool run_jq(const nlohmann::ordered_json& document);
    Terminal& m_terminal;
    Interactivity m_interactivity;
    OutputOptions m_options;
    std::unique_ptr<JqProgram> m_jq;
};

} // namespace techpass::output
