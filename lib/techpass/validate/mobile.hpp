#pragma once

// Singapore mobile numbers, the only kind the invitation API takes.

#include <optional>
#include <string>
#include <string_view>

namespace techpass::validate {

// The E.164 form "+6591234567" of a Singapore mobile number typed in any of
// the usual ways ("9123 4567", "+65 9123 4567", "6591234567", "0065-9123-4567",
// "(+65) 9123.4567"), or nullopt when it is not one.
std::optional<std::string> normalise_mobile(std::string_view text);

// Why text is not a Singapore mobile number (empty text: "is required"), or
// nullopt when normalise_mobile accepts it. The reason names the expected
// form, and sends foreign numbers to the portal's own flow.
std::optional<std::string> mobile_problem(std::string_view text);

} // namespace techpass::validate
