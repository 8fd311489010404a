// The device code flow (RFC 8628) for people at a terminal: the devicecode
// endpoint, the grant's polling answers, and the /devicelogin page where a
// seeded user approves a code.

#include "identity.hpp"
#include "tokens.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>
#include <httplib.h>

namespace emu {

namespace {

using nlohmann::json;

constexpr std::int64_t k_device_code_lifetime = 900;
constexpr std::int64_t k_poll_interval = 5;
// Consonants only, so that codes never spell words.
constexpr std::string_view k_code_letters = "BCDFGHJKLMNPQRSTVWXZ";

std::string new_user_code() {
    std::string code;
    for (const char c : techpass::util::random_bytes(8)) {
        if (code.size() == 4) {
            code += '-';
        }
        code += k_code_letters[static_cast<unsigned char>(c) % k_code_letters.size()];
    }
    return code;
}

// "bcdf ghjk", "BCDFGHJK" and "BCDF-GHJK" name the same code.
std::string normalise_user_code(std::string_view text) {
    std::string letters;
    for (const char c : text) {
        if (c >= 'a' && c <= 'z') {
            letters += static_cast<char>(c - 'a' + 'A');
        } else if (c >= 'A' && c <= 'Z') {
            letters += c;
        }
    }
    return letters.size() == 8 ? letters.substr(0, 4) + "-" + letters.substr(4) : letters;
}

// The scopes a person may ask for: the API's, plus the OpenID ones.
void check_user_scope(Emulator& emulator, const std::string& scope) {
    const std::string api = emulator.base_url() + "/.default";
    bool has_api = false;
    std::string_view rest = scope;
    while (!rest.empty()) {
        const auto space = rest.find(' ');
        const std::string_view item = rest.substr(0, space);
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        if (item.empty() || item == "openid" || item == "profile" || item == "email" ||
            item == "offline_access") {
            continue;
        }
        if (item != api) {
            throw AadError(400, "invalid_scope", 70011,
                           fmt::format("The provided value for the input parameter 'scope' is "
                                       "not valid. The scope '{}' does not exist (expected '{}').",
                                       item, api));
        }
        has_api = true;
    }
    if (!has_api) {
        throw AadError(400, "invalid_scope", 70011,
                       fmt::format("The provided value for the input parameter 'scope' is not "
                                   "valid: it must include '{}'.",
                                   api));
    }
}

Response answer_device_code(Emulator& emulator, Request& request) {
    try {
        if (request.param("directoryId") != emulator.options().directory_id) {
            throw AadError(400, "invalid_request", 90002,
                           fmt::format("Tenant '{}' not found.", request.param("directoryId")));
        }
        const Form form = parse_form(request.http.body);
        const std::string& client_id = required_field(form, "client_id");
        const std::string& scope = required_field(form, "scope");
        {
            auto stmt = emulator.db().prepare("SELECT 1 FROM apps WHERE app_id = ?");
            stmt.bind(1, client_id);
            if (!stmt.step()) {
                throw AadError(400, "unauthorized_client", 700016,
                               fmt::format("Application with identifier '{}' was not found in "
                                           "the directory '{}'.",
                                           client_id, emulator.options().directory_id));
            }
        }
        check_user_scope(emulator, scope);
        const std::string code = techpass::util::random_token(48);
        std::string user_code;
        for (;;) {
            user_code = new_user_code();
            auto stmt = emulator.db().prepare("SELECT 1 FROM device_codes WHERE user_code = ?");
            stmt.bind(1, user_code);
            if (!stmt.step()) {
                break;
            }
        }
        emulator.db().run("INSERT INTO device_codes(device_code, user_code, client_id, scope, "
                          "status, interval_seconds, expires_at) VALUES (?, ?, ?, ?, 'pending', "
                          "?, ?)",
                          code, user_code, client_id, scope, k_poll_interval,
                          emulator.now_unix() + k_device_code_lifetime);
        const std::string uri = emulator.base_url() + "/devicelogin";
        Response response;
        response.body = {{"device_code", code},
                         {"user_code", user_code},
                         {"verification_uri", uri},
                         {"expires_in", k_device_code_lifetime},
                         {"interval", k_poll_interval},
                         {"message", fmt::format("To sign in, use a web browser to open the page "
                                                 "{} and enter the code {} to authenticate.",
                                                 uri, user_code)}};
        return response;
    } catch (const AadError& e) {
        return aad_error_response(emulator, request, e);
    }
}

Response device_code(Emulator& emulator, Request& request) {
    return no_store(request, answer_device_code(emulator, request));
}

Response login_form(int status, const std::string& message, const std::string& code,
                    const std::string& email) {
    std::string body;
    if (!message.empty()) {
        body += "<p role=\"alert\"><strong>" + html_escape(message) + "</strong></p>\n";
    }
    body += "<p>Enter the code shown in your terminal and sign in as a user of this emulator. "
            "Users seeded without a password need only their email.</p>\n"
            "<form method=\"post\" action=\"/devicelogin\">\n"
            "<p><label>Code <input name=\"code\" value=\"" +
            html_escape(code) +
            "\" autofocus></label></p>\n"
            "<p><label>Email <input name=\"email\" type=\"email\" value=\"" +
            html_escape(email) +
            "\"></label></p>\n"
            "<p><label>Password <input name=\"password\" type=\"password\"></label></p>\n"
            "<p><button name=\"action\" value=\"approve\">Sign in</button> "
            "<button name=\"action\" value=\"deny\">Deny</button></p>\n</form>\n";
    return html_page(status, body);
}

Response login_page(Emulator&, Request& request) {
    return login_form(200, "", request.query("code").value_or(""), "");
}

Response login_submit(Emulator& emulator, Request& request) {
    const Form form = parse_form(request.http.body);
    const auto field = [&form](const char* name) {
        const auto it = form.find(name);
        return it == form.end() ? std::string() : it->second;
    };
    const std::string code = field("code");
    const std::string email = std::string(techpass::util::trim(field("email")));
    const bool approve = field("action") != "deny";
    const std::string user_id = find_user_id(emulator, email);
    if (user_id.empty()) {
        return login_form(400, "No user of this emulator has that email.", code, email);
    }
    auto stmt = emulator.db().prepare("SELECT password_hash FROM users WHERE id = ?");
    stmt.bind(1, user_id);
    stmt.step();
    if (const auto hash = stmt.opt_text(0);
        hash && approve && *hash != secret_hash(field("password"))) {
        return login_form(400, "Wrong password.", code, email);
    }
    try {
        decide_device_code(emulator, code, user_id, approve);
    } catch (const ApiError& e) {
        return login_form(e.status(), e.what(), code, email);
    }
    return html_page(200, approve ? "<p>You are signed in. Return to your terminal: it continues "
                                    "on its own.</p>\n"
                                  : "<p>Sign-in denied. You can close this page.</p>\n");
}

RouteOptions open_route(bool json_body, bool commit_on_error) {
    RouteOptions options;
    options.authenticated = false;
    options.json_body = json_body;
    options.commit_on_error = commit_on_error;
    return options;
}

AadError device_error(const std::string& error, int code, const std::string& description) {
    return AadError(400, error, code, description);
}

} // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

Response html_page(int status, const std::string& body) {
    Response response;
    response.status = status;
    response.content_type = "text/html; charset=utf-8";
    // Sign-in pages are never framed by another site, nor cached.
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Cache-Control", "no-store");
    response.raw = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>TechPass "
                   "emulator: sign in</title></head><body>\n<h1>TechPass emulator</h1>\n" +
                   body + "</body></html>\n";
    return response;
}

void decide_device_code(Emulator& emulator, const std::string& user_code, const std::string& user,
                        bool approve) {
    const std::string code = normalise_user_code(user_code);
    auto stmt = emulator.db().prepare(
        "SELECT device_code, status, expires_at FROM device_codes WHERE user_code = ?");
    stmt.bind(1, code);
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("no device code '{}'", user_code));
    }
    const std::string device = stmt.text(0);
    if (stmt.text(1) != "pending") {
        throw ApiError(409, fmt::format("device code '{}' was already {}", code, stmt.text(1)));
    }
    if (stmt.integer(2) <= emulator.now_unix()) {
        throw ApiError(409, fmt::format("device code '{}' has expired", code));
    }
    const std::string user_id = find_user_id(emulator, user);
    if (user_id.empty()) {
        throw ApiError(404, fmt::format("no user '{}'", user));
    }
    auto status = emulator.db().prepare("SELECT status FROM users WHERE id = ?");
    status.bind(1, user_id);
    status.step();
    // A disabled or terminated account's approval is recorded; the poll then
    // answers invalid_grant AADSTS50057 (identity.md).
    if (approve && (status.text(0) == "active" || status.text(0) == "pending")) {
        emulator.record_sign_in(user_id, true);
    }
    emulator.db().run("UPDATE device_codes SET status = ?, user_id = ? WHERE device_code = ?",
                      approve ? "approved" : "denied", user_id, device);
}

