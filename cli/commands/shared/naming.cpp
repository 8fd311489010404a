#include "commands/shared/naming.hpp"

#include "app/factory.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <cctype>

namespace techpass::cli {

namespace {

bool valid_code(std::string_view code) {
    if (code.size() < 2 || code.size() > 16 || !std::isupper(static_cast<unsigned char>(code[0]))) {
        return false;
    }
    for (const char c : code) {
        if (!std::isupper(static_cast<unsigned char>(c)) &&
            !std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string GroupRef::display() const {
    return looks_like_id(identifier) ? identifier : grn(namespace_code, identifier);
}

std::string grn(std::string_view namespace_code, std::string_view name) {
    return util::to_lower(namespace_code) + ":" + std::string(name);
}

std::string checked_namespace(std::string_view code) {
    const std::string result = util::to_upper(code);
    if (!valid_code(result)) {
        throw Error(
            ErrorKind::Usage, fmt::format("invalid namespace code {}", util::quoted(code)),
            "a namespace code is 2 to 16 letters and digits starting with a letter, e.g. SHIP");
    }
    return result;
}

GroupRef parse_group_ref(Factory& factory, std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return {checked_namespace(factory.namespace_code()), std::string(text)};
    }
    GroupRef ref{checked_namespace(text.substr(0, colon)), std::string(text.substr(colon + 1))};
    const std::string& flag = factory.globals().namespace_code;
    if (!flag.empty() && util::to_upper(flag) != ref.namespace_code) {
        throw Error(ErrorKind::Usage,
                    fmt::format("group {} is in namespace {}, but -n names {}", text,
                                ref.namespace_code, flag),
                    "drop -n, or name the group without its namespace prefix");
    }
    if (ref.identifier.empty()) {
        throw Error(ErrorKind::Usage, fmt::format("{} names no group", util::quoted(text)),
                    "write the group as NAME or NAMESPACE:NAME, e.g. ship:billing");
    }
    return ref;
}

bool looks_like_id(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) {
            return false;
        }
    }
    return true;
}

} // namespace techpass::cli
