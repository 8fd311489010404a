#include "techpass/output/resource.hpp"

namespace techpass::output {

namespace {
// As in the other files of output/ (the same alias; Format::Json forbids one in the header).
using Json = nlohmann::ordered_json;
} // namespace

std::vector<std::string> Resource::field_names() const {
    std::vector<std::string> names;
    names.reserve(fields.size());
    for (const auto& field : fields) {
        names.emplace_back(field.name);
    }
    return names;
}

std::string cell_text(const Json& value) {
    if (value.is_null()) {
        return {};
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            if (!item.is_primitive()) {
                return value.dump();
            }
            out += out.empty() ? "" : ", ";
            out += cell_text(item);
        }
        return out;
    }
    return value.dump();
}

Json field_value(const Json& item, std::string_view field) {
    if (!item.is_object()) {
        return nullptr;
    }
    if (!field.empty() && field.front() == '/') {
        try {
            const Json::json_pointer pointer{std::string(field)};
            return item.contains(pointer) ? item.at(pointer) : Json(nullptr);
        } catch (const Json::exception&) {
            return nullptr;
        }
    }
    const auto it = item.find(std::string(field));
    return it == item.end() ? Json(nullptr) : *it;
}

std::string field_text(const nlohmann::ordered_json& item, std::string_view field) {
    const auto value = field_value(item, field);
    return value.is_string() ? value.get<std::string>() : std::string();
}

} // namespace techpass::output
