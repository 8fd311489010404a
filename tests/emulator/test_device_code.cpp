// The device code flow: every polling answer, approval through the test
// control and through the /devicelogin page.

#include "client.hpp"

#include <doctest/doctest.h>

namespace test_device_code {

using namespace emutest;

namespace {

struct Flow {
    std::string device_code;
    std::string user_code;
};

Flow start(Portal& portal) {
    const Reply reply =
        portal.post_form("/" + k_directory + "/oauth2/v2.0/devicecode",
                         {{"client_id", k_client_id},
                          {"scope", portal.url() + "/.default openid profile offline_access"}});
    REQUIRE_MESSAGE(reply.status == 200, reply.text);
    CHECK(reply.body.at("verification_uri") == portal.url() + "/devicelogin");
    CHECK(reply.body.at("expires_in") == 900);
    CHECK(reply.body.at("interval") == 5);
    const std::string user_code = reply.body.at("user_code").get<std::string>();
    CHECK(user_code.size() == 9);
    CHECK(user_code[4] == '-');
    CHECK(reply.body.at("message").get<std::string>().find(user_code) != std::string::npos);
    return {reply.body.at("device_code").get<std::string>(), user_code};
}

Reply poll(Portal& portal, const Flow& flow) {
    return portal.post_form("/" + k_directory + "/oauth2/v2.0/token",
                            {{"grant_type", "urn:ietf:params:oauth:grant-type:device_code"},
                             {"client_id", k_client_id},
                             {"device_code", flow.device_code}});
}

std::string error_of(const Reply& reply) {
    return reply.body.is_object() && reply.body.contains("error")
               ? reply.body.at("error").get<std::string>()
               : "status " + std::to_string(reply.status) + ": " + reply.text;
}

void advance(Portal& portal, int seconds) {
    REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", seconds}}).status == 200);
}

} // namespace

TEST_CASE("device code: pending, slow_down, approval, token, redeemed") {
    Portal portal;
    const Flow flow = start(portal);
    CHECK(error_of(poll(portal, flow)) == "authorization_pending");
    CHECK(error_of(poll(portal, flow)) == "slow_down");
    advance(portal, 6);
    CHECK(error_of(poll(portal, flow)) == "authorization_pending");

    const Reply approve =
        portal.post_json("/_emulator/devicecodes/approve",
                         {{"userCode", flow.user_code}, {"user", "jane.tan@tech.gov.sg"}});
    REQUIRE_MESSAGE(approve.status == 200, approve.text);
    advance(portal, 6);
    const Reply token = poll(portal, flow);
    REQUIRE_MESSAGE(token.status == 200, token.text);
    const auto jwt = techpass::util::decode_jwt(token.body.at("access_token").get<std::string>());
    CHECK(jwt.claims.at("idtyp") == "user");
    CHECK(jwt.claims.at("preferred_username") == "jane_tan");
    CHECK(jwt.claims.at("namespaces") == json::array({"SHIP"}));
    CHECK(jwt.claims.contains("oid"));

    // The person's token works on the API for the namespace they administer.
    const Reply ns =
        portal.get("/iam/namespace/SHIP",
                   portal.api_headers(token.body.at("access_token").get<std::string>()));
    CHECK_MESSAGE(ns.status == 200, ns.text);

    advance(portal, 6);
    const Reply again = poll(portal, flow);
    CHECK(error_of(again) == "invalid_grant");
    CHECK(again.body.at("error_codes") == json::array({54005}));
}

TEST_CASE("device code: denied, expired, unknown") {
    Portal portal;
    SUBCASE("denied") {
        const Flow flow = start(portal);
        REQUIRE(portal
                    .post_json("/_emulator/devicecodes/approve", {{"userCode", flow.user_code},
                                                                  {"user", "jane.tan@tech.gov.sg"},
                                                                  {"deny", true}})
                    .status == 200);
        CHECK(error_of(poll(portal, flow)) == "access_denied");
    }
    SUBCASE("expired") {
        const Flow flow = start(portal);
        advance(portal, 901);
        CHECK(error_of(poll(portal, flow)) == "expired_token");
    }
    SUBCASE("unknown device code") {
        CHECK(error_of(poll(portal, {"no-such-code", ""})) == "invalid_grant");
    }
    SUBCASE("bad scope") {
        const Reply reply = portal.post_form("/" + k_directory + "/oauth2/v2.0/devicecode",
                                             {{"client_id", k_client_id}, {"scope", "openid"}});
        CHECK(error_of(reply) == "invalid_scope");
    }
}

TEST_CASE("device code: approval on the /devicelogin page") {
    Portal portal;
    const Flow flow = start(portal);
    const Reply page = portal.get("/devicelogin");
    CHECK(page.status == 200);
    CHECK(page.text.find("<form") != std::string::npos);

    SUBCASE("wrong password") {
        const Reply reply = portal.post_form(
            "/devicelogin",
            {{"code", flow.user_code}, {"email", "jane.tan@tech.gov.sg"}, {"password", "wrong"}});
        CHECK(reply.status == 400);
        CHECK(reply.text.find("Wrong password") != std::string::npos);
        CHECK(error_of(poll(portal, flow)) == "authorization_pending");
    }
    SUBCASE("right password, code typed in lower case without the dash") {
        std::string typed;
        for (const char c : flow.user_code) {
            if (c != '-') {
                typed += static_cast<char>(std::tolower(c));
            }
        }
        const Reply reply = portal.post_form("/devicelogin", {{"code", typed},
                                                              {"email", "jane.tan@tech.gov.sg"},
                                                              {"password", "demo-password-jane"}});
        CHECK_MESSAGE(reply.status == 200, reply.text);
        CHECK(poll(portal, flow).status == 200);
    }
    SUBCASE("a seeded user without a password needs only the email") {
        const Reply reply = portal.post_form(
            "/devicelogin", {{"code", flow.user_code}, {"email", "siti.rahman@mom.gov.sg"}});
        CHECK_MESSAGE(reply.status == 200, reply.text);
        CHECK(poll(portal, flow).status == 200);
    }
}

} // namespace test_device_code
