// techpass apps list|get|create|update|delete against the emulator.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_apps {

using e2e::Cli;
using e2e::contains;

namespace {

nlohmann::json apps_of(const Cli& cli) {
    const auto result = cli.run({"api", "GET", "/iam/namespace/SHIP/apps"});
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["apps"];
}

nlohmann::json app_named(const Cli& cli, const std::string& name) {
    for (const auto& app : apps_of(cli)) {
        if (app["name"] == name) {
            return app;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("apps create, list, get, update and delete, piped") {
    const Cli cli;
    auto result =
        cli.run({"apps", "create", "ship-registry-portal", "--redirect-url",
                 "https://ship.gov.sg/auth/callback", "--homepage-url", "https://ship.gov.sg/",
                 "--owner", "jane.tan@tech.gov.sg", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.empty());
    const auto created = nlohmann::json::parse(result.out);
    const auto id = created["appId"].get<std::string>();
    CHECK(created["assignmentRequired"] == true);
    CHECK(created["consentGranted"] == false);
    CHECK(created["owners"][0]["email"] == "jane.tan@tech.gov.sg");

    result = cli.run({"apps", "list", "-o", "name"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "ship-registry-portal\n"));

    result = cli.run({"apps", "get", "ship-registry-portal", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    const auto shown = nlohmann::json::parse(result.out);
    CHECK(shown["appId"] == id);
    const std::string base = cli.url() + "/" + e2e::k_directory_id;
    CHECK(shown["signIn"]["authorize"] == base + "/oauth2/v2.0/authorize");
    CHECK(shown["signIn"]["token"] == base + "/oauth2/v2.0/token");
    CHECK(shown["signIn"]["openidConfiguration"] ==
          base + "/v2.0/.well-known/openid-configuration");

    // By id too; update changes only what is named.
    result = cli.run({"apps", "update", id, "--add-redirect-url", "http://localhost:3000/cb",
                      "--grant-consent", "--no-assignment-required", "--published"});
    CHECK(result.exit_code == 0);
    auto app = app_named(cli, "ship-registry-portal");
    CHECK(app["redirectUrls"] ==
          nlohmann::json{"https://ship.gov.sg/auth/callback", "http://localhost:3000/cb"});
    CHECK(app["consentGranted"] == true);
    CHECK(app["assignmentRequired"] == false);
    CHECK(app["published"] == true);
    CHECK(app["homepageUrl"] == "https://ship.gov.sg/");
    CHECK(app["signInEnabled"] == true);

    result = cli.run({"apps", "update", "ship-registry-portal", "--remove-redirect-url",
                      "https://ship.gov.sg/auth/callback", "--homepage-url", ""});
    CHECK(result.exit_code == 0);
    app = app_named(cli, "ship-registry-portal");
    CHECK(app["redirectUrls"] == nlohmann::json{"http://localhost:3000/cb"});
    CHECK(app["homepageUrl"].is_null());

    result = cli.run({"apps", "delete", "ship-registry-portal"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "refusing to delete without --yes"));
    CHECK_FALSE(app_named(cli, "ship-registry-portal").is_null());
    result = cli.run({"apps", "delete", "ship-registry-portal", "--yes"});
    CHECK(result.exit_code == 0);
    CHECK(app_named(cli, "ship-registry-portal").is_null());
}

TEST_CASE("apps: bad redirect URLs are refused before anything is sent") {
    const Cli cli;
    const auto before = e2e::requests_in(cli.emulator_log());
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"https://*.ship.gov.sg/callback", "wildcard"},
        {"http://ship.gov.sg/callback", "not an https URL"},
        {"https://ship.gov.sg/callback#frag", "fragment"},
        {"ftp://ship.gov.sg/", "not an https URL"},
    };
    for (const auto& entry : refused) {
        const auto& url = entry.first;
        const auto& why = entry.second;
        CAPTURE(url);
        const auto result = cli.run({"apps", "create", "ship-new", "--redirect-url", url});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, why));
        CHECK(result.out.empty());
    }
    auto result = cli.run({"apps", "create", "ship-new"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "at least one redirect URL"));
    result = cli.run({"apps", "create", "x", "--redirect-url", "https://a.gov.sg/cb"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "invalid app name"));
    CHECK(e2e::requests_in(cli.emulator_log()) == before);

    // Loopback callbacks are allowed over plain http.
    result = cli.run({"apps", "create", "ship-dev", "--redirect-url", "http://127.0.0.1:8080/cb",
                      "--redirect-url", "http://[::1]:8080/cb"});
    CHECK(result.exit_code == 0);
}

TEST_CASE("apps update: what cannot be sent is refused, an unknown app is named") {
    const Cli cli;
    REQUIRE(cli.run({"apps", "create", "ship-portal", "--redirect-url", "https://ship.gov.sg/cb"})
                .exit_code == 0);
    auto result = cli.run({"apps", "update", "ship-portal"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "nothing to change"));
    result = cli.run(
        {"apps", "update", "ship-portal", "--remove-redirect-url", "https://ship.gov.sg/cb"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "at least one redirect URL"));
    result = cli.run({"apps", "update", "ship-portal", "--grant-consent", "--revoke-consent"});
    CHECK(result.exit_code == 2);
    result = cli.run({"apps", "get", "ship-portl"});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "did you mean \"ship-portal\"?"));
    result = cli.run({"apps", "create", "ship-portal", "--redirect-url", "https://ship.gov.sg/cb"});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "app names are unique"));
    result =
        cli.run({"apps", "update", "ship-portal", "--seed-required", "--no-assignment-required"});
    CHECK(result.exit_code == 2);
    CHECK(app_named(cli, "ship-portal")["seedRequired"] == false);
}

TEST_CASE("apps on a terminal: the table, the sign-in endpoints, delete by typing the name") {
    const Cli cli;
    auto result =
        cli.run_tty({"apps", "create", "ship-portal", "--redirect-url", "https://ship.gov.sg/cb"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Registered app ship-portal"));
    CHECK(contains(result.out, "--grant-consent"));

    result = cli.run_tty({"apps", "list"});
    CHECK(contains(result.out, "NAME"));
    CHECK(contains(result.out, "ship-portal"));
    result = cli.run_tty({"apps", "get", "ship-portal"});
    CHECK(contains(result.out, "Sign-in endpoints:"));
    CHECK(contains(result.out, "/oauth2/v2.0/authorize"));

    result = cli.run_tty({"apps", "delete", "ship-portal"}, {{}, "y\n"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.out, "Type \"ship-portal\" to confirm"));
    CHECK(contains(result.out, "cancelled; nothing was deleted"));
    CHECK_FALSE(app_named(cli, "ship-portal").is_null());

    result = cli.run_tty({"apps", "delete", "ship-portal"}, {{}, "ship-portal\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Deleted app ship-portal"));
    CHECK(app_named(cli, "ship-portal").is_null());
}

} // namespace test_apps
