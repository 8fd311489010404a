// The authorization code flow with PKCE: the authorize endpoint, its sign-in
// page and refusals, and the token endpoint's authorization_code grant.

#include "client.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/jwt.hpp>

#include <doctest/doctest.h>

namespace test_authorize {

using namespace emutest;

namespace {

const std::string k_authorize = "/" + k_directory + "/oauth2/v2.0/authorize";
const std::string k_token = "/" + k_directory + "/oauth2/v2.0/token";
const std::string k_redirect = "http://localhost:53682/callback";
// RFC 7636 appendix B: this verifier's S256 challenge is the one below
// (also what `openssl dgst -sha256 -binary | basenc --base64url` makes).
const std::string k_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const std::string k_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// The fields of a query string or fragment, decoded.
std::map<std::string, std::string> fields_of(const std::string& text) {
    std::map<std::string, std::string> fields;
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const auto eq = pair.find('=');
        fields[techpass::util::url_decode(pair.substr(0, eq), true)] =
            eq == std::string_view::npos ? ""
                                         : techpass::util::url_decode(pair.substr(eq + 1), true);
    }
    return fields;
}

// What the app received at its redirect URI: the 302's Location, split.
struct Answer {
    std::string location;
    std::map<std::string, std::string> fields;
    std::string error() const { return fields.count("error") ? fields.at("error") : ""; }
    std::string description() const {
        return fields.count("error_description") ? fields.at("error_description") : "";
    }
};

Answer answer_of(const Reply& reply) {
    REQUIRE_MESSAGE(reply.status == 302, reply.text);
    Answer answer;
    answer.location = reply.header("Location");
    const auto mark = answer.location.find_first_of("?#");
    REQUIRE(mark != std::string::npos);
    answer.fields = fields_of(answer.location.substr(mark + 1));
    return answer;
}

// An app of SHIP made through the API, with a loopback and a web redirect URL.
struct App {
    std::string id;
};

App make_app(Portal& portal, bool assignment_required, bool consent = true, bool sign_in = true) {
    const auto headers = portal.api_headers(portal.app_token());
    const Reply created = portal.post_json(
        "/iam/namespace/SHIP/apps",
        {{"name", "portal-" + techpass::util::random_token(6)},
         {"redirectUrls", {"http://localhost/callback", "https://portal.example.gov.sg/signin"}},
         {"assignmentRequired", assignment_required},
         {"signInEnabled", sign_in}},
        headers);
    REQUIRE_MESSAGE(created.status == 201, created.text);
    App app{created.body.at("appId").get<std::string>()};
    if (consent) {
        const Reply patched = portal.send("PATCH", "/iam/namespace/SHIP/apps/" + app.id,
                                          R"({"consentGranted": true})", headers);
        REQUIRE_MESSAGE(patched.status == 200, patched.text);
    }
    return app;
}

void assign(Portal& portal, const App& app, const std::string& type, const std::string& who) {
    const Reply reply = portal.post_json("/iam/namespace/SHIP/apps/" + app.id + "/assignments",
                                         {{"principalType", type}, {"principalId", who}},
                                         portal.api_headers(portal.app_token()));
    REQUIRE_MESSAGE(reply.status == 201, reply.text);
}

std::map<std::string, std::string> request_fields(const App& app,
                                                  const std::string& redirect = k_redirect) {
    return {{"client_id", app.id},           {"response_type", "code"},
            {"redirect_uri", redirect},      {"scope", "openid profile email offline_access"},
            {"state", "state-123"},          {"nonce", "nonce-456"},
            {"code_challenge", k_challenge}, {"code_challenge_method", "S256"}};
}

std::string query_of(const std::map<std::string, std::string>& fields) {
    std::string query;
    for (const auto& [name, value] : fields) {
        query += (query.empty() ? "?" : "&") + name + "=" + techpass::util::url_encode(value);
    }
    return query;
}

// Posts the sign-in form as the page's browser would.
Reply sign_in(Portal& portal, std::map<std::string, std::string> fields,
              const std::string& username, const std::string& password = "") {
    fields["username"] = username;
    fields["password"] = password;
    fields["action"] = "signin";
    return portal.post_form(k_authorize, fields);
}

Reply redeem(Portal& portal, const App& app, const std::string& code,
             const std::string& verifier = k_verifier, const std::string& redirect = k_redirect) {
    return portal.post_form(k_token, {{"grant_type", "authorization_code"},
                                      {"client_id", app.id},
                                      {"code", code},
                                      {"redirect_uri", redirect},
                                      {"code_verifier", verifier}});
}

std::string error_of(const Reply& reply) {
    return reply.body.is_object() && reply.body.contains("error")
               ? reply.body.at("error").get<std::string>() + " " +
                     std::to_string(reply.body.at("error_codes").at(0).get<int>())
               : "status " + std::to_string(reply.status) + ": " + reply.text;
}

json user_named(Portal& portal, const std::string& email) {
    const Reply reply = portal.get("/iam/users/" + email + "?lastSignIn=true",
                                   portal.api_headers(portal.app_token()));
    REQUIRE_MESSAGE(reply.status == 200, reply.text);
    return reply.body;
}

} // namespace

