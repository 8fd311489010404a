#pragma once

// The emulator's access tokens: the RS256 signing key (made at first start
// and kept in signing_keys, so tokens survive a restart with a file
// database), issuing tokens for apps and people, and verifying the bearer
// tokens that reach the API.

#include "api.hpp"
#include "emulator.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emu {

// Access token lifetime in seconds, as Microsoft's expires_in says.
inline constexpr std::int64_t k_token_lifetime = 1199;

// One token signing key; kid is the certificate's x5t, as Microsoft's are.
struct SigningKey {
    std::string kid;
    std::string private_key_pem;
    std::string certificate_pem;
};

// The newest signing key, generated and stored when there is none.
SigningKey current_signing_key(Emulator& emulator);
// Every stored signing key (for the JWKS).
std::vector<SigningKey> signing_keys(Emulator& emulator);

// "<base>/<directory id>/v2.0", the iss of tokens and of the discovery document.
std::string token_issuer(const Emulator& emulator);
// "<base>/<directory id>/oauth2/v2.0/token", the aud client assertions must carry.
std::string token_endpoint(const Emulator& emulator);

// The namespaces a person administers (namespace_admins), sorted.
std::vector<std::string> administered_namespaces(Emulator& emulator, const std::string& user_id);

// A token response {token_type, expires_in, ext_expires_in, access_token}
// for an app (client credentials) or a user (device code).
nlohmann::json issue_app_token(Emulator& emulator, const std::string& app_id);
nlohmann::json issue_user_token(Emulator& emulator, const std::string& user_id,
                                const std::string& client_id);

// ID token lifetime in seconds (the platform's is one hour).
inline constexpr std::int64_t k_id_token_lifetime = 3600;

// An OpenID Connect ID token (RS256, identity.md "ID token") saying that
// user_id signed in to the app client_id; nonce is copied when not empty.
std::string issue_id_token(Emulator& emulator, const std::string& user_id,
                           const std::string& client_id, const std::string& nonce);

// Verifies a bearer token (RS256, known kid, signature, iss, aud, exp, nbf)
// and loads its caller; throws ApiError 401 saying what is wrong.
Caller verify_access_token(Emulator& emulator, std::string_view token);

} // namespace emu
