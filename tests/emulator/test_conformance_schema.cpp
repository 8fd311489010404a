#include "test_conformance_schema.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace conformance {

namespace {

const std::set<std::string> k_methods = {"get", "put", "post", "delete", "patch"};

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::string current;
    for (const char c : path) {
        if (c == '/') {
            segments.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    segments.push_back(current);
    return segments;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string type_of(const json& value) {
    switch (value.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return "integer";
    case json::value_t::number_float:
        return "number";
    case json::value_t::string:
        return "string";
    case json::value_t::array:
        return "array";
    case json::value_t::object:
        return "object";
    default:
        return "other";
    }
}

bool has_type(const json& value, const std::string& type) {
    const std::string actual = type_of(value);
    return actual == type || (type == "number" && actual == "integer");
}

// Code points, as JSON Schema counts a string's length.
std::size_t length_of(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string excerpt(const json& value) {
    std::string text = value.dump();
    if (text.size() > 80) {
        text = text.substr(0, 77) + "...";
    }
    return text;
}

// Formats the spec uses, checked loosely (unknown formats pass).
const std::map<std::string, std::string> k_formats = {
    {"date-time",
     R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$)"},
    {"email", R"(^[^@\s]+@[^@\s]+$)"},
    {"uuid", R"(^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$)"},
    {"uri", R"(^[A-Za-z][A-Za-z0-9+.-]*:\S+$)"},
};

} // namespace

std::string pointer_append(const std::string& pointer, const std::string& token) {
    std::string escaped;
    for (const char c : token) {
        if (c == '~') {
            escaped += "~0";
        } else if (c == '/') {
            escaped += "~1";
        } else {
            escaped += c;
        }
    }
    return pointer + "/" + escaped;
}

Spec::Spec(json document) : m_document(std::move(document)) {
    for (const auto& [path, item] : m_document.at("paths").items()) {
        for (const auto& [method, operation] : item.items()) {
            if (k_methods.count(method) == 0) {
                continue;
            }
            std::string upper = method;
            std::transform(upper.begin(), upper.end(), upper.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            m_operations.push_back(
                {operation.at("operationId").get<std::string>(), upper, path, &operation});
        }
    }
}

Spec Spec::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read the spec " + path);
    }
    return Spec(json::parse(in));
}

const Operation* Spec::match(const std::string& method, const std::string& path) const {
    const auto segments = split_path(path.substr(0, path.find('?')));
    const Operation* best = nullptr;
    int best_literals = -1;
    for (const auto& operation : m_operations) {
        if (operation.method != method) {
            continue;
        }
        const auto pattern = split_path(operation.path);
        if (pattern.size() != segments.size()) {
            continue;
        }
        int literals = 0;
        bool fits = true;
        for (std::size_t i = 0; i < pattern.size() && fits; ++i) {
            if (!pattern[i].empty() && pattern[i].front() == '{' && pattern[i].back() == '}') {
                fits = !segments[i].empty();
            } else if (pattern[i] == segments[i]) {
                ++literals;
            } else {
                fits = false;
            }
        }
        if (fits && literals > best_literals) {
            best = &operation;
            best_literals = literals;
        }
    }
    return best;
}

const json& Spec::resolve(const json& node) const {
    const json* current = &node;
    for (int hops = 0; current->is_object() && current->contains("$ref"); ++hops) {
        const std::string ref = current->at("$ref").get<std::string>();
        if (hops > 20 || ref.rfind("#/", 0) != 0) {
            throw std::runtime_error("unsupported $ref " + ref);
        }
        current = &m_document.at(json::json_pointer(ref.substr(1)));
    }
    return *current;
}

const json& Spec::schema(const std::string& name) const {
    return m_document.at("components").at("schemas").at(name);
}

const std::regex& Spec::regex(const std::string& pattern) const {
    auto& slot = m_regexes[pattern];
    if (!slot) {
        slot = std::make_unique<std::regex>(pattern, std::regex::ECMAScript);
    }
    return *slot;
}

std::vector<Mismatch> Spec::validate(const json& schema, const json& value,
                                     const std::string& pointer) const {
    std::vector<Mismatch> out;
    check(schema, value, pointer, out, 0);
    return out;
}

void Spec::check_string(const json& schema, const std::string& value, const std::string& pointer,
                        std::vector<Mismatch>& out) const {
    const std::size_t length = length_of(value);
    if (schema.contains("minLength") && length < schema.at("minLength").get<std::size_t>()) {
        out.push_back({pointer, "string of length " + std::to_string(length) +
                                    " is shorter than minLength " + schema.at("minLength").dump()});
    }
    if (schema.contains("maxLength") && length > schema.at("maxLength").get<std::size_t>()) {
        out.push_back({pointer, "string of length " + std::to_string(length) +
                                    " is longer than maxLength " + schema.at("maxLength").dump()});
    }
    if (schema.contains("pattern")) {
        const std::string pattern = schema.at("pattern").get<std::string>();
        if (!std::regex_search(value, regex(pattern))) {
            out.push_back({pointer, excerpt(value) + " does not match pattern " + pattern});
        }
    }
    if (schema.contains("format")) {
        const std::string format = schema.at("format").get<std::string>();
        const auto it = k_formats.find(format);
        if (it != k_formats.end() && !std::regex_search(value, regex(it->second))) {
            out.push_back({pointer, excerpt(value) + " is not a valid " + format});
        }
    }
}

void Spec::check(const json& raw, const json& value, const std::string& pointer,
                 std::vector<Mismatch>& out, int depth) const {
    if (depth > 64) {
        out.push_back({pointer, "schema nesting too deep (a $ref cycle?)"});
        return;
    }
    const json& schema = resolve(raw);
    if (!schema.is_object()) {
        return; // true/{}: anything
    }
    if (value.is_null() && schema.value("nullable", false)) {
        return;
    }

    for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
        if (!schema.contains(keyword)) {
            continue;
        }
        std::size_t passing = 0;
        std::vector<Mismatch> first_failure;
        for (const auto& sub : schema.at(keyword)) {
            std::vector<Mismatch> sub_out;
            check(sub, value, pointer, sub_out, depth + 1);
            if (sub_out.empty()) {
                ++passing;
            } else if (first_failure.empty()) {
                first_failure = sub_out;
            }
        }
        const std::size_t total = schema.at(keyword).size();
        if (std::string(keyword) == "allOf" && passing != total) {
            out.insert(out.end(), first_failure.begin(), first_failure.end());
        } else if (std::string(keyword) == "anyOf" && passing == 0) {
            out.push_back({pointer, "matches none of anyOf's " + std::to_string(total) +
                                        " schemas (first: " + first_failure.front().reason + ")"});
        } else if (std::string(keyword) == "oneOf" && passing != 1) {
            out.push_back({pointer, "matches " + std::to_string(passing) + " of oneOf's " +
                                        std::to_string(total) + " schemas, not exactly one"});
        }
    }
    if (schema.contains("not")) {
        std::vector<Mismatch> sub_out;
        check(schema.at("not"), value, pointer, sub_out, depth + 1);
        if (sub_out.empty()) {
            out.push_back({pointer, "matches the schema under 'not'"});
        }
    }

    if (schema.contains("type")) {
        const std::string type = schema.at("type").get<std::string>();
        if (!has_type(value, type)) {
            out.push_back({pointer, "expected " + type +
                                        (schema.value("nullable", false) ? " or null" : "") +
                                        ", got " + type_of(value) + " " + excerpt(value)});
            return; // the other keywords would only repeat it
        }
    }
    if (schema.contains("enum")) {
        const auto& values = schema.at("enum");
        if (std::find(values.begin(), values.end(), value) == values.end()) {
            out.push_back({pointer, excerpt(value) + " is not one of enum " + values.dump()});
        }
    }

    if (value.is_string()) {
        check_string(schema, value.get<std::string>(), pointer, out);
    } else if (value.is_number()) {
        const double number = value.get<double>();
        if (schema.contains("minimum") && number < schema.at("minimum").get<double>()) {
            out.push_back(
                {pointer, excerpt(value) + " is below minimum " + schema.at("minimum").dump()});
        }
        if (schema.contains("maximum") && number > schema.at("maximum").get<double>()) {
            out.push_back(
                {pointer, excerpt(value) + " is above maximum " + schema.at("maximum").dump()});
        }
    } else if (value.is_array()) {
        if (schema.contains("minItems") &&
            value.size() < schema.at("minItems").get<std::size_t>()) {
            out.push_back({pointer, std::to_string(value.size()) + " items, fewer than minItems " +
                                        schema.at("minItems").dump()});
        }
        if (schema.contains("maxItems") &&
            value.size() > schema.at("maxItems").get<std::size_t>()) {
            out.push_back({pointer, std::to_string(value.size()) + " items, more than maxItems " +
                                        schema.at("maxItems").dump()});
        }
        if (schema.value("uniqueItems", false)) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                for (std::size_t j = i + 1; j < value.size(); ++j) {
                    if (value[i] == value[j]) {
                        out.push_back({pointer, "items " + std::to_string(i) + " and " +
                                                    std::to_string(j) +
                                                    " are equal but uniqueItems is true"});
                    }
                }
            }
        }
        if (schema.contains("items")) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                check(schema.at("items"), value[i], pointer_append(pointer, std::to_string(i)), out,
                      depth + 1);
            }
        }
    } else if (value.is_object()) {
        if (schema.contains("minProperties") &&
            value.size() < schema.at("minProperties").get<std::size_t>()) {
            out.push_back({pointer, std::to_string(value.size()) +
                                        " properties, fewer than minProperties " +
                                        schema.at("minProperties").dump()});
        }
        if (schema.contains("maxProperties") &&
            value.size() > schema.at("maxProperties").get<std::size_t>()) {
            out.push_back({pointer, std::to_string(value.size()) +
                                        " properties, more than maxProperties " +
                                        schema.at("maxProperties").dump()});
        }
        if (schema.contains("required")) {
            for (const auto& name : schema.at("required")) {
                if (!value.contains(name.get<std::string>())) {
                    out.push_back({pointer, "missing required property " + name.dump()});
                }
            }
        }
        const json empty = json::object();
        const json& properties = schema.contains("properties") ? schema.at("properties") : empty;
        for (const auto& [name, item] : value.items()) {
            const std::string at = pointer_append(pointer, name);
            if (properties.contains(name)) {
                check(properties.at(name), item, at, out, depth + 1);
            } else if (schema.contains("additionalProperties")) {
                const json& extra = schema.at("additionalProperties");
                if (extra.is_boolean()) {
                    if (!extra.get<bool>()) {
                        out.push_back({at, "property '" + name +
                                               "' is not in the schema (additionalProperties "
                                               "is false)"});
                    }
                } else {
                    check(extra, item, at, out, depth + 1);
                }
            }
        }
    }
}

