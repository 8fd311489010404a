#pragma once

// Who a token speaks for, read from its claims without verifying them (the
// portal verifies; we only describe).

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::auth {

struct Identity {
    std::string kind;      // "app" (client credentials) or "user" (device code)
    std::string app_id;    // appid / azp claim
    std::string object_id; // oid claim
    std::string name;      // preferred_username / upn / email (users), app_displayname (apps)
    std::string tenant_id; // tid claim
    std::vector<std::string> namespaces; // namespaces claim (or ns / roles "namespace:X")
    std::vector<std::string> roles;      // roles claim

    // One line for messages: "app ship-automation (1b2c...)" or "user jane@agency.gov.sg".
    std::string describe() const;
};

// The identity and expiry of a JWT access token; throws Error(Auth) when the
// token is not a JWT.
Identity identity_from_token(std::string_view access_token);

// The exp claim of a JWT access token (epoch when absent).
std::chrono::system_clock::time_point token_expiry(std::string_view access_token);

} // namespace techpass::auth
