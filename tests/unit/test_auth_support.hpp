#pragma once

// Shared by the auth tests: a test certificate and key (made once per run)
// and access tokens shaped like the identity platform's.

#include "techpass/util/jwt.hpp"
#include "techpass/util/x509.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace testsupport {

inline const techpass::util::KeyAndCertificate& test_credential() {
    static const auto credential = techpass::util::generate_self_signed("techpass-unit-test", 30);
    return credential;
}

// A signed JWT access token for an app of namespace ns, expiring at exp.
inline std::string app_token(const std::string& app_id, const std::string& ns,
                             std::chrono::system_clock::time_point exp) {
    const nlohmann::json claims{
        {"idtyp", "app"},
        {"appid", app_id},
        {"oid", app_id},
        {"app_displayname", "ship-automation"},
        {"namespaces", {ns}},
        {"roles", nlohmann::json::array()},
        {"exp", std::chrono::duration_cast<std::chrono::seconds>(exp.time_since_epoch()).count()},
    };
    return techpass::util::sign_jwt({{"typ", "JWT"}}, claims, test_credential().private_key_pem);
}

// The token endpoint's JSON answer.
inline std::string token_body(const std::string& access_token, int expires_in = 1199) {
    return nlohmann::json{
        {"token_type", "Bearer"}, {"expires_in", expires_in}, {"access_token", access_token}}
        .dump();
}

} // namespace testsupport
