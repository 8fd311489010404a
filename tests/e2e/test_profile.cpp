// techpass profile list|show|use|set|add|remove, and config file errors.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

namespace test_profile {

using e2e::Cli;
using e2e::contains;

TEST_CASE("profile list") {
    const Cli cli;
    cli.write_config("default_profile = \"ship\"\n\n" + cli.profile_toml("ship") + "\n" +
                     cli.profile_toml("other", "PORT"));
    SUBCASE("piped") {
        const auto result = cli.run({"profile", "list"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "NAME"));
        CHECK(contains(result.out, "ship "));
        CHECK(contains(result.out, "other "));
        CHECK(contains(result.out, "PORT"));
    }
    SUBCASE("names") {
        const auto result = cli.run({"profile", "list", "-o", "name"});
        CHECK(result.out == "ship\nother\n");
    }
    SUBCASE("json") {
        const auto result = cli.run({"profile", "list", "-o", "json"});
        const auto document = nlohmann::json::parse(result.out);
        CHECK(document["profiles"].size() == 2);
        CHECK(document["profiles"][0]["default"] == true);
        CHECK(document["profiles"][1]["namespace"] == "PORT");
    }
    SUBCASE("on a terminal") {
        const auto result = cli.run_tty({"profile", "list"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "ship"));
        CHECK(contains(result.out, "other"));
    }
}

TEST_CASE("profile show says where each value comes from and masks secrets") {
    const Cli cli;
    const auto result =
        cli.run({"profile", "show", "-o", "json"}, {{{"TECHPASS_NAMESPACE", "PORT"}}});
    CHECK(result.exit_code == 0);
    const auto document = nlohmann::json::parse(result.out);
    CHECK(document["profile"] == "ship");
    for (const auto& setting : document["settings"]) {
        if (setting["key"] == "namespace") {
            CHECK(setting["value"] == "PORT");
            CHECK(setting["origin"] == "env TECHPASS_NAMESPACE");
        }
        if (setting["key"] == "client_secret" || setting["key"] == "api_key") {
            CHECK(setting["value"] == "***");
        }
    }
    CHECK_FALSE(contains(result.out, e2e::k_client_secret));
    CHECK_FALSE(contains(result.out, e2e::k_api_key));

    const auto terminal = cli.run_tty({"profile", "show"});
    CHECK(terminal.exit_code == 0);
    CHECK(contains(terminal.out, "client_secret"));
    CHECK_FALSE(contains(terminal.out, e2e::k_client_secret));
}

TEST_CASE("profile add, use, set and remove edit the file and keep comments") {
    const Cli cli;
    cli.write_config("# my profiles\ndefault_profile = \"ship\"\n\n" + cli.profile_toml("ship"));
    auto result =
        cli.run({"profile", "add", "staging", "--api-url", "https://api.stg.techpass.suite.gov.sg",
                 "--namespace", "SHIP", "--client-secret", "env:STAGING_SECRET"});
    CHECK(result.exit_code == 0);
    std::string text = testsupport::read_file(cli.config_path());
    CHECK(contains(text, "# my profiles\n"));
    CHECK(contains(text, "[profiles.staging]"));
    CHECK(contains(text, "STAGING_SECRET"));

    result = cli.run({"profile", "use", "staging"});
    CHECK(result.exit_code == 0);
    CHECK(contains(testsupport::read_file(cli.config_path()), "default_profile = \"staging\""));

    result = cli.run({"profile", "set", "rate_limit", "2"});
    CHECK(result.exit_code == 0);
    CHECK(contains(testsupport::read_file(cli.config_path()), "rate_limit = 2"));

    result = cli.run({"profile", "set", "rate_limt", "2"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "rate_limit"));

    SUBCASE("remove needs --yes when piped") {
        result = cli.run({"profile", "remove", "staging"});
        CHECK(result.exit_code == 2);
        CHECK(result.err ==
              "techpass: error: refusing to remove without --yes when not on a terminal\n"
              "hint: pass --yes to confirm\n");
        CHECK(contains(testsupport::read_file(cli.config_path()), "[profiles.staging]"));
        result = cli.run({"profile", "remove", "staging", "--yes"});
        CHECK(result.exit_code == 0);
        CHECK_FALSE(contains(testsupport::read_file(cli.config_path()), "[profiles.staging]"));
    }
    SUBCASE("remove asks on a terminal") {
        result = cli.run_tty({"profile", "remove", "staging"}, {{}, "n\n"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.out, "Remove profile staging from"));
        CHECK(contains(result.out, "cancelled; nothing was removed"));
        result = cli.run_tty({"profile", "remove", "staging"}, {{}, "y\n"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Removed profile staging"));
        CHECK_FALSE(contains(testsupport::read_file(cli.config_path()), "[profiles.staging]"));
    }
    SUBCASE("--no-input never asks") {
        result = cli.run_tty({"profile", "remove", "staging", "--no-input"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.out, "refusing to remove without --yes when not on a terminal"));
    }
    SUBCASE("CI never asks") {
        result = cli.run_tty({"profile", "remove", "staging"}, {{{"CI", "true"}}});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.out, "refusing to remove without --yes"));
    }
}

TEST_CASE("profile add asks for the missing settings on a terminal") {
    const Cli cli;
    const auto result = cli.run_tty({"profile", "add", "asked", "--no-color"},
                                    {{}, "https://api.stg.techpass.suite.gov.sg\n\n\nSHIP\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "api_url"));
    const std::string text = testsupport::read_file(cli.config_path());
    CHECK(contains(text, "[profiles.asked]"));
    CHECK(contains(text, "https://api.stg.techpass.suite.gov.sg"));
}

TEST_CASE("configuration errors exit 3 and say how to fix them") {
    const Cli cli;
    SUBCASE("a missing profile lists the existing ones") {
        const auto result = cli.run({"-p", "shp", "groups", "list"});
        CHECK(result.exit_code == 3);
        CHECK(contains(result.err, "techpass: error: "));
        CHECK(contains(result.err, "shp"));
        CHECK(contains(result.err, "ship"));
        CHECK(result.out.empty());
    }
    SUBCASE("a TOML syntax error names the file, line and column") {
        cli.write_config("default_profile = \"ship\"\n[profiles.ship\napi_url = 1\n");
        const auto result = cli.run({"groups", "list"});
        CHECK(result.exit_code == 3);
        CHECK(contains(result.err, "config.toml:2:"));
    }
    SUBCASE("a literal secret in a readable file is refused with the chmod") {
        chmod(cli.config_path().c_str(), 0644);
        const auto result = cli.run({"groups", "list"});
        CHECK(result.exit_code == 3);
        CHECK(contains(result.err, "chmod 600"));
        CHECK_FALSE(contains(result.err, e2e::k_client_secret));
    }
    SUBCASE("no namespace anywhere") {
        cli.write_config("default_profile = \"ship\"\n\n[profiles.ship]\napi_url = \"" + cli.url() +
                         "\"\n");
        const auto result = cli.run({"groups", "list"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "techpass: error: no namespace to act on\n"));
    }
}

} // namespace test_profile
