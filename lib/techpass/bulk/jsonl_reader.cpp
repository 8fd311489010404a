#include "techpass/bulk/jsonl_reader.hpp"

#include "techpass/bulk/utf8.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <istream>

namespace techpass::bulk {

JsonLinesReader::JsonLinesReader(std::istream& in, std::string source_name)
    : m_in(in), m_source(std::move(source_name)) {}

bool JsonLinesReader::next(JsonRecord& record) {
    while (std::getline(m_in, m_text)) {
        ++m_line;
        if (m_line == 1 && m_text.starts_with("\xEF\xBB\xBF")) {
            m_text.erase(0, 3);
        }
        if (util::trim(m_text).empty()) {
            continue;
        }
        ++m_rows;
        const auto fail = [&](const std::string& reason) {
            return Error(ErrorKind::Usage,
                         fmt::format("{}:{}: row {}: {}", m_source, m_line, m_rows, reason),
                         "fix the file and run the import again; nothing was sent");
        };
        if (const std::size_t bad = invalid_utf8_offset(m_text); bad != std::string::npos) {
            throw fail(fmt::format("not valid UTF-8 (byte 0x{:02X} at column {})",
                                   static_cast<unsigned char>(m_text[bad]), bad + 1));
        }
        try {
            record.object = nlohmann::json::parse(m_text);
        } catch (const nlohmann::json::parse_error& e) {
            throw fail(fmt::format("not valid JSON (at column {})", e.byte));
        } catch (const nlohmann::json::exception&) {
            // A number beyond what a double holds (1E400): out_of_range.
            throw fail("not valid JSON (a number too large to read)");
        }
        if (!record.object.is_object()) {
            throw fail(fmt::format("expected a JSON object, got {}", record.object.type_name()));
        }
        record.line = m_line;
        record.row = m_rows;
        return true;
    }
    if (m_in.bad()) {
        throw Error(ErrorKind::Usage, fmt::format("{}: read error", m_source));
    }
    return false;
}

} // namespace techpass::bulk
