#pragma once

// What the API client needs from authentication: a bearer token, a way to
// drop it after a 401, and who it is for error messages.

#include <string>

namespace techpass::auth {

class TokenProvider {
public:
    virtual ~TokenProvider() = default;
    // A valid access token (cached, or fetched now).
    virtual std::string access_token() = 0;
    // Forgets the current token (memory and cache) so the next call fetches a new one.
    virtual void invalidate() = 0;
    // "app <appid>" / "user <name>" of the current token, "" when none yet.
    virtual std::string identity_summary() const = 0;
};

// A fixed token (tests, and `techpass api` with TECHPASS_TOKEN if ever wanted).
class StaticTokenProvider final : public TokenProvider {
public:
    explicit StaticTokenProvider(std::string token, std::string identity = {})
        : m_token(std::move(token)), m_identity(std::move(identity)) {}
    std::string access_token() override { return m_token; }
    void invalidate() override { ++m_invalidations; }
    std::string identity_summary() const override { return m_identity; }
    int invalidations() const { return m_invalidations; }

private:
    std::string m_token;
    std::string m_identity;
    int m_invalidations = 0;
};

} // namespace techpass::auth
