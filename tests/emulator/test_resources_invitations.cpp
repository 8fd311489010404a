// /iam/invitations: the invitation rules, the batch endpoint's 207 answers,
// and following invitations up.

#include "emulator.hpp"
#include "resources_fixture.hpp"

#include <doctest/doctest.h>

namespace test_resources_invitations {

using namespace restest;

namespace {

Reply invite(Tenant& t, const json& body, const As& as = ship_app()) {
    return t.post("/iam/invitations", body, as);
}

json with(json body, const json& changes) {
    body.update(changes);
    return body;
}

} // namespace

TEST_CASE("invitations: inviting a vendor") {
    Tenant t;
    const Reply first = invite(t, invitation("Ahmad@Acme.com.sg"));
    REQUIRE_MESSAGE(first.status == 201, first.text);
    const json& inv = first.body;
    CHECK(inv.at("email") == "ahmad@acme.com.sg");
    CHECK(inv.at("status") == "pending");
    CHECK(inv.at("accountType") == "vendor");
    CHECK(inv.at("businessOperation") == "onshore");
    CHECK(inv.at("seed") == false);
    CHECK(inv.at("offshoreDevelopmentCentre").is_null());
    CHECK(inv.at("namespace") == "SHIP");
    CHECK(inv.at("invitedBy") ==
          json{{"type", "namespace"}, {"id", "SHIP"}, {"name", "Shipping Services"}});
    CHECK(inv.at("replaced").is_null());
    CHECK(inv.at("replacedBy").is_null());
    CHECK(inv.at("registeredAt").is_null());
    const auto sent = emu::parse_rfc3339(inv.at("createdAt").get<std::string>());
    const auto expires = emu::parse_rfc3339(inv.at("expiresAt").get<std::string>());
    CHECK(*expires - *sent == 5 * 86400);

    const json mails = t.mails("ahmad@acme.com.sg");
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].at("kind") == "vendor-invitation");
    CHECK(mails[0].at("body").get<std::string>().find(t.url() + "/register?token=") !=
          std::string::npos);

    SUBCASE("a new invitation replaces a pending one, whoever sent it") {
        const Reply second =
            invite(t, invitation("ahmad@acme.com.sg"), person("bob.lee@tech.gov.sg"));
        REQUIRE_MESSAGE(second.status == 201, second.text);
        CHECK(second.body.at("replaced") == inv.at("id"));
        CHECK(second.body.at("namespace").is_null());
        CHECK(second.body.at("invitedBy").at("name") == "bob.lee@tech.gov.sg");
        const Reply old = t.get("/iam/invitations/" + inv.at("id").get<std::string>());
        CHECK(old.body.at("status") == "replaced");
        CHECK(old.body.at("replacedBy") == second.body.at("id"));
    }
    SUBCASE("who already has an account cannot be invited") {
        const Reply account = invite(t, invitation("alex.wong@acme-consulting.com"));
        CHECK(account.status == 409);
        CHECK(message(account) ==
              "an account with email alex.wong@acme-consulting.com already exists");
        const Reply mobile = invite(t, invitation("new@acme.com.sg", "+6591234567"));
        CHECK(mobile.status == 409);
        CHECK(message(mobile) == "an account with mobile number +6591234567 already exists");
    }
    SUBCASE("eligibility") {
        const Reply gmail = invite(t, invitation("someone@gmail.com"));
        CHECK(gmail.status == 422);
        CHECK(message(gmail) ==
              "gmail.com is a personal mail domain, which is not eligible for a TechPass account");
        const Reply officer = invite(t, invitation("someone@tech.gov.sg"));
        CHECK(officer.status == 422);
        CHECK(message(officer) == "someone@tech.gov.sg is a Whole-of-Government email that can "
                                  "self-register: register the officer with POST "
                                  "/iam/users/registrations instead");
        CHECK(invite(t, invitation("someone@mindef.gov.sg")).status == 201);
    }
    SUBCASE("vendors and sign-in-only apps may not invite") {
        CHECK(invite(t, invitation("x@acme.com.sg"), person("alex.wong@acme-consulting.com"))
                  .status == 403);
        CHECK(invite(t, invitation("x@acme.com.sg"), reader_app()).status == 403);
    }
}

