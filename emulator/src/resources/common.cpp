#include "resources/common.hpp"

#include <techpass/util/encoding.hpp>
#include <techpass/util/text.hpp>

#include <fmt/args.h>
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace emu::resources {

namespace {

std::string_view type_phrase(Type type) {
    switch (type) {
    case Type::String:
        return "a string";
    case Type::Boolean:
        return "a boolean";
    case Type::Integer:
        return "an integer";
    case Type::Object:
        return "an object";
    case Type::Array:
        return "an array";
    case Type::StringArray:
        return "an array of strings";
    }
    return "valid";
}

bool has_type(const json& value, Type type) {
    switch (type) {
    case Type::String:
        return value.is_string();
    case Type::Boolean:
        return value.is_boolean();
    case Type::Integer:
        return value.is_number_integer();
    case Type::Object:
        return value.is_object();
    case Type::Array:
        return value.is_array();
    case Type::StringArray:
        return value.is_array() &&
               std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
    }
    return false;
}

const json* member(const json& body, std::string_view name) {
    if (!body.is_object()) {
        return nullptr;
    }
    const auto it = body.find(name);
    return it == body.end() ? nullptr : &*it;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) {
        return std::nullopt;
    }
    return value;
}

void bind_value(Stmt& stmt, int index, const SqlValue& value) {
    if (const auto* s = std::get_if<std::string>(&value)) {
        stmt.bind(index, *s);
    } else {
        stmt.bind(index, std::get<std::int64_t>(value));
    }
}

// What is wrong with one string value of field, or nullopt.
std::optional<std::string> string_problem(const Field& field, const std::string& value,
                                          bool check_length) {
    const auto name = fmt::format("field '{}'", field.name);
    if (check_length && field.min > 0 && value.size() < field.min) {
        return field.min == 1
                   ? name + " must not be empty"
                   : fmt::format("{} must be at least {} characters long", name, field.min);
    }
    if (check_length && field.max > 0 && value.size() > field.max) {
        return fmt::format("{} must be at most {} characters long", name, field.max);
    }
    if (!field.one_of.empty() &&
        std::find(field.one_of.begin(), field.one_of.end(), value) == field.one_of.end()) {
        return fmt::format("{} must be one of {}, not '{}'", name, fmt::join(field.one_of, ", "),
                           value);
    }
    switch (field.format) {
    case Format::None:
        break;
    case Format::Trimmed:
        if (value.empty() || techpass::util::trim(value).size() != value.size()) {
            return name + " must not start or end with white space";
        }
        break;
    case Format::Email:
        if (!is_email(value)) {
            return fmt::format("{} must be an email address, not '{}'", name, value);
        }
        break;
    case Format::SgMobile:
        if (!is_singapore_mobile(value)) {
            return fmt::format("{} must be a Singapore mobile number (+65 and 8 digits starting "
                               "with 8 or 9), not '{}'",
                               name, value);
        }
        break;
    case Format::Url:
        return callback_url_problem(name + ": URL", value);
    case Format::Printable:
        if (std::any_of(value.begin(), value.end(), [](char c) { return c < ' ' || c > '~'; })) {
            return name + " must hold printable ASCII characters only";
        }
        break;
    }
    return std::nullopt;
}

std::optional<std::string> value_problem(const Field& field, const json& value) {
    if (value.is_null() && field.nullable) {
        return std::nullopt;
    }
    if (!has_type(value, field.type)) {
        return fmt::format("field '{}' must be {}", field.name, type_phrase(field.type));
    }
    if (field.type == Type::String) {
        return string_problem(field, value.get_ref<const std::string&>(), true);
    }
    if (field.type != Type::StringArray && field.type != Type::Array) {
        return std::nullopt;
    }
    if (value.size() < field.min) {
        return fmt::format("field '{}' must hold at least {} item{}", field.name, field.min,
                           field.min == 1 ? "" : "s");
    }
    if (field.max > 0 && value.size() > field.max) {
        return fmt::format("field '{}' must hold at most {} items, not {}", field.name, field.max,
                           value.size());
    }
    if (field.type == Type::StringArray) {
        std::set<std::string> seen;
        for (const auto& item : value) {
            const auto& text = item.get_ref<const std::string&>();
            if (field.unique_items && !seen.insert(techpass::util::to_lower(text)).second) {
                return fmt::format("field '{}' holds '{}' twice", field.name, text);
            }
            if (auto problem = string_problem(field, text, false)) {
                return problem;
            }
        }
    }
    return std::nullopt;
}

} // namespace

// ---- Request bodies ------------------------------------------------------

