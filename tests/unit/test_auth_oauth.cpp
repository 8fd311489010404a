#include "fake_transport.hpp"
#include "techpass/auth/oauth.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/jwt.hpp"
#include "test_auth_support.hpp"

#include <doctest/doctest.h>

namespace test_auth_oauth {

using namespace techpass;
using namespace techpass::auth;
using std::chrono::seconds;

namespace {

const OAuthEndpoint k_endpoint{"https://login.example", "dir-1", "client-1",
                               "https://api.example/.default"};
const std::string k_token_url = "https://login.example/dir-1/oauth2/v2.0/token";

std::string field(const http::Request& request, const std::string& name) {
    for (const auto& [key, value] : http::form_decode(request.body)) {
        if (key == name) {
            return value;
        }
    }
    return "(absent)";
}

// 8-4-4-4-12 lower-case hex, version 4, RFC 4122 variant.
bool is_uuid_v4(const std::string& text) {
    if (text.size() != 36 || text[14] != '4' ||
        std::string("89ab").find(text[19]) == std::string::npos) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f');
        if (dash ? text[i] != '-' : !hex) {
            return false;
        }
    }
    return true;
}

template <typename F>
Error error_of(F&& action) {
    try {
        action();
    } catch (const Error& error) {
        return error;
    }
    FAIL("no error");
    return Error(ErrorKind::Unexpected, "");
}

} // namespace

TEST_CASE("token and device code endpoints") {
    CHECK(token_endpoint(k_endpoint) == k_token_url);
    CHECK(token_endpoint({"https://login.example/", "d", "c", "s"}) ==
          "https://login.example/d/oauth2/v2.0/token");
    CHECK(device_code_endpoint(k_endpoint) == "https://login.example/dir-1/oauth2/v2.0/devicecode");
}

