#pragma once

// Checks every row of an import file before anything is sent: all problems
// of every row, and people who appear twice in the file.

#include "techpass/bulk/columns.hpp"
#include "techpass/bulk/input.hpp"
#include "techpass/bulk/outcome.hpp"
#include "techpass/validate/fields.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace techpass::bulk {

// A row that will not be sent, and why.
struct InvalidRow {
    std::size_t row = 0;
    std::size_t line = 0;
    std::string email; // as normalised (trimmed, lower case), possibly malformed
    std::vector<validate::Problem> problems;
};

// The whole file, checked. Memory: one byte per row plus the invalid rows
// (and, while checking, a Bloom filter a tenth of the size of the input).
struct Validation {
    std::size_t rows = 0;            // data rows read
    std::size_t valid = 0;           // rows that may be sent
    std::vector<Outcome> outcomes;   // by row - 1: Pending (valid) or Invalid
    std::vector<InvalidRow> invalid; // in row order
    std::vector<ColumnWarning> warnings;
};

// One row through the field rules (not the duplicate rule).
struct RowCheck {
    std::vector<validate::Problem> problems; // shape problems first, then field order
    nlohmann::ordered_json body;             // the API's entry, when problems is empty
    std::string email;                       // normalised
    std::string mobile;                      // normalised; "" when absent or invalid
};

// Checks one row and builds its API entry; an invitation without
// account_type gets default_account_type. Deterministic, so that the send
// pass rebuilds exactly the entries the check pass accepted.
RowCheck check_row(Kind kind, InputRow& row, std::string_view default_account_type);

// Reads and checks the whole file (streaming; a second pass only when the
// file may hold duplicates). Throws Error(Usage) for what makes the file
// unreadable (syntax, missing columns); row problems are data.
Validation validate_input(const std::string& path, Kind kind,
                          std::string_view default_account_type);

} // namespace techpass::bulk
