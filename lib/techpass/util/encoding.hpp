#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace techpass::util {

// Standard base64 with padding (RFC 4648 section 4).
std::string base64_encode(std::string_view bytes);
// base64url without padding (RFC 4648 section 5), as JWTs use.
std::string base64url_encode(std::string_view bytes);
// Decodes standard or url-safe base64, padded or not, ignoring white space
// (certificates in x5c may contain newlines); nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view text);

// Lower-case hexadecimal of bytes, and upper-case.
std::string hex_lower(std::string_view bytes);
std::string hex_upper(std::string_view bytes);
// Decodes hexadecimal of either case; nullopt when malformed or of odd length.
std::optional<std::string> hex_decode(std::string_view text);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);
// Decodes %XX sequences (and '+' as space when form is true).
std::string url_decode(std::string_view text, bool form = false);

} // namespace techpass::util