TEST_CASE("authorize: the sign-in page carries the request, and refuses what it cannot trust") {
    Portal portal;
    const App app = make_app(portal, false);

    const Reply page =
        portal.get(k_authorize + query_of(request_fields(app)) + "&login_hint=jane_tan");
    REQUIRE_MESSAGE(page.status == 200, page.text);
    CHECK(page.header("Content-Type").find("text/html") == 0);
    CHECK(page.header("X-Frame-Options") == "DENY");
    CHECK(page.header("Cache-Control") == "no-store");
    CHECK(page.text.find("action=\"/" + k_directory + "/oauth2/v2.0/authorize\"") !=
          std::string::npos);
    CHECK(page.text.find("name=\"code_challenge\" value=\"" + k_challenge + "\"") !=
          std::string::npos);
    CHECK(page.text.find("name=\"username\" autocomplete=\"username\" value=\"jane_tan\"") !=
          std::string::npos);

    // An unregistered redirect URI is shown on the page, never redirected to.
    auto fields = request_fields(app, "https://evil.example.com/steal");
    const Reply evil = portal.get(k_authorize + query_of(fields));
    CHECK(evil.status == 400);
    CHECK(evil.header("Location").empty());
    CHECK(evil.text.find("AADSTS50011") != std::string::npos);
    // Nor is a loopback URL on another path, or a registered https URL on another port.
    CHECK(portal.get(k_authorize + query_of(request_fields(app, "http://localhost:9/other")))
              .status == 400);
    CHECK(portal
              .get(k_authorize +
                   query_of(request_fields(app, "https://portal.example.gov.sg:8443/signin")))
              .status == 400);
    // The loopback URL on any port is the registered one.
    CHECK(portal.get(k_authorize + query_of(request_fields(app, "http://localhost:1/callback")))
              .status == 200);

    fields = request_fields(app);
    fields["client_id"] = "00000000-0000-0000-0000-000000000000";
    const Reply unknown = portal.get(k_authorize + query_of(fields));
    CHECK(unknown.status == 400);
    CHECK(unknown.text.find("AADSTS700016") != std::string::npos);

    const Reply tenant = portal.get("/00000000-0000-0000-0000-000000000000/oauth2/v2.0/authorize" +
                                    query_of(request_fields(app)));
    CHECK(tenant.status == 400);
    CHECK(tenant.text.find("AADSTS90002") != std::string::npos);

    // Text from the request never reaches the page unescaped.
    fields = request_fields(app);
    fields["state"] = "\"><script>alert(1)</script>";
    const Reply escaped = portal.get(k_authorize + query_of(fields));
    CHECK(escaped.status == 200);
    CHECK(escaped.text.find("<script>alert") == std::string::npos);
}