TEST_CASE("make_client_assertion: header and claims") {
    const auto& credential = testsupport::test_credential();
    const auto now = std::chrono::system_clock::time_point(seconds(1'800'000'000));
    const auto assertion = make_client_assertion(
        "client-1", k_token_url, credential.certificate_pem, credential.private_key_pem, now);
    const auto jwt = util::decode_jwt(assertion);
    CHECK(jwt.header.at("alg") == "RS256");
    CHECK(jwt.header.at("typ") == "JWT");
    CHECK(jwt.header.at("x5t") == util::parse_certificate(credential.certificate_pem).x5t());
    CHECK(jwt.claims.at("aud") == k_token_url);
    CHECK(jwt.claims.at("iss") == "client-1");
    CHECK(jwt.claims.at("sub") == "client-1");
    CHECK(is_uuid_v4(jwt.claims.at("jti").get<std::string>()));
    CHECK(jwt.claims.at("iat") == 1'800'000'000);
    CHECK(jwt.claims.at("nbf") == 1'800'000'000);
    CHECK(jwt.claims.at("exp") == 1'800'000'600);
    CHECK(util::verify_jwt_signature(jwt, credential.certificate_pem));
    const auto again = make_client_assertion("client-1", k_token_url, credential.certificate_pem,
                                             credential.private_key_pem, now);
    CHECK(util::decode_jwt(again).claims.at("jti") != jwt.claims.at("jti"));
}

TEST_CASE("OAuthClient: client credentials") {
    FakeClock clock;
    testsupport::FakeTransport transport;
    OAuthClient client(transport, clock, k_endpoint);
    SUBCASE("with a client secret") {
        transport.json("POST", "/dir-1/oauth2/v2.0/token", 200,
                       testsupport::token_body("tok", 1199), [](const http::Request& request) {
                           CHECK(testsupport::header_of(request, "Content-Type") ==
                                 "application/x-www-form-urlencoded");
                           CHECK(field(request, "grant_type") == "client_credentials");
                           CHECK(field(request, "client_id") == "client-1");
                           CHECK(field(request, "client_secret") == "s3cret&=");
                           CHECK(field(request, "scope") == "https://api.example/.default");
                       });
        const auto token = client.with_client_secret("s3cret&=");
        CHECK(token.access_token == "tok");
        CHECK(token.expires_at == clock.now() + seconds(1199));
    }
    SUBCASE("with a certificate") {
        const auto& credential = testsupport::test_credential();
        transport.json("POST", "/token", 200, testsupport::token_body("tok"),
                       [&](const http::Request& request) {
                           CHECK(field(request, "client_secret") == "(absent)");
                           CHECK(field(request, "client_assertion_type") ==
                                 "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
                           const auto jwt = util::decode_jwt(field(request, "client_assertion"));
                           CHECK(jwt.claims.at("aud") == k_token_url);
                           CHECK(util::verify_jwt_signature(jwt, credential.certificate_pem));
                       });
        CHECK(client.with_certificate(credential.certificate_pem, credential.private_key_pem)
                  .access_token == "tok");
    }
    SUBCASE("a bad key is a configuration error") {
        const auto error = error_of([&] { client.with_certificate("not a cert", "not a key"); });
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()).rfind("cannot sign a client assertion: ", 0) == 0);
    }
}

TEST_CASE("OAuthClient: identity platform errors") {
    FakeClock clock;
    testsupport::FakeTransport transport;
    OAuthClient client(transport, clock, k_endpoint);
    SUBCASE("invalid_client: Config, with the description, without the secret") {
        transport.json(
            "POST", "/token", 401,
            R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x","trace_id":"t-1"})");
        const auto error = error_of([&] { client.with_client_secret("wrong-secret"); });
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(exit_code(error.kind()) == 3);
        CHECK(std::string(error.what()) == "the identity platform refused the credentials of "
                                           "client client-1: invalid_client: AADSTS7000215: "
                                           "Invalid client secret provided.");
        CHECK(error.hint() ==
              "check the profile's directory_id, client_id and credential: techpass profile show");
        CHECK(error.trace_id() == "t-1");
        CHECK(std::string(error.what()).find("wrong-secret") == std::string::npos);
    }
    SUBCASE("invalid_grant: Auth") {
        transport.json("POST", "/token", 400,
                       R"({"error":"invalid_grant","error_description":"AADSTS70008: expired"})");
        const auto error = error_of([&] { client.with_refresh_token("rt"); });
        CHECK(error.kind() == ErrorKind::Auth);
        CHECK(error.hint() == "run: techpass auth login");
    }
    SUBCASE("503 is retried, then Network") {
        for (int i = 0; i < 3; ++i) {
            transport.json("POST", "/token", 503, R"({"error":"temporarily_unavailable"})");
        }
        const auto error = error_of([&] { client.with_client_secret("s"); });
        CHECK(error.kind() == ErrorKind::Network);
        CHECK(std::string(error.what()) ==
              "the identity platform failed to issue a token (temporarily_unavailable)");
        CHECK(clock.slept() == seconds(3));
    }
    SUBCASE("503 then success") {
        transport.json("POST", "/token", 503, "{}");
        transport.json("POST", "/token", 200, testsupport::token_body("tok"));
        CHECK(client.with_client_secret("s").access_token == "tok");
    }
    SUBCASE("unreachable") {
        for (int i = 0; i < 3; ++i) {
            transport.fail("POST", "/token", "connection refused", true);
        }
        const auto error = error_of([&] { client.with_client_secret("s"); });
        CHECK(error.kind() == ErrorKind::Network);
        CHECK(std::string(error.what()) ==
              "cannot reach the identity platform at login.example: connection refused");
    }
}

TEST_CASE("OAuthClient: device code flow") {
    FakeClock clock;
    testsupport::FakeTransport transport;
    OAuthClient client(transport, clock, k_endpoint);
    const auto start = clock.now();
    transport.json(
        "POST", "/dir-1/oauth2/v2.0/devicecode", 200,
        R"({"device_code":"DC","user_code":"ABCD-EFGH","verification_uri":"https://login.example/devicelogin",)"
        R"("expires_in":900,"interval":5,"message":"To sign in, open https://login.example/devicelogin and enter ABCD-EFGH."})",
        [](const http::Request& request) {
            CHECK(field(request, "client_id") == "client-1");
            CHECK(field(request, "scope") == "https://api.example/.default offline_access");
        });
    const auto code = client.start_device_code();
    CHECK(code.user_code == "ABCD-EFGH");
    CHECK(code.verification_uri == "https://login.example/devicelogin");
    CHECK(code.message ==
          "To sign in, open https://login.example/devicelogin and enter ABCD-EFGH.");
    CHECK(code.interval == seconds(5));
    CHECK(code.expires_at == start + seconds(900));

    const auto poll_check = [](const http::Request& request) {
        CHECK(field(request, "grant_type") == "urn:ietf:params:oauth:grant-type:device_code");
        CHECK(field(request, "device_code") == "DC");
    };
    SUBCASE("pending, slow_down (+5 s), then a token") {
        std::vector<std::chrono::seconds> polled_at;
        const auto record = [&](const http::Request& request) {
            poll_check(request);
            polled_at.push_back(std::chrono::duration_cast<seconds>(clock.now() - start));
        };
        transport.json("POST", "/token", 400, R"({"error":"authorization_pending"})", record);
        transport.json("POST", "/token", 400, R"({"error":"slow_down"})", record);
        transport.json("POST", "/token", 400, R"({"error":"authorization_pending"})", record);
        transport.json("POST", "/token", 200, testsupport::token_body("user-token"), record);
        CHECK(client.poll_device_code(code).access_token == "user-token");
        CHECK(polled_at == std::vector<seconds>{seconds(5), seconds(10), seconds(20), seconds(30)});
    }
    SUBCASE("declined") {
        transport.json("POST", "/token", 400, R"({"error":"access_denied"})", poll_check);
        const auto error = error_of([&] { client.poll_device_code(code); });
        CHECK(error.kind() == ErrorKind::Auth);
        CHECK(std::string(error.what()) == "the sign-in was declined");
    }
    SUBCASE("expired_token from the platform") {
        transport.json("POST", "/token", 400, R"({"error":"expired_token"})", poll_check);
        const auto error = error_of([&] { client.poll_device_code(code); });
        CHECK(std::string(error.what()) ==
              "the device code expired before the sign-in was completed");
        CHECK(error.hint() == "run: techpass auth login, and complete the sign-in in time");
    }
    SUBCASE("stops polling at expiry") {
        DeviceCode shortlived = code;
        shortlived.expires_at = clock.now() + seconds(12);
        transport.json("POST", "/token", 400, R"({"error":"authorization_pending"})");
        transport.json("POST", "/token", 400, R"({"error":"authorization_pending"})");
        const auto error = error_of([&] { client.poll_device_code(shortlived); });
        CHECK(error.kind() == ErrorKind::Auth);
        CHECK(clock.now() - start == seconds(10));
    }
}

TEST_CASE("OAuthClient: a platform that echoes the secret does not make us print it") {
    FakeClock clock;
    testsupport::FakeTransport transport;
    OAuthClient client(transport, clock, k_endpoint);
    transport.json(
        "POST", "/token", 401,
        R"({"error":"invalid_client","error_description":"secret 'hunter2-secret' is wrong"})");
    const auto error = error_of([&] { client.with_client_secret("hunter2-secret"); });
    CHECK(std::string(error.what()) == "the identity platform refused the credentials of client "
                                       "client-1: invalid_client: secret '***' is wrong");
}

} // namespace test_auth_oauth