Response redeem_device_code(Emulator& emulator, const Form& form) {
    const std::string& code = required_field(form, "device_code");
    auto stmt = emulator.db().prepare("SELECT client_id, status, user_id, interval_seconds, "
                                      "expires_at, last_poll_at FROM device_codes "
                                      "WHERE device_code = ?");
    stmt.bind(1, code);
    const auto client = form.find("client_id");
    if (!stmt.step() || (client != form.end() && client->second != stmt.text(0))) {
        throw device_error("invalid_grant", 70000,
                           "The provided value for the input parameter 'device_code' is not "
                           "valid.");
    }
    const std::string client_id = stmt.text(0);
    const std::string status = stmt.text(1);
    const std::string user_id = stmt.text(2);
    const std::int64_t interval = stmt.integer(3);
    const std::int64_t expires_at = stmt.integer(4);
    // -1: never polled (std::optional here trips GCC 12's maybe-uninitialized).
    const std::int64_t last_poll = stmt.is_null(5) ? -1 : stmt.integer(5);
    const std::int64_t now = emulator.now_unix();
    emulator.db().run("UPDATE device_codes SET last_poll_at = ? WHERE device_code = ?", now, code);

    if (status == "redeemed") {
        throw device_error("invalid_grant", 54005,
                           "OAuth2 Authorization code was already redeemed, please retry with a "
                           "new valid code or use an existing refresh token.");
    }
    if (expires_at <= now) {
        throw device_error("expired_token", 70020,
                           "The provided value for the input parameter 'device_code' is not "
                           "valid. This device code has expired.");
    }
    if (status == "denied") {
        throw device_error("access_denied", 70000, "The user denied the authorization request.");
    }
    if (status == "approved") {
        auto account = emulator.db().prepare("SELECT status FROM users WHERE id = ?");
        account.bind(1, user_id);
        if (!account.step() || (account.text(0) != "active" && account.text(0) != "pending")) {
            throw device_error("invalid_grant", 50057,
                               "The user account is disabled, terminated or deleted.");
        }
        emulator.db().run("UPDATE device_codes SET status = 'redeemed' WHERE device_code = ?",
                          code);
        Response response;
        response.body = issue_user_token(emulator, user_id, client_id);
        response.body["scope"] = emulator.base_url() + "/.default";
        return response;
    }
    if (last_poll >= 0 && now - last_poll < interval) {
        throw device_error("slow_down", 70016,
                           fmt::format("OAuth 2.0 device flow error. Polling too fast: wait {} "
                                       "seconds between requests.",
                                       interval));
    }
    throw device_error("authorization_pending", 70016,
                       "OAuth 2.0 device flow error. Authorization is pending. Continue "
                       "polling.");
}

void register_device_routes(Router& router) {
    router.add("POST", "/{directoryId}/oauth2/v2.0/devicecode", device_code,
               open_route(false, true));
    router.add("GET", "/devicelogin", login_page, open_route(false, false));
    router.add("POST", "/devicelogin", login_submit, open_route(false, false));
}

} // namespace emu
