#include "techpass/auth/authenticator.hpp"

#include "techpass/error.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

namespace techpass::auth {

namespace {

std::string read_pem(const config::Profile& profile, std::string_view key) {
    const auto path = profile.path(key);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Config,
                    fmt::format("cannot read the {} file {} ({}): {}", key, path,
                                profile.origin(key).describe(), std::strerror(errno)));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

OAuthEndpoint endpoint_of(const config::Profile& profile) {
    return {profile.authority(), profile.directory_id(), profile.client_id(), profile.scope()};
}

// What identifies the credential without running a secret command: the
// command line stands for its output, other sources for their value.
std::string credential_material(const config::Profile& profile) {
    switch (profile.auth_method()) {
    case config::AuthMethod::ClientSecret: {
        const auto* setting = profile.find("client_secret");
        if (setting && setting->source &&
            setting->source->kind == config::SecretSource::Kind::Command) {
            return "command:" + setting->source->value;
        }
        return "secret:" + util::sha256_hex(profile.secret("client_secret"));
    }
    case config::AuthMethod::Certificate:
        return "certificate:" + util::sha256_hex(read_pem(profile, "certificate"));
    case config::AuthMethod::DeviceCode:
        return "device_code";
    }
    return {};
}

bool valid_at(const CachedToken& token, std::chrono::system_clock::time_point now) {
    return !token.access_token.empty() && token.expires_at - k_expiry_margin > now;
}

} // namespace

Authenticator::Authenticator(const config::Profile& profile, http::Transport& transport,
                             Clock& clock, TokenCache cache, AuthenticatorOptions options)
    : m_profile(profile), m_transport(transport), m_clock(clock), m_cache(std::move(cache)),
      m_options(std::move(options)) {}

std::string Authenticator::fingerprint() const {
    if (m_fingerprint.empty()) {
        const auto endpoint = endpoint_of(m_profile);
        const std::string credential =
            fmt::format("{}\n{}\n{}\n{}", endpoint.authority, endpoint.directory_id, endpoint.scope,
                        credential_material(m_profile));
        m_fingerprint =
            credential_fingerprint(m_profile.api_url(), endpoint.client_id,
                                   config::auth_method_name(m_profile.auth_method()), credential);
    }
    return m_fingerprint;
}

std::optional<CachedToken> Authenticator::cached() const {
    const auto now = m_clock.now();
    if (m_current && valid_at(*m_current, now)) {
        return m_current;
    }
    auto token = m_cache.load(m_profile.name(), fingerprint());
    if (token && valid_at(*token, now)) {
        return token;
    }
    return std::nullopt;
}

std::string Authenticator::access_token() {
    if (auto token = cached()) {
        m_current = std::move(token);
        return m_current->access_token;
    }
    // An expired device code sign-in may be renewed without the user.
    if (auto stale = m_cache.load(m_profile.name(), fingerprint());
        stale && !stale->refresh_token.empty()) {
        try {
            OAuthClient client(m_transport, m_clock, endpoint_of(m_profile), m_options.debug);
            const auto response = client.with_refresh_token(stale->refresh_token);
            CachedToken token{response.access_token,
                              response.refresh_token.empty() ? stale->refresh_token
                                                             : response.refresh_token,
                              response.expires_at,
                              fingerprint(),
                              {}};
            try {
                token.identity = identity_from_token(token.access_token);
            } catch (const Error&) {
            }
            try {
                m_cache.store(m_profile.name(), token);
            } catch (const Error&) {
            }
            m_current = std::move(token);
            return m_current->access_token;
        } catch (const Error& error) {
            // A refused or unsupported refresh falls back to a new sign-in;
            // an unreachable platform is reported as it is.
            if (error.kind() == ErrorKind::Network || error.kind() == ErrorKind::RateLimited) {
                throw;
            }
        }
    }
    m_current = acquire(m_options.interactive_sign_in);
    return m_current->access_token;
}

void Authenticator::invalidate() {
    m_current.reset();
    m_cache.remove(m_profile.name());
}

std::string Authenticator::identity_summary() const {
    return m_current ? m_current->identity.describe() : std::string();
}

CachedToken Authenticator::acquire(bool allow_device_code) {
    OAuthClient client(m_transport, m_clock, endpoint_of(m_profile), m_options.debug);
    TokenResponse response;
    switch (m_profile.auth_method()) {
    case config::AuthMethod::ClientSecret:
        response = client.with_client_secret(m_profile.secret("client_secret"));
        break;
    case config::AuthMethod::Certificate:
        response = client.with_certificate(read_pem(m_profile, "certificate"),
                                           read_pem(m_profile, "private_key"));
        break;
    case config::AuthMethod::DeviceCode: {
        const std::string profile = m_profile.name().empty() ? "" : " -p " + m_profile.name();
        if (!allow_device_code || !m_options.show_device_code) {
            throw Error(
                ErrorKind::Auth,
                m_profile.name().empty()
                    ? std::string("not signed in (device code sign-in needs a terminal)")
                    : fmt::format(
                          "not signed in to profile '{}' (device code sign-in needs a terminal)",
                          m_profile.name()),
                fmt::format("run: techpass auth login{}", profile));
        }
        const auto code = client.start_device_code();
        m_options.show_device_code(code);
        response = client.poll_device_code(code);
        break;
    }
    }
    CachedToken token{
        response.access_token, response.refresh_token, response.expires_at, fingerprint(), {}};
    try {
        token.identity = identity_from_token(token.access_token);
    } catch (const Error&) {
        // Opaque tokens are fine; there is just nothing to describe.
    }
    try {
        m_cache.store(m_profile.name(), token);
    } catch (const Error& error) {
        if (m_options.debug != nullptr) {
            *m_options.debug << "* token not cached: " << error.what() << '\n';
        }
    }
    return token;
}

CachedToken Authenticator::login() {
    m_current = acquire(true);
    return *m_current;
}

bool Authenticator::logout() {
    m_current.reset();
    return m_cache.remove(m_profile.name());
}

AuthStatus Authenticator::status() const {
    AuthStatus status;
    status.profile = m_profile.name();
    status.api_url = m_profile.get("api_url");
    status.auth_method = std::string(config::auth_method_name(m_profile.auth_method()));
    std::vector<std::string> keys{"api_url", "auth"};
    for (std::string& key : m_profile.credential_keys()) {
        keys.push_back(std::move(key));
    }
    for (const auto& key : keys) {
        const auto* setting = m_profile.find(key);
        std::string origin = setting ? setting->origin.describe() : "not set";
        if (setting && setting->source &&
            setting->source->kind != config::SecretSource::Kind::Literal) {
            origin += " (" + setting->source->describe() + ")";
        }
        status.credentials.push_back({key, origin});
    }
    try {
        if (auto token = cached()) {
            status.signed_in = true;
            status.identity = token->identity;
            status.expires_at = token->expires_at;
        }
    } catch (const Error&) {
        // A credential that cannot be read yet: not signed in.
    }
    return status;
}

} // namespace techpass::auth
