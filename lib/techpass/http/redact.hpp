#pragma once

// The one place that hides credentials from --debug output, traces and
// messages: Authorization, x-api-key and cookie headers; form fields
// client_secret, client_assertion, device_code, refresh_token, access_token,
// password, code; JSON fields (at any depth) whose names are secrets
// (secret, clientSecret, key, apiKey, password, value (a created secret or
// key), access_token, refresh_token, id_token, device_code, client_assertion,
// ...), compared ignoring case, '_' and '-'; and the values of a JSON
// "headers" object (a webhook's custom headers).

#include "techpass/http/transport.hpp"

#include <iosfwd>
#include <string>
#include <string_view>

namespace techpass::http {

// What a redacted value is replaced with.
inline constexpr std::string_view k_redacted = "***";

// Whether a header's value must be hidden.
bool is_secret_header(std::string_view name);
// Whether a JSON or form field of that name must be hidden (case-insensitive).
bool is_secret_field(std::string_view name);

// A body with secret fields replaced by "***": JSON (any depth) or form
// encoded, detected from content; other bodies unchanged.
std::string redact_body(std::string_view body);

// Headers with secret values replaced by "***".
Headers redact_headers(const Headers& headers);

// Writes "> METHOD URL", "> Header: value" lines, and the redacted body.
void write_request(std::ostream& out, const Request& request);
// Writes "< STATUS", "< Header: value" lines, and the redacted body.
void write_response(std::ostream& out, const Response& response);

} // namespace techpass::http
