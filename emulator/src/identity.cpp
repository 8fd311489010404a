// The identity endpoints under /{directoryId}/: the token endpoint's client
// credentials grant, OpenID discovery and the signing keys (JWKS).

#include "identity.hpp"

#include "tokens.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/jwt.hpp>
#include <techpass/util/text.hpp>
#include <techpass/util/x509.hpp>

#include <fmt/format.h>
#include <httplib.h>

namespace emu {

namespace {

using nlohmann::json;

constexpr std::string_view k_jwt_bearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr std::string_view k_device_code_grant = "urn:ietf:params:oauth:grant-type:device_code";

RouteOptions identity_options() {
    RouteOptions options;
    options.authenticated = false;
    options.json_body = false;
    options.commit_on_error = true;
    return options;
}

// client_id and client_secret from an HTTP Basic Authorization header.
void read_basic_credentials(const httplib::Request& http, Form& form) {
    const std::string header = http.get_header_value("Authorization");
    if (techpass::util::to_lower(header.substr(0, 6)) != "basic ") {
        return;
    }
    const auto decoded = techpass::util::base64_decode(header.substr(6));
    if (!decoded) {
        return;
    }
    const auto colon = decoded->find(':');
    if (colon == std::string::npos) {
        return;
    }
    form.try_emplace("client_id", techpass::util::url_decode(decoded->substr(0, colon), true));
    form.try_emplace("client_secret", techpass::util::url_decode(decoded->substr(colon + 1), true));
}

// Throws unless secret is a live secret of app_id.
void check_secret(Emulator& emulator, const std::string& app_id, const std::string& secret) {
    auto stmt = emulator.db().prepare("SELECT max(expires_at) FROM app_secrets WHERE app_id = ? "
                                      "AND secret_hash = ?");
    stmt.bind_all(app_id, secret_hash(secret));
    if (!stmt.step() || stmt.is_null(0)) {
        throw AadError(401, "invalid_client", 7000215,
                       fmt::format("Invalid client secret provided. Ensure the secret being "
                                   "sent in the request is the client secret value, not the "
                                   "client secret ID, for a secret added to app '{}'.",
                                   app_id));
    }
    if (stmt.integer(0) <= emulator.now_unix()) {
        throw AadError(401, "invalid_client", 7000222,
                       fmt::format("The provided client secret keys for app '{}' are expired. "
                                   "Create a new secret for the app.",
                                   app_id));
    }
}

// Client credentials need exactly "<api base URL>/.default".
void check_app_scope(Emulator& emulator, const std::string& scope) {
    const std::string expected = emulator.base_url() + "/.default";
    if (techpass::util::trim(scope) != expected) {
        throw AadError(400, "invalid_scope", 1002012,
                       fmt::format("The provided value for scope {} is not valid. Client "
                                   "credential flows must have a scope value with /.default "
                                   "suffixed to the resource identifier ({}).",
                                   scope, expected));
    }
}

Response client_credentials(Emulator& emulator, const Form& form) {
    const std::string scope = required_field(form, "scope");
    const std::string app_id = authenticate_client(emulator, form);
    if (app_id.empty()) {
        throw AadError(401, "invalid_client", 7000218,
                       "The request body must contain the following parameter: "
                       "'client_assertion' or 'client_secret'.");
    }
    check_app_scope(emulator, scope);
    Response response;
    response.body = issue_app_token(emulator, app_id);
    return response;
}

Response answer_token(Emulator& emulator, Request& request) {
    try {
        check_directory(emulator, request);
        Form form = parse_form(request.http.body);
        read_basic_credentials(request.http, form);
        const std::string& grant = required_field(form, "grant_type");
        if (grant == "client_credentials") {
            return client_credentials(emulator, form);
        }
        if (grant == k_device_code_grant) {
            return redeem_device_code(emulator, form);
        }
        if (grant == "authorization_code") {
            return redeem_authorization_code(emulator, form);
        }
        throw AadError(400, "unsupported_grant_type", 70003,
                       fmt::format("The app requested an unsupported grant type '{}'.", grant));
    } catch (const AadError& e) {
        return aad_error_response(emulator, request, e);
    }
}

Response token(Emulator& emulator, Request& request) {
    return no_store(request, answer_token(emulator, request));
}

Response openid_configuration(Emulator& emulator, Request& request) {
    try {
        check_directory(emulator, request, "invalid_tenant");
    } catch (const AadError& e) {
        return aad_error_response(emulator, request, e);
    }
    const std::string authority = emulator.authority();
    Response response;
    response.body = {
        {"issuer", token_issuer(emulator)},
        {"authorization_endpoint", authority + "/oauth2/v2.0/authorize"},
        {"token_endpoint", token_endpoint(emulator)},
        {"device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode"},
        {"jwks_uri", authority + "/discovery/v2.0/keys"},
        {"end_session_endpoint", authority + "/oauth2/v2.0/logout"},
        {"token_endpoint_auth_methods_supported",
         {"client_secret_post", "private_key_jwt", "client_secret_basic"}},
        {"response_modes_supported", {"query", "fragment", "form_post"}},
        {"response_types_supported", {"code", "id_token", "code id_token", "id_token token"}},
        {"grant_types_supported",
         {"authorization_code", "client_credentials", std::string(k_device_code_grant)}},
        {"code_challenge_methods_supported", {"S256", "plain"}},
        {"scopes_supported", {"openid", "profile", "email", "offline_access"}},
        {"subject_types_supported", {"pairwise"}},
        {"id_token_signing_alg_values_supported", {"RS256"}},
        {"claims_supported",
         {"sub", "iss", "aud", "exp", "iat", "nbf", "oid", "tid", "ver", "nonce", "name", "email",
          "appid", "preferred_username", "namespaces", "roles"}},
        {"request_uri_parameter_supported", false},
        {"tenant_region_scope", "AS"},
        {"cloud_instance_name", "techpass-emulator"},
        {"cloud_graph_host_name", "techpass-emulator"},
        {"msgraph_host", "techpass-emulator"},
    };
    return response;
}

Response keys(Emulator& emulator, Request& request) {
    try {
        check_directory(emulator, request, "invalid_tenant");
    } catch (const AadError& e) {
        return aad_error_response(emulator, request, e);
    }
    json list = json::array();
    for (const auto& key : signing_keys(emulator)) {
        const auto cert = techpass::util::parse_certificate(key.certificate_pem);
        const auto [n, e] = techpass::util::rsa_jwk_components(key.certificate_pem);
        list.push_back({{"kty", "RSA"},
                        {"use", "sig"},
                        {"alg", "RS256"},
                        {"kid", key.kid},
                        {"x5t", cert.x5t()},
                        {"n", n},
                        {"e", e},
                        {"x5c", {techpass::util::base64_encode(cert.der)}},
                        {"issuer", token_issuer(emulator)}});
    }
    Response response;
    response.body = {{"keys", list}};
    return response;
}

// Microsoft's trace ids are GUIDs; ours are 32 hex digits: the same bits.
std::string as_guid(const std::string& hex) {
    if (hex.size() != 32) {
        return hex;
    }
    return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                       hex.substr(16, 4), hex.substr(20));
}

} // namespace

