#include "techpass/config/validate.hpp"

#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace techpass::config::detail {

namespace {

std::optional<double> parse_number(std::string_view text) {
    text = util::trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string choices_text(const KeyInfo& key) {
    std::string out;
    for (const auto& choice : key.choices) {
        out += out.empty() ? "" : ", ";
        out += choice;
    }
    return out;
}

} // namespace

std::string must_be(const KeyInfo& key) {
    if (key.type == KeyType::Choice) {
        return fmt::format("'{}' must be one of {}", key.name, choices_text(key));
    }
    return fmt::format("'{}' must be {}", key.name, type_phrase(key.type));
}

std::optional<std::string> check_text(const KeyInfo& key, std::string_view text) {
    switch (key.type) {
    case KeyType::String:
    case KeyType::Path:
    case KeyType::Secret:
        if (text.empty()) {
            return fmt::format("'{}' must not be empty", key.name);
        }
        return std::nullopt;
    case KeyType::Url:
        if ((text.rfind("https://", 0) == 0 && text.size() > 8) ||
            (text.rfind("http://", 0) == 0 && text.size() > 7)) {
            return std::nullopt;
        }
        return must_be(key);
    case KeyType::Number: {
        const auto number = parse_number(text);
        if (!number) {
            return must_be(key);
        }
        if (*number < 0) {
            return fmt::format("'{}' must not be negative", key.name);
        }
        return std::nullopt;
    }
    case KeyType::Choice:
        for (const auto& choice : key.choices) {
            if (choice == text) {
                return std::nullopt;
            }
        }
        return must_be(key);
    }
    return must_be(key);
}

NodeResult read_node(const KeyInfo& key, const toml::node& node) {
    NodeResult result;
    FileValue value;
    value.line = static_cast<int>(node.source().begin.line);
    value.column = static_cast<int>(node.source().begin.column);
    value.end_line = static_cast<int>(node.source().end.line);
    value.end_column = static_cast<int>(node.source().end.column);
    if (key.type == KeyType::Number) {
        if (const auto* i = node.as_integer()) {
            value.text = std::to_string(i->get());
        } else if (const auto* f = node.as_floating_point()) {
            value.text = fmt::format("{}", f->get());
        } else {
            result.error = must_be(key);
            return result;
        }
    } else if (const auto* s = node.as_string()) {
        value.text = s->get();
        if (key.type == KeyType::Secret) {
            value.source = SecretSource{SecretSource::Kind::Literal, value.text};
        }
    } else if (const auto* table = node.as_table(); table && key.type == KeyType::Secret) {
        if (table->size() != 1) {
            result.error = must_be(key);
            return result;
        }
        std::string name;
        const toml::node* inner = nullptr;
        for (auto&& [k, v] : *table) {
            name = std::string(k.str());
            inner = &v;
        }
        const auto* text = inner != nullptr ? inner->as_string() : nullptr;
        SecretSource source;
        if (name == "env") {
            source.kind = SecretSource::Kind::Env;
        } else if (name == "file") {
            source.kind = SecretSource::Kind::File;
        } else if (name == "command") {
            source.kind = SecretSource::Kind::Command;
        } else {
            result.error = must_be(key);
            return result;
        }
        if (text == nullptr || text->get().empty()) {
            result.error = fmt::format("'{}.{}' must be a non-empty string", key.name, name);
            return result;
        }
        source.value = text->get();
        value.text = source.describe();
        value.source = std::move(source);
        result.value = std::move(value);
        return result;
    } else {
        result.error = must_be(key);
        return result;
    }
    if (auto error = check_text(key, value.text)) {
        result.error = *error;
        return result;
    }
    result.value = std::move(value);
    return result;
}

std::string toml_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                out +=
                    fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string toml_value(const KeyInfo& key, const std::string& text) {
    if (key.type == KeyType::Number) {
        return std::string(util::trim(text));
    }
    return toml_string(text);
}

std::string toml_secret(const SecretSource& source) {
    switch (source.kind) {
    case SecretSource::Kind::Literal:
        return toml_string(source.value);
    case SecretSource::Kind::Env:
        return "{ env = " + toml_string(source.value) + " }";
    case SecretSource::Kind::File:
        return "{ file = " + toml_string(source.value) + " }";
    case SecretSource::Kind::Command:
        return "{ command = " + toml_string(source.value) + " }";
    }
    return toml_string(source.value);
}

std::string unknown_key_message(std::string_view key, std::string_view where) {
    const auto suggestion = util::nearest(key, key_names());
    if (suggestion.empty()) {
        return fmt::format("unknown key '{}'{}", key, where);
    }
    return fmt::format("unknown key '{}'{}; did you mean '{}'?", key, where, suggestion);
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto length = end == std::string_view::npos ? text.size() : end + 1;
        lines.emplace_back(text.substr(0, length));
        text.remove_prefix(length);
    }
    return lines;
}

std::size_t byte_offset(std::string_view line, int column) {
    std::size_t offset = 0;
    for (int c = 1; c < column && offset < line.size(); ++c) {
        ++offset;
        while (offset < line.size() && (static_cast<unsigned char>(line[offset]) & 0xC0) == 0x80) {
            ++offset;
        }
    }
    return offset;
}

} // namespace techpass::config::detail