TEST_CASE("authorize: refusals after the redirect URI is trusted go back to the app") {
    Portal portal;
    const App app = make_app(portal, false);
    const auto refused = [&](const std::map<std::string, std::string>& fields) {
        return answer_of(portal.get(k_authorize + query_of(fields)));
    };
    auto fields = request_fields(app);
    fields["response_type"] = "token";
    Answer answer = refused(fields);
    CHECK(answer.error() == "unsupported_response_type");
    CHECK(answer.fields.at("state") == "state-123");
    CHECK(answer.location.rfind(k_redirect + "?", 0) == 0);

    fields = request_fields(app);
    fields["scope"] = "openid https://graph.microsoft.com/User.Read";
    answer = refused(fields);
    CHECK(answer.error() == "invalid_scope");
    CHECK(answer.description().rfind("AADSTS70011: ", 0) == 0);

    fields = request_fields(app);
    fields["code_challenge_method"] = "S512";
    CHECK(refused(fields).description().rfind("AADSTS501491: ", 0) == 0);
    fields = request_fields(app);
    fields["code_challenge"] = "short";
    CHECK(refused(fields).description().rfind("AADSTS501491: ", 0) == 0);

    fields = request_fields(app);
    fields["prompt"] = "none";
    CHECK(refused(fields).error() == "login_required");

    fields = request_fields(app);
    fields["response_mode"] = "fragment";
    fields["prompt"] = "none";
    answer = refused(fields);
    CHECK(answer.location.rfind(k_redirect + "#", 0) == 0);
    CHECK(answer.error() == "login_required");

    const App disabled = make_app(portal, false, true, false);
    answer = refused(request_fields(disabled));
    CHECK(answer.error() == "unauthorized_client");
    CHECK(answer.description().rfind("AADSTS7000112: ", 0) == 0);

    // Cancel on the page.
    fields = request_fields(app);
    fields["action"] = "cancel";
    answer = answer_of(portal.post_form(k_authorize, fields));
    CHECK(answer.error() == "access_denied");
    CHECK(answer.description().rfind("AADSTS65004: ", 0) == 0);
}

