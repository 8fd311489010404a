// Operator actions end to end with the resources they complete: a vendor's
// registration, an invitation that expires, a tenant request approved.

#include "client.hpp"

#include <doctest/doctest.h>

namespace test_operator {

using namespace emutest;

namespace {

const json k_invitation = {{"email", "sam.lee@acme-consulting.com"},
                           {"firstName", "Sam"},
                           {"lastName", "Lee"},
                           {"mobile", "+6588887777"},
                           {"company", "Acme Consulting Pte Ltd"},
                           {"department", "Engineering"},
                           {"sponsoringAgency", "GovTech"},
                           {"businessOperation", "onshore"}};

std::string invite(Portal& portal) {
    const Reply reply = portal.post_json("/iam/invitations", k_invitation, portal.api_headers());
    REQUIRE_MESSAGE(reply.status == 201, reply.text);
    return reply.body.at("id").get<std::string>();
}

int mails(Portal& portal, const std::string& recipient, const std::string& kind) {
    const Reply reply = portal.get("/_emulator/outbox?recipient=" + recipient + "&kind=" + kind);
    return reply.body.at("count").get<int>();
}

} // namespace

TEST_CASE("operator: a vendor completes registration, then signs in") {
    Portal portal;
    const std::string invitation = invite(portal);
    const Reply registered = portal.post_json(
        "/_emulator/registrations",
        {{"invitationId", invitation}, {"username", "sam_lee"}, {"password", "correct-horse-1"}});
    REQUIRE_MESSAGE(registered.status == 201, registered.text);
    CHECK(registered.body.at("status") == "pending");
    CHECK(registered.body.at("email") == "sam.lee@acme-consulting.com");
    // The inviter (an app of SHIP) is told through the namespace's admins.
    CHECK(mails(portal, "jane.tan@tech.gov.sg", "invitation-registered") == 1);

    const Reply again = portal.post_json(
        "/_emulator/registrations",
        {{"email", "sam.lee@acme-consulting.com"}, {"username", "x"}, {"password", "12345678"}});
    CHECK(again.status == 409);

    const Reply signed_in = portal.post_json("/_emulator/signins", {{"user", "sam_lee"}});
    REQUIRE_MESSAGE(signed_in.status == 200, signed_in.text);
    CHECK(signed_in.body.at("status") == "active");
}

TEST_CASE("lifecycle sweep expires invitations after 5 days and tells the inviter") {
    Portal portal;
    const std::string invitation = invite(portal);
    REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", 5 * 86400 + 1}}).status ==
            200);
    const Reply sweep = portal.post_json("/_emulator/lifecycle/sweep", json::object());
    REQUIRE(sweep.status == 200);
    REQUIRE(sweep.body.at("expiredInvitations").size() == 1);
    CHECK(sweep.body.at("expiredInvitations").at(0).at("invitationId") == invitation);
    CHECK(mails(portal, "jane.tan@tech.gov.sg", "invitation-expired") == 1);
    const Reply late = portal.post_json(
        "/_emulator/registrations",
        {{"invitationId", invitation}, {"username", "sam_lee"}, {"password", "correct-horse-1"}});
    CHECK(late.status == 409);
}

TEST_CASE("operator: approving a tenant request creates the namespace with its first admin") {
    Portal portal;
    // Jane signs in with the device code flow and asks for a tenant.
    const Reply code =
        portal.post_form("/" + k_directory + "/oauth2/v2.0/devicecode",
                         {{"client_id", k_client_id}, {"scope", portal.url() + "/.default"}});
    REQUIRE(code.status == 200);
    REQUIRE(portal
                .post_json("/_emulator/devicecodes/approve",
                           {{"userCode", code.body.at("user_code")}, {"user", "jane_tan"}})
                .status == 200);
    const Reply token =
        portal.post_form("/" + k_directory + "/oauth2/v2.0/token",
                         {{"grant_type", "urn:ietf:params:oauth:grant-type:device_code"},
                          {"client_id", k_client_id},
                          {"device_code", code.body.at("device_code").get<std::string>()}});
    REQUIRE_MESSAGE(token.status == 200, token.text);
    const auto headers = portal.api_headers(token.body.at("access_token").get<std::string>());

    const Reply request = portal.post_json("/tenants/requests",
                                           {{"namespace", "FERRY"},
                                            {"serviceName", "Ferry Bookings"},
                                            {"description", "Ferry ticketing"},
                                            {"contactEmail", "jane.tan@tech.gov.sg"}},
                                           headers);
    REQUIRE_MESSAGE(request.status == 201, request.text);
    const std::string id = request.body.at("id").get<std::string>();

    const Reply approved =
        portal.post_json("/_emulator/tenants/requests/" + id + "/approve", json::object());
    REQUIRE_MESSAGE(approved.status == 200, approved.text);
    CHECK(approved.body.at("namespace") == "FERRY");
    CHECK(
        portal.post_json("/_emulator/tenants/requests/" + id + "/approve", json::object()).status ==
        409);
    CHECK(mails(portal, "jane.tan@tech.gov.sg", "tenant-request-approved") == 1);

    // Jane administers FERRY now (the API reads the admin list at call time);
    // a FERRY key is needed for its paths, so check the admin list instead.
    const Reply state = portal.get("/_emulator/state/namespace_admins");
    REQUIRE(state.status == 200);
    bool found = false;
    for (const auto& row : state.body.at("rows")) {
        found = found || row.at("namespace") == "FERRY";
    }
    CHECK(found);
}

} // namespace test_operator
