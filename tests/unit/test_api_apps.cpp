// lib/techpass/api/apps: the checks made before sending, and the bodies sent.

#include "techpass/api/apps.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

namespace test_api_apps {

using namespace techpass;
using namespace techpass::api::apps;

namespace {

std::string refusal(std::string_view url) {
    try {
        check_url(url, "redirect URL");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Usage);
        return error.what();
    }
    return "";
}

} // namespace

TEST_CASE("apps: URLs as the portal accepts them") {
    for (const char* good :
         {"https://ship.gov.sg/auth/callback", "https://ship.gov.sg", "https://a.b:8443/x?y=1",
          "http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb"}) {
        CAPTURE(good);
        CHECK(refusal(good).empty());
    }
    CHECK(refusal("https://*.ship.gov.sg/cb") ==
          "redirect URL \"https://*.ship.gov.sg/cb\" has a wildcard ('*'), which the portal does "
          "not allow");
    CHECK(refusal("https://ship.gov.sg/cb/*") != "");
    CHECK(refusal("https://ship.gov.sg/cb#top").find("fragment") != std::string::npos);
    for (const char* bad : {"http://ship.gov.sg/cb", "http://localhost.evil.com/cb", "ship.gov.sg",
                            "https://", "https:///cb", "https://ship gov/cb", ""}) {
        CAPTURE(bad);
        CHECK(refusal(bad).find("is not an https URL") != std::string::npos);
    }
    CHECK(refusal("https://a.gov.sg/" + std::string(2100, 'x')).find("2048") != std::string::npos);
}

TEST_CASE("apps: names follow the naming policy") {
    for (const char* good : {"ship-registry-portal", "Ship Portal 2", "a.b", "x_1"}) {
        CAPTURE(good);
        CHECK_NOTHROW(check_app_name(good));
    }
    const std::vector<std::string> bad_names = {"x",     "ab",    "-ship",
                                                "ship ", "ship!", std::string(65, 'a')};
    for (const auto& bad : bad_names) {
        CAPTURE(bad);
        CHECK_THROWS_AS(check_app_name(bad), Error);
    }
}

TEST_CASE("apps: a new app's body carries what was given, defaults left to the portal") {
    AppSpec spec;
    spec.name = "ship-portal";
    CHECK_THROWS_WITH_AS(spec.check(), "an app needs at least one redirect URL", Error);
    spec.redirect_urls = {"https://ship.gov.sg/cb", "https://ship.gov.sg/cb"};
    spec.settings.published = true;
    CHECK_NOTHROW(spec.check());
    CHECK(spec.body() == api::Json{{"name", "ship-portal"},
                                   {"redirectUrls", {"https://ship.gov.sg/cb"}},
                                   {"published", true}});
    spec.settings.seed_required = true;
    spec.settings.assignment_required = false;
    CHECK_THROWS_AS(spec.check(), Error);
}

TEST_CASE("apps: an update sends only what is named") {
    const api::Json current{{"redirectUrls", {"https://a.gov.sg/cb", "https://b.gov.sg/cb"}}};
    AppChanges changes;
    CHECK(changes.empty());
    CHECK_THROWS_WITH_AS(changes.check(), "nothing to change", Error);

    changes.consent_granted = true;
    CHECK(changes.body(current) == api::Json{{"consentGranted", true}});

    changes = {};
    changes.add_redirect_urls = {"https://c.gov.sg/cb", "https://a.gov.sg/cb"};
    changes.remove_redirect_urls = {"https://b.gov.sg/cb"};
    changes.homepage_url = "";
    CHECK(changes.body(current) ==
          api::Json{{"homepageUrl", nullptr},
                    {"redirectUrls", {"https://a.gov.sg/cb", "https://c.gov.sg/cb"}}});

    changes = {};
    changes.remove_redirect_urls = {"https://a.gov.sg/cb", "https://b.gov.sg/cb"};
    CHECK_THROWS_WITH_AS(changes.body(current), "an app needs at least one redirect URL", Error);
    changes.remove_redirect_urls = {"https://x.gov.sg/cb"};
    CHECK_THROWS_AS(changes.body(current), Error);
}

TEST_CASE("apps: sign-in endpoints of a directory") {
    const auto endpoints = sign_in_endpoints("https://login.example/", "dir-1");
    CHECK(endpoints["authorize"] == "https://login.example/dir-1/oauth2/v2.0/authorize");
    CHECK(endpoints["token"] == "https://login.example/dir-1/oauth2/v2.0/token");
    CHECK(endpoints["openidConfiguration"] ==
          "https://login.example/dir-1/v2.0/.well-known/openid-configuration");
}

} // namespace test_api_apps
