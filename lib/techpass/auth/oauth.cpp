#include "techpass/auth/oauth.hpp"

#include "techpass/error.hpp"
#include "techpass/http/redact.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/jwt.hpp"
#include "techpass/util/x509.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace techpass::auth {

namespace {

using nlohmann::json;
using std::chrono::seconds;

constexpr std::string_view k_device_grant = "urn:ietf:params:oauth:grant-type:device_code";
constexpr std::string_view k_assertion_type =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr int k_token_attempts = 3;

std::string base_of(const OAuthEndpoint& endpoint) {
    std::string base = endpoint.authority;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    return base + "/" + endpoint.directory_id + "/oauth2/v2.0/";
}

json parse_body(const http::Response& response) {
    return json::parse(response.body, nullptr, false);
}

long long number_field(const json& body, const char* name, long long fallback) {
    const auto it = body.find(name);
    if (it == body.end()) {
        return fallback;
    }
    if (it->is_number()) {
        return it->get<long long>();
    }
    if (it->is_string()) {
        try {
            return std::stoll(it->get<std::string>());
        } catch (const std::exception&) {
            return fallback;
        }
    }
    return fallback;
}

// Maps an identity platform error body to an Error. The platform's
// description is kept (it says what is wrong), secrets never are.
Error platform_error(const http::Response& response, const OAuthEndpoint& endpoint) {
    const auto body = parse_body(response);
    const std::string code = body.is_object() ? body.value("error", "") : "";
    std::string description = body.is_object() ? body.value("error_description", "") : "";
    if (const auto newline = description.find_first_of("\r\n"); newline != std::string::npos) {
        description.resize(newline); // AAD appends trace and correlation lines
    }
    const std::string what =
        code.empty() ? fmt::format("HTTP {}", response.status)
                     : (description.empty() ? code : fmt::format("{}: {}", code, description));
    const std::string trace = body.is_object() ? body.value("trace_id", "") : "";
    if (response.status == 429) {
        return Error(ErrorKind::RateLimited,
                     fmt::format("the identity platform is rate-limiting sign-ins ({})", what),
                     "wait a minute and try again");
    }
    if (response.status >= 500 || code == "temporarily_unavailable") {
        return Error(ErrorKind::Network,
                     fmt::format("the identity platform failed to issue a token ({})", what),
                     "try again later");
    }
    if (code == "invalid_grant" || code == "access_denied" || code == "authorization_declined" ||
        code == "expired_token" || code == "interaction_required") {
        Error error(ErrorKind::Auth, fmt::format("sign-in refused: {}", what),
                    "run: techpass auth login");
        error.with_portal(response.status, trace);
        return error;
    }
    Error error(
        ErrorKind::Config,
        fmt::format("the identity platform refused the credentials of client {}: {}",
                    endpoint.client_id, what),
        "check the profile's directory_id, client_id and credential: techpass profile show");
    error.with_portal(response.status, trace);
    return error;
}

// The error without any copy of secret in its text (the platform should never
// echo a secret; this makes sure a misbehaving one cannot make us print it).
Error scrubbed(const Error& error, const std::string& secret) {
    const auto scrub = [&](std::string text) {
        if (secret.size() < 4) {
            return text; // too short to tell apart from ordinary words
        }
        for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret)) {
            text.replace(at, secret.size(), "***");
        }
        return text;
    };
    Error out(error.kind(), scrub(error.what()), scrub(error.hint()));
    out.with_portal(error.portal_code(), error.trace_id());
    return out;
}

TokenResponse token_from(const http::Response& response,
                         std::chrono::system_clock::time_point now) {
    const auto body = parse_body(response);
    if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
        throw Error(ErrorKind::Network, "the identity platform answered without an access token");
    }
    TokenResponse token;
    token.access_token = body["access_token"].get<std::string>();
    token.refresh_token = body.value("refresh_token", "");
    token.id_token = body.value("id_token", "");
    token.expires_at = now + seconds(number_field(body, "expires_in", 3599));
    return token;
}

} // namespace

std::string token_endpoint(const OAuthEndpoint& endpoint) {
    return base_of(endpoint) + "token";
}

