#include "tokens.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/jwt.hpp>
#include <techpass/util/x509.hpp>

#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace emu {

namespace {

using nlohmann::json;

// The API spelling of an account type ("account:vendor"), whichever way it is stored.
std::string api_account_type(const std::string& stored) {
    return stored.rfind("account:", 0) == 0 ? stored : "account:" + stored;
}

std::string sign(Emulator& emulator, const json& claims) {
    const SigningKey key = current_signing_key(emulator);
    return techpass::util::sign_jwt({{"typ", "JWT"}, {"kid", key.kid}, {"x5t", key.kid}}, claims,
                                    key.private_key_pem, "RS256");
}

json base_claims(Emulator& emulator) {
    const std::int64_t now = emulator.now_unix();
    return {{"aud", emulator.base_url()},
            {"iss", token_issuer(emulator)},
            {"iat", now},
            {"nbf", now},
            {"exp", now + k_token_lifetime},
            {"tid", emulator.options().directory_id},
            {"ver", "2.0"},
            {"uti", techpass::util::random_token(22)}};
}

json token_response(std::string access_token) {
    return {{"token_type", "Bearer"},
            {"expires_in", k_token_lifetime},
            {"ext_expires_in", k_token_lifetime},
            {"access_token", std::move(access_token)}};
}

// The API's roles (identity.md, "Roles").
const std::vector<std::string> k_all_roles = {"Users.Read", "Users.Onboard", "Tenants.Request",
                                              "Namespace.Admin"};
// What an automation app registered without roles may do.
const std::vector<std::string> k_default_app_roles = {"Users.Read", "Users.Onboard",
                                                      "Namespace.Admin"};

[[noreturn]] void unauthorized(const std::string& message) {
    throw ApiError(
        401, message,
        {{"WWW-Authenticate",
          fmt::format("Bearer error=\"invalid_token\", error_description=\"{}\"", message)}});
}

std::int64_t numeric_claim(const json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number()) {
        unauthorized(fmt::format("the access token has no '{}' claim", name));
    }
    return it->is_number_float() ? static_cast<std::int64_t>(it->get<double>())
                                 : it->get<std::int64_t>();
}

std::string string_claim(const json& claims, const char* name) {
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Caller load_app_caller(Emulator& emulator, const std::string& app_id) {
    auto stmt =
        emulator.db().prepare("SELECT namespace, name, automation FROM apps WHERE app_id = ?");
    stmt.bind(1, app_id);
    if (!stmt.step()) {
        unauthorized(fmt::format("the access token's app {} no longer exists", app_id));
    }
    Caller caller;
    caller.kind = Caller::Kind::App;
    caller.id = app_id;
    caller.home_namespace = stmt.text(0);
    caller.name = stmt.text(1);
    if (stmt.boolean(2)) {
        caller.namespaces = {caller.home_namespace};
    }
    return caller;
}

Caller load_user_caller(Emulator& emulator, const std::string& user_id) {
    auto stmt = emulator.db().prepare("SELECT email, account_type, status FROM users WHERE id = ?");
    stmt.bind(1, user_id);
    if (!stmt.step() || stmt.text(2) == "deleted") {
        unauthorized(fmt::format("the access token's user {} no longer exists", user_id));
    }
    Caller caller;
    caller.kind = Caller::Kind::User;
    caller.id = user_id;
    caller.name = stmt.text(0);
    caller.account_type = api_account_type(stmt.text(1));
    // A disabled or terminated person still authenticates; the handlers
    // answer 403 because their rights follow the account (identity.md).
    caller.status = stmt.text(2);
    caller.namespaces = administered_namespaces(emulator, user_id);
    return caller;
}

} // namespace

std::vector<SigningKey> signing_keys(Emulator& emulator) {
    std::vector<SigningKey> keys;
    auto stmt = emulator.db().prepare(
        "SELECT kid, private_pem, certificate_pem FROM signing_keys ORDER BY created_at DESC");
    while (stmt.step()) {
        keys.push_back({stmt.text(0), stmt.text(1), stmt.text(2)});
    }
    return keys;
}

SigningKey current_signing_key(Emulator& emulator) {
    auto keys = signing_keys(emulator);
    if (!keys.empty()) {
        return keys.front();
    }
    const auto pair = techpass::util::generate_self_signed("techpass-emulator token signing", 3650);
    const auto cert = techpass::util::parse_certificate(pair.certificate_pem);
    SigningKey key{cert.x5t(), pair.private_key_pem, pair.certificate_pem};
    emulator.db().run("INSERT INTO signing_keys(kid, private_pem, certificate_pem, created_at) "
                      "VALUES (?, ?, ?, ?)",
                      key.kid, key.private_key_pem, key.certificate_pem, emulator.now_unix());
    return key;
}