void check_directory(Emulator& emulator, const Request& request, const char* error) {
    const std::string& id = request.param("directoryId");
    if (id != emulator.options().directory_id) {
        throw AadError(400, error, 90002,
                       fmt::format("Tenant '{}' not found. Check to make sure you have the "
                                   "correct tenant ID and are signing into the correct cloud.",
                                   id));
    }
}

void require_app(Emulator& emulator, const std::string& client_id) {
    auto stmt = emulator.db().prepare("SELECT 1 FROM apps WHERE app_id = ?");
    stmt.bind(1, client_id);
    if (!stmt.step()) {
        throw AadError(400, "unauthorized_client", 700016,
                       fmt::format("Application with identifier '{}' was not found in the "
                                   "directory '{}'. This can happen if the application has not "
                                   "been installed by the administrator of the tenant.",
                                   client_id, emulator.options().directory_id));
    }
}

std::string authenticate_client(Emulator& emulator, const Form& form) {
    const std::string client_id = form.count("client_id") ? form.at("client_id") : std::string();
    if (form.count("client_assertion")) {
        const auto type = form.find("client_assertion_type");
        if (type == form.end() || type->second != k_jwt_bearer) {
            throw AadError(400, "invalid_request", 50027,
                           fmt::format("client_assertion_type must be '{}'.", k_jwt_bearer));
        }
        return verify_client_assertion(emulator, form.at("client_assertion"), client_id);
    }
    if (form.count("client_secret")) {
        if (client_id.empty()) {
            required_field(form, "client_id");
        }
        require_app(emulator, client_id);
        check_secret(emulator, client_id, form.at("client_secret"));
        return client_id;
    }
    return {};
}

