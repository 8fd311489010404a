#pragma once

// UTF-8 well-formedness, checked on every imported field so that a file saved
// in a legacy code page is refused with its line instead of garbling names.

#include <cstddef>
#include <string_view>

namespace techpass::bulk {

// The offset of the first byte that is not part of a well-formed UTF-8
// sequence (overlong forms, surrogates and code points past U+10FFFF
// included), or std::string_view::npos when text is valid.
std::size_t invalid_utf8_offset(std::string_view text);

} // namespace techpass::bulk
