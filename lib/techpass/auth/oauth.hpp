#pragma once

// The identity platform's endpoints (Microsoft identity platform v2 shape):
// client credentials with a client secret or a client assertion, and the
// device code flow. Errors become Error values: bad credentials -> Config
// (exit 3), a refused sign-in -> Auth (exit 4), transport -> Network; the
// platform's description is kept, a secret never is.

#include "techpass/context.hpp"
#include "techpass/http/transport.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>

namespace techpass::auth {

// What the token endpoint answered.
struct TokenResponse {
    std::string access_token;
    std::string refresh_token; // may be ""
    std::string id_token;      // the authorization code grant with openid; may be ""
    std::chrono::system_clock::time_point expires_at;
};

// What the device code endpoint answered.
struct DeviceCode {
    std::string device_code;
    std::string user_code;
    std::string verification_uri;
    std::string message; // the platform's sentence for the user
    std::chrono::seconds interval{5};
    std::chrono::system_clock::time_point expires_at;
};

// Where the identity platform is, and who asks.
struct OAuthEndpoint {
    std::string authority;    // https://login.microsoftonline.com
    std::string directory_id; // tenant
    std::string client_id;
    std::string scope; // "<api_url>/.default"
};

// {authority}/{directory_id}/oauth2/v2.0/token
std::string token_endpoint(const OAuthEndpoint& endpoint);
// {authority}/{directory_id}/oauth2/v2.0/devicecode
std::string device_code_endpoint(const OAuthEndpoint& endpoint);
// {authority}/{directory_id}/oauth2/v2.0/authorize
std::string authorize_endpoint(const OAuthEndpoint& endpoint);
// {authority}/{directory_id}/discovery/v2.0/keys
std::string keys_endpoint(const OAuthEndpoint& endpoint);

// A client assertion JWT: header {alg RS256, typ JWT, x5t}, claims aud =
// token endpoint, iss = sub = client_id, jti (uuid), nbf = iat = now, exp = now + 600 s.
std::string make_client_assertion(std::string_view client_id, std::string_view token_endpoint_url,
                                  std::string_view certificate_pem,
                                  std::string_view private_key_pem,
                                  std::chrono::system_clock::time_point now);

class OAuthClient {
public:
    // debug, when set, receives each exchange with secrets redacted.
    OAuthClient(http::Transport& transport, Clock& clock, OAuthEndpoint endpoint,
                std::ostream* debug = nullptr);

    // client_credentials with client_secret.
    TokenResponse with_client_secret(const std::string& client_secret);
    // client_credentials with a client assertion signed by the certificate's key.
    TokenResponse with_certificate(const std::string& certificate_pem,
                                   const std::string& private_key_pem);
    // refresh_token grant (device code sign-ins).
    TokenResponse with_refresh_token(const std::string& refresh_token);
    // authorization_code grant of a public client (a loopback redirect URI)
    // with its PKCE verifier; a refusal is Error(Auth) carrying the platform's
    // error and AADSTS description.
    TokenResponse with_authorization_code(const std::string& code, const std::string& redirect_uri,
                                          const std::string& code_verifier);
    // The directory's token signing keys (JWKS); Error(Network) when they
    // cannot be read.
    nlohmann::json signing_keys();

    // Device code flow, step 1: asks for a code.
    DeviceCode start_device_code();
    // Step 2: polls the token endpoint at the interval (+5 s on slow_down),
    // sleeping on the clock, until a token, access_denied (Auth error) or
    // expiry (Auth error "the device code expired ...; run: techpass auth login").
    TokenResponse poll_device_code(const DeviceCode& code);

    const OAuthEndpoint& endpoint() const { return m_endpoint; }

private:
    TokenResponse request_token(const std::string& form);
    http::Response post_form(const std::string& url, const std::string& form);
    http::Transport& m_transport;
    Clock& m_clock;
    OAuthEndpoint m_endpoint;
    std::ostream* m_debug;
};

} // namespace techpass::auth