std::optional<Problem> schema_problem(const json& body, const Fields& fields) {
    if (!body.is_object()) {
        return Problem{"", "the request body must be a JSON object"};
    }
    for (const auto& item : body.items()) {
        const std::string& key = item.key();
        const auto known = std::find_if(fields.begin(), fields.end(),
                                        [&key](const Field& f) { return f.name == key; });
        if (known == fields.end()) {
            return Problem{key, fmt::format("unknown field '{}'", key)};
        }
    }
    for (const auto& field : fields) {
        const json* value = member(body, field.name);
        if (value == nullptr) {
            if (field.required) {
                return Problem{std::string(field.name),
                               fmt::format("missing field '{}'", field.name)};
            }
            continue;
        }
        if (auto message = value_problem(field, *value)) {
            return Problem{std::string(field.name), std::move(*message)};
        }
    }
    return std::nullopt;
}

void check_body(const json& body, const Fields& fields) {
    if (auto problem = schema_problem(body.is_null() ? json::object() : body, fields)) {
        throw ApiError(400, problem->message);
    }
}

void check_patch(const json& body, const Fields& fields) {
    check_body(body, fields);
    if (body.is_null() || body.empty()) {
        throw ApiError(400, "the request body must hold at least one field to change");
    }
}

std::string entry_message(std::string_view array, std::size_t entry, const Problem& problem) {
    if (problem.field.empty()) {
        return fmt::format("{}[{}]: {}", array, entry, problem.message);
    }
    return fmt::format("{}[{}].{}: {}", array, entry, problem.field, problem.message);
}

std::string string_field(const json& body, std::string_view name, std::string_view fallback) {
    const json* value = member(body, name);
    return value != nullptr && value->is_string() ? value->get<std::string>()
                                                  : std::string(fallback);
}

std::optional<std::string> optional_string(const json& body, std::string_view name) {
    const json* value = member(body, name);
    if (value == nullptr || !value->is_string()) {
        return std::nullopt;
    }
    return value->get<std::string>();
}

bool bool_field(const json& body, std::string_view name, bool fallback) {
    const json* value = member(body, name);
    return value != nullptr && value->is_boolean() ? value->get<bool>() : fallback;
}

std::vector<std::string> strings_field(const json& body, std::string_view name) {
    const json* value = member(body, name);
    std::vector<std::string> result;
    if (value != nullptr && value->is_array()) {
        for (const auto& item : *value) {
            result.push_back(item.get<std::string>());
        }
    }
    return result;
}

bool has_field(const json& body, std::string_view name) {
    return member(body, name) != nullptr;
}

// ---- Queries and paging --------------------------------------------------

Query& Query::where(std::string_view condition, std::vector<SqlValue> args) {
    m_sql += m_has_where ? " AND (" : " WHERE (";
    m_sql += condition;
    m_sql += ')';
    m_has_where = true;
    for (auto& arg : args) {
        m_args.push_back(std::move(arg));
    }
    return *this;
}

Stmt Query::prepare(Db& db, std::string_view suffix, const std::vector<SqlValue>& extra) const {
    auto stmt = db.prepare(m_sql + std::string(suffix));
    int index = 0;
    for (const auto& arg : m_args) {
        bind_value(stmt, ++index, arg);
    }
    for (const auto& arg : extra) {
        bind_value(stmt, ++index, arg);
    }
    return stmt;
}

json load(Db& db, const Table& table, const std::vector<std::string>& key) {
    const std::vector<SqlValue> args(key.begin(), key.end());
    auto stmt = Query(table.select).where(table.one, args).prepare(db);
    if (!stmt.step()) {
        fmt::dynamic_format_arg_store<fmt::format_context> values;
        for (const auto& value : key) {
            values.push_back(value);
        }
        throw ApiError(404, fmt::vformat(table.not_found, values));
    }
    return table.row(db, stmt);
}

bool patch(Db& db, const Table& table, const std::string& key, const json& body) {
    std::string sets;
    std::vector<const Column*> present;
    for (const Column& column : table.patch) {
        if (has_field(body, column.field)) {
            sets += fmt::format("{}{} = ?", sets.empty() ? "" : ", ", column.column);
            present.push_back(&column);
        }
    }
    if (present.empty()) {
        return false;
    }
    auto stmt =
        db.prepare(fmt::format("UPDATE {} SET {} WHERE {} = ?", table.name, sets, table.key));
    int index = 0;
    for (const Column* column : present) {
        switch (column->as) {
        case Column::As::Text:
            stmt.bind(++index, string_field(body, column->field));
            break;
        case Column::As::Bool:
            stmt.bind(++index, bool_field(body, column->field, false));
            break;
        case Column::As::Json:
            stmt.bind(++index, body.at(column->field).dump());
            break;
        }
    }
    stmt.bind(++index, key);
    stmt.run();
    return true;
}

