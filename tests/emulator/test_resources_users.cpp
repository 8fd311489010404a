// /iam/users: registration rules, listing and paging, reading, and the
// sponsor's state changes.

#include "resources_fixture.hpp"

#include <doctest/doctest.h>

namespace test_resources_users {

using namespace restest;

namespace {

Reply register_officer(Tenant& t, const json& body, const As& as = ship_app()) {
    return t.post("/iam/users/registrations", body, as);
}

std::string id_of(const Reply& reply) {
    REQUIRE_MESSAGE(reply.body.is_object(), reply.text);
    return reply.body.at("id").get<std::string>();
}

} // namespace

TEST_CASE("users: registering a public officer") {
    Tenant t;
    const Reply created = register_officer(
        t, {{"email", "Mei.Lim@tech.gov.sg"}, {"mobile", "+6598765432"}, {"seed", true}});
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const json& user = created.body;
    CHECK(user.at("email") == "mei.lim@tech.gov.sg");
    CHECK(user.at("username") == "mei.lim@tech.gov.sg");
    CHECK(user.at("firstName") == "Mei");
    CHECK(user.at("lastName") == "Lim");
    CHECK(user.at("displayName") == "Mei Lim");
    CHECK(user.at("mobile") == "+6598765432");
    CHECK(user.at("accountType") == "account:public_officer");
    CHECK(user.at("status") == "pending");
    CHECK(user.at("company").is_null());
    CHECK(user.at("agency") == "GovTech");
    CHECK(user.at("createdAt") == user.at("statusChangedAt"));
    CHECK(user.at("sponsor") ==
          json{{"type", "namespace"}, {"id", "SHIP"}, {"name", "Shipping Services"}});
    CHECK_FALSE(user.contains("seedStatus"));

    const json mails = t.mails("mei.lim@tech.gov.sg");
    REQUIRE(mails.size() == 2);
    CHECK(mails[0].at("kind") == "onboarding");
    CHECK(mails[1].at("kind") == "seed-onboarding");

    SUBCASE("the agency comes from the domain") {
        const Reply mom = register_officer(t, {{"email", "siti@mom.gov.sg"}});
        CHECK(mom.body.at("agency") == "MOM");
    }
    SUBCASE("a person registering is the sponsor") {
        const Reply by_bob =
            register_officer(t, {{"email", "kim.ng@tech.gov.sg"}}, person("bob.lee@tech.gov.sg"));
        REQUIRE_MESSAGE(by_bob.status == 201, by_bob.text);
        CHECK(by_bob.body.at("sponsor").at("type") == "user");
        CHECK(by_bob.body.at("sponsor").at("name") == "bob.lee@tech.gov.sg");
    }
    SUBCASE("email and mobile are unique") {
        const Reply again = register_officer(t, {{"email", "MEI.LIM@tech.gov.sg"}});
        CHECK(again.status == 409);
        CHECK(message(again) == "an account with email mei.lim@tech.gov.sg already exists");
        const Reply mobile =
            register_officer(t, {{"email", "new.person@tech.gov.sg"}, {"mobile", "+6591234567"}});
        CHECK(mobile.status == 409);
        CHECK(message(mobile) == "an account with mobile number +6591234567 already exists");
    }
}

TEST_CASE("users: registration eligibility") {
    Tenant t;
    for (const std::string domain :
         {"mindef.gov.sg", "dsta.gov.sg", "dsta-wog.gov.sg", "defence.gov.sg", "gebiz.gov.sg",
          "sps.gov.sg", "hq.mindef.gov.sg"}) {
        CAPTURE(domain);
        const Reply reply = register_officer(t, {{"email", "someone@" + domain}});
        CHECK(reply.status == 422);
        CHECK(message(reply) == "users of " + domain +
                                    " cannot self-register: invite them instead (POST "
                                    "/iam/invitations)");
    }
    for (const std::string domain :
         {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"}) {
        CAPTURE(domain);
        const Reply reply = register_officer(t, {{"email", "someone@" + domain}});
        CHECK(reply.status == 422);
        CHECK(message(reply) == domain + " is a personal mail domain, which is not eligible: only "
                                         "Whole-of-Government (*.gov.sg) emails can be registered");
    }
    const Reply other = register_officer(t, {{"email", "someone@acme.com"}});
    CHECK(other.status == 422);
    CHECK(message(other) == "acme.com is not a Whole-of-Government email domain: its users must "
                            "be invited (POST /iam/invitations)");
    CHECK(register_officer(t, {{"email", "someone@notgov.sg"}}).status == 422);
    CHECK(t.mails().empty());
}

TEST_CASE("users: registration body checks") {
    Tenant t;
    const auto check = [&t](const json& body, const std::string& expected) {
        CAPTURE(body.dump());
        const Reply reply = register_officer(t, body);
        CHECK(reply.status == 400);
        CHECK(message(reply) == expected);
    };
    check({{"email", "a@tech.gov.sg"}, {"foo", 1}}, "unknown field 'foo'");
    check(json::object(), "missing field 'email'");
    check({{"email", 5}}, "field 'email' must be a string");
    check({{"email", "a@tech.gov.sg"}, {"seed", "yes"}}, "field 'seed' must be a boolean");
    check({{"email", "nope"}}, "field 'email' must be an email address, not 'nope'");
    check({{"email", "a@tech.gov.sg"}, {"mobile", "+6512345678"}},
          "field 'mobile' must be a Singapore mobile number (+65 and 8 digits starting with 8 or "
          "9), not '+6512345678'");
    check(json::array(), "the request body must be a JSON object");
}

TEST_CASE("users: who may register") {
    Tenant t;
    const Reply vendor =
        register_officer(t, {{"email", "a@tech.gov.sg"}}, person("alex.wong@acme-consulting.com"));
    CHECK(vendor.status == 403);
    CHECK(message(vendor) == "user 'alex.wong@acme-consulting.com' lacks the right "
                             "'Users.Onboard': only active public officers and automation apps "
                             "granted it have it");
    const Reply reader = register_officer(t, {{"email", "a@tech.gov.sg"}}, reader_app());
    CHECK(reader.status == 403);
    CHECK(message(reader) == "app 'ship-reader' (" + k_reader_app +
                                 ") lacks the right 'Users.Onboard': only active public officers "
                                 "and automation apps granted it have it");
    CHECK(
        register_officer(t, {{"email", "a@tech.gov.sg"}}, person("jane.tan@tech.gov.sg")).status ==
        201);
}

TEST_CASE("users: listing, filters and paging") {
    Tenant t;
    REQUIRE(register_officer(t, {{"email", "mei.lim@tech.gov.sg"}}).status == 201);

    // Newest first, in pages that chain through lastKey.
    std::vector<std::string> emails;
    std::string last_key;
    do {
        const Reply page = t.get("/iam/users?size=2&lastKey=" + last_key);
        REQUIRE_MESSAGE(page.status == 200, page.text);
        CHECK(page.body.at("count") == page.body.at("users").size());
        for (const auto& user : page.body.at("users")) {
            emails.push_back(user.at("email").get<std::string>());
        }
        last_key = page.body.at("lastKey").get<std::string>();
    } while (!last_key.empty());
    REQUIRE(emails.size() == 6);
    CHECK(emails.front() == "mei.lim@tech.gov.sg");

    SUBCASE("page size and cursor are checked") {
        CHECK(message(t.get("/iam/users?size=0")) ==
              "size must be an integer from 1 to 100, not '0'");
        CHECK(t.get("/iam/users?size=101").status == 400);
        const Reply bad = t.get("/iam/users?lastKey=bm90LWEtY3Vyc29y");
        CHECK(bad.status == 400);
        CHECK(message(bad) == "lastKey is not a cursor of this listing; pass the lastKey of the "
                              "previous page unchanged");
        const std::string key = t.get("/iam/users?size=1").body.at("lastKey").get<std::string>();
        CHECK(t.get("/iam/vendors?lastKey=" + key).status == 400);
    }
    SUBCASE("filters") {
        const Reply vendors = t.get("/iam/users?accountType=account:vendor");
        REQUIRE(vendors.body.at("count") == 1);
        CHECK(vendors.body.at("users")[0].at("email") == "alex.wong@acme-consulting.com");
        const Reply search = t.get("/iam/users?search=ACME");
        REQUIRE(search.body.at("count") == 1);
        const Reply pending = t.get("/iam/users?status=pending");
        CHECK(pending.body.at("count") == 2);
        CHECK(message(t.get("/iam/users?status=deleted")) ==
              "status must be one of pending, active, disabled, terminated, not 'deleted'");
        CHECK(t.get("/iam/users?inactiveDays=0").status == 400);
        CHECK(t.get("/iam/users?inactiveDays=10").body.at("count") == 0);
        t.advance(11 * 86400);
        REQUIRE(
            t.portal().post_json("/_emulator/signins", {{"user", "jane.tan@tech.gov.sg"}}).status ==
            200);
        const Reply inactive = t.get("/iam/users?inactiveDays=10");
        CHECK(inactive.body.at("count") == 5);
        for (const auto& user : inactive.body.at("users")) {
            CHECK(user.at("email") != "jane.tan@tech.gov.sg");
        }
    }
    SUBCASE("vendors cannot list") {
        const Reply reply = t.get("/iam/users", person("alex.wong@acme-consulting.com"));
        CHECK(reply.status == 403);
        CHECK(message(reply).find("lacks the right 'Users.Read'") != std::string::npos);
    }
}

TEST_CASE("users: reading one account") {
    Tenant t;
    const std::string jane = id_of(t.get("/iam/users/jane.tan@tech.gov.sg"));
    CHECK(id_of(t.get("/iam/users/" + jane)) == jane);
    CHECK(id_of(t.get("/iam/users/JANE.TAN@tech.gov.sg")) == jane);
    CHECK(id_of(t.get("/iam/users/jane_tan")) == jane);
    const Reply plain = t.get("/iam/users/" + jane);
    CHECK_FALSE(plain.body.contains("lastSignInAt"));
    CHECK_FALSE(plain.body.contains("seedDevices"));
    const Reply full = t.get("/iam/users/" + jane + "?lastSignIn=true&seedInfo=true");
    CHECK(full.body.contains("lastSignInAt"));
    CHECK(full.body.contains("lastInteractiveSignInAt"));
    CHECK(full.body.at("lastNonInteractiveSignInAt").is_null());
    CHECK(full.body.at("seedStatus") == "not_required");
    CHECK(full.body.at("seedDevices") == json::array());
    CHECK(message(t.get("/iam/users/" + jane + "?lastSignIn=yes")) ==
          "lastSignIn must be true or false, not 'yes'");
    CHECK(message(t.get("/iam/users/nobody@tech.gov.sg")) == "user 'nobody@tech.gov.sg' not found");

    const As alex = person("alex.wong@acme-consulting.com");
    CHECK(t.get("/iam/users/alex_wong@techpass.gov.sg", alex).status == 200);
    const Reply other = t.get("/iam/users/" + jane, alex);
    CHECK(other.status == 403);
    CHECK(message(other) == "user 'alex.wong@acme-consulting.com' lacks the right 'Users.Read': a "
                            "vendor, temp or other account may read only its own account");
}

TEST_CASE("users: disable, enable and delete by the sponsor") {
    Tenant t;
    const std::string mei = id_of(register_officer(t, {{"email", "mei.lim@tech.gov.sg"}}));
    const std::string base = "/iam/users/" + mei;

    const Reply disabled = t.post(base + "/disable", nullptr);
    REQUIRE_MESSAGE(disabled.status == 200, disabled.text);
    CHECK(disabled.body.at("status") == "disabled");
    CHECK(t.post(base + "/disable", nullptr).body.at("status") == "disabled");
    t.advance(60);
    const Reply enabled = t.post(base + "/enable", nullptr);
    CHECK(enabled.body.at("status") == "active");
    CHECK(enabled.body.at("statusChangedAt") != disabled.body.at("statusChangedAt"));
    CHECK(t.post(base + "/enable", nullptr).body.at("status") == "active");

    // The namespace's tenant admin sponsors too; another tenant does not.
    CHECK(t.post(base + "/disable", nullptr, person("jane.tan@tech.gov.sg")).status == 200);
    const Reply stranger = t.post(base + "/enable", nullptr, other_app());
    CHECK(stranger.status == 403);
    CHECK(message(stranger) ==
          "app 'other-automation' (" + k_other_app +
              ") lacks the right 'sponsor' on namespace SHIP: only the person who registered or "
              "invited mei.lim@tech.gov.sg, or the tenant admins and automation apps of the "
              "namespace that did, have it");
    CHECK(t.del("/iam/users/jane.tan@tech.gov.sg").status == 403);

    CHECK(t.del(base).status == 204);
    CHECK(t.get(base).status == 404);
    CHECK(t.post(base + "/enable", nullptr).status == 404);
    // The email is free again.
    CHECK(register_officer(t, {{"email", "mei.lim@tech.gov.sg"}}).status == 201);
}

TEST_CASE("users: a person's sponsorship, admins and terminated accounts") {
    Tenant t;
    const As bob = person("bob.lee@tech.gov.sg");
    const std::string kim = id_of(register_officer(t, {{"email", "kim.ng@tech.gov.sg"}}, bob));
    CHECK(t.post("/iam/users/" + kim + "/disable", nullptr, bob).status == 200);
    CHECK(t.post("/iam/users/" + kim + "/enable", nullptr, person("jane.tan@tech.gov.sg")).status ==
          403);

    // A tenant admin cannot be deleted while an admin.
    const std::string ann = id_of(register_officer(t, {{"email", "ann.koh@tech.gov.sg"}}));
    REQUIRE(t.portal().post_json("/_emulator/signins", {{"user", "ann.koh@tech.gov.sg"}}).status ==
            200);
    REQUIRE(t.post("/iam/namespace/SHIP/admins", {{"user", ann}}).status == 201);
    const Reply admin = t.del("/iam/users/" + ann);
    CHECK(admin.status == 409);
    CHECK(message(admin) == "ann.koh@tech.gov.sg is a tenant admin of namespace SHIP; remove them "
                            "from its admins first");

    // Never signed in for 30 days: terminated by the lifecycle; then 409.
    const std::string tom = id_of(register_officer(t, {{"email", "tom.tan@tech.gov.sg"}}, bob));
    t.advance(31 * 86400);
    REQUIRE(t.portal().post_json("/_emulator/lifecycle/sweep", json::object()).status == 200);
    REQUIRE(t.get("/iam/users/" + tom, bob).body.at("status") == "terminated");
    const Reply terminated = t.post("/iam/users/" + tom + "/disable", nullptr, bob);
    CHECK(terminated.status == 409);
    CHECK(message(terminated) == "the account of tom.tan@tech.gov.sg is terminated");
}

TEST_CASE("users: existing accounts among emails") {
    Tenant t;
    const Reply reply =
        t.post("/iam/users/existing",
               {{"emails", json::array({"JANE.TAN@tech.gov.sg", "nobody@acme.com"})}});
    REQUIRE_MESSAGE(reply.status == 200, reply.text);
    CHECK(reply.body.at("count") == 1);
    CHECK(reply.body.at("users")[0].at("email") == "jane.tan@tech.gov.sg");
    CHECK(
        message(t.post("/iam/users/existing", {{"emails", json::array({"a@b.com", "A@b.com"})}})) ==
        "field 'emails' holds 'A@b.com' twice");
    CHECK(message(t.post("/iam/users/existing", {{"emails", json::array()}})) ==
          "field 'emails' must hold at least 1 item");
    CHECK(t.post("/iam/users/existing", {{"emails", json::array({"a@b.com"})}},
                 person("alex.wong@acme-consulting.com"))
              .status == 403);
}

} // namespace test_resources_users