std::string token_issuer(const Emulator& emulator) {
    return emulator.authority() + "/v2.0";
}

std::string token_endpoint(const Emulator& emulator) {
    return emulator.authority() + "/oauth2/v2.0/token";
}

std::vector<std::string> administered_namespaces(Emulator& emulator, const std::string& user_id) {
    std::vector<std::string> namespaces;
    auto stmt = emulator.db().prepare(
        "SELECT namespace FROM namespace_admins WHERE user_id = ? ORDER BY namespace");
    stmt.bind(1, user_id);
    while (stmt.step()) {
        namespaces.push_back(stmt.text(0));
    }
    return namespaces;
}

json issue_app_token(Emulator& emulator, const std::string& app_id) {
    auto stmt = emulator.db().prepare(
        "SELECT namespace, name, roles, automation FROM apps WHERE app_id = ?");
    stmt.bind(1, app_id);
    if (!stmt.step()) {
        throw std::runtime_error("issue_app_token: no app " + app_id);
    }
    const bool automation = stmt.boolean(3);
    json roles = json::parse(stmt.text(2), nullptr, false);
    if (!automation || !roles.is_array()) {
        roles = json::array();
    } else if (roles.empty()) {
        roles = k_default_app_roles;
    }
    json claims = base_claims(emulator);
    claims["sub"] = app_id;
    claims["oid"] = app_id;
    claims["appid"] = app_id;
    claims["azp"] = app_id;
    claims["app_displayname"] = stmt.text(1);
    claims["idtyp"] = "app";
    claims["namespaces"] = automation ? json::array({stmt.text(0)}) : json::array();
    claims["roles"] = roles;
    return token_response(sign(emulator, claims));
}

json issue_user_token(Emulator& emulator, const std::string& user_id,
                      const std::string& client_id) {
    auto stmt = emulator.db().prepare(
        "SELECT email, username, display_name, account_type, status FROM users WHERE id = ?");
    stmt.bind(1, user_id);
    if (!stmt.step()) {
        throw std::runtime_error("issue_user_token: no user " + user_id);
    }
    json claims = base_claims(emulator);
    claims["sub"] = user_id;
    claims["oid"] = user_id;
    claims["azp"] = client_id;
    claims["appid"] = client_id;
    claims["idtyp"] = "user";
    claims["preferred_username"] = stmt.opt_text(1).value_or(stmt.text(0));
    claims["email"] = stmt.text(0);
    claims["name"] = stmt.text(2);
    claims["scp"] = "user_impersonation";
    const std::string account_type = api_account_type(stmt.text(3));
    claims["account_type"] = account_type;
    claims["namespaces"] = administered_namespaces(emulator, user_id);
    const bool officer = account_type == "account:public_officer" &&
                         (stmt.text(4) == "active" || stmt.text(4) == "pending");
    claims["roles"] = officer ? json(k_all_roles) : json::array();
    return token_response(sign(emulator, claims));
}

std::string issue_id_token(Emulator& emulator, const std::string& user_id,
                           const std::string& client_id, const std::string& nonce) {
    auto stmt = emulator.db().prepare(
        "SELECT email, username, display_name, first_name, last_name FROM users WHERE id = ?");
    stmt.bind(1, user_id);
    if (!stmt.step()) {
        throw std::runtime_error("issue_id_token: no user " + user_id);
    }
    const std::int64_t now = emulator.now_unix();
    std::string name = stmt.text(2);
    if (name.empty()) {
        name = stmt.text(3) + (stmt.text(4).empty() ? "" : " " + stmt.text(4));
    }
    // sub is pairwise, as the platform's: the same person has a different,
    // stable sub in each app, so apps cannot correlate people by it.
    json claims = {
        {"ver", "2.0"},
        {"iss", token_issuer(emulator)},
        {"aud", client_id},
        {"tid", emulator.options().directory_id},
        {"oid", user_id},
        {"sub",
         techpass::util::base64url_encode(techpass::util::sha256(client_id + ":" + user_id))},
        {"preferred_username", stmt.opt_text(1).value_or(stmt.text(0))},
        {"email", stmt.text(0)},
        {"name", name},
        {"iat", now},
        {"nbf", now},
        {"exp", now + k_id_token_lifetime},
    };
    if (!nonce.empty()) {
        claims["nonce"] = nonce;
    }
    return sign(emulator, claims);
}

