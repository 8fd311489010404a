#include "techpass/bulk/csv_reader.hpp"

#include "techpass/bulk/utf8.hpp"
#include "techpass/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <istream>

namespace techpass::bulk {

namespace {

constexpr std::size_t k_chunk = 64 * 1024;
constexpr int k_eof = -1;

} // namespace

CsvReader::CsvReader(std::istream& in, std::string source_name, bool has_header)
    : m_in(in), m_source(std::move(source_name)), m_has_header(has_header), m_buffer(k_chunk) {}

bool CsvReader::refill() {
    if (m_eof) {
        return false;
    }
    m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_end = static_cast<std::size_t>(m_in.gcount());
    m_pos = 0;
    if (m_in.bad()) {
        throw Error(ErrorKind::Usage, fmt::format("{}: read error", m_source));
    }
    if (!m_started) {
        m_started = true;
        if (m_end >= 3 && m_buffer[0] == '\xEF' && m_buffer[1] == '\xBB' && m_buffer[2] == '\xBF') {
            m_pos = 3;
        }
    }
    if (m_pos == m_end) {
        m_eof = true;
        return false;
    }
    return true;
}

int CsvReader::peek() {
    if (m_pos == m_end && !refill()) {
        return k_eof;
    }
    return static_cast<unsigned char>(m_buffer[m_pos]);
}

void CsvReader::count(std::size_t bytes) {
    m_record_bytes += bytes;
    if (m_record_bytes > k_max_record_bytes) {
        fail(m_line, fmt::format("the record is longer than {} MiB; is a quote left open?",
                                 k_max_record_bytes >> 20));
    }
}

void CsvReader::fail(std::size_t line, const std::string& reason) const {
    const std::size_t row = m_records + (m_has_header ? 0 : 1);
    const std::string where = row == 0 ? std::string("header") : fmt::format("row {}", row);
    throw Error(ErrorKind::Usage, fmt::format("{}:{}: {}: {}", m_source, line, where, reason),
                "fix the file and run the import again; nothing was sent");
}

void CsvReader::read_unquoted(std::string& field, std::size_t column) {
    for (;;) {
        if (m_pos == m_end && !refill()) {
            return;
        }
        const std::size_t start = m_pos;
        while (m_pos < m_end) {
            const char c = m_buffer[m_pos];
            if (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            if (c == '"') {
                fail(m_line, fmt::format("a quote inside unquoted field {}: quote the whole field "
                                         "and double the quotes inside it",
                                         column));
            }
            ++m_pos;
        }
        count(m_pos - start);
        field.append(m_buffer.data() + start, m_pos - start);
        if (m_pos < m_end) {
            return;
        }
    }
}

void CsvReader::read_quoted(std::string& field, std::size_t column, std::size_t start_line) {
    for (;;) {
        if (m_pos == m_end && !refill()) {
            fail(start_line, fmt::format("the quote that opens field {} is never closed", column));
        }
        const std::size_t start = m_pos;
        bool carriage_return = false;
        while (m_pos < m_end) {
            const char c = m_buffer[m_pos];
            if (c == '"') {
                break;
            }
            ++m_pos;
            if (c == '\n') {
                ++m_line;
            } else if (c == '\r') {
                carriage_return = true;
                break;
            }
        }
        count(m_pos - start);
        field.append(m_buffer.data() + start, m_pos - start);
        if (carriage_return) {
            if (peek() != '\n') {
                ++m_line; // a lone CR ends a line; CRLF is counted at its LF
            }
            continue;
        }
        if (m_pos == m_end) {
            continue;
        }
        ++m_pos; // the quote
        if (peek() == '"') {
            ++m_pos;
            count(1);
            field += '"';
            continue;
        }
        const int next = peek();
        if (next != ',' && next != '\n' && next != '\r' && next != k_eof) {
            fail(m_line,
                 fmt::format("unexpected text after the closing quote of field {}", column));
        }
        return;
    }
}

void CsvReader::end_record() {
    const int c = peek();
    if (c == '\r') {
        ++m_pos;
        if (peek() == '\n') {
            ++m_pos;
        }
        ++m_line;
    } else if (c == '\n') {
        ++m_pos;
        ++m_line;
    }
}

bool CsvReader::next(CsvRecord& record) {
    for (;;) {
        if (peek() == k_eof) {
            return false;
        }
        record.line = m_line;
        m_record_bytes = 0;
        std::size_t used = 0;
        for (;;) {
            if (used == record.fields.size()) {
                record.fields.emplace_back();
            }
            std::string& field = record.fields[used++];
            field.clear();
            const std::size_t field_line = m_line;
            if (peek() == '"') {
                ++m_pos;
                read_quoted(field, used, field_line);
            } else {
                read_unquoted(field, used);
            }
            if (const std::size_t bad = invalid_utf8_offset(field); bad != std::string::npos) {
                fail(field_line,
                     fmt::format("field {} is not valid UTF-8 (byte 0x{:02X} at offset {}); save "
                                 "the file as CSV UTF-8",
                                 used, static_cast<unsigned char>(field[bad]), bad));
            }
            if (peek() == ',') {
                ++m_pos;
                count(1);
                continue;
            }
            end_record();
            break;
        }
        record.fields.resize(used);
        const bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                       [](const std::string& f) { return f.empty(); });
        if (blank) {
            continue;
        }
        ++m_records;
        record.row = m_has_header ? m_records - 1 : m_records;
        return true;
    }
}

} // namespace techpass::bulk
