// techpass auth login|status|token|logout, and credential errors.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_auth {

using e2e::Cli;
using e2e::contains;

TEST_CASE("auth login, status, token and logout") {
    const Cli cli;
    auto result = cli.run({"auth", "status"});
    CHECK(result.exit_code == 4);
    CHECK(contains(result.out, "Signed in:    no"));
    // A client secret signs in by itself: a newcomer need not log in first.
    CHECK(contains(result.err, "techpass: error: not signed in with profile ship\n"
                               "hint: run: techpass auth login, or any command: with a client "
                               "secret techpass signs in by itself\n"));

    result = cli.run({"auth", "login"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.empty());
    CHECK(contains(result.err, "Signed in to " + cli.url() + " as app"));

    result = cli.run({"auth", "status"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Signed in as: app"));
    CHECK(contains(result.out, "SHIP"));
    CHECK(contains(result.out, "client_secret"));
    CHECK_FALSE(contains(result.out, e2e::k_client_secret));

    result = cli.run({"auth", "status", "-o", "json"});
    CHECK(result.exit_code == 0);
    const auto status = nlohmann::json::parse(result.out);
    CHECK(status["signedIn"] == true);
    CHECK(status["profile"] == "ship");
    CHECK(status["expiresAt"].is_string());

    result = cli.run({"auth", "token"});
    CHECK(result.exit_code == 0);
    CHECK(std::count(result.out.begin(), result.out.end(), '.') == 2); // a JWT

    const auto terminal = cli.run_tty({"auth", "status"});
    CHECK(terminal.exit_code == 0);
    CHECK(contains(terminal.out, "Signed in as: app"));

    result = cli.run({"auth", "logout"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "Signed out of profile ship"));
    result = cli.run({"auth", "status", "--jq", ".signedIn"});
    CHECK(result.exit_code == 4);
    CHECK(result.out == "false\n");
}

TEST_CASE("a command signs in by itself and reuses the cached token") {
    const Cli cli;
    CHECK(cli.run({"groups", "list"}).exit_code == 0);
    CHECK(cli.run({"groups", "list"}).exit_code == 0);
    const std::string log = cli.emulator_log();
    std::size_t tokens = 0;
    for (auto at = log.find("/oauth2/v2.0/token"); at != std::string::npos;
         at = log.find("/oauth2/v2.0/token", at + 1)) {
        ++tokens;
    }
    CHECK(tokens == 1);
}

TEST_CASE("a wrong client secret exits 3 without showing it") {
    const Cli cli;
    std::string config = "default_profile = \"ship\"\n\n" + cli.profile_toml("ship");
    config.replace(config.find(e2e::k_client_secret), std::string(e2e::k_client_secret).size(),
                   "not-the-secret");
    cli.write_config(config);
    const auto result = cli.run({"groups", "list"});
    CHECK(result.exit_code == 3);
    CHECK(contains(result.err, "techpass: error: "));
    CHECK_FALSE(contains(result.err, "not-the-secret"));
}

TEST_CASE("an expired token is refreshed transparently") {
    const Cli cli;
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    // The portal's clock moves two hours on: the cached token is expired there.
    cli.control("POST", "clock/advance", {{"seconds", 7200}});
    const auto result = cli.run({"groups", "list", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out).contains("groups"));
    CHECK(contains(cli.emulator_log(), " 401 "));
}

TEST_CASE("a wrong API key points at the API key, not at signing in again") {
    const Cli cli;
    std::string config = "default_profile = \"ship\"\n\n" + cli.profile_toml("ship");
    config.replace(config.find(e2e::k_api_key), std::string(e2e::k_api_key).size(),
                   "not-a-live-key");
    cli.write_config(config);
    const auto result = cli.run({"groups", "list"});
    CHECK(result.exit_code == 4);
    CHECK(contains(result.err, "techpass: error: the portal refused the API key for GET "
                               "/iam/namespace/SHIP/groups"));
    CHECK(contains(result.err, "hint: check the profile's api_key"));
    CHECK_FALSE(contains(result.err, "auth login"));
    CHECK_FALSE(contains(result.err, "not-a-live-key"));
    // Refused once: a new token would not help, so none was fetched again.
    const std::string log = cli.emulator_log();
    std::size_t refused = 0;
    for (auto at = log.find("GET /iam/namespace/SHIP/groups 401"); at != std::string::npos;
         at = log.find("GET /iam/namespace/SHIP/groups 401", at + 1)) {
        ++refused;
    }
    CHECK(refused == 1);
}

} // namespace test_auth