std::string device_code_endpoint(const OAuthEndpoint& endpoint) {
    return base_of(endpoint) + "devicecode";
}

std::string authorize_endpoint(const OAuthEndpoint& endpoint) {
    return base_of(endpoint) + "authorize";
}

std::string keys_endpoint(const OAuthEndpoint& endpoint) {
    std::string base = endpoint.authority;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    return base + "/" + endpoint.directory_id + "/discovery/v2.0/keys";
}

std::string make_client_assertion(std::string_view client_id, std::string_view token_endpoint_url,
                                  std::string_view certificate_pem,
                                  std::string_view private_key_pem,
                                  std::chrono::system_clock::time_point now) {
    const auto certificate = util::parse_certificate(certificate_pem);
    const auto issued = std::chrono::duration_cast<seconds>(now.time_since_epoch()).count();
    const json header{{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", certificate.x5t()}};
    const json claims{
        {"aud", token_endpoint_url}, {"iss", client_id}, {"sub", client_id},
        {"jti", util::uuid_v4()},    {"nbf", issued},    {"iat", issued},
        {"exp", issued + 600},
    };
    return util::sign_jwt(header, claims, private_key_pem, "RS256");
}

OAuthClient::OAuthClient(http::Transport& transport, Clock& clock, OAuthEndpoint endpoint,
                         std::ostream* debug)
    : m_transport(transport), m_clock(clock), m_endpoint(std::move(endpoint)), m_debug(debug) {}

http::Response OAuthClient::post_form(const std::string& url, const std::string& form) {
    http::Request request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = form;
    for (int attempt = 1;; ++attempt) {
        if (m_debug != nullptr) {
            http::write_request(*m_debug, request);
        }
        try {
            auto response = m_transport.send(request);
            if (m_debug != nullptr) {
                http::write_response(*m_debug, response);
            }
            const bool transient = response.status == 429 || response.status == 502 ||
                                   response.status == 503 || response.status == 504;
            if (!transient || attempt == k_token_attempts) {
                return response;
            }
        } catch (const http::TransportFailure& failure) {
            if (attempt == k_token_attempts) {
                throw Error(ErrorKind::Network,
                            fmt::format("cannot reach the identity platform at {}: {}",
                                        failure.error().host, failure.error().cause),
                            "check the network, proxy settings and the profile's authority");
            }
        }
        m_clock.sleep_for(std::chrono::milliseconds(1000 * attempt));
    }
}

TokenResponse OAuthClient::request_token(const std::string& form) {
    const auto response = post_form(token_endpoint(m_endpoint), form);
    if (response.status != 200) {
        throw platform_error(response, m_endpoint);
    }
    return token_from(response, m_clock.now());
}

TokenResponse OAuthClient::with_client_secret(const std::string& client_secret) {
    try {
        return request_token(http::form_encode({{"grant_type", "client_credentials"},
                                                {"client_id", m_endpoint.client_id},
                                                {"client_secret", client_secret},
                                                {"scope", m_endpoint.scope}}));
    } catch (const Error& error) {
        throw scrubbed(error, client_secret);
    }
}

TokenResponse OAuthClient::with_certificate(const std::string& certificate_pem,
                                            const std::string& private_key_pem) {
    std::string assertion;
    try {
        assertion = make_client_assertion(m_endpoint.client_id, token_endpoint(m_endpoint),
                                          certificate_pem, private_key_pem, m_clock.now());
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Config, fmt::format("cannot sign a client assertion: {}", e.what()),
                    "check the profile's certificate and private_key files");
    }
    return request_token(
        http::form_encode({{"grant_type", "client_credentials"},
                           {"client_id", m_endpoint.client_id},
                           {"client_assertion_type", std::string(k_assertion_type)},
                           {"client_assertion", assertion},
                           {"scope", m_endpoint.scope}}));
}

TokenResponse OAuthClient::with_refresh_token(const std::string& refresh_token) {
    return request_token(http::form_encode({{"grant_type", "refresh_token"},
                                            {"client_id", m_endpoint.client_id},
                                            {"refresh_token", refresh_token},
                                            {"scope", m_endpoint.scope}}));
}

TokenResponse OAuthClient::with_authorization_code(const std::string& code,
                                                   const std::string& redirect_uri,
                                                   const std::string& code_verifier) {
    try {
        return request_token(http::form_encode({{"grant_type", "authorization_code"},
                                                {"client_id", m_endpoint.client_id},
                                                {"code", code},
                                                {"redirect_uri", redirect_uri},
                                                {"code_verifier", code_verifier}}));
    } catch (const Error& error) {
        throw scrubbed(scrubbed(error, code), code_verifier);
    }
}

json OAuthClient::signing_keys() {
    http::Request request;
    request.method = "GET";
    request.url = keys_endpoint(m_endpoint);
    request.headers = {{"Accept", "application/json"}};
    if (m_debug != nullptr) {
        http::write_request(*m_debug, request);
    }
    http::Response response;
    try {
        response = m_transport.send(request);
    } catch (const http::TransportFailure& failure) {
        throw Error(ErrorKind::Network,
                    fmt::format("cannot read the directory's signing keys at {}: {}", request.url,
                                failure.error().cause),
                    "check the network, proxy settings and the profile's authority");
    }
    if (m_debug != nullptr) {
        http::write_response(*m_debug, response);
    }
    json keys = parse_body(response);
    if (response.status != 200 || !keys.is_object() || !keys.contains("keys") ||
        !keys["keys"].is_array()) {
        throw Error(ErrorKind::Network,
                    fmt::format("the directory's signing keys at {} could not be read (HTTP {})",
                                request.url, response.status),
                    "check the profile's authority and directory_id");
    }
    return keys;
}

DeviceCode OAuthClient::start_device_code() {
    // offline_access asks for a refresh token, so a person signs in once a
    // day rather than every 20 minutes where the platform offers one.
    std::string scope = m_endpoint.scope;
    if (scope.find("offline_access") == std::string::npos) {
        scope += " offline_access";
    }
    const auto response =
        post_form(device_code_endpoint(m_endpoint),
                  http::form_encode({{"client_id", m_endpoint.client_id}, {"scope", scope}}));
    if (response.status != 200) {
        throw platform_error(response, m_endpoint);
    }
    const auto body = parse_body(response);
    if (!body.is_object() || !body.contains("device_code") || !body["device_code"].is_string()) {
        throw Error(ErrorKind::Network, "the identity platform answered without a device code");
    }
    DeviceCode code;
    code.device_code = body["device_code"].get<std::string>();
    code.user_code = body.value("user_code", "");
    code.verification_uri = body.value("verification_uri", body.value("verification_url", ""));
    code.message = body.value("message", "");
    if (code.message.empty()) {
        code.message = fmt::format("To sign in, open {} and enter the code {}.",
                                   code.verification_uri, code.user_code);
    }
    code.interval = seconds(std::max(1LL, number_field(body, "interval", 5)));
    code.expires_at = m_clock.now() + seconds(number_field(body, "expires_in", 900));
    return code;
}

TokenResponse OAuthClient::poll_device_code(const DeviceCode& code) {
    auto interval = code.interval;
    const std::string form = http::form_encode({{"grant_type", std::string(k_device_grant)},
                                                {"client_id", m_endpoint.client_id},
                                                {"device_code", code.device_code}});
    const auto expired = [] {
        return Error(ErrorKind::Auth, "the device code expired before the sign-in was completed",
                     "run: techpass auth login, and complete the sign-in in time");
    };
    for (;;) {
        if (m_clock.now() + interval > code.expires_at) {
            throw expired();
        }
        m_clock.sleep_for(interval);
        const auto response = post_form(token_endpoint(m_endpoint), form);
        if (response.status == 200) {
            return token_from(response, m_clock.now());
        }
        const auto body = parse_body(response);
        const std::string error = body.is_object() ? body.value("error", "") : "";
        if (error == "authorization_pending") {
            continue;
        }
        if (error == "slow_down") {
            interval += seconds(5);
            continue;
        }
        if (error == "expired_token" || error == "code_expired") {
            throw expired();
        }
        if (error == "access_denied" || error == "authorization_declined") {
            throw Error(ErrorKind::Auth, "the sign-in was declined",
                        "run: techpass auth login to try again");
        }
        throw platform_error(response, m_endpoint);
    }
}

} // namespace techpass::auth