TEST_CASE("invitations: field rules answer 400 naming the field") {
    Tenant t;
    const json base = invitation("ahmad@acme.com.sg");
    const auto check = [&t](const json& body, const std::string& expected) {
        CAPTURE(body.dump());
        const Reply reply = invite(t, body);
        CHECK(reply.status == 400);
        CHECK(message(reply) == expected);
    };
    check(with(base, {{"offshoreDevelopmentCentre", "Bangalore ODC"}}),
          "field 'offshoreDevelopmentCentre' is allowed only when businessOperation is offshore");
    check(with(base, {{"businessOperation", "offshore"}, {"seed", true}}),
          "field 'offshoreDevelopmentCentre' is required when businessOperation is offshore (the "
          "centre's name, or Others with offshoreCompany)");
    check(with(base,
               {{"businessOperation", "offshore"}, {"offshoreDevelopmentCentre", "Bangalore ODC"}}),
          "field 'seed' must be true when businessOperation is offshore: SEED is mandatory for "
          "offshore users");
    check(with(base, {{"businessOperation", "offshore"},
                      {"offshoreDevelopmentCentre", "Others"},
                      {"seed", true}}),
          "field 'offshoreCompany' is required when offshoreDevelopmentCentre is Others");
    check(with(base, {{"businessOperation", "offshore"},
                      {"offshoreDevelopmentCentre", "Bangalore ODC"},
                      {"offshoreCompany", "Foo"},
                      {"seed", true}}),
          "field 'offshoreCompany' is allowed only when offshoreDevelopmentCentre is Others");
    check(with(base, {{"mobile", "+6571234567"}}),
          "field 'mobile' must be a Singapore mobile number (+65 and 8 digits starting with 8 or "
          "9), not '+6571234567'");
    check(with(base, {{"businessOperation", "both"}}),
          "field 'businessOperation' must be one of onshore, offshore, not 'both'");
    check(with(base, {{"firstName", " Ahmad"}}),
          "field 'firstName' must not start or end with white space");
    check(with(base, {{"accountType", "admin"}}),
          "field 'accountType' must be one of vendor, temp, other, not 'admin'");
    json missing = base;
    missing.erase("company");
    check(missing, "missing field 'company'");

    const Reply offshore = invite(t, with(base, {{"businessOperation", "offshore"},
                                                 {"offshoreDevelopmentCentre", "Others"},
                                                 {"offshoreCompany", "Foo Ltd"},
                                                 {"seed", true},
                                                 {"accountType", "temp"}}));
    REQUIRE_MESSAGE(offshore.status == 201, offshore.text);
    CHECK(offshore.body.at("offshoreCompany") == "Foo Ltd");
    CHECK(offshore.body.at("accountType") == "temp");
    CHECK(offshore.body.at("seed") == true);
}

TEST_CASE("invitations: batch") {
    Tenant t;
    const json entries = {invitation("one@acme.com.sg", "+6581110001"),
                          invitation("alex.wong@acme-consulting.com", "+6581110002"),
                          invitation("ONE@acme.com.sg", "+6581110003"),
                          invitation("someone@gmail.com", "+6581110004"),
                          invitation("two@acme.com.sg", "+6581110005")};
    const Reply reply = t.post("/iam/invitations/batch", {{"invitations", entries}});
    REQUIRE_MESSAGE(reply.status == 207, reply.text);
    const json& sent = reply.body.at("invitations");
    REQUIRE(sent.size() == 2);
    CHECK(sent[0].at("entryNumber") == 0);
    CHECK(sent[0].at("invitation").at("email") == "one@acme.com.sg");
    CHECK(sent[1].at("entryNumber") == 4);
    const std::string trace = reply.header("x-trace-id");
    const json expected_errors = {
        {{"code", 409},
         {"entryNumber", 1},
         {"message", "an account with email alex.wong@acme-consulting.com already exists"},
         {"status", 409},
         {"traceId", trace}},
        {{"code", 409},
         {"entryNumber", 2},
         {"message", "entryNumber 2 has the same email as entryNumber 0"},
         {"status", 409},
         {"traceId", trace}},
        {{"code", 422},
         {"entryNumber", 3},
         {"message", "gmail.com is a personal mail domain, which is not eligible for a TechPass "
                     "account"},
         {"status", 422},
         {"traceId", trace}}};
    CHECK(reply.body.at("errors") == expected_errors);

    SUBCASE("a re-run changes nothing") {
        const Reply again = t.post("/iam/invitations/batch", {{"invitations", entries}});
        REQUIRE(again.status == 207);
        CHECK(again.body.at("invitations").empty());
        REQUIRE(again.body.at("errors").size() == 5);
        const std::string id = sent[0].at("invitation").at("id").get<std::string>();
        CHECK(again.body.at("errors")[0].at("message") ==
              "one@acme.com.sg already has a pending invitation from this sponsor (invitation " +
                  id + ")");
    }
    SUBCASE("another sponsor's pending invitation is replaced") {
        const Reply jane =
            t.post("/iam/invitations/batch",
                   {{"invitations", json::array({invitation("one@acme.com.sg", "+6581110001")})}},
                   person("jane.tan@tech.gov.sg"));
        REQUIRE(jane.body.at("invitations").size() == 1);
        CHECK(jane.body.at("invitations")[0].at("invitation").at("replaced") ==
              sent[0].at("invitation").at("id"));
    }
    SUBCASE("a malformed entry refuses the whole request") {
        json bad = invitation("three@acme.com.sg");
        bad.erase("mobile");
        const Reply refused =
            t.post("/iam/invitations/batch",
                   {{"invitations", json::array({invitation("four@acme.com.sg"), bad})}});
        CHECK(refused.status == 400);
        CHECK(message(refused) == "invitations[1].mobile: missing field 'mobile'");
        CHECK(t.get("/iam/invitations?email=four@acme.com.sg").body.at("count") == 0);
        CHECK(message(t.post("/iam/invitations/batch", {{"invitations", json::array()}})) ==
              "field 'invitations' must hold at least 1 item");
        json many = json::array();
        for (int i = 0; i < 1001; ++i) {
            many.push_back(json::object());
        }
        CHECK(message(t.post("/iam/invitations/batch", {{"invitations", many}})) ==
              "field 'invitations' must hold at most 1000 items, not 1001");
        CHECK(message(t.post("/iam/invitations/batch", {{"invitations", json::array({42})}})) ==
              "invitations[0]: the request body must be a JSON object");
    }
}