std::vector<Mismatch> Spec::check_response(const Operation& operation, int status,
                                           const httplib::Headers& headers,
                                           const std::string& body) const {
    std::vector<Mismatch> out;
    const json& responses = operation.node->at("responses");
    const std::string code = std::to_string(status);
    const std::string range = code.substr(0, 1) + "XX";
    const json* response = nullptr;
    for (const std::string& key : {code, range, std::string("default")}) {
        if (responses.contains(key)) {
            response = &resolve(responses.at(key));
            break;
        }
    }
    if (response == nullptr) {
        out.push_back({"", "status " + code + " is not documented (documented: " + [&] {
                           std::string keys;
                           for (const auto& [key, ignored] : responses.items()) {
                               keys += (keys.empty() ? "" : ", ") + key;
                           }
                           return keys;
                       }() + ")"});
        return out;
    }

    if (response->contains("headers")) {
        for (const auto& [name, raw] : response->at("headers").items()) {
            const json& header = resolve(raw);
            const auto it = headers.find(name);
            if (it == headers.end()) {
                if (header.value("required", false)) {
                    out.push_back({"", "missing required header " + name});
                }
                continue;
            }
            if (!header.contains("schema")) {
                continue;
            }
            const json& header_schema = resolve(header.at("schema"));
            json value = it->second;
            if (header_schema.value("type", "") == "integer") {
                value = json::parse(it->second, nullptr, false);
                if (value.is_discarded()) {
                    value = it->second;
                }
            }
            for (auto& mismatch : validate(header_schema, value)) {
                out.push_back({"header " + name, mismatch.reason});
            }
        }
    }

    const auto type_it = headers.find("Content-Type");
    const std::string content_type =
        lower(type_it == headers.end() ? std::string() : type_it->second);
    if (!response->contains("content") || response->at("content").empty()) {
        if (!body.empty()) {
            out.push_back({"", "the spec declares no body for " + code +
                                   " but there is one: " + body.substr(0, 80)});
        }
        return out;
    }
    const json* media = nullptr;
    std::string declared;
    for (const auto& [name, item] : response->at("content").items()) {
        declared += (declared.empty() ? "" : ", ") + name;
        if (content_type.rfind(lower(name), 0) == 0) {
            media = &item;
        }
    }
    if (media == nullptr) {
        out.push_back({"", "Content-Type '" + content_type + "' is not one the spec declares (" +
                               declared + ")"});
        return out;
    }
    if (!media->contains("schema")) {
        return out;
    }
    const json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        out.push_back({"", "the body is not JSON: " + body.substr(0, 80)});
        return out;
    }
    auto problems = validate(media->at("schema"), parsed);
    out.insert(out.end(), problems.begin(), problems.end());
    return out;
}

const Spec& spec_from_environment() {
    static const Spec loaded = [] {
        const char* path = std::getenv("TECHPASS_OPENAPI_JSON");
        if (path == nullptr || *path == '\0') {
            throw std::runtime_error("TECHPASS_OPENAPI_JSON is not set: run this program through "
                                     "tests/spec/conformance.sh");
        }
        return Spec::load(path);
    }();
    return loaded;
}

} // namespace conformance
