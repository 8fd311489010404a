#include "techpass/http/transport.hpp"

#include "techpass/util/text.hpp"

namespace techpass::http {

std::optional<std::string> Response::header(std::string_view name) const {
    const auto wanted = util::to_lower(name);
    for (const auto& [key, value] : headers) {
        if (util::to_lower(key) == wanted) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace techpass::http
