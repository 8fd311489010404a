// Signing in through the CLI with each method the portal offers, against the
// emulator: a certificate (client assertion), a device code approved by a
// user, and everything over HTTPS with a ca_bundle (a wrong CA refused).

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

namespace test_auth_methods {

using e2e::Cli;
using e2e::contains;

namespace {

// The seeded app's profile with another way to sign in instead of its secret.
std::string profile_without_secret(const Cli& cli, const std::string& auth_lines) {
    std::string profile = cli.profile_toml("ship");
    const std::string secret = fmt::format("client_secret = \"{}\"\n", e2e::k_client_secret);
    profile.replace(profile.find(secret), secret.size(), auth_lines);
    return "default_profile = \"ship\"\n\n" + profile;
}

} // namespace

TEST_CASE("auth = certificate signs in with a client assertion") {
    const Cli cli;
    cli.write_config(profile_without_secret(
        cli, fmt::format("auth = \"certificate\"\ncertificate = \"{}\"\nprivate_key = \"{}\"\n",
                         testsupport::source_path("examples/certs/ship-automation.crt"),
                         testsupport::source_path("examples/certs/ship-automation.key"))));
    const auto login = cli.run({"auth", "login"});
    CHECK(login.exit_code == 0);
    const auto result = cli.run({"groups", "list", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out).contains("groups"));
    const auto status = cli.run({"auth", "status", "-o", "json"});
    REQUIRE(status.exit_code == 0);
    const auto document = nlohmann::json::parse(status.out);
    CHECK(document.at("authMethod") == "certificate");
    CHECK(document.at("signedIn") == true);
    // The key never shows, not even in --debug.
    const auto debug = cli.run({"groups", "list", "--debug"});
    CHECK(debug.exit_code == 0);
    CHECK_FALSE(contains(debug.err, "PRIVATE KEY"));
}

TEST_CASE("auth = device_code: the code is shown, a user approves it, the CLI is signed in") {
    const Cli cli;
    cli.write_config(profile_without_secret(cli, "auth = \"device_code\"\n"));
    // Before: a device code needs a person, so status says to log in, nothing more.
    const auto before = cli.run({"auth", "status"});
    CHECK(before.exit_code == 4);
    CHECK(contains(before.out, "Signed in:    no (run: techpass auth login)\n"));
    CHECK(contains(before.err, "hint: run: techpass auth login\n"));
    const std::string shown = e2e::device_code_login(cli, "jane.tan@tech.gov.sg");
    CHECK(contains(shown, cli.url() + "/devicelogin"));
    const auto status = cli.run({"auth", "status", "-o", "json"});
    REQUIRE(status.exit_code == 0);
    const auto document = nlohmann::json::parse(status.out);
    CHECK(document.at("authMethod") == "device_code");
    CHECK(document.at("signedIn") == true);
    // Signed in as the user who approved, not as the app.
    CHECK(document.at("identity").at("kind") == "user");
    CHECK(document.at("identity").at("name") == "jane_tan");
    const auto groups = cli.run({"groups", "list", "-o", "json"});
    CHECK(groups.exit_code == 0);
}

TEST_CASE("over HTTPS: ca_bundle trusts the portal's CA, and a wrong CA is refused") {
    const Cli cli;
    const std::string ca = cli.home().file("emulator-ca.pem");
    testsupport::Emulator tls(
        {"--tls", "--ca-out", ca, "--seed", testsupport::source_path("examples/seed.toml")});
    REQUIRE(tls.url().rfind("https://", 0) == 0);
    const auto config_for = [&](const std::string& bundle) {
        return "default_profile = \"ship\"\n\n" + cli.profile_toml("ship", "SHIP", tls.url()) +
               (bundle.empty() ? std::string() : fmt::format("ca_bundle = \"{}\"\n", bundle));
    };

    cli.write_config(config_for(ca));
    const auto trusted = cli.run({"groups", "list", "-o", "json"});
    CHECK(trusted.exit_code == 0);
    CHECK(nlohmann::json::parse(trusted.out).contains("groups"));

    // Another CA (here the app's own self-signed certificate) does not vouch
    // for the portal; neither does the system store.
    for (const std::string& bundle :
         {testsupport::source_path("examples/certs/ship-automation.crt"), std::string()}) {
        CAPTURE(bundle);
        cli.write_config(config_for(bundle));
        const auto refused = cli.run({"groups", "list"});
        CHECK(refused.exit_code == 8);
        CHECK(contains(refused.err, "TLS certificate not trusted"));
        CHECK_FALSE(contains(refused.err, e2e::k_client_secret));
    }

    // Verification cannot be switched off: not by the environment switches
    // other tools honour, nor by a profile key (unknown keys are refused).
    cli.write_config(config_for(""));
    const e2e::Run lax{{{"CURL_INSECURE", "1"},
                        {"NODE_TLS_REJECT_UNAUTHORIZED", "0"},
                        {"PYTHONHTTPSVERIFY", "0"},
                        {"GIT_SSL_NO_VERIFY", "1"},
                        {"TECHPASS_INSECURE", "1"}}};
    const auto still_refused = cli.run({"groups", "list"}, lax);
    CHECK(still_refused.exit_code == 8);
    CHECK(contains(still_refused.err, "TLS certificate not trusted"));
    for (const std::string key : {"insecure = true", "verify = false", "tls_verify = false"}) {
        CAPTURE(key);
        cli.write_config(config_for("") + key + "\n");
        const auto refused = cli.run({"groups", "list"});
        CHECK(refused.exit_code == 3);
        CHECK(contains(refused.err, "unknown key"));
    }
}

} // namespace test_auth_methods
