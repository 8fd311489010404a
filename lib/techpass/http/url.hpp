#pragma once

// Just enough URL handling for an API client: split, check loopback, build
// request URLs with encoded query strings.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace techpass::http {

// Query parameters in order; values are encoded by build_url.
using Query = std::vector<std::pair<std::string, std::string>>;

struct Url {
    std::string scheme; // "https", lower case
    std::string host;   // without brackets for IPv6
    int port = 0;       // 0 when not given
    std::string path;   // "/..." with query, "" when none
};

// Splits an absolute http(s) URL; nullopt when it is not one.
std::optional<Url> parse_url(std::string_view url);

// Whether a host is loopback: "localhost", 127.0.0.0/8, "::1" (brackets optional).
bool is_loopback_host(std::string_view host);

// Refuses plain http:// to a non-loopback host, and anything but http(s), with
// Error(Config) naming the URL and the fix (use https://).
void check_url_allowed(std::string_view url);

// base (no trailing slash needed) + path + "?" + encoded query.
std::string build_url(std::string_view base, std::string_view path, const Query& query = {});

// One path segment from a value the user or the portal supplied: RFC 3986
// unreserved characters and '@' kept, everything else percent-encoded. An
// empty value, "." and ".." are refused (Error(Usage)): they would change
// which path is requested, whatever the encoding. `what` names the value in
// the message, e.g. "user".
std::string path_segment(std::string_view value, std::string_view what = "identifier");

// Form encoding (application/x-www-form-urlencoded) of fields, in order.
std::string form_encode(const Query& fields);

// Decodes a form body into fields, in order.
Query form_decode(std::string_view body);

} // namespace techpass::http
