#include "techpass/api/naming.hpp"

#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <cctype>

namespace techpass::api {

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

} // namespace techpass::api
