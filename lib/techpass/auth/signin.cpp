#include "techpass/auth/signin.hpp"

#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/jwt.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <regex>

namespace techpass::auth {

namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& what) {
    throw Error(ErrorKind::Auth, "the ID token failed a check: " + what,
                "the identity platform's answer cannot be trusted: check the profile's "
                "authority and directory_id, and try again");
}

// A word as a POSIX shell reads it back: as is when it is safe, else quoted.
std::string shell_word(std::string_view text) {
    static const std::regex k_safe(R"([A-Za-z0-9@%+=:,./_-]+)");
    const std::string word(text);
    if (std::regex_match(word, k_safe)) {
        return word;
    }
    std::string quoted = "'";
    for (const char c : word) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::int64_t time_claim(const json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number()) {
        refuse(fmt::format("it has no numeric '{}' claim", name));
    }
    return it->is_number_float() ? static_cast<std::int64_t>(it->get<double>())
                                 : it->get<std::int64_t>();
}

std::string string_claim(const json& claims, const char* name) {
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string s256_challenge(std::string_view verifier) {
    return util::base64url_encode(util::sha256(verifier));
}

Pkce make_pkce() {
    // 64 characters of [A-Za-z0-9]: 381 bits, within RFC 7636's 43..128.
    Pkce pkce;
    pkce.verifier = util::random_token(64);
    pkce.challenge = s256_challenge(pkce.verifier);
    return pkce;
}

std::string authorize_url(const SignInRequest& request) {
    http::Query query = {{"client_id", request.client_id},
                         {"response_type", "code"},
                         {"redirect_uri", request.redirect_uri},
                         {"response_mode", "query"},
                         {"scope", "openid profile email"},
                         {"state", request.state},
                         {"nonce", request.nonce},
                         {"code_challenge", request.code_challenge},
                         {"code_challenge_method", "S256"},
                         {"prompt", "select_account"}};
    if (!request.login_hint.empty()) {
        query.emplace_back("login_hint", request.login_hint);
    }
    return http::build_url(request.authorize_endpoint, "", query);
}

std::string loopback_redirect(const std::vector<std::string>& redirect_urls) {
    static const std::regex k_loopback(
        R"(http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?([/?][^\s#]*)?)");
    for (const auto& url : redirect_urls) {
        if (std::regex_match(url, k_loopback)) {
            return url;
        }
    }
    return {};
}

int aadsts_code(std::string_view description) {
    constexpr std::string_view k_prefix = "AADSTS";
    if (description.substr(0, k_prefix.size()) != k_prefix) {
        return 0;
    }
    int code = 0;
    for (std::size_t i = k_prefix.size(); i < description.size() && i < k_prefix.size() + 9; ++i) {
        const char c = description[i];
        if (c < '0' || c > '9') {
            break;
        }
        code = code * 10 + (c - '0');
    }
    return code;
}

std::string without_trace(std::string_view description) {
    for (const std::string_view marker :
         {std::string_view("\r\n"), std::string_view("\n"), std::string_view(" Trace ID: ")}) {
        if (const auto at = description.find(marker); at != std::string_view::npos) {
            description = description.substr(0, at);
        }
    }
    return std::string(description);
}

Explanation explain(int aadsts, const RefusalContext& context) {
    const std::string app = shell_word(context.app);
    const std::string ns =
        context.namespace_code.empty() ? "" : " -n " + shell_word(context.namespace_code);
    const std::string user = context.user.empty() ? "EMAIL" : shell_word(context.user);
    switch (aadsts) {
    case 50105:
        return {fmt::format("{} is not assigned to app {}, which requires assignment: a user "
                            "must be assigned directly, or be a direct member of an assigned "
                            "group (members of nested groups are not let in).",
                            context.user.empty() ? "The user" : context.user, context.app),
                fmt::format("techpass apps assignments add {} {}{}", app, user, ns)};
    case 65001:
        return {fmt::format("App {} has no consent for the sign-in scopes (openid, profile, "
                            "email, offline_access) yet: nobody can sign in until a tenant "
                            "admin grants it.",
                            context.app),
                fmt::format("techpass apps update {} --grant-consent{}", app, ns)};
    case 50057:
        return {fmt::format("The account of {} is disabled or terminated, so it cannot sign in "
                            "anywhere.",
                            context.user.empty() ? "the user" : context.user),
                fmt::format("techpass users get {} (a disabled account: techpass users enable "
                            "{})",
                            user, user)};
    case 7000112:
        return {fmt::format("Sign-in is turned off for app {}.", context.app),
                fmt::format("techpass apps update {} --sign-in{}", app, ns)};
    case 50011:
        return {fmt::format("The redirect URI {} is not one of app {}'s redirect URLs.",
                            context.redirect_uri, context.app),
                fmt::format("techpass apps update {} --add-redirect-url {}{}", app,
                            shell_word(context.redirect_uri), ns)};
    case 700016:
        return {"The directory has no app with this client id: the profile may point at another "
                "directory than the app's.",
                fmt::format("techpass apps get {}{}", app, ns)};
    case 65004:
        return {"The sign-in was cancelled on the sign-in page.", ""};
    case 50058:
        return {"The platform asked for a silent sign-in but nobody was signed in.", ""};
    case 50034:
    case 50126:
        return {"The username or password was wrong.", ""};
    case 50148:
        return {"The PKCE verifier did not match: the code may have been intercepted, or the "
                "sign-in was answered to another request.",
                "try again"};
    case 54005:
    case 70008:
        return {"The code was already used, or is older than 10 minutes.", "try again"};
    default:
        return {"", ""};
    }
}

json verify_id_token(std::string_view token, const json& jwks,
                     const IdTokenExpectations& expected) {
    util::Jwt jwt;
    try {
        jwt = util::decode_jwt(token);
    } catch (const std::exception& e) {
        refuse(fmt::format("it is not a JWT ({})", e.what()));
    }
    if (string_claim(jwt.header, "alg") != "RS256") {
        refuse(fmt::format("alg is {}, not RS256", jwt.header.value("alg", json("none")).dump()));
    }
    const std::string kid = string_claim(jwt.header, "kid");
    const json* key = nullptr;
    if (jwks.is_object() && jwks.contains("keys") && jwks["keys"].is_array()) {
        for (const json& candidate : jwks["keys"]) {
            if (candidate.is_object() && string_claim(candidate, "kid") == kid && !kid.empty()) {
                key = &candidate;
                break;
            }
        }
    }
    if (key == nullptr) {
        refuse(fmt::format("no signing key of the directory has its kid '{}'", kid));
    }
    if (string_claim(*key, "kty") != "RSA") {
        refuse(fmt::format("the key '{}' is not an RSA key", kid));
    }
    std::string pem;
    try {
        pem = util::rsa_public_key_pem(string_claim(*key, "n"), string_claim(*key, "e"));
    } catch (const std::exception& e) {
        refuse(fmt::format("the key '{}' cannot be read ({})", kid, e.what()));
    }
    if (!util::verify_jwt_signature(jwt, pem)) {
        refuse("its signature does not verify with the directory's key");
    }
    const json& claims = jwt.claims;
    if (!claims.is_object()) {
        refuse("its claims are not a JSON object");
    }
    if (string_claim(claims, "iss") != expected.issuer) {
        refuse(fmt::format("iss is '{}', not '{}'", string_claim(claims, "iss"), expected.issuer));
    }
    const auto aud = claims.find("aud");
    const bool audience_ok =
        aud != claims.end() &&
        ((aud->is_string() && aud->get<std::string>() == expected.audience) ||
         (aud->is_array() && std::any_of(aud->begin(), aud->end(), [&expected](const json& value) {
              return value.is_string() && value.get<std::string>() == expected.audience;
          })));
    if (!audience_ok) {
        refuse(fmt::format("aud is {}, not the app's client id {}",
                           aud == claims.end() ? "missing" : aud->dump(), expected.audience));
    }
    if (string_claim(claims, "nonce") != expected.nonce) {
        refuse("its nonce is not the one this sign-in sent (a replayed token?)");
    }
    const std::int64_t now = util::unix_seconds(expected.now);
    const std::int64_t leeway = expected.leeway.count();
    if (time_claim(claims, "exp") + leeway <= now) {
        refuse("it has expired");
    }
    if (claims.contains("nbf") && time_claim(claims, "nbf") - leeway > now) {
        refuse("it is not valid yet (nbf in the future: is this machine's clock right?)");
    }
    if (time_claim(claims, "iat") - leeway > now) {
        refuse("it was issued in the future (is this machine's clock right?)");
    }
    return claims;
}

} // namespace techpass::auth
