#pragma once

// JSON Lines input: one object per line, for people who generate their
// onboarding lists from other systems rather than spreadsheets.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>

namespace techpass::bulk {

// One object and where it came from.
struct JsonRecord {
    nlohmann::json object;
    std::size_t line = 0; // physical line (1-based)
    std::size_t row = 0;  // 1-based count of objects (blank lines not counted)
};

// Reads one JSON object per line; blank lines are skipped, a UTF-8 BOM and
// CRLF line ends are accepted.
class JsonLinesReader {
public:
    // source_name prefixes messages ("vendors.jsonl:3: ...").
    JsonLinesReader(std::istream& in, std::string source_name);

    // Reads the next object; false at the end. Throws Error(Usage)
    // "source:line: row N: reason" on invalid UTF-8, invalid JSON, or a value
    // that is not an object.
    bool next(JsonRecord& record);

private:
    std::istream& m_in;
    std::string m_source;
    std::string m_text;
    std::size_t m_line = 0;
    std::size_t m_rows = 0;
};

} // namespace techpass::bulk