TEST_CASE("authorize: wrong people stay on the page, and the app's rules refuse the others") {
    Portal portal;
    const App open = make_app(portal, false);
    // Unknown user and wrong password: the page again, nothing sent to the app.
    Reply reply = sign_in(portal, request_fields(open), "nobody@tech.gov.sg");
    CHECK(reply.status == 400);
    CHECK(reply.text.find("AADSTS50034") != std::string::npos);
    CHECK(reply.header("Location").empty());
    reply = sign_in(portal, request_fields(open), "jane_tan", "not-her-password");
    CHECK(reply.status == 400);
    CHECK(reply.text.find("AADSTS50126") != std::string::npos);
    CHECK(reply.text.find("value=\"jane_tan\"") != std::string::npos);

    // Assignment required: only people assigned directly or through a group
    // they are a direct member of; a nested group's members are not reached.
    const App closed = make_app(portal, true);
    const auto headers = portal.api_headers(portal.app_token());
    const auto make_group = [&](const std::string& name) {
        const Reply group =
            portal.post_json("/iam/namespace/SHIP/groups", {{"name", name}}, headers);
        REQUIRE_MESSAGE(group.status == 201, group.text);
        return group.body.at("id").get<std::string>();
    };
    const std::string outer = make_group("signin-outer");
    const std::string inner = make_group("signin-inner");
    const auto add_member = [&](const std::string& group, const std::string& type,
                                const std::string& id) {
        const Reply added = portal.post_json("/iam/namespace/SHIP/groups/" + group + "/members",
                                             {{"type", type}, {"id", id}}, headers);
        REQUIRE_MESSAGE(added.status == 201, added.text);
    };
    add_member(outer, "user", "wei.ming.lim@tech.gov.sg");
    add_member(outer, "group", inner);
    add_member(inner, "user", "siti.rahman@mom.gov.sg");
    assign(portal, closed, "group", outer);
    assign(portal, closed, "user", "jane.tan@tech.gov.sg");

    Answer answer = answer_of(sign_in(portal, request_fields(closed), "siti.rahman@mom.gov.sg"));
    CHECK(answer.error() == "access_denied");
    CHECK(answer.description().rfind("AADSTS50105: ", 0) == 0);
    CHECK(answer.description().find("siti.rahman@mom.gov.sg") != std::string::npos);
    CHECK(answer.fields.at("state") == "state-123");
    CHECK(answer.fields.count("code") == 0);
    answer = answer_of(
        sign_in(portal, request_fields(closed), "alex_wong@techpass.gov.sg", "demo-password-alex"));
    CHECK(answer.description().rfind("AADSTS50105: ", 0) == 0);
    CHECK(answer_of(sign_in(portal, request_fields(closed), "WEI.MING.LIM@tech.gov.sg"))
              .fields.count("code") == 1);
    CHECK(answer_of(sign_in(portal, request_fields(closed), "jane_tan", "demo-password-jane"))
              .fields.count("code") == 1);

    // No consent yet.
    const App unconsented = make_app(portal, false, false);
    answer = answer_of(sign_in(portal, request_fields(unconsented), "wei.ming.lim@tech.gov.sg"));
    CHECK(answer.error() == "consent_required");
    CHECK(answer.description().rfind("AADSTS65001: ", 0) == 0);

    // A disabled account: Siti never signed in, so 91 days later the
    // lifecycle rules have disabled her.
    REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", 91 * 86400}}).status == 200);
    REQUIRE(portal.post_json("/_emulator/lifecycle/sweep", json::object()).status == 200);
    answer = answer_of(sign_in(portal, request_fields(open), "siti.rahman@mom.gov.sg"));
    CHECK(answer.error() == "access_denied");
    CHECK(answer.description().rfind("AADSTS50057: ", 0) == 0);
}

TEST_CASE("authorization code: PKCE, single use, ten minutes, the same redirect URI") {
    Portal portal;
    const App app = make_app(portal, false);
    const json before = user_named(portal, "wei.ming.lim@tech.gov.sg");
    REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", 86400}}).status == 200);

    Answer answer = answer_of(sign_in(portal, request_fields(app), "wei.ming.lim@tech.gov.sg"));
    REQUIRE(answer.fields.count("code") == 1);
    CHECK(answer.fields.at("state") == "state-123");
    const std::string code = answer.fields.at("code");

    // The sign-in was recorded as the person's last interactive sign-in.
    const json after = user_named(portal, "wei.ming.lim@tech.gov.sg");
    CHECK(after.at("lastSignInAt") != before.at("lastSignInAt"));
    CHECK(after.at("lastInteractiveSignInAt") == after.at("lastSignInAt"));

    CHECK(error_of(redeem(portal, app, code, "wrong-verifier-wrong-verifier-wrong-verifier")) ==
          "invalid_grant 50148");
    CHECK(error_of(redeem(portal, app, code, "")) == "invalid_grant 50148");
    CHECK(error_of(redeem(portal, app, code, k_verifier, "http://localhost:9/callback")) ==
          "invalid_grant 50011");
    const App other = make_app(portal, false);
    CHECK(error_of(redeem(portal, other, code)) == "invalid_grant 70000");

    const Reply token = redeem(portal, app, code);
    REQUIRE_MESSAGE(token.status == 200, token.text);
    CHECK(token.header("Cache-Control").find("no-store") != std::string::npos);
    CHECK(token.body.at("token_type") == "Bearer");
    CHECK(token.body.at("scope") == "openid profile email");
    CHECK_FALSE(token.body.contains("refresh_token"));
    const auto id = techpass::util::decode_jwt(token.body.at("id_token").get<std::string>());
    CHECK(id.header.at("alg") == "RS256");
    CHECK(id.claims.at("aud") == app.id);
    CHECK(id.claims.at("iss") == portal.url() + "/" + k_directory + "/v2.0");
    CHECK(id.claims.at("nonce") == "nonce-456");
    CHECK(id.claims.at("oid") == after.at("id"));
    // An ID token (audience: the app) is not an access token for the API.
    const Reply confused = portal.get(
        "/iam/namespace/SHIP", portal.api_headers(token.body.at("id_token").get<std::string>()));
    CHECK(confused.status == 401);
    CHECK(confused.text.find("audience") != std::string::npos);
    CHECK(id.claims.at("email") == "wei.ming.lim@tech.gov.sg");
    CHECK(id.claims.at("name") == "Wei Ming Lim");
    CHECK(id.claims.at("ver") == "2.0");
    CHECK(id.claims.at("exp").get<std::int64_t>() - id.claims.at("iat").get<std::int64_t>() ==
          3600);
    // sub is pairwise: not the user id.
    CHECK(id.claims.at("sub") != after.at("id"));

    // Once only.
    CHECK(error_of(redeem(portal, app, code)) == "invalid_grant 54005");

    // Ten minutes.
    answer = answer_of(sign_in(portal, request_fields(app), "wei.ming.lim@tech.gov.sg"));
    REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", 601}}).status == 200);
    CHECK(error_of(redeem(portal, app, answer.fields.at("code"))) == "invalid_grant 70008");

    // plain PKCE: the verifier is the challenge.
    auto fields = request_fields(app);
    fields["code_challenge"] = k_verifier;
    fields["code_challenge_method"] = "plain";
    answer = answer_of(sign_in(portal, fields, "wei.ming.lim@tech.gov.sg"));
    CHECK(redeem(portal, app, answer.fields.at("code")).status == 200);
}

