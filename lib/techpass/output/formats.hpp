#pragma once

// The text formats of the output layer, as pure functions (unit-tested exactly).

#include "techpass/output/resource.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace techpass::output {

// Pretty JSON, 2-space indent, keys in received order, trailing newline.
std::string to_json(const nlohmann::ordered_json& value);

// YAML 1.2 block style, trailing newline; strings quoted when they would
// otherwise read as another type or break the syntax.
std::string to_yaml(const nlohmann::ordered_json& value);

// A table: rows of cells with a header row.
struct Table {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
};

// Options of an aligned text table.
struct TableStyle {
    int max_width = 0; // > 0: cut the widest column with "…" to fit
    bool bold_headers = false;
};

// Upper-cased headers, columns separated by two spaces, no trailing spaces;
// control characters in cells escaped (util::printable).
std::string render_table(const Table& table, const TableStyle& style = {});

// RFC 4180: header line first, CRLF line ends, each field as csv_field
// writes it (formulas neutralised).
std::string render_csv(const Table& table);

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
// break. A value a spreadsheet would run as a formula (it starts with =, +,
// -, @, a tab or a carriage return, and is not a plain number such as
// "+65 9123 4567" or "-3") gets a leading ' so that it stays text.
std::string csv_field(std::string_view text);

// Tab-separated; tab, newline, CR and backslash in cells escaped as \t \n \r \\.
std::string render_tsv(const Table& table);

// Display width of UTF-8 text (code points; no East Asian width handling).
std::size_t display_width(std::string_view text);

} // namespace techpass::output
