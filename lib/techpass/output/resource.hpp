#pragma once

// How a kind of object is shown. Each resource (groups, admins, ...) declares
// this once; the output layer, --fields validation, the docs (JSON fields per
// command) and the tests all read the same declaration.

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::output {

// One field of an item's JSON, for --fields and docs.
struct Field {
    std::string_view name;        // JSON key, e.g. "grn"
    std::string_view description; // one line for the docs
};

// One table column.
struct Column {
    std::string_view header; // shown upper-cased, e.g. "NAME"
    std::string_view field;  // JSON key, or a JSON pointer starting with "/" ("/owner/email")
    // Renders the cell; default: strings as is, numbers/bools as JSON, null
    // as "", arrays of scalars comma-joined, other values compact JSON.
    std::function<std::string(const nlohmann::ordered_json& item)> format = {};
};

struct Resource {
    std::string_view singular;   // "group": "No groups found", messages
    std::string_view plural;     // "groups"
    std::string_view list_key;   // key of the item array in list responses ("groups")
    std::string_view name_field; // what -o name prints ("name", "id", "email")
    std::vector<Field> fields;   // every field of an item, in documentation order
    std::vector<Column> columns; // default table columns

    // The names of fields, for "did you mean" and docs.
    std::vector<std::string> field_names() const;
};

// A cell's text by the default rules (see Column::format).
std::string cell_text(const nlohmann::ordered_json& value);

// The value at a column's field (key or JSON pointer) of an item; null when absent.
nlohmann::ordered_json field_value(const nlohmann::ordered_json& item, std::string_view field);
// The string at a field of an item; "" when absent or not a string.
std::string field_text(const nlohmann::ordered_json& item, std::string_view field);

} // namespace techpass::output
