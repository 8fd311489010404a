#include "techpass/bulk/outcome.hpp"

#include <array>

namespace techpass::bulk {

namespace {

constexpr std::array<std::string_view, 5> k_names{"pending", "invalid", "created", "already-exists",
                                                  "failed"};

} // namespace

std::string_view outcome_name(Outcome outcome) {
    return k_names[static_cast<std::size_t>(outcome)];
}

std::optional<Outcome> outcome_from_name(std::string_view name) {
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (k_names[i] == name) {
            return static_cast<Outcome>(i);
        }
    }
    return std::nullopt;
}

} // namespace techpass::bulk