TEST_CASE("invitations: visibility, resend and revoke") {
    Tenant t;
    const std::string a =
        invite(t, invitation("a@acme.com.sg", "+6581110001")).body.at("id").get<std::string>();
    const As bob = person("bob.lee@tech.gov.sg");
    const std::string b =
        invite(t, invitation("b@acme.com.sg", "+6581110002"), bob).body.at("id").get<std::string>();

    CHECK(t.get("/iam/invitations").body.at("count") == 1);
    CHECK(t.get("/iam/invitations", person("jane.tan@tech.gov.sg")).body.at("count") == 1);
    const Reply bobs = t.get("/iam/invitations", bob);
    REQUIRE(bobs.body.at("count") == 1);
    CHECK(bobs.body.at("invitations")[0].at("id") == b);
    CHECK(t.get("/iam/invitations", other_app()).body.at("count") == 0);
    const Reply hidden = t.get("/iam/invitations/" + a, other_app());
    CHECK(hidden.status == 404);
    CHECK(message(hidden) == "invitation '" + a + "' not found");
    CHECK(message(t.get("/iam/invitations?status=lost")) ==
          "status must be one of pending, registered, expired, revoked, replaced, not 'lost'");

    // Past its 5 days a pending invitation shows as expired; resending renews it.
    t.advance(6 * 86400);
    CHECK(t.get("/iam/invitations/" + a).body.at("status") == "expired");
    CHECK(t.get("/iam/invitations?status=expired").body.at("count") == 1);
    CHECK(t.get("/iam/invitations?status=pending").body.at("count") == 0);
    const Reply resent = t.post("/iam/invitations/" + a + "/resend", nullptr);
    REQUIRE_MESSAGE(resent.status == 200, resent.text);
    CHECK(resent.body.at("status") == "pending");
    const json mails = t.mails("a@acme.com.sg");
    REQUIRE(mails.size() == 2);
    CHECK(mails[0].at("body") != mails[1].at("body")); // a new link

    const Reply revoked = t.post("/iam/invitations/" + a + "/revoke", nullptr);
    CHECK(revoked.body.at("status") == "revoked");
    CHECK(t.post("/iam/invitations/" + a + "/revoke", nullptr).status == 200);
    const Reply resend_revoked = t.post("/iam/invitations/" + a + "/resend", nullptr);
    CHECK(resend_revoked.status == 409);
    CHECK(message(resend_revoked) == "invitation '" + a +
                                         "' is revoked; only pending or expired invitations can "
                                         "be resent");

    // b expired too; resent, then the vendor registers.
    REQUIRE(t.post("/iam/invitations/" + b + "/resend", nullptr, bob).status == 200);
    const Reply registered = t.portal().post_json(
        "/_emulator/registrations",
        {{"invitationId", b}, {"username", "b_vendor"}, {"password", "long-enough-password"}});
    REQUIRE_MESSAGE(registered.status == 201, registered.text);
    CHECK(registered.body.at("sponsor").at("name") == "bob.lee@tech.gov.sg");
    const Reply revoke_registered = t.post("/iam/invitations/" + b + "/revoke", nullptr, bob);
    CHECK(revoke_registered.status == 409);
    CHECK(message(revoke_registered) == "invitation '" + b +
                                            "' is registered; only pending or expired "
                                            "invitations can be revoked");
    CHECK(t.get("/iam/invitations/" + b, bob).body.at("userId") == registered.body.at("id"));
}

} // namespace test_resources_invitations