namespace {

// Tokens whose RS256 signature verified, decoded. Parsing the certificate
// and verifying costs far more than the rest of a request, and a client sends
// the same token for up to 20 minutes. Only the signature and the decoding
// are remembered; the claims are checked on every request. Bounded: forgotten
// all at once when full.
class VerifiedTokens {
public:
    std::shared_ptr<const techpass::util::Jwt> find(std::string_view token) {
        const std::lock_guard lock(m_mutex);
        const auto found = m_tokens.find(std::string(token));
        return found == m_tokens.end() ? nullptr : found->second;
    }

    void remember(std::string_view token, std::shared_ptr<const techpass::util::Jwt> jwt) {
        constexpr std::size_t k_max_entries = 4096;
        const std::lock_guard lock(m_mutex);
        if (m_tokens.size() >= k_max_entries) {
            m_tokens.clear();
        }
        m_tokens.emplace(std::string(token), std::move(jwt));
    }

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<const techpass::util::Jwt>> m_tokens;
};

VerifiedTokens& verified_tokens() {
    static VerifiedTokens tokens;
    return tokens;
}

std::optional<std::string> signing_certificate(Emulator& emulator, const std::string& kid) {
    auto stmt = emulator.db().prepare("SELECT certificate_pem FROM signing_keys WHERE kid = ?");
    stmt.bind(1, kid);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return stmt.text(0);
}

bool is_signing_key(Emulator& emulator, const std::string& kid) {
    auto stmt = emulator.db().prepare("SELECT 1 FROM signing_keys WHERE kid = ?");
    stmt.bind(1, kid);
    return stmt.step();
}

// Decodes the token and verifies its signature with one of this emulator's
// signing keys; throws ApiError 401 otherwise.
std::shared_ptr<const techpass::util::Jwt> verified_jwt(Emulator& emulator,
                                                        std::string_view token) {
    // The cache is shared by the emulators of a process (tests run several):
    // the key that signed a remembered token must be one of this emulator's.
    if (auto jwt = verified_tokens().find(token)) {
        if (!is_signing_key(emulator, string_claim(jwt->header, "kid"))) {
            unauthorized(fmt::format("the access token's signing key (kid '{}') is unknown",
                                     string_claim(jwt->header, "kid")));
        }
        return jwt;
    }
    auto jwt = std::make_shared<techpass::util::Jwt>();
    try {
        *jwt = techpass::util::decode_jwt(token);
    } catch (const std::runtime_error& e) {
        unauthorized(fmt::format("the access token is not a JWT ({})", e.what()));
    }
    const std::string alg = string_claim(jwt->header, "alg");
    if (alg != "RS256") {
        unauthorized(fmt::format("the access token's alg '{}' is not accepted (RS256 only)", alg));
    }
    const std::string kid = string_claim(jwt->header, "kid");
    const auto certificate = signing_certificate(emulator, kid);
    if (!certificate) {
        unauthorized(fmt::format("the access token's signing key (kid '{}') is unknown", kid));
    }
    if (!techpass::util::verify_jwt_signature(*jwt, *certificate)) {
        unauthorized("the access token's signature does not verify");
    }
    verified_tokens().remember(token, jwt);
    return jwt;
}

} // namespace

Caller verify_access_token(Emulator& emulator, std::string_view token) {
    const auto verified = verified_jwt(emulator, token);
    const techpass::util::Jwt& jwt = *verified;
    if (string_claim(jwt.claims, "iss") != token_issuer(emulator)) {
        unauthorized(fmt::format("the access token's issuer '{}' is not '{}'",
                                 string_claim(jwt.claims, "iss"), token_issuer(emulator)));
    }
    if (string_claim(jwt.claims, "aud") != emulator.base_url()) {
        unauthorized(fmt::format("the access token's audience '{}' is not '{}'",
                                 string_claim(jwt.claims, "aud"), emulator.base_url()));
    }
    const std::int64_t now = emulator.now_unix();
    if (numeric_claim(jwt.claims, "exp") <= now) {
        unauthorized("the access token has expired");
    }
    if (jwt.claims.contains("nbf") && numeric_claim(jwt.claims, "nbf") > now + 300) {
        unauthorized("the access token is not valid yet (nbf)");
    }
    if (string_claim(jwt.claims, "idtyp") == "user") {
        return load_user_caller(emulator, string_claim(jwt.claims, "oid"));
    }
    return load_app_caller(emulator, string_claim(jwt.claims, "appid"));
}

} // namespace emu
