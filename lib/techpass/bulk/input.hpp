#pragma once

// An import file opened as a stream of rows of field values, whatever its
// format: the rest of the import never sees CSV or JSON.

#include "techpass/bulk/columns.hpp"
#include "techpass/bulk/csv_reader.hpp"
#include "techpass/bulk/jsonl_reader.hpp"
#include "techpass/validate/fields.hpp"

#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace techpass::bulk {

// The formats an import file may have.
enum class Format { Csv, JsonLines };

// The format of path by its extension: .csv, .jsonl or .ndjson (any case);
// otherwise by its content (a first "{" means JSON Lines, other text CSV);
// Error(Usage) for an empty, unreadable or binary file.
Format input_format(const std::string& path);

// One data row, its values by field, and what is wrong with its shape
// (field counts, non-string JSON values) before any field rule runs.
struct InputRow {
    std::size_t row = 0;  // 1-based data row (header excluded, blank lines skipped)
    std::size_t line = 0; // physical line where it starts
    validate::FieldValues values;
    std::vector<validate::Problem> problems;
};

// Reads an import file row by row with flat memory. The CSV header is read
// and mapped on construction.
class InputReader {
public:
    // Throws Error(Usage) when the file cannot be opened, has an unknown
    // extension, is empty, or lacks required columns.
    InputReader(const std::string& path, Kind kind);

    // The next row; false at the end. Throws Error(Usage) on syntax errors.
    bool next(InputRow& row);

    // Unknown columns (CSV, known after construction) or JSON keys (known
    // after the whole file was read), each reported once.
    const std::vector<ColumnWarning>& warnings() const { return m_warnings; }

private:
    bool next_csv(InputRow& row);
    bool next_json(InputRow& row);

    Kind m_kind;
    std::string m_source;
    std::ifstream m_file;
    std::unique_ptr<CsvReader> m_csv;
    std::unique_ptr<JsonLinesReader> m_json;
    CsvRecord m_record;
    JsonRecord m_object;
    HeaderMap m_header;
    std::vector<ColumnWarning> m_warnings;
    std::vector<std::string> m_unknown_keys;
};

} // namespace techpass::bulk
