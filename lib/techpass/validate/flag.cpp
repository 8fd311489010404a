#include "techpass/validate/flag.hpp"

#include "techpass/util/text.hpp"

#include <fmt/format.h>

namespace techpass::validate {

std::optional<bool> parse_flag(std::string_view text) {
    const std::string lower = util::to_lower(util::trim(text));
    if (lower.empty() || lower == "false" || lower == "no" || lower == "n" || lower == "0") {
        return false;
    }
    if (lower == "true" || lower == "yes" || lower == "y" || lower == "1") {
        return true;
    }
    return std::nullopt;
}

std::string flag_problem(std::string_view text) {
    return fmt::format("\"{}\" is not yes or no (use true/false, yes/no, y/n or 1/0)",
                       util::trim(text));
}

} // namespace techpass::validate
