#pragma once

// The token provider of a run: reuses the cached token of the profile until
// 60 s before it expires, else acquires one with the profile's auth method
// (client secret, certificate, device code) and caches it. Secrets are read
// from the profile only when a token must be fetched.

#include "techpass/auth/oauth.hpp"
#include "techpass/auth/token_cache.hpp"
#include "techpass/auth/token_provider.hpp"
#include "techpass/config/profile.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace techpass::auth {

struct AuthenticatorOptions {
    // Shows the device code instructions (the platform's message); when
    // empty, device code sign-in is refused outside `auth login` with an
    // Auth error "run: techpass auth login".
    std::function<void(const DeviceCode&)> show_device_code;
    // Whether access_token() may start a device code sign-in by itself
    // (interactive runs); `auth login` always may.
    bool interactive_sign_in = false;
    std::ostream* debug = nullptr; // redacted exchanges
};

// One credential line of `auth status`.
struct CredentialStatus {
    std::string key;    // "client_id", "client_secret", "certificate", "api_key", ...
    std::string origin; // Origin::describe() plus the source ("env TECHPASS_CLIENT_SECRET", "file:3
                        // (command 'pass show x')")
};

// What `techpass auth status` reports.
struct AuthStatus {
    std::string profile; // "" for environment only
    std::string api_url;
    std::string auth_method;          // "client_secret", ...
    bool signed_in = false;           // a cached token is valid now
    std::optional<Identity> identity; // from the cached token
    std::chrono::system_clock::time_point expires_at{};
    std::vector<CredentialStatus> credentials;
};

class Authenticator final : public TokenProvider {
public:
    Authenticator(const config::Profile& profile, http::Transport& transport, Clock& clock,
                  TokenCache cache, AuthenticatorOptions options = {});

    // TokenProvider
    std::string access_token() override;
    void invalidate() override;
    std::string identity_summary() const override;

    // `auth login`: fetches a new token now (device code flow allowed) and caches it.
    CachedToken login();
    // `auth logout`: removes the cached token; true when there was one.
    bool logout();
    // `auth status`: what is cached and where each credential comes from; no network.
    AuthStatus status() const;
    // The cached token if valid now (for `auth token`), without fetching.
    std::optional<CachedToken> cached() const;

    // The fingerprint of the profile's credential (reads secrets lazily).
    std::string fingerprint() const;

private:
    CachedToken acquire(bool allow_device_code);
    const config::Profile& m_profile;
    http::Transport& m_transport;
    Clock& m_clock;
    TokenCache m_cache;
    AuthenticatorOptions m_options;
    std::optional<CachedToken> m_current;
    mutable std::string m_fingerprint;
};

} // namespace techpass::auth
