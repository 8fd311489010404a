#include "techpass/output/printer.hpp"

#include "techpass/error.hpp"
#include "techpass/output/formats.hpp"
#include "techpass/output/jq.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <array>
#include <ostream>

namespace techpass::output {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 6> k_format_names{"table", "json", "yaml",
                                                         "csv",   "tsv",  "name"};

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += out.empty() ? name : ", " + name;
    }
    return out;
}

// --fields as JSON field names. Each name is a JSON field as documented
// (displayName), else a table column's header in any case (NAME, name: the
// field the column shows), else a JSON field in any case (DISPLAYNAME), so
// that what the table shows can be asked for.
std::vector<std::string> field_names_of(const std::vector<std::string>& fields,
                                        const Resource& resource) {
    const auto names = resource.field_names();
    const auto declared = [&](std::string_view name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    std::vector<std::string> resolved;
    for (const auto& field : fields) {
        if (declared(field)) {
            resolved.push_back(field);
            continue;
        }
        const std::string folded = util::to_lower(field);
        const auto column =
            std::find_if(resource.columns.begin(), resource.columns.end(), [&](const Column& c) {
                return util::to_lower(c.header) == folded && declared(c.field);
            });
        if (column != resource.columns.end()) {
            resolved.emplace_back(column->field);
            continue;
        }
        const auto any_case = std::find_if(names.begin(), names.end(), [&](const auto& name) {
            return util::to_lower(name) == folded;
        });
        if (any_case != names.end()) {
            resolved.push_back(*any_case);
            continue;
        }
        const auto suggestion = util::nearest(field, names);
        throw Error(ErrorKind::Usage,
                    suggestion.empty()
                        ? fmt::format("unknown field '{}' for {}", field, resource.plural)
                        : fmt::format("unknown field '{}' for {}; did you mean '{}'?", field,
                                      resource.plural, suggestion),
                    fmt::format("available fields: {}", join(names)));
    }
    return resolved;
}

Json select_fields(const Json& item, const std::vector<std::string>& fields) {
    if (!item.is_object()) {
        return item;
    }
    Json out = Json::object();
    for (const auto& field : fields) {
        out[field] = field_value(item, field);
    }
    return out;
}

// A table cell on one line.
std::string one_line(std::string text) {
    for (auto& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return text;
}

// Header name for csv/tsv: the JSON field ("/owner/email" -> "owner.email").
std::string machine_header(std::string_view field) {
    std::string out(field.size() > 0 && field.front() == '/' ? field.substr(1) : field);
    std::replace(out.begin(), out.end(), '/', '.');
    return out;
}

} // namespace

std::span<const std::string_view> format_names() {
    return k_format_names;
}

void Printer::check_fields(const Resource& resource) const {
    field_names_of(m_options.fields, resource);
}

std::string_view format_name(Format format) {
    return k_format_names[static_cast<std::size_t>(format)];
}

Format parse_format(std::string_view text) {
    for (std::size_t i = 0; i < k_format_names.size(); ++i) {
        if (k_format_names[i] == text) {
            return static_cast<Format>(i);
        }
    }
    const std::vector<std::string> names(k_format_names.begin(), k_format_names.end());
    const auto suggestion = util::nearest(text, names);
    throw Error(ErrorKind::Usage,
                suggestion.empty()
                    ? fmt::format("unknown output format '{}' ({})", text, join(names))
                    : fmt::format("unknown output format '{}'; did you mean '{}'? ({})", text,
                                  suggestion, join(names)));
}

std::vector<std::string> split_fields(std::string_view text) {
    std::vector<std::string> fields;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto part = util::trim(text.substr(0, comma));
        if (!part.empty()) {
            fields.emplace_back(part);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        text.remove_prefix(comma + 1);
    }
    return fields;
}

Printer::Printer(Terminal& terminal, Interactivity interactivity, OutputOptions options)
    : m_terminal(terminal), m_interactivity(interactivity), m_options(std::move(options)) {
    if (!m_options.jq.empty()) {
        if (m_options.format_given && m_options.format != Format::Json) {
            throw Error(
                ErrorKind::Usage,
                fmt::format("--jq cannot be combined with -o {}", format_name(m_options.format)),
                "drop -o, or use -o json");
        }
        m_jq = std::make_unique<JqProgram>(m_options.jq);
    }
}

Printer::~Printer() = default;

bool Printer::run_jq(const Json& document) {
    if (!m_jq) {
        return false;
    }
    for (const auto& result : m_jq->run(document)) {
        m_terminal.out << (result.is_string() ? result.get<std::string>() + "\n" : to_json(result));
    }
    return true;
}

void Printer::print(const Json& document, const Resource& resource) {
    const auto fields = field_names_of(m_options.fields, resource);
    const bool bare_list = document.is_array();
    const auto list_it =
        document.is_object() ? document.find(std::string(resource.list_key)) : document.end();
    const bool listed = bare_list || (list_it != document.end() && list_it->is_array());
    Json shaped = document;
    if (!fields.empty()) {
        if (bare_list) {
            for (auto& item : shaped) {
                item = select_fields(item, fields);
            }
        } else if (listed) {
            for (auto& item : shaped[std::string(resource.list_key)]) {
                item = select_fields(item, fields);
            }
        } else {
            shaped = select_fields(document, fields);
        }
    }
    if (run_jq(shaped)) {
        return;
    }
    switch (m_options.format) {
    case Format::Json:
        m_terminal.out << to_json(shaped);
        return;
    case Format::Yaml:
        m_terminal.out << to_yaml(shaped);
        return;
    default:
        break;
    }
    if (!listed) {
        Json single = Json::array();
        single.push_back(document);
        print_items(single, resource, fields, true);
        return;
    }
    print_items(bare_list ? document : *list_it, resource, fields, false);
}

void Printer::print_items(const Json& items, const Resource& resource,
                          const std::vector<std::string>& fields, bool single) {
    if (m_options.format == Format::Name) {
        for (const auto& item : items) {
            m_terminal.out << cell_text(field_value(item, resource.name_field)) << '\n';
        }
        return;
    }
    if (items.empty() && m_options.format == Format::Table) {
        m_terminal.err << "No " << resource.plural << " found\n";
        return;
    }
    // Columns: the --fields, else the resource's declared ones.
    std::vector<Column> columns;
    if (fields.empty()) {
        columns = resource.columns;
    } else {
        for (const auto& field : fields) {
            const auto declared = std::find_if(resource.fields.begin(), resource.fields.end(),
                                               [&](const Field& f) { return f.name == field; });
            columns.push_back(Column{declared->name, declared->name, {}});
        }
    }
    const bool human = m_options.format == Format::Table;
    Table table;
    for (const auto& column : columns) {
        table.headers.push_back(human ? std::string(column.header) : machine_header(column.field));
    }
    for (const auto& item : items) {
        std::vector<std::string> row;
        for (const auto& column : columns) {
            std::string text = human && column.format ? column.format(item)
                                                      : cell_text(field_value(item, column.field));
            row.push_back(human ? one_line(std::move(text)) : std::move(text));
        }
        table.rows.push_back(std::move(row));
    }
    if (m_options.format == Format::Csv) {
        m_terminal.out << render_csv(table);
        return;
    }
    if (m_options.format == Format::Tsv) {
        m_terminal.out << render_tsv(table);
        return;
    }
    TableStyle style;
    style.bold_headers = m_interactivity.colour && m_terminal.out_tty;
    style.max_width = m_terminal.out_tty ? m_terminal.width : 0;
    if (single) {
        // One object reads better as "FIELD  value" lines.
        Table vertical;
        vertical.headers = {"", ""};
        for (std::size_t c = 0; c < table.headers.size(); ++c) {
            vertical.rows.push_back(
                {util::to_upper(table.headers[c]) + ":", table.rows.front()[c]});
        }
        std::string text = render_table(vertical, style);
        m_terminal.out << text.substr(text.find('\n') + 1);
        return;
    }
    m_terminal.out << render_table(table, style);
}

void Printer::print_document(const Json& document) {
    if (run_jq(document)) {
        return;
    }
    switch (m_options.format) {
    case Format::Table:
    case Format::Json:
        m_terminal.out << to_json(document);
        return;
    case Format::Yaml:
        m_terminal.out << to_yaml(document);
        return;
    default:
        throw Error(ErrorKind::Usage,
                    fmt::format("-o {} is not available here", format_name(m_options.format)),
                    "use -o json or -o yaml");
    }
}

} // namespace techpass::output
