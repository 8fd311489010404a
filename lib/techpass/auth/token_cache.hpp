#pragma once

// Tokens cached per profile in $XDG_CACHE_HOME/techpass/<profile>.json (else
// ~/.cache/techpass/), file mode 0600 in a 0700 directory. An entry is keyed
// by a fingerprint of what produced it, so a changed credential or API URL
// invalidates it.

#include "techpass/auth/identity.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace techpass {
class Environment;
}

namespace techpass::auth {

struct CachedToken {
    std::string access_token;
    std::string refresh_token; // device code sign-ins only, may be ""
    std::chrono::system_clock::time_point expires_at;
    std::string fingerprint; // credential_fingerprint() of what produced it
    Identity identity;       // summary of the claims
};

// A token is reused until this long before it expires.
inline constexpr std::chrono::seconds k_expiry_margin{60};

// A stable hash (hex) of the API URL, client id, auth method and credential
// material (secret, certificate thumbprint, ...); never reversible to the secret.
std::string credential_fingerprint(std::string_view api_url, std::string_view client_id,
                                   std::string_view auth_method, std::string_view credential);

class TokenCache {
public:
    // A cache in dir (created 0700 on first store).
    explicit TokenCache(std::string dir) : m_dir(std::move(dir)) {}
    // $XDG_CACHE_HOME/techpass, else $HOME/.cache/techpass.
    static std::string default_dir(const Environment& env);

    // The file of a profile ("" names the environment-only profile "_env").
    std::string path(std::string_view profile) const;
    // The entry of a profile if present, readable and of that fingerprint
    // (expired entries are returned too: the caller decides, it may refresh).
    std::optional<CachedToken> load(std::string_view profile, std::string_view fingerprint) const;
    // Writes the entry atomically, mode 0600.
    void store(std::string_view profile, const CachedToken& token) const;
    // Deletes the entry; true when there was one.
    bool remove(std::string_view profile) const;

private:
    std::string m_dir;
};

} // namespace techpass::auth
