// /iam/namespace/{namespace}/apps with their secrets, certificates and
// assignments.

#include "emulator.hpp"
#include "resources_fixture.hpp"

#include <doctest/doctest.h>

namespace test_resources_apps {

using namespace restest;

namespace {

const std::string k_apps = "/iam/namespace/SHIP/apps";

json app(const std::string& name) {
    return {{"name", name}, {"redirectUrls", json::array({"https://ship.example.gov.sg/cb"})}};
}

json with_owner(json body, const std::string& owner) {
    body["owners"] = json::array({owner});
    return body;
}

std::string create_app(Tenant& t, const std::string& name) {
    const Reply reply = t.post(k_apps, app(name));
    REQUIRE_MESSAGE(reply.status == 201, reply.text);
    return reply.body.at("appId").get<std::string>();
}

} // namespace

TEST_CASE("apps: creating, reading, updating and deleting") {
    Tenant t;
    const Reply created = t.post(
        k_apps,
        {{"name", "Ship Portal"},
         {"homepageUrl", "https://ship.example.gov.sg"},
         {"redirectUrls",
          {"https://ship.example.gov.sg/cb", "http://localhost:3000/cb", "http://[::1]:8080/cb"}}},
        person("jane.tan@tech.gov.sg"));
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const json& a = created.body;
    CHECK(a.at("consentGranted") == false);
    CHECK(a.at("assignmentRequired") == true);
    CHECK(a.at("signInEnabled") == true);
    CHECK(a.at("published") == false);
    CHECK(a.at("seedRequired") == false);
    CHECK(a.at("logoutUrl").is_null());
    REQUIRE(a.at("owners").size() == 1);
    CHECK(a.at("owners")[0].at("email") == "jane.tan@tech.gov.sg");
    const std::string id = a.at("appId").get<std::string>();

    const Reply by_app = t.post(k_apps, with_owner(app("Ship Batch"), "bob.lee@tech.gov.sg"));
    REQUIRE_MESSAGE(by_app.status == 201, by_app.text);
    CHECK(by_app.body.at("owners")[0].at("email") == "bob.lee@tech.gov.sg");

    // Names are unique among all apps, whatever the case and namespace.
    const Reply same = t.post(k_apps, app("ship portal"));
    CHECK(same.status == 409);
    CHECK(message(same) == "an app named 'ship portal' already exists");
    CHECK(t.post("/iam/namespace/OTHER/apps", app("Ship Portal"), other_app()).status == 409);

    const Reply names = t.get(k_apps);
    std::vector<std::string> listed;
    for (const auto& item : names.body.at("apps")) {
        listed.push_back(item.at("name").get<std::string>());
    }
    CHECK(listed ==
          std::vector<std::string>{"Ship Batch", "Ship Portal", "ship-automation", "ship-reader"});

    const Reply patched =
        t.patch(k_apps + "/" + id,
                {{"homepageUrl", nullptr}, {"consentGranted", true}, {"name", "Ship Portal 2"}});
    REQUIRE_MESSAGE(patched.status == 200, patched.text);
    CHECK(patched.body.at("homepageUrl").is_null());
    CHECK(patched.body.at("consentGranted") == true);
    CHECK(patched.body.at("name") == "Ship Portal 2");
    CHECK(patched.body.at("redirectUrls").size() == 3);
    CHECK(message(t.patch(k_apps + "/" + id,
                          {{"seedRequired", true}, {"assignmentRequired", false}})) ==
          "field 'seedRequired' needs assignmentRequired to be true");
    CHECK(message(t.patch(k_apps + "/" + id, {{"owners", json::array()}})) ==
          "field 'owners' must hold at least 1 item");

    const Reply foreign = t.get(k_apps + "/" + k_other_app);
    CHECK(foreign.status == 404);
    CHECK(message(foreign) == "app '" + k_other_app + "' not found in namespace SHIP");
    CHECK(t.del(k_apps + "/" + id).status == 204);
    CHECK(t.get(k_apps + "/" + id).status == 404);
}

TEST_CASE("apps: validation answers 400 naming the field and rule") {
    Tenant t;
    const auto check = [&t](const json& body, const std::string& expected) {
        CAPTURE(body.dump());
        const Reply reply = t.post(k_apps, body);
        CHECK(reply.status == 400);
        CHECK(message(reply) == expected);
    };
    check(app("ab"), "field 'name': 'ab' breaks the app naming policy: a name is 3 to 64 "
                     "characters long");
    check(app("Bad!Name"), "field 'name': 'Bad!Name' breaks the app naming policy: only letters, "
                           "digits, spaces, '.', '_' and '-' are allowed");
    check(app("-abc"), "field 'name': '-abc' breaks the app naming policy: a name starts with a "
                       "letter or digit");
    check(app("abc "), "field 'name': 'abc ' breaks the app naming policy: a name does not end "
                       "with a space");
    check({{"name", "Ship App"}}, "missing field 'redirectUrls'");
    check({{"name", "Ship App"}, {"redirectUrls", json::array()}},
          "field 'redirectUrls' must hold at least 1 item");
    check({{"name", "Ship App"}, {"redirectUrls", json::array({"https://*.example.gov.sg/cb"})}},
          "field 'redirectUrls': URL 'https://*.example.gov.sg/cb' contains a wildcard ('*'), "
          "which is not allowed");
    check({{"name", "Ship App"}, {"redirectUrls", json::array({"http://ship.example.gov.sg/cb"})}},
          "field 'redirectUrls': URL 'http://ship.example.gov.sg/cb' must use https (http is "
          "allowed only for localhost, 127.0.0.1 and [::1])");
    check({{"name", "Ship App"},
           {"redirectUrls", json::array({"https://ship.example.gov.sg/cb#top"})}},
          "field 'redirectUrls': URL 'https://ship.example.gov.sg/cb#top' has a fragment ('#'), "
          "which is not allowed");
    check({{"name", "Ship App"},
           {"redirectUrls", json::array({"https://ship.example.gov.sg/cb"})},
           {"logoutUrl", "ftp://ship.example.gov.sg"}},
          "field 'logoutUrl': URL 'ftp://ship.example.gov.sg' must use https (http is allowed "
          "only for localhost, 127.0.0.1 and [::1])");
    check({{"name", "Ship App"},
           {"redirectUrls", json::array({"https://ship.example.gov.sg/cb"})},
           {"seedRequired", true},
           {"assignmentRequired", false}},
          "field 'seedRequired' needs assignmentRequired to be true");

    json vendor_owner = app("Ship App");
    vendor_owner["owners"] = json::array({"alex.wong@acme-consulting.com", "jane.tan@tech.gov.sg"});
    const Reply vendor = t.post(k_apps, vendor_owner);
    CHECK(vendor.status == 422);
    CHECK(message(vendor) == "owner alex.wong@acme-consulting.com is not an active public officer "
                             "(account:vendor, active)");
    CHECK(t.get(k_apps, person("bob.lee@tech.gov.sg")).status == 403);
}

TEST_CASE("apps: client secrets") {
    Tenant t;
    const std::string secrets = k_apps + "/" + k_ship_app + "/secrets";
    const Reply created = t.post(secrets, {{"description", "CI pipeline"}});
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const std::string value = created.body.at("secret").get<std::string>();
    CHECK(value.size() == 40);
    CHECK(created.body.at("hint") == value.substr(0, 3));
    const auto from = emu::parse_rfc3339(created.body.at("createdAt").get<std::string>());
    const auto to = emu::parse_rfc3339(created.body.at("expiresAt").get<std::string>());
    CHECK(*to - *from == 365 * 86400);

    // The token endpoint accepts the new secret.
    const auto token = [&t](const std::string& secret) {
        return t.portal().post_form("/" + emutest::k_directory + "/oauth2/v2.0/token",
                                    {{"grant_type", "client_credentials"},
                                     {"client_id", k_ship_app},
                                     {"client_secret", secret},
                                     {"scope", t.url() + "/.default"}});
    };
    CHECK(token(value).status == 200);

    const Reply listed = t.get(secrets);
    REQUIRE(listed.body.at("count") == 2); // the seeded one and the new one
    for (const auto& secret : listed.body.at("secrets")) {
        CHECK_FALSE(secret.contains("secret"));
    }
    CHECK(message(t.post(secrets, {{"description", ""}})) ==
          "field 'description' must not be empty");
    for (int i = 0; i < 3; ++i) {
        REQUIRE(t.post(secrets, {{"description", "more"}}).status == 201);
    }
    const Reply sixth = t.post(secrets, {{"description", "one too many"}});
    CHECK(sixth.status == 409);
    CHECK(message(sixth) ==
          "app '" + k_ship_app + "' already has 5 client secrets, the maximum; delete one first");

    const std::string id = created.body.at("id").get<std::string>();
    CHECK(t.del(secrets + "/" + id).status == 204);
    CHECK(token(value).status != 200);
    const Reply gone = t.del(secrets + "/" + id);
    CHECK(gone.status == 404);
    CHECK(message(gone) == "secret '" + id + "' not found on app '" + k_ship_app + "'");
}

TEST_CASE("apps: certificates") {
    Tenant t;
    const std::string app_id = create_app(t, "Cert App");
    const std::string certs = k_apps + "/" + app_id + "/certificates";
    const auto one_year = techpass::util::generate_self_signed("ci-cert", 365);
    const auto parsed = techpass::util::parse_certificate(one_year.certificate_pem);

    const Reply created =
        t.post(certs, {{"certificate", one_year.certificate_pem}, {"description", "CI"}});
    REQUIRE_MESSAGE(created.status == 201, created.text);
    CHECK(created.body.at("thumbprint") == parsed.thumbprint());
    CHECK(created.body.at("thumbprintSha256") == parsed.thumbprint_sha256());
    CHECK(created.body.at("subject") == "CN=ci-cert");
    CHECK(created.body.at("issuer") == "CN=ci-cert");
    CHECK_FALSE(created.body.contains("warnings"));

    const Reply duplicate =
        t.post(certs, {{"certificate", one_year.certificate_pem}, {"description", "again"}});
    CHECK(duplicate.status == 409);
    CHECK(message(duplicate) ==
          "app '" + app_id + "' already has the certificate " + parsed.thumbprint());

    const auto two_years = techpass::util::generate_self_signed("long-cert", 730);
    const Reply long_lived =
        t.post(certs, {{"certificate", two_years.certificate_pem}, {"description", "long"}});
    REQUIRE(long_lived.status == 201);
    CHECK(long_lived.body.at("warnings") ==
          json::array({"the certificate is valid for 730 days; at most one year is recommended"}));

    const Reply with_key =
        t.post(certs, {{"certificate", two_years.certificate_pem + two_years.private_key_pem},
                       {"description", "key"}});
    CHECK(with_key.status == 400);
    CHECK(message(with_key) == "field 'certificate' must hold exactly one PEM certificate "
                               "(-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----) and "
                               "no private key");

    const auto short_lived = techpass::util::generate_self_signed("short-cert", 1);
    t.advance(2 * 86400);
    const Reply expired =
        t.post(certs, {{"certificate", short_lived.certificate_pem}, {"description", "old"}});
    CHECK(expired.status == 422);
    const auto short_parsed = techpass::util::parse_certificate(short_lived.certificate_pem);
    CHECK(message(expired) ==
          "the certificate expired at " + emu::format_rfc3339(short_parsed.not_after));

    CHECK(t.get(certs).body.at("count") == 2);
    std::string lower = parsed.thumbprint();
    for (auto& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    CHECK(t.del(certs + "/" + lower).status == 204);
    CHECK(t.del(certs + "/" + lower).status == 404);
    CHECK(message(t.del(certs + "/xyz")) == "thumbprint must be 40 hexadecimal digits, not 'xyz'");
}

TEST_CASE("apps: assignments") {
    Tenant t;
    const std::string app_id = create_app(t, "Assigned App");
    const std::string base = k_apps + "/" + app_id + "/assignments";
    REQUIRE(t.post("/iam/namespace/SHIP/groups", {{"name", "billing"}}).status == 201);

    const Reply user =
        t.post(base, {{"principalType", "user"}, {"principalId", "jane.tan@tech.gov.sg"}});
    REQUIRE_MESSAGE(user.status == 201, user.text);
    CHECK(user.body.at("principalName") == "jane.tan@tech.gov.sg");
    CHECK(user.body.at("roleId") == "00000000-0000-0000-0000-000000000000");
    CHECK(user.body.at("roleValue") == "default");
    const Reply twice = t.post(base, {{"principalType", "user"}, {"principalId", "jane_tan"}});
    CHECK(twice.status == 409);
    CHECK(message(twice) ==
          "user 'jane.tan@tech.gov.sg' is already assigned to app '" + app_id + "'");

    const Reply group = t.post(base, {{"principalType", "group"}, {"principalId", "billing"}});
    REQUIRE_MESSAGE(group.status == 201, group.text);
    CHECK(group.body.at("principalName") == "billing");

    const Reply unknown = t.post(base, {{"principalType", "user"}, {"principalId", "nobody"}});
    CHECK(unknown.status == 422);
    CHECK(message(unknown) == "user 'nobody' not found");
    const Reply foreign = t.post(base, {{"principalType", "group"}, {"principalId", "payments"}});
    CHECK(foreign.status == 422);
    CHECK(message(foreign) == "group 'payments' not found in namespace SHIP");
    CHECK(t.post(base, {{"principalType", "user"},
                        {"principalId", "bob.lee@tech.gov.sg"},
                        {"roleId", "11111111-1111-1111-1111-111111111111"}})
              .status == 422);
    CHECK(message(t.post(base, {{"principalType", "role"}, {"principalId", "x"}})) ==
          "field 'principalType' must be one of user, group, not 'role'");

    CHECK(t.get(base).body.at("count") == 2);
    CHECK(t.get(base + "?principalType=group").body.at("count") == 1);
    // Deleting the group takes its assignment with it.
    REQUIRE(t.del("/iam/namespace/SHIP/groups/billing").status == 204);
    CHECK(t.get(base).body.at("count") == 1);
    const std::string id = user.body.at("id").get<std::string>();
    CHECK(t.del(base + "/" + id).status == 204);
    CHECK(t.del(base + "/" + id).status == 404);
}

} // namespace test_resources_apps