Form parse_form(std::string_view body) {
    Form form;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        const auto eq = pair.find('=');
        const std::string name = techpass::util::url_decode(pair.substr(0, eq), true);
        form[name] = eq == std::string_view::npos
                         ? std::string()
                         : techpass::util::url_decode(pair.substr(eq + 1), true);
    }
    return form;
}

Response no_store(const Request& request, Response response) {
    response.headers.emplace_back("Cache-Control", "no-store, no-cache");
    response.headers.emplace_back("Pragma", "no-cache");
    const std::string correlation = request.http.get_header_value("client-request-id");
    if (!correlation.empty()) {
        response.headers.emplace_back("client-request-id", correlation);
    }
    return response;
}

const std::string& required_field(const Form& form, const std::string& name) {
    const auto it = form.find(name);
    if (it == form.end() || techpass::util::trim(it->second).empty()) {
        throw AadError(400, "invalid_request", 900144,
                       fmt::format("The request body must contain the following parameter: "
                                   "'{}'.",
                                   name));
    }
    return it->second;
}

Response aad_error_response(Emulator& emulator, const Request& request, const AadError& error) {
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(emulator.now().time_since_epoch()).count();
    std::string timestamp = format_rfc3339(now);
    timestamp[10] = ' ';
    const std::string trace = as_guid(request.trace_id);
    std::string correlation = request.http.get_header_value("client-request-id");
    if (correlation.empty()) {
        correlation = techpass::util::uuid_v4();
    }
    Response response;
    response.status = error.status();
    response.body = {
        {"error", error.error()},
        {"error_description",
         fmt::format("AADSTS{}: {} Trace ID: {} Correlation ID: {} "
                     "Timestamp: {}",
                     error.code(), error.what(), trace, correlation, timestamp)},
        {"error_codes", {error.code()}},
        {"timestamp", timestamp},
        {"trace_id", trace},
        {"correlation_id", correlation},
    };
    if (error.status() == 401) {
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
    }
    return response;
}

std::string find_user_id(Emulator& emulator, const std::string& identifier) {
    auto stmt = emulator.db().prepare(
        "SELECT id FROM users WHERE (id = ? OR email = ? COLLATE NOCASE OR username = ? COLLATE "
        "NOCASE) AND status <> 'deleted'");
    stmt.bind_all(identifier, identifier, identifier);
    return stmt.step() ? stmt.text(0) : std::string();
}

void register_identity_routes(Router& router) {
    router.add("POST", "/{directoryId}/oauth2/v2.0/token", token, identity_options());
    router.add("GET", "/{directoryId}/v2.0/.well-known/openid-configuration", openid_configuration,
               identity_options());
    router.add("GET", "/{directoryId}/discovery/v2.0/keys", keys, identity_options());
    register_device_routes(router);
    register_authorize_routes(router);
}

} // namespace emu
