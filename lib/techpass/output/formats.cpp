#include "techpass/output/formats.hpp"

#include "techpass/util/text.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace techpass::output {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_ellipsis = "\xE2\x80\xA6"; // …

bool is_reserved_plain(std::string_view text) {
    static constexpr std::array<std::string_view, 16> k_words{
        "true", "false", "yes",  "no",    "on",    "off",  "null", "~",
        "y",    "n",     ".inf", "-.inf", "+.inf", ".nan", "<<",   "="};
    const auto lower = util::to_lower(text);
    return std::find(k_words.begin(), k_words.end(), lower) != k_words.end();
}

// Whether a string must be quoted to read back as the same string in YAML
// 1.1 and 1.2 parsers (numbers, dates, booleans, indicators, special spacing).
bool needs_quotes(std::string_view text) {
    if (text.empty() || is_reserved_plain(text) || text.front() == ' ' || text.back() == ' ' ||
        text.back() == ':') {
        return true;
    }
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos) {
        // "-x" and "?x"/":x" are plain in YAML 1.2, but not "- x"; quote them all for safety.
        return true;
    }
    const char first = text.front();
    if ((first >= '0' && first <= '9') || first == '.' || first == '+') {
        return true; // numbers, versions, dates, times
    }
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos) {
        return true;
    }
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::string yaml_scalar(const Json& value) {
    if (value.is_null()) {
        return "null";
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        // JSON escapes are valid in YAML double-quoted scalars.
        return needs_quotes(text) ? value.dump(-1, ' ', false, Json::error_handler_t::replace)
                                  : text;
    }
    return value.dump();
}

bool is_empty_container(const Json& value) {
    return (value.is_object() || value.is_array()) && value.empty();
}

void yaml_node(std::string& out, const Json& value, int indent);

void yaml_entry_value(std::string& out, const Json& value, int indent) {
    if (is_empty_container(value)) {
        out += value.is_object() ? " {}\n" : " []\n";
    } else if (value.is_object() || value.is_array()) {
        out += '\n';
        yaml_node(out, value, indent);
    } else {
        out += ' ' + yaml_scalar(value) + '\n';
    }
}

void yaml_node(std::string& out, const Json& value, int indent) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            out += pad + yaml_scalar(Json(it.key())) + ':';
            yaml_entry_value(out, *it, indent + 2);
        }
    } else if (value.is_array()) {
        for (const auto& item : value) {
            if (is_empty_container(item) || item.is_primitive()) {
                out += pad + "-";
                yaml_entry_value(out, item, indent + 2);
            } else {
                // The item's first line goes after "- ", the rest indented to match.
                std::string inner;
                yaml_node(inner, item, indent + 2);
                out += pad + "- " + inner.substr(static_cast<std::size_t>(indent) + 2);
            }
        }
    } else {
        out += pad + yaml_scalar(value) + '\n';
    }
}

std::string cut(const std::string& text, std::size_t width) {
    if (display_width(text) <= width) {
        return text;
    }
    if (width == 0) {
        return {};
    }
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (used + 1 > width - 1) {
            break;
        }
        out.append(text, i, length);
        used += 1;
        i += length;
    }
    return out + std::string(k_ellipsis);
}

} // namespace

std::string to_json(const Json& value) {
    return value.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

std::string to_yaml(const Json& value) {
    if (is_empty_container(value)) {
        return value.is_object() ? "{}\n" : "[]\n";
    }
    std::string out;
    yaml_node(out, value, 0);
    return out;
}

std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string render_table(const Table& table, const TableStyle& style) {
    const std::size_t columns = table.headers.size();
    if (columns == 0) {
        return {};
    }
    std::vector<std::string> headers;
    std::vector<std::size_t> widths(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        headers.push_back(util::printable(util::to_upper(table.headers[c])));
        widths[c] = display_width(headers[c]);
    }
    // Cells as the terminal may show them: control characters escaped.
    std::vector<std::vector<std::string>> rows;
    rows.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        auto& shown = rows.emplace_back();
        for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
            shown.push_back(util::printable(row[c]));
            widths[c] = std::max(widths[c], display_width(shown.back()));
        }
    }
    if (style.max_width > 0) {
        const auto budget = static_cast<std::size_t>(style.max_width);
        const auto total = [&] {
            return std::accumulate(widths.begin(), widths.end(), (columns - 1) * 2);
        };
        while (total() > budget) {
            const auto widest = std::max_element(widths.begin(), widths.end());
            if (*widest <= 5) {
                break; // nothing sensible left to cut
            }
            --*widest;
        }
    }
    std::string out;
    const auto emit_row = [&](const std::vector<std::string>& cells, bool header) {
        std::string line;
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string text = cut(c < cells.size() ? cells[c] : std::string(), widths[c]);
            const bool last = c + 1 == columns;
            line += header && style.bold_headers ? "\x1b[1m" + text + "\x1b[0m" : text;
            if (!last) {
                line += std::string(widths[c] - display_width(text) + 2, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + '\n';
    };
    emit_row(headers, true);
    for (const auto& row : rows) {
        emit_row(row, false);
    }
    return out;
}

std::string csv_field(std::string_view text) {
    std::string value;
    const bool formula =
        !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    const bool number = text.find_first_not_of("0123456789 +-.()") == std::string_view::npos &&
                        text.find_first_of("0123456789") != std::string_view::npos;
    if (formula && !number) {
        value = "'";
    }
    value += text;
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string out = "\"";
    for (const char c : value) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::string render_csv(const Table& table) {
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            out += (i == 0 ? "" : ",") + csv_field(cells[i]);
        }
        return out + "\r\n";
    };
    std::string out = line(table.headers);
    for (const auto& row : table.rows) {
        out += line(row);
    }
    return out;
}

std::string render_tsv(const Table& table) {
    const auto field = [](const std::string& text) {
        std::string out;
        for (const char c : text) {
            switch (c) {
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\\':
                out += "\\\\";
                break;
            default:
                out += c;
            }
        }
        return out;
    };
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            out += (i == 0 ? "" : "\t") + field(cells[i]);
        }
        return out + "\n";
    };
    std::string out = line(table.headers);
    for (const auto& row : table.rows) {
        out += line(row);
    }
    return out;
}

} // namespace techpass::output
