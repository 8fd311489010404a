#pragma once

// "Sign in with TechPass" seen from an app (techpass apps try-signin): the
// authorization code flow with PKCE for a public client listening on a
// loopback redirect URI, the checks an app makes of the ID token, and plain
// words for the platform's refusals (docs/api/identity.md).

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::auth {

// PKCE (RFC 7636): a random verifier and its S256 challenge.
struct Pkce {
    std::string verifier;
    std::string challenge;
};
Pkce make_pkce();
// BASE64URL(SHA-256(verifier)), without padding.
std::string s256_challenge(std::string_view verifier);

// An authorization request: response_type=code, scope "openid profile
// email", S256, the answer in the query string.
struct SignInRequest {
    std::string authorize_endpoint; // {authority}/{directory}/oauth2/v2.0/authorize
    std::string client_id;
    std::string redirect_uri;
    std::string state;
    std::string nonce;
    std::string code_challenge;
    std::string login_hint; // may be ""
};
std::string authorize_url(const SignInRequest& request);

// The first of an app's redirect URLs that a program on this machine can
// receive: http:// on localhost, 127.0.0.1 or [::1], any port and path; ""
// when there is none.
std::string loopback_redirect(const std::vector<std::string>& redirect_urls);

// What a redirect URI received: a code, or the platform's error.
struct Callback {
    std::string code;
    std::string state;
    std::string error;
    std::string error_description;
};

// The AADSTS number a description starts with ("AADSTS50105: ..."), 0 when none.
int aadsts_code(std::string_view description);
// The description without the trace, correlation and timestamp the platform
// appends.
std::string without_trace(std::string_view description);

// Plain words for a refusal, and the command that fixes it ("" when none).
struct Explanation {
    std::string plain;
    std::string fix;
};
struct RefusalContext {
    std::string app;            // its name
    std::string namespace_code; // the app's namespace
    std::string user;           // who signed in (email), "" when unknown
    std::string redirect_uri;
};
Explanation explain(int aadsts, const RefusalContext& context);

// What an app checks of an ID token (OpenID Connect Core 3.1.3.7).
struct IdTokenExpectations {
    std::string issuer;   // {authority}/{directory}/v2.0
    std::string audience; // the app's client id
    std::string nonce;    // the one the request sent
    std::chrono::system_clock::time_point now;
    std::chrono::seconds leeway{300}; // clock skew allowed on exp, nbf and iat
};
// Checks an ID token against the directory's JWKS: alg RS256, the key named
// by its kid (n and e), the signature, iss, aud, nonce, exp, nbf and iat.
// Returns its claims; throws Error(Auth) saying which check failed.
nlohmann::json verify_id_token(std::string_view token, const nlohmann::json& jwks,
                               const IdTokenExpectations& expected);

} // namespace techpass::auth
