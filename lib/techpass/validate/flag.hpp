#pragma once

// Yes/no answers as spreadsheets and prompts spell them.

#include <optional>
#include <string>
#include <string_view>

namespace techpass::validate {

// true/false, yes/no, y/n, 1/0 in any case; empty means false (a blank SEED
// cell means "not requested"); nullopt for anything else.
std::optional<bool> parse_flag(std::string_view text);

// The reason parse_flag refused text, for problem reports.
std::string flag_problem(std::string_view text);

} // namespace techpass::validate
