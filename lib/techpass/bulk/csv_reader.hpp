#pragma once

// A streaming RFC 4180 reader: reads its input in fixed-size chunks and hands
// out one record at a time, so memory stays flat however long the file is.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace techpass::bulk {

// One record, with where it came from for error messages and reports.
struct CsvRecord {
    std::vector<std::string> fields;
    std::size_t line = 0; // physical line (1-based) on which the record starts
    std::size_t row = 0;  // 1-based data row; 0 for the header record
};

// Reads CSV: UTF-8 with or without a BOM; CRLF, LF or lone CR line ends,
// mixed freely; quoted fields holding commas, doubled quotes and line breaks.
// Records whose fields are all empty (blank lines, ",,,") are skipped and not
// counted, so a trailing empty line is harmless.
class CsvReader {
public:
    // source_name prefixes messages ("vendors.csv:12: ..."); when has_header,
    // the first record is the header (row 0) and data rows count from 1.
    CsvReader(std::istream& in, std::string source_name, bool has_header = true);

    // Reads the next record into record, reusing its storage; false at the end.
    // Throws Error(Usage) "source:line: row N: reason" on an unterminated
    // quote, a stray quote in an unquoted field, text after a closing quote,
    // invalid UTF-8, or a record over k_max_record_bytes.
    bool next(CsvRecord& record);

    // A guard against a quote left open swallowing the rest of a huge file.
    static constexpr std::size_t k_max_record_bytes = std::size_t{1} << 20;

private:
    int peek();
    bool refill();
    void read_unquoted(std::string& field, std::size_t column);
    void read_quoted(std::string& field, std::size_t column, std::size_t start_line);
    void end_record();
    void count(std::size_t bytes);
    [[noreturn]] void fail(std::size_t line, const std::string& reason) const;

    std::istream& m_in;
    std::string m_source;
    bool m_has_header;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_started = false;
    bool m_eof = false;
    std::size_t m_line = 1;
    std::size_t m_records = 0;
    std::size_t m_record_bytes = 0;
};

} // namespace techpass::bulk
