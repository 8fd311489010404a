// The identity endpoints: client credentials by secret and by every client
// assertion shape MSAL sends, their errors, discovery and the JWKS.

#include "client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <ctime>

namespace test_identity {

using namespace emutest;
using techpass::util::base64_encode;
using techpass::util::base64url_encode;

namespace {

std::string token_path() {
    return "/" + k_directory + "/oauth2/v2.0/token";
}

Reply assertion_request(Portal& portal, const std::string& assertion,
                        std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> form = {
        {"grant_type", "client_credentials"},
        {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
        {"client_assertion", assertion},
        {"scope", portal.url() + "/.default"}};
    form.insert(extra.begin(), extra.end());
    return portal.post_form(token_path(), form);
}

const techpass::util::Certificate& demo_cert() {
    static const auto cert = techpass::util::parse_certificate(demo_certificate_pem());
    return cert;
}

std::string sign(const json& header, const json& claims, const char* alg = "RS256") {
    return techpass::util::sign_jwt(header, claims, demo_private_key_pem(), alg);
}

void check_aad_error(const Reply& reply, int status, const std::string& error, int code) {
    CHECK(reply.status == status);
    CHECK(reply.body.at("error").get<std::string>() == error);
    CHECK(reply.body.at("error_codes") == json::array({code}));
    CHECK(reply.body.at("error_description")
              .get<std::string>()
              .rfind("AADSTS" + std::to_string(code) + ":", 0) == 0);
    CHECK(reply.body.contains("trace_id"));
    CHECK(reply.body.contains("correlation_id"));
    CHECK(reply.body.contains("timestamp"));
}

} // namespace

TEST_CASE("token endpoint: client secret") {
    Portal portal;
    const Reply reply = portal.token_by_secret();
    REQUIRE(reply.status == 200);
    CHECK(reply.body.at("token_type") == "Bearer");
    CHECK(reply.body.at("expires_in") == 1199);
    CHECK(reply.body.at("ext_expires_in") == 1199);
    CHECK(reply.header("Cache-Control") == "no-store, no-cache");

    const auto jwt = techpass::util::decode_jwt(reply.body.at("access_token").get<std::string>());
    CHECK(jwt.header.at("alg") == "RS256");
    CHECK(jwt.claims.at("aud") == portal.url());
    CHECK(jwt.claims.at("iss") == portal.url() + "/" + k_directory + "/v2.0");
    CHECK(jwt.claims.at("appid") == k_client_id);
    CHECK(jwt.claims.at("idtyp") == "app");
    CHECK(jwt.claims.at("namespaces") == json::array({"SHIP"}));
    CHECK(jwt.claims.at("exp").get<std::int64_t>() - jwt.claims.at("iat").get<std::int64_t>() ==
          1199);

    SUBCASE("HTTP Basic credentials") {
        const std::string basic = base64_encode(k_client_id + ":" + k_client_secret);
        const Reply basic_reply = portal.post_form(
            token_path(),
            {{"grant_type", "client_credentials"}, {"scope", portal.url() + "/.default"}},
            {{"Authorization", "Basic " + basic}});
        CHECK(basic_reply.status == 200);
    }
}

TEST_CASE("token endpoint: errors in the identity platform's shape") {
    Portal portal;
    SUBCASE("wrong secret") {
        check_aad_error(portal.token_by_secret("not-the-secret"), 401, "invalid_client", 7000215);
    }
    SUBCASE("unknown client") {
        const Reply reply = portal.post_form(token_path(), {{"grant_type", "client_credentials"},
                                                            {"client_id", "nobody"},
                                                            {"client_secret", "x"},
                                                            {"scope", portal.url() + "/.default"}});
        check_aad_error(reply, 400, "unauthorized_client", 700016);
    }
    SUBCASE("missing grant_type") {
        check_aad_error(portal.post_form(token_path(), {{"client_id", k_client_id}}), 400,
                        "invalid_request", 900144);
    }
    SUBCASE("unsupported grant") {
        check_aad_error(portal.post_form(token_path(), {{"grant_type", "password"}}), 400,
                        "unsupported_grant_type", 70003);
    }
    SUBCASE("wrong scope") {
        const Reply reply = portal.post_form(token_path(), {{"grant_type", "client_credentials"},
                                                            {"client_id", k_client_id},
                                                            {"client_secret", k_client_secret},
                                                            {"scope", "https://graph/.default"}});
        check_aad_error(reply, 400, "invalid_scope", 1002012);
    }
    SUBCASE("unknown directory") {
        const Reply reply = portal.post_form("/not-our-directory/oauth2/v2.0/token",
                                             {{"grant_type", "client_credentials"}});
        check_aad_error(reply, 400, "invalid_request", 90002);
    }
    SUBCASE("the timestamp is on the emulator's clock, as every other rule") {
        REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", 400 * 86400}}).status ==
                200);
        const Reply reply = portal.post_form(token_path(), {{"grant_type", "password"}});
        const std::string timestamp = reply.body.at("timestamp").get<std::string>();
        // 400 days ahead of the system clock: the year after next at least.
        const auto now = std::chrono::system_clock::now() + std::chrono::hours(24 * 399);
        const std::time_t later = std::chrono::system_clock::to_time_t(now);
        std::tm tm{};
        gmtime_r(&later, &tm);
        char date[16];
        std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
        CHECK(timestamp.substr(0, 10) >= std::string(date));
        CHECK(
            reply.body.at("error_description").get<std::string>().find("Timestamp: " + timestamp) !=
            std::string::npos);
    }
    SUBCASE("client-request-id is echoed") {
        const Reply reply = portal.post_form(token_path(), {{"grant_type", "password"}},
                                             {{"client-request-id", "corr-123"}});
        CHECK(reply.body.at("correlation_id") == "corr-123");
        CHECK(reply.header("client-request-id") == "corr-123");
    }
}

TEST_CASE("token endpoint: every client assertion shape MSAL sends") {
    Portal portal;
    const auto& cert = demo_cert();
    const std::int64_t now = unix_now();
    const std::string aud = portal.token_endpoint();
    std::string assertion;
    std::map<std::string, std::string> extra;

    SUBCASE("RS256 + x5t without padding") {
        assertion = sign({{"typ", "JWT"}, {"x5t", cert.x5t()}}, assertion_claims(aud, now));
    }
    SUBCASE("RS256 + x5t with padding") {
        assertion = sign({{"x5t", cert.x5t() + "="}}, assertion_claims(aud, now));
    }
    SUBCASE("RS256 + x5t + x5c with newlines") {
        std::string x5c = base64_encode(cert.der);
        std::string wrapped;
        for (std::size_t i = 0; i < x5c.size(); i += 64) {
            wrapped += x5c.substr(i, 64) + "\n";
        }
        assertion = sign({{"x5t", cert.x5t()}, {"x5c", {wrapped}}}, assertion_claims(aud, now));
    }
    SUBCASE("RS256 + x5c only") {
        assertion = sign({{"x5c", {base64_encode(cert.der)}}}, assertion_claims(aud, now));
    }
    SUBCASE("PS256 + x5t#S256") {
        assertion = sign({{"x5t#S256", cert.x5t_s256()}}, assertion_claims(aud, now), "PS256");
    }
    SUBCASE("fractional times") {
        json claims = assertion_claims(aud, now);
        claims["iat"] = static_cast<double>(now) + 0.25;
        claims["nbf"] = static_cast<double>(now) + 0.25;
        claims["exp"] = static_cast<double>(now) + 600.75;
        assertion = sign({{"x5t", cert.x5t()}}, claims);
    }
    SUBCASE("no nbf, extra form fields, client_id sent") {
        json claims = assertion_claims(aud, now);
        claims.erase("nbf");
        assertion = sign({{"x5t", cert.x5t()}}, claims);
        extra = {{"client_id", k_client_id},
                 {"x-client-SKU", "MSAL.Python"},
                 {"x-client-VER", "1.28.0"},
                 {"client_info", "1"},
                 {"client-request-id", techpass::util::uuid_v4()}};
    }
    const Reply reply = assertion_request(portal, assertion, extra);
    CHECK_MESSAGE(reply.status == 200, reply.text);
    CHECK(reply.body.contains("access_token"));
}

TEST_CASE("token endpoint: client assertions that must fail") {
    Portal portal;
    const auto& cert = demo_cert();
    const std::int64_t now = unix_now();
    const json header = {{"x5t", cert.x5t()}};

    SUBCASE("wrong aud") {
        const auto a = sign(header, assertion_claims(portal.url() + "/token", now));
        check_aad_error(assertion_request(portal, a), 401, "invalid_client", 700023);
    }
    SUBCASE("expired beyond the 5 minutes of skew") {
        json claims = assertion_claims(portal.token_endpoint(), now - 1200);
        const auto a = sign(header, claims);
        check_aad_error(assertion_request(portal, a), 401, "invalid_client", 700024);
    }
    SUBCASE("not valid yet") {
        json claims = assertion_claims(portal.token_endpoint(), now);
        claims["nbf"] = now + 900;
        check_aad_error(assertion_request(portal, sign(header, claims)), 401, "invalid_client",
                        700024);
    }
    SUBCASE("replayed jti") {
        const auto a = sign(header, assertion_claims(portal.token_endpoint(), now));
        REQUIRE(assertion_request(portal, a).status == 200);
        check_aad_error(assertion_request(portal, a), 401, "invalid_client", 700025);
    }
    SUBCASE("iss is not the client") {
        json claims = assertion_claims(portal.token_endpoint(), now);
        claims["sub"] = "someone-else";
        check_aad_error(assertion_request(portal, sign(header, claims)), 401, "invalid_client",
                        700021);
    }
    SUBCASE("certificate not registered") {
        const auto other = techpass::util::generate_self_signed("intruder", 30);
        const auto other_cert = techpass::util::parse_certificate(other.certificate_pem);
        const auto a = techpass::util::sign_jwt({{"x5t", other_cert.x5t()}},
                                                assertion_claims(portal.token_endpoint(), now),
                                                other.private_key_pem);
        check_aad_error(assertion_request(portal, a), 401, "invalid_client", 700027);
    }
    SUBCASE("signed by another key under the registered thumbprint") {
        const auto other = techpass::util::generate_self_signed("intruder", 30);
        const auto a = techpass::util::sign_jwt(
            header, assertion_claims(portal.token_endpoint(), now), other.private_key_pem);
        check_aad_error(assertion_request(portal, a), 401, "invalid_client", 700027);
    }
    SUBCASE("alg none") {
        const std::string a =
            base64url_encode(json{{"alg", "none"}, {"x5t", cert.x5t()}}.dump()) + "." +
            base64url_encode(assertion_claims(portal.token_endpoint(), now).dump()) + ".";
        check_aad_error(assertion_request(portal, a), 401, "invalid_client", 5002738);
    }
    SUBCASE("missing exp") {
        json claims = assertion_claims(portal.token_endpoint(), now);
        claims.erase("exp");
        check_aad_error(assertion_request(portal, sign(header, claims)), 401, "invalid_client",
                        50027);
    }
}

TEST_CASE("discovery and JWKS") {
    Portal portal;
    const Reply discovery =
        portal.get("/" + k_directory + "/v2.0/.well-known/openid-configuration");
    REQUIRE(discovery.status == 200);
    const std::string authority = portal.url() + "/" + k_directory;
    CHECK(discovery.body.at("issuer") == authority + "/v2.0");
    CHECK(discovery.body.at("token_endpoint") == authority + "/oauth2/v2.0/token");
    CHECK(discovery.body.at("device_authorization_endpoint") ==
          authority + "/oauth2/v2.0/devicecode");
    CHECK(discovery.body.at("jwks_uri") == authority + "/discovery/v2.0/keys");

    const Reply keys = portal.get("/" + k_directory + "/discovery/v2.0/keys");
    REQUIRE(keys.status == 200);
    REQUIRE(keys.body.at("keys").size() == 1);
    const json& key = keys.body.at("keys").at(0);
    CHECK(key.at("kty") == "RSA");
    CHECK(key.at("use") == "sig");
    CHECK(key.at("e") == "AQAB");
    CHECK(key.at("kid") == key.at("x5t"));

    // The JWKS certificate verifies a token the emulator issued.
    const auto der = techpass::util::base64_decode(key.at("x5c").at(0).get<std::string>());
    REQUIRE(der.has_value());
    const auto cert = techpass::util::parse_certificate(*der);
    CHECK(cert.x5t() == key.at("kid").get<std::string>());
    const auto jwt = techpass::util::decode_jwt(portal.app_token());
    CHECK(jwt.header.at("kid") == key.at("kid"));
    CHECK(techpass::util::verify_jwt_signature(jwt, cert.public_key_pem));
    CHECK(techpass::util::rsa_jwk_components(cert.public_key_pem).first ==
          key.at("n").get<std::string>());

    const Reply unknown = portal.get("/other/discovery/v2.0/keys");
    CHECK(unknown.status == 400);
    CHECK(unknown.body.at("error") == "invalid_tenant");
}

} // namespace test_identity
