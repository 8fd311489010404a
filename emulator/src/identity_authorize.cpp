// The authorization code flow with PKCE, as the Microsoft identity platform
// v2 serves it (identity.md "Authorization code grant"): the authorize
// endpoint with its sign-in page, and the token endpoint's
// authorization_code grant.

#include "identity.hpp"
#include "tokens.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>
#include <httplib.h>

#include <array>
#include <utility>
#include <vector>

namespace emu {

namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

// A code redeems once, within 10 minutes.
constexpr std::int64_t k_authorization_code_lifetime = 600;

// The http origins whose port the platform ignores when it matches a
// redirect URI (RFC 8252 section 7.3: native apps listen on any free port).
constexpr std::array<std::string_view, 3> k_loopback_origins = {"http://localhost",
                                                                "http://127.0.0.1", "http://[::1]"};

// An authorization request, as far as it has been read.
struct AuthRequest {
    std::string client_id;
    std::string app_name;
    std::string redirect_uri;
    std::string response_mode = "query";
    std::string scope;
    std::string state;
    std::string nonce;
    std::string challenge;
    std::string method;
    std::string login_hint;
};

// A refusal sent back to the app at its redirect URI, which is trusted by
// then; every AadError before that point is shown on the page instead.
class Refusal : public AadError {
public:
    Refusal(std::string error, int code, std::string description)
        : AadError(400, std::move(error), code, std::move(description)) {}
};

std::string field(const Form& form, const char* name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
}

// The query parameters and, on a POST, the form body (which wins).
Form request_fields(const Request& request) {
    Form form;
    for (const auto& [name, value] : request.http.params) {
        form[name] = value;
    }
    if (request.http.method == "POST") {
        for (auto& [name, value] : parse_form(request.http.body)) {
            form[name] = std::move(value);
        }
    }
    return form;
}

// uri without the port of a loopback http origin.
std::string without_loopback_port(std::string_view uri) {
    for (const auto origin : k_loopback_origins) {
        if (uri.substr(0, origin.size()) == origin && uri.size() > origin.size() &&
            uri[origin.size()] == ':') {
            const auto end = uri.find_first_not_of("0123456789", origin.size() + 1);
            return std::string(origin) +
                   std::string(end == std::string_view::npos ? "" : uri.substr(end));
        }
    }
    return std::string(uri);
}

// A redirect URI of a native app on the user's own machine: such clients
// cannot keep a secret, so their codes redeem without one (RFC 8252).
bool is_loopback_redirect(std::string_view uri) {
    const std::string bare = without_loopback_port(uri);
    for (const auto origin : k_loopback_origins) {
        if (std::string_view(bare).substr(0, origin.size()) == origin &&
            (bare.size() == origin.size() || bare[origin.size()] == '/' ||
             bare[origin.size()] == '?')) {
            return true;
        }
    }
    return false;
}

bool is_registered(const std::string& redirect_urls, const std::string& uri) {
    const json urls = json::parse(redirect_urls, nullptr, false);
    if (!urls.is_array()) {
        return false;
    }
    const std::string wanted = without_loopback_port(uri);
    for (const auto& url : urls) {
        if (url.is_string() && without_loopback_port(url.get<std::string>()) == wanted) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> scope_items(std::string_view scope) {
    std::vector<std::string> items;
    while (!scope.empty()) {
        const auto space = scope.find(' ');
        if (space != 0) {
            items.emplace_back(scope.substr(0, space));
        }
        scope = space == std::string_view::npos ? std::string_view() : scope.substr(space + 1);
    }
    return items;
}

bool is_unreserved(std::string_view text) {
    return text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789-._~") == std::string_view::npos;
}

// Reads and checks the request into auth. Throws AadError (shown on the
// page) while the app or its redirect URI is in doubt, Refusal after.
void read_request(Emulator& emulator, const Request& request, const Form& form, AuthRequest& auth) {
    check_directory(emulator, request);
    auth.client_id = required_field(form, "client_id");
    auto app = emulator.db().prepare(
        "SELECT name, redirect_urls, sign_in_enabled FROM apps WHERE app_id = ?");
    app.bind(1, auth.client_id);
    if (!app.step()) {
        require_app(emulator, auth.client_id);
    }
    auth.app_name = app.text(0);
    const std::string redirect_uri = field(form, "redirect_uri");
    if (redirect_uri.empty() || !is_registered(app.text(1), redirect_uri)) {
        throw AadError(400, "invalid_request", 50011,
                       fmt::format("The redirect URI '{}' specified in the request does not "
                                   "match the redirect URIs configured for the application "
                                   "'{}'. Make sure the redirect URI sent in the request "
                                   "matches one added to your application.",
                                   redirect_uri, auth.client_id));
    }
    auth.redirect_uri = redirect_uri;
    auth.state = field(form, "state");
    const std::string mode = field(form, "response_mode");
    if (!mode.empty() && mode != "query" && mode != "fragment" && mode != "form_post") {
        throw Refusal("invalid_request", 900144,
                      fmt::format("The response_mode '{}' is not supported: use query, "
                                  "fragment or form_post.",
                                  mode));
    }
    if (!mode.empty()) {
        auth.response_mode = mode;
    }
    const std::string type = field(form, "response_type");
    if (type != "code") {
        throw Refusal("unsupported_response_type", 700054,
                      fmt::format("response_type '{}' is not enabled for the application: "
                                  "the emulator serves 'code'.",
                                  type));
    }
    auth.scope = std::string(techpass::util::trim(field(form, "scope")));
    if (auth.scope.empty()) {
        throw Refusal("invalid_request", 900144,
                      "The request body must contain the following parameter: 'scope'.");
    }
    const std::string api = emulator.base_url() + "/.default";
    for (const auto& item : scope_items(auth.scope)) {
        if (item != "openid" && item != "profile" && item != "email" && item != "offline_access" &&
            item != api) {
            throw Refusal("invalid_scope", 70011,
                          fmt::format("The provided value for the input parameter 'scope' is "
                                      "not valid. The scope '{}' does not exist.",
                                      item));
        }
    }
    auth.nonce = field(form, "nonce");
    auth.login_hint = field(form, "login_hint");
    auth.challenge = field(form, "code_challenge");
    auth.method = field(form, "code_challenge_method");
    if (!auth.challenge.empty()) {
        if (auth.method.empty()) {
            auth.method = "plain";
        }
        if (auth.method != "S256" && auth.method != "plain") {
            throw Refusal("invalid_request", 501491,
                          fmt::format("The code_challenge_method '{}' is not supported: use "
                                      "S256 (or plain).",
                                      auth.method));
        }
        if (auth.challenge.size() < 43 || auth.challenge.size() > 128 ||
            !is_unreserved(auth.challenge)) {
            throw Refusal("invalid_request", 501491,
                          "Invalid size of Code_Challenge parameter: 43 to 128 characters of "
                          "A-Z, a-z, 0-9, '-', '.', '_' and '~'.");
        }
    }
    const std::string prompt = field(form, "prompt");
    if (!prompt.empty() && prompt != "login" && prompt != "none" && prompt != "consent" &&
        prompt != "select_account") {
        throw Refusal("invalid_request", 90023,
                      fmt::format("Invalid prompt value '{}': use login, none, consent or "
                                  "select_account.",
                                  prompt));
    }
    if (!app.boolean(2)) {
        throw Refusal(
            "unauthorized_client", 7000112,
            fmt::format("Application '{}'({}) is disabled.", auth.client_id, auth.app_name));
    }
    if (prompt == "none") {
        // The emulator keeps no sign-in session between requests.
        throw Refusal("login_required", 50058,
                      "A silent sign-in request was sent but no user is signed in.");
    }
}

// The platform's message of error, with its trace and correlation ids.
std::string describe(Emulator& emulator, const Request& request, const AadError& error) {
    return aad_error_response(emulator, request, error)
        .body.at("error_description")
        .get<std::string>();
}

// Answers the app at its redirect URI, in the response mode it asked for.
Response send_back(const AuthRequest& auth, Fields fields) {
    if (!auth.state.empty()) {
        fields.emplace_back("state", auth.state);
    }
    if (auth.response_mode == "form_post") {
        std::string body =
            "<form method=\"post\" action=\"" + html_escape(auth.redirect_uri) + "\">\n";
        for (const auto& [name, value] : fields) {
            body += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" +
                    html_escape(value) + "\">\n";
        }
        body += "<noscript><p>Script is off: press Continue.</p></noscript>\n"
                "<p><button>Continue</button></p>\n</form>\n"
                "<script>document.forms[0].submit()</script>\n";
        return html_page(200, body);
    }
    std::string parameters;
    for (const auto& [name, value] : fields) {
        parameters += (parameters.empty() ? "" : "&") + techpass::util::url_encode(name) + "=" +
                      techpass::util::url_encode(value);
    }
    const char separator = auth.response_mode == "fragment"                   ? '#'
                           : auth.redirect_uri.find('?') == std::string::npos ? '?'
                                                                              : '&';
    const std::string location = auth.redirect_uri + separator + parameters;
    Response response = html_page(302, "<p><a href=\"" + html_escape(location) +
                                           "\">Continue to the application</a></p>\n");
    response.headers.emplace_back("Location", location);
    return response;
}

Response refuse(Emulator& emulator, const Request& request, const AuthRequest& auth,
                const Refusal& refusal) {
    return send_back(auth, {{"error", refusal.error()},
                            {"error_description", describe(emulator, request, refusal)}});
}

Response error_page(Emulator& emulator, const Request& request, const AadError& error) {
    return html_page(error.status(), "<h2>Sorry, but we're having trouble signing you in.</h2>\n"
                                     "<p role=\"alert\">" +
                                         html_escape(describe(emulator, request, error)) +
                                         "</p>\n");
}

Response sign_in_page(Emulator& emulator, int status, const AuthRequest& auth,
                      const std::string& message, const std::string& username) {
    std::string body = "<h2>Sign in to " + html_escape(auth.app_name) + "</h2>\n";
    if (!message.empty()) {
        body += "<p role=\"alert\"><strong>" + html_escape(message) + "</strong></p>\n";
    }
    body += "<form method=\"post\" action=\"/" + html_escape(emulator.options().directory_id) +
            "/oauth2/v2.0/authorize\">\n";
    const Fields hidden = {{"client_id", auth.client_id},
                           {"redirect_uri", auth.redirect_uri},
                           {"response_type", "code"},
                           {"response_mode", auth.response_mode},
                           {"scope", auth.scope},
                           {"state", auth.state},
                           {"nonce", auth.nonce},
                           {"code_challenge", auth.challenge},
                           {"code_challenge_method", auth.method},
                           {"login_hint", auth.login_hint}};
    for (const auto& [name, value] : hidden) {
        body +=
            "<input type=\"hidden\" name=\"" + name + "\" value=\"" + html_escape(value) + "\">\n";
    }
    body += "<p><label>Username or email <input name=\"username\" autocomplete=\"username\" "
            "value=\"" +
            html_escape(username) +
            "\" autofocus></label></p>\n"
            "<p><label>Password <input name=\"password\" type=\"password\" "
            "autocomplete=\"current-password\"></label></p>\n"
            "<p><button name=\"action\" value=\"signin\">Sign in</button> "
            "<button name=\"action\" value=\"cancel\">Cancel</button></p>\n</form>\n"
            "<p>Users of this emulator seeded without a password need only their username or "
            "email.</p>\n";
    return html_page(status, body);
}

// Whether the app lets user_id in: assigned directly, or a direct member of
// an assigned group (nested groups are not reached, as on the platform).
bool is_assigned(Emulator& emulator, const std::string& app_id, const std::string& user_id) {
    auto stmt = emulator.db().prepare(
        "SELECT 1 FROM app_assignments WHERE app_id = ?1 AND ((principal_type = 'user' AND "
        "principal_id = ?2) OR (principal_type = 'group' AND principal_id IN (SELECT group_id "
        "FROM group_members WHERE member_type = 'user' AND member_id = ?2)))");
    stmt.bind_all(app_id, user_id);
    return stmt.step();
}

// The sign-in form was posted: checks the person, then the app's rules, and
// sends a code back.
Response sign_in(Emulator& emulator, const AuthRequest& auth, const Form& form) {
    if (field(form, "action") == "cancel") {
        throw Refusal("access_denied", 65004, "User declined to consent to access the app.");
    }
    const std::string username = std::string(techpass::util::trim(field(form, "username")));
    const std::string user_id = username.empty() ? std::string() : find_user_id(emulator, username);
    if (user_id.empty()) {
        return sign_in_page(emulator, 400, auth,
                            fmt::format("AADSTS50034: The user account {} does not exist in the "
                                        "directory. To sign in, use a username or email of "
                                        "this emulator.",
                                        username),
                            username);
    }
    auto user =
        emulator.db().prepare("SELECT password_hash, status, email FROM users WHERE id = ?");
    user.bind(1, user_id);
    user.step();
    if (const auto hash = user.opt_text(0); hash && *hash != secret_hash(field(form, "password"))) {
        return sign_in_page(emulator, 400, auth,
                            "AADSTS50126: Error validating credentials due to invalid username "
                            "or password.",
                            username);
    }
    const std::string status = user.text(1);
    const std::string email = user.text(2);
    if (status != "active" && status != "pending") {
        throw Refusal("access_denied", 50057,
                      fmt::format("The user account {} is {}: it cannot sign in.", email, status));
    }
    auto app = emulator.db().prepare(
        "SELECT assignment_required, consent_granted FROM apps WHERE app_id = ?");
    app.bind(1, auth.client_id);
    app.step();
    if (app.boolean(0) && !is_assigned(emulator, auth.client_id, user_id)) {
        throw Refusal(
            "access_denied", 50105,
            fmt::format("Your administrator has configured the application {} ('{}') to block "
                        "users unless they are specifically granted ('assigned') access to the "
                        "application. The signed in user '{}' is blocked because they are not "
                        "a direct member of a group with access, nor had access directly "
                        "assigned by an administrator. Please contact your administrator to "
                        "assign access to this application.",
                        auth.app_name, auth.client_id, email));
    }
    if (!app.boolean(1)) {
        throw Refusal("consent_required", 65001,
                      fmt::format("The user or administrator has not consented to use the "
                                  "application with ID '{}' named '{}'. Send an interactive "
                                  "authorization request for this user and resource.",
                                  auth.client_id, auth.app_name));
    }
    emulator.record_sign_in(user_id, true);
    const std::string code = techpass::util::random_token(64);
    emulator.db().run("INSERT INTO auth_codes(code_hash, client_id, redirect_uri, scope, nonce, "
                      "code_challenge, challenge_method, user_id, expires_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      secret_hash(code), auth.client_id, auth.redirect_uri, auth.scope, auth.nonce,
                      auth.challenge, auth.method, user_id,
                      emulator.now_unix() + k_authorization_code_lifetime);
    return send_back(auth, {{"code", code}});
}

Response authorize(Emulator& emulator, Request& request) {
    const Form form = request_fields(request);
    AuthRequest auth;
    try {
        read_request(emulator, request, form, auth);
        if (request.http.method == "GET") {
            return sign_in_page(emulator, 200, auth, "", auth.login_hint);
        }
        return sign_in(emulator, auth, form);
    } catch (const Refusal& refusal) {
        return refuse(emulator, request, auth, refusal);
    } catch (const AadError& error) {
        return error_page(emulator, request, error);
    }
}

AadError grant_error(int code, std::string description) {
    return AadError(400, "invalid_grant", code, std::move(description));
}

} // namespace

Response redeem_authorization_code(Emulator& emulator, const Form& form) {
    const std::string& code = required_field(form, "code");
    const std::string& redirect_uri = required_field(form, "redirect_uri");
    const std::string authenticated = authenticate_client(emulator, form);
    std::string client_id = field(form, "client_id");
    if (client_id.empty()) {
        client_id = authenticated;
    }
    if (client_id.empty()) {
        required_field(form, "client_id");
    }
    require_app(emulator, client_id);
    auto stmt = emulator.db().prepare(
        "SELECT redirect_uri, scope, nonce, code_challenge, challenge_method, user_id, "
        "expires_at, redeemed FROM auth_codes WHERE code_hash = ? AND client_id = ?");
    stmt.bind_all(secret_hash(code), client_id);
    if (!stmt.step()) {
        throw grant_error(70000, "The provided value for the 'code' parameter is not valid: no "
                                 "such code was issued to this client.");
    }
    const std::string issued_to = stmt.text(0);
    const std::string scope = stmt.text(1);
    const std::string nonce = stmt.text(2);
    const std::string challenge = stmt.text(3);
    const std::string method = stmt.text(4);
    const std::string user_id = stmt.text(5);
    if (stmt.boolean(7)) {
        throw grant_error(54005, "OAuth2 Authorization code was already redeemed, please retry "
                                 "with a new valid code or use an existing refresh token.");
    }
    if (stmt.integer(6) <= emulator.now_unix()) {
        throw grant_error(70008, "The provided authorization code or refresh token has expired "
                                 "due to inactivity. Send a new interactive authorization "
                                 "request for this user and resource.");
    }
    if (redirect_uri != issued_to) {
        throw grant_error(50011,
                          fmt::format("The redirect URI '{}' does not match the redirect URI "
                                      "the code was issued for.",
                                      redirect_uri));
    }
    if (authenticated.empty() && !is_loopback_redirect(issued_to)) {
        throw AadError(401, "invalid_client", 7000218,
                       "The request body must contain the following parameter: "
                       "'client_assertion' or 'client_secret'.");
    }
    if (!challenge.empty()) {
        const std::string verifier = field(form, "code_verifier");
        if (verifier.empty()) {
            throw grant_error(50148, "The code_verifier is missing: the authorization request "
                                     "sent a code_challenge (PKCE).");
        }
        const std::string derived =
            method == "S256" ? techpass::util::base64url_encode(techpass::util::sha256(verifier))
                             : verifier;
        if (!techpass::util::constant_time_equal(derived, challenge)) {
            throw grant_error(50148, "The code_verifier does not match the code_challenge "
                                     "supplied in the authorization request for PKCE.");
        }
    }
    emulator.db().run("UPDATE auth_codes SET redeemed = 1 WHERE code_hash = ?", secret_hash(code));
    auto account = emulator.db().prepare("SELECT status FROM users WHERE id = ?");
    account.bind(1, user_id);
    if (!account.step() || (account.text(0) != "active" && account.text(0) != "pending")) {
        throw grant_error(50057, "The user account is disabled, terminated or deleted.");
    }
    std::string granted;
    bool openid = false;
    for (const auto& item : scope_items(scope)) {
        openid = openid || item == "openid";
        if (item != "offline_access") {
            granted += (granted.empty() ? "" : " ") + item;
        }
    }
    Response response;
    response.body = issue_user_token(emulator, user_id, client_id);
    response.body["scope"] = granted;
    if (openid) {
        response.body["id_token"] = issue_id_token(emulator, user_id, client_id, nonce);
    }
    return response;
}

void register_authorize_routes(Router& router) {
    RouteOptions options;
    options.authenticated = false;
    options.json_body = false;
    // A sign-in answers 302: its code and the recorded sign-in must persist.
    options.commit_on_error = true;
    router.add("GET", "/{directoryId}/oauth2/v2.0/authorize", authorize, options);
    router.add("POST", "/{directoryId}/oauth2/v2.0/authorize", authorize, options);
}

} // namespace emu