TEST_CASE("authorization code: a web redirect URI needs the app's secret") {
    Portal portal;
    const App app = make_app(portal, false);
    const std::string web = "https://portal.example.gov.sg/signin";
    auto fields = request_fields(app, web);
    fields["response_mode"] = "form_post";
    const Reply posted = sign_in(portal, fields, "wei.ming.lim@tech.gov.sg");
    REQUIRE_MESSAGE(posted.status == 200, posted.text);
    CHECK(posted.text.find("<form method=\"post\" action=\"" + web + "\">") != std::string::npos);
    const std::string marker = "name=\"code\" value=\"";
    const auto at = posted.text.find(marker);
    REQUIRE(at != std::string::npos);
    const std::string code = posted.text.substr(
        at + marker.size(), posted.text.find('"', at + marker.size()) - at - marker.size());

    Reply reply = redeem(portal, app, code, k_verifier, web);
    CHECK(reply.status == 401);
    CHECK(error_of(reply) == "invalid_client 7000218");

    const Reply secret =
        portal.post_json("/iam/namespace/SHIP/apps/" + app.id + "/secrets",
                         {{"description", "web"}}, portal.api_headers(portal.app_token()));
    REQUIRE_MESSAGE(secret.status == 201, secret.text);
    reply = portal.post_form(k_token, {{"grant_type", "authorization_code"},
                                       {"client_id", app.id},
                                       {"client_secret", "wrong"},
                                       {"code", code},
                                       {"redirect_uri", web},
                                       {"code_verifier", k_verifier}});
    CHECK(error_of(reply) == "invalid_client 7000215");
    reply =
        portal.post_form(k_token, {{"grant_type", "authorization_code"},
                                   {"client_id", app.id},
                                   {"client_secret", secret.body.at("secret").get<std::string>()},
                                   {"code", code},
                                   {"redirect_uri", web},
                                   {"code_verifier", k_verifier}});
    CHECK_MESSAGE(reply.status == 200, reply.text);
    CHECK(reply.body.contains("id_token"));
}

} // namespace test_authorize
