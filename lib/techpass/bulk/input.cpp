#include "techpass/bulk/input.hpp"

#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

namespace techpass::bulk {

namespace {

// A JSON scalar as the text a spreadsheet cell would hold; nullopt for
// arrays and objects.
std::optional<std::string> scalar_text(const nlohmann::json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_null()) {
        return std::string();
    }
    if (value.is_boolean()) {
        return std::string(value.get<bool>() ? "true" : "false");
    }
    if (value.is_number()) {
        return value.dump();
    }
    return std::nullopt;
}

} // namespace

Format input_format(const std::string& path) {
    const std::string extension = util::to_lower(std::filesystem::path(path).extension().string());
    if (extension == ".csv") {
        return Format::Csv;
    }
    if (extension == ".jsonl" || extension == ".ndjson") {
        return Format::JsonLines;
    }
    // Another or no extension: the content decides. A JSON Lines file starts
    // with an object; text that does not is read as CSV (its header is then
    // checked); binary files (spreadsheets, archives) are refused.
    std::ifstream file(path, std::ios::binary);
    char head[4096];
    file.read(head, sizeof head);
    std::string_view text(head, static_cast<std::size_t>(file.gcount()));
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text.find('\0') == std::string_view::npos) {
        return text[first] == '{' ? Format::JsonLines : Format::Csv;
    }
    throw Error(ErrorKind::Usage, fmt::format("{}: unknown input format \"{}\"", path, extension),
                "name the file .csv (CSV with a header line) or .jsonl (one JSON object per line)");
}

InputReader::InputReader(const std::string& path, Kind kind)
    : m_kind(kind), m_source(std::filesystem::path(path).filename().string()) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw Error(ErrorKind::Usage, fmt::format("{} is a directory, not a file to import", path),
                    "name the CSV or JSON Lines file itself");
    }
    const Format format = input_format(path);
    m_file.open(path, std::ios::binary);
    if (!m_file) {
        throw Error(ErrorKind::Usage,
                    fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    }
    if (format == Format::JsonLines) {
        m_json = std::make_unique<JsonLinesReader>(m_file, m_source);
        return;
    }
    m_csv = std::make_unique<CsvReader>(m_file, m_source);
    if (!m_csv->next(m_record)) {
        throw Error(ErrorKind::Usage, fmt::format("{} is empty: expected a header line", path),
                    fmt::format("print one with techpass {} import --template",
                                kind == Kind::Invitation ? "vendors" : "users"));
    }
    m_header = map_header(kind, m_record.fields, m_source);
    m_warnings = m_header.warnings;
}

bool InputReader::next(InputRow& row) {
    for (auto& value : row.values) {
        value.clear();
    }
    row.problems.clear();
    return m_csv ? next_csv(row) : next_json(row);
}

bool InputReader::next_csv(InputRow& row) {
    if (!m_csv->next(m_record)) {
        return false;
    }
    row.row = m_record.row;
    row.line = m_record.line;
    const std::size_t width = m_header.columns.size();
    if (m_record.fields.size() != width) {
        row.problems.push_back({"", fmt::format("has {} fields where the header has {}",
                                                m_record.fields.size(), width)});
    }
    for (std::size_t i = 0; i < std::min(width, m_record.fields.size()); ++i) {
        if (const auto field = m_header.columns[i]) {
            validate::value_of(row.values, *field) = std::move(m_record.fields[i]);
        }
    }
    return true;
}

bool InputReader::next_json(InputRow& row) {
    if (!m_json->next(m_object)) {
        return false;
    }
    row.row = m_object.row;
    row.line = m_object.line;
    for (const auto& [key, value] : m_object.object.items()) {
        const auto field = field_for_name(m_kind, key);
        if (!field) {
            if (std::find(m_unknown_keys.begin(), m_unknown_keys.end(), key) ==
                m_unknown_keys.end()) {
                m_unknown_keys.push_back(key);
                ColumnWarning warning{key, suggest_column(m_kind, key), {}};
                warning.message = fmt::format("key \"{}\" (first on line {}) is not used by {} and "
                                              "is ignored",
                                              key, row.line, kind_name(m_kind));
                if (!warning.suggestion.empty()) {
                    warning.message += fmt::format(" (did you mean \"{}\"?)", warning.suggestion);
                }
                m_warnings.push_back(std::move(warning));
            }
            continue;
        }
        if (auto text = scalar_text(value)) {
            validate::value_of(row.values, *field) = std::move(*text);
        } else {
            row.problems.push_back({std::string(validate::field_name(*field)),
                                    fmt::format("must be a string, not {}", value.type_name())});
        }
    }
    return true;
}

} // namespace techpass::bulk