Page read_page(const Request& request, std::int64_t max_size, std::int64_t default_size) {
    Page page;
    page.size = default_size;
    page.listing = request.http.path;
    if (const auto size = request.query("size")) {
        const auto value = parse_integer(*size);
        if (!value || *value < 1 || *value > max_size) {
            throw ApiError(400, fmt::format("size must be an integer from 1 to {}, not '{}'",
                                            max_size, *size));
        }
        page.size = *value;
    }
    const auto last_key = request.query("lastKey");
    if (!last_key || last_key->empty()) {
        return page;
    }
    // The cursor is base64url JSON {"l": listing, "k": last key, "r": last rowid}:
    // opaque to clients, and checked to belong to this listing.
    const auto decoded = techpass::util::base64_decode(*last_key);
    const json cursor = decoded ? json::parse(*decoded, nullptr, false) : json();
    const auto listing = cursor.is_object() ? cursor.find("l") : cursor.end();
    const auto key = cursor.is_object() ? cursor.find("k") : cursor.end();
    const auto rowid = cursor.is_object() ? cursor.find("r") : cursor.end();
    if (listing == cursor.end() || key == cursor.end() || rowid == cursor.end() ||
        !listing->is_string() || !rowid->is_number_integer() ||
        !(key->is_string() || key->is_number_integer()) ||
        listing->get<std::string>() != page.listing) {
        throw ApiError(400, "lastKey is not a cursor of this listing; pass the lastKey of the "
                            "previous page unchanged");
    }
    page.has_cursor = true;
    page.key =
        key->is_string() ? SqlValue(key->get<std::string>()) : SqlValue(key->get<std::int64_t>());
    page.rowid = rowid->get<std::int64_t>();
    return page;
}

namespace {

std::string order_by(const Order& order) {
    const char* direction = order.descending ? " DESC" : "";
    return fmt::format(" ORDER BY {}{}, rowid{}", order.expr, direction, direction);
}

} // namespace

json list_page(Db& db, const Page& page, const Query& query, const Order& order,
               std::string_view plural, const RowMapper& row_json) {
    Query paged = query;
    if (page.has_cursor) {
        paged.where(fmt::format("({}, rowid) {} (?, ?)", order.expr, order.descending ? "<" : ">"),
                    {page.key, page.rowid});
    }
    auto stmt = paged.prepare(db, order_by(order) + " LIMIT ?", {page.size + 1});
    json items = json::array();
    json last = nullptr;
    bool more = false;
    while (stmt.step()) {
        if (static_cast<std::int64_t>(items.size()) == page.size) {
            more = true;
            break;
        }
        last = {
            {"l", page.listing},
            {"k", order.numeric ? json(stmt.integer(order.column)) : json(stmt.text(order.column))},
            {"r", stmt.integer(0)}};
        items.push_back(row_json(stmt));
    }
    json result = json::object();
    result["count"] = items.size();
    result["lastKey"] = more ? techpass::util::base64url_encode(last.dump()) : "";
    result[std::string(plural)] = std::move(items);
    return result;
}

json all_rows(Db& db, const Query& query, const Order& order, const RowMapper& row_json) {
    auto stmt = query.prepare(db, order_by(order));
    json items = json::array();
    while (stmt.step()) {
        items.push_back(row_json(stmt));
    }
    return items;
}

// ---- Responses -----------------------------------------------------------

Response created(json body) {
    return Response{201, std::move(body), {}, "application/json", {}};
}

Response no_content() {
    return Response{204, nullptr, {}, "application/json", {}};
}

Response accepted(json body) {
    return Response{202, std::move(body), {}, "application/json", {}};
}

Response multi_status(json body) {
    return Response{207, std::move(body), {}, "application/json", {}};
}

json batch_error(std::size_t entry_number, int status, const std::string& message,
                 const std::string& trace_id) {
    return {{"code", status},
            {"entryNumber", entry_number},
            {"message", message},
            {"status", status},
            {"traceId", trace_id}};
}

json time_json(std::optional<std::int64_t> unix_seconds) {
    return unix_seconds ? json(format_rfc3339(*unix_seconds)) : json(nullptr);
}

std::optional<std::int64_t> opt_integer(const Stmt& row, int column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    return row.integer(column);
}

json text_or_null(const Stmt& row, int column) {
    auto value = row.opt_text(column);
    return value && !value->empty() ? json(*value) : json(nullptr);
}

bool query_flag(const Request& request, const std::string& name) {
    const auto value = request.query(name);
    if (!value || *value == "false") {
        return false;
    }
    if (*value == "true") {
        return true;
    }
    throw ApiError(400, fmt::format("{} must be true or false, not '{}'", name, *value));
}

std::optional<std::string> query_choice(const Request& request, const std::string& name,
                                        const std::vector<std::string_view>& allowed) {
    auto value = request.query(name);
    if (value && std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
        throw ApiError(400, fmt::format("{} must be one of {}, not '{}'", name,
                                        fmt::join(allowed, ", "), *value));
    }
    return value;
}

const std::string& app_of(Emulator& emulator, const Request& request) {
    require_app(emulator.db(), request.param("namespace"), request.param("appId"));
    return request.param("appId");
}

} // namespace emu::resources
