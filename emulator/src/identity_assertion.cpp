// Client assertions (RFC 7523 JWTs signed with an app certificate's key), in
// every shape Microsoft's MSAL libraries send (docs/api/identity.md).

#include "identity.hpp"
#include "tokens.hpp"

#include <techpass/util/encoding.hpp>
#include <techpass/util/jwt.hpp>
#include <techpass/util/x509.hpp>

#include <fmt/format.h>

#include <cmath>

namespace emu {

namespace {

using nlohmann::json;

// Clock skew allowed between the client and the emulator.
constexpr std::int64_t k_skew = 300;

[[noreturn]] void invalid(int code, const std::string& description) {
    throw AadError(401, "invalid_client", code, description);
}

// (contains/at rather than find: GCC 12 warns about json iterators at -O2.)
std::string string_member(const json& object, const char* name) {
    return object.contains(name) && object.at(name).is_string() ? object.at(name).get<std::string>()
                                                                : std::string();
}

// exp, nbf and iat may be integers or fractional seconds.
std::optional<std::int64_t> time_claim(const json& claims, const char* name) {
    if (!claims.contains(name)) {
        return std::nullopt;
    }
    const json& value = claims.at(name);
    if (value.is_number_integer()) {
        return value.get<std::int64_t>();
    }
    if (value.is_number_float() && std::isfinite(value.get<double>())) {
        return static_cast<std::int64_t>(std::floor(value.get<double>()));
    }
    invalid(50027,
            fmt::format("JWT token is invalid or malformed: claim '{}' is not a number.", name));
}

// The hex thumbprint a header's x5t / x5t#S256 names (base64url of the
// digest, padded or not), or "" when absent or not base64.
std::string thumbprint_of(const json& header, const char* name) {
    const std::string value = string_member(header, name);
    const auto digest = value.empty() ? std::nullopt : techpass::util::base64_decode(value);
    return digest ? techpass::util::hex_upper(*digest) : std::string();
}

struct Registered {
    std::string pem;
    std::string thumbprint; // SHA-1, upper-case hex
    std::int64_t not_before = 0;
    std::int64_t not_after = 0;
};

// The certificate of app the assertion's header names: by x5t (SHA-1) or
// x5t#S256 (SHA-256), else by the SHA-1 of the first x5c certificate. An x5c
// that is present must hold that same certificate first.
std::optional<Registered> registered_certificate(Emulator& emulator, const std::string& app_id,
                                                 const json& header) {
    std::string x5c_sha1;
    if (header.contains("x5c")) {
        const json& chain = header.at("x5c");
        const auto der = chain.is_array() && !chain.empty() && chain.at(0).is_string()
                             ? techpass::util::base64_decode(chain.at(0).get<std::string>())
                             : std::nullopt;
        try {
            x5c_sha1 = der ? techpass::util::parse_certificate(*der).thumbprint() : "";
        } catch (const std::runtime_error&) {
        }
        if (x5c_sha1.empty()) {
            return std::nullopt;
        }
    }
    std::string sha1 = thumbprint_of(header, "x5t");
    const std::string sha256 = thumbprint_of(header, "x5t#S256");
    if (sha1.empty() && sha256.empty()) {
        sha1 = x5c_sha1;
    }
    auto stmt = emulator.db().prepare(
        "SELECT pem, upper(thumbprint), not_before, not_after FROM app_certificates "
        "WHERE app_id = ? AND ((? <> '' AND upper(thumbprint) = upper(?)) OR "
        "(? <> '' AND upper(thumbprint_sha256) = upper(?)))");
    stmt.bind_all(app_id, sha1, sha1, sha256, sha256);
    if (!stmt.step()) {
        return std::nullopt;
    }
    Registered found{stmt.text(0), stmt.text(1), stmt.integer(2), stmt.integer(3)};
    if (!x5c_sha1.empty() && x5c_sha1 != found.thumbprint) {
        return std::nullopt;
    }
    return found;
}

bool audience_matches(const json& claims, const std::string& expected) {
    if (!claims.contains("aud")) {
        return false;
    }
    const json& aud = claims.at("aud");
    if (aud.is_string()) {
        return aud.get<std::string>() == expected;
    }
    if (aud.is_array()) {
        for (std::size_t i = 0; i < aud.size(); ++i) {
            if (aud.at(i).is_string() && aud.at(i).get<std::string>() == expected) {
                return true;
            }
        }
    }
    return false;
}

// Records jti; false when it was used before (within its lifetime).
bool first_use(Emulator& emulator, const std::string& app_id, const std::string& jti,
               std::int64_t expires_at) {
    Db& db = emulator.db();
    db.run("DELETE FROM used_assertions WHERE expires_at < ?", emulator.now_unix());
    const std::string key = app_id + ":" + jti;
    auto stmt = db.prepare("SELECT 1 FROM used_assertions WHERE jti = ?");
    stmt.bind(1, key);
    if (stmt.step()) {
        return false;
    }
    db.run("INSERT INTO used_assertions(jti, expires_at) VALUES (?, ?)", key, expires_at);
    return true;
}

} // namespace

std::string verify_client_assertion(Emulator& emulator, const std::string& assertion,
                                    const std::string& client_id) {
    // The order of the checks is identity.md's: the first failure answers.
    techpass::util::Jwt jwt;
    try {
        jwt = techpass::util::decode_jwt(assertion);
    } catch (const std::runtime_error& e) {
        invalid(50027, fmt::format("JWT token is invalid or malformed: {}.", e.what()));
    }
    const std::string alg = string_member(jwt.header, "alg");
    if (alg != "RS256" && alg != "PS256") {
        invalid(5002738, fmt::format("Invalid JWT token. '{}' is not a supported signature "
                                     "algorithm (RS256 and PS256 are).",
                                     alg));
    }
    const auto exp = time_claim(jwt.claims, "exp");
    const auto nbf = time_claim(jwt.claims, "nbf");
    time_claim(jwt.claims, "iat");
    const std::string jti = string_member(jwt.claims, "jti");
    if (!exp || jti.empty()) {
        invalid(50027, fmt::format("JWT token is invalid or malformed: the '{}' claim is "
                                   "missing.",
                                   exp ? "jti" : "exp"));
    }

    const std::string iss = string_member(jwt.claims, "iss");
    const std::string sub = string_member(jwt.claims, "sub");
    const std::string app_id = client_id.empty() ? iss : client_id;
    if (iss.empty() || iss != app_id || sub != app_id) {
        invalid(700021, fmt::format("Client assertion application identifier doesn't match "
                                    "'client_id' parameter: iss '{}' and sub '{}' must both be "
                                    "'{}'.",
                                    iss, sub, app_id));
    }
    {
        auto stmt = emulator.db().prepare("SELECT 1 FROM apps WHERE app_id = ?");
        stmt.bind(1, app_id);
        if (!stmt.step()) {
            throw AadError(400, "unauthorized_client", 700016,
                           fmt::format("Application with identifier '{}' was not found in the "
                                       "directory '{}'.",
                                       app_id, emulator.options().directory_id));
        }
    }

    const std::string endpoint = token_endpoint(emulator);
    if (!audience_matches(jwt.claims, endpoint)) {
        invalid(700023, fmt::format("Client assertion audience claim does not match the token "
                                    "endpoint: aud must be '{}'.",
                                    endpoint));
    }

    const std::int64_t now = emulator.now_unix();
    if (*exp + k_skew < now || (nbf && *nbf - k_skew > now)) {
        invalid(700024, fmt::format("Client assertion is not within its valid time range. "
                                    "Current time: {}, assertion valid from {}, expiry time of "
                                    "assertion {}.",
                                    format_rfc3339(now), nbf ? format_rfc3339(*nbf) : "(not set)",
                                    format_rfc3339(*exp)));
    }

    const auto certificate = registered_certificate(emulator, app_id, jwt.header);
    if (!certificate) {
        invalid(700027, fmt::format("Client assertion failed signature validation: the "
                                    "certificate named by the assertion (x5t, x5t#S256 or x5c) "
                                    "is not registered on application '{}'.",
                                    app_id));
    }
    if (certificate->not_after < now || certificate->not_before > now) {
        invalid(700027, fmt::format("Client assertion failed signature validation: the "
                                    "certificate {} of application '{}' is not within its "
                                    "validity period.",
                                    certificate->thumbprint, app_id));
    }
    if (!techpass::util::verify_jwt_signature(jwt, certificate->pem)) {
        invalid(700027, "Client assertion failed signature validation.");
    }

    // The issue (#3) asks for replay protection; identity.md calls it optional.
    if (!first_use(emulator, app_id, jti, *exp + k_skew)) {
        invalid(700025, "The client assertion was already used: its jti was seen before. Make "
                        "a new assertion (with a new jti) for every token request.");
    }
    return app_id;
}

} // namespace emu
