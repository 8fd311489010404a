// techpass apps secrets list|add|delete|rotate against the emulator: a value
// shown once and nowhere else, files never overwritten, rotation that never
// leaves the app without a working secret.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

namespace test_app_secrets {

using e2e::Cli;
using e2e::contains;

namespace {

std::string create_app(const Cli& cli) {
    const auto result = cli.run({"apps", "create", "ship-portal", "--redirect-url",
                                 "https://ship.gov.sg/cb", "--jq", ".appId"});
    REQUIRE(result.exit_code == 0);
    return result.out.substr(0, result.out.find('\n'));
}

nlohmann::json secrets_of(const Cli& cli) {
    const auto result = cli.run({"apps", "secrets", "list", "ship-portal", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["secrets"];
}

// Whether the app signs in with this secret (client credentials, through the CLI).
bool signs_in(const Cli& cli, const std::string& app_id, const std::string& secret) {
    static int runs = 0;
    e2e::Run run;
    run.env = {{"TECHPASS_CLIENT_ID", app_id},
               {"TECHPASS_CLIENT_SECRET", secret},
               // A fresh token cache: the identity platform is asked each time.
               {"XDG_CACHE_HOME", cli.home().file("cache-" + std::to_string(++runs))}};
    return cli.run({"auth", "token"}, run).exit_code == 0;
}

} // namespace

TEST_CASE("apps secrets: the value is printed once and appears nowhere else") {
    const Cli cli;
    const std::string app_id = create_app(cli);
    auto result = cli.run({"apps", "secrets", "add", "ship-portal", "-d", "CI pipeline"});
    REQUIRE(result.exit_code == 0);
    const std::string secret = result.out.substr(0, result.out.find('\n'));
    CHECK(result.out == secret + "\n");
    CHECK(secret.size() == 40);
    CHECK(signs_in(cli, app_id, secret));

    const std::vector<std::vector<std::string>> views = {
        {"apps", "secrets", "list", "ship-portal"},
        {"apps", "secrets", "list", "ship-portal", "-o", "json"},
        {"apps", "secrets", "list", "ship-portal", "-o", "yaml"},
        {"apps", "get", "ship-portal", "-o", "json"},
        {"--debug", "apps", "secrets", "list", "ship-portal"},
        {"apps", "secrets", "delete", "ship-portal", "no-such-secret", "--yes"},
    };
    for (const auto& args : views) {
        result = cli.run(args);
        CHECK_FALSE(contains(result.out, secret));
        CHECK_FALSE(contains(result.err, secret));
    }
    const auto listed = secrets_of(cli);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["hint"] == secret.substr(0, 3));
    CHECK(listed[0]["description"] == "CI pipeline");
    CHECK(listed[0]["expiresInDays"] == 364);
    CHECK_FALSE(listed[0].contains("secret"));

    // --debug shows the exchange that created a secret, with the value hidden.
    result = cli.run(
        {"--debug", "apps", "secrets", "add", "ship-portal", "-d", "debugged", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    const auto second = nlohmann::json::parse(result.out)["secret"].get<std::string>();
    CHECK(contains(result.err, "/iam/namespace/SHIP/apps/" + app_id + "/secrets"));
    CHECK(contains(result.err, "\"secret\": \"***\""));
    CHECK_FALSE(contains(result.err, second));
    CHECK(secrets_of(cli).size() == 2); // adding never removes another
}

TEST_CASE("apps secrets add --out: a new 0600 file, never an existing one") {
    const Cli cli;
    const std::string app_id = create_app(cli);
    const std::string path = cli.home().file("ship.secret");
    auto result = cli.run({"apps", "secrets", "add", "ship-portal", "-d", "Prod", "--out", path});
    REQUIRE(result.exit_code == 0);
    const std::string secret = testsupport::read_file(path).substr(0, 40);
    CHECK(testsupport::read_file(path) == secret + "\n");
    CHECK_FALSE(contains(result.out, secret));
    CHECK(contains(result.out, "Prod"));
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(signs_in(cli, app_id, secret));

    // An existing file is refused before anything is sent, and left as it was.
    const auto before = e2e::requests_in(cli.emulator_log());
    result = cli.run({"apps", "secrets", "add", "ship-portal", "-d", "Again", "--out", path});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "already exists"));
    result = cli.run({"apps", "secrets", "add", "ship-portal", "-d", "Again", "--out",
                      cli.home().file("no-such-dir/x.secret")});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "does not exist"));
    result = cli.run({"apps", "secrets", "add", "ship-portal", "-d", " padded "});
    CHECK(result.exit_code == 2);
    CHECK(e2e::requests_in(cli.emulator_log()) == before);
    CHECK(testsupport::read_file(path) == secret + "\n");
    CHECK(secrets_of(cli).size() == 1);
}

TEST_CASE("apps secrets rotate: the old secrets keep working until asked to go") {
    const Cli cli;
    const std::string app_id = create_app(cli);
    auto result = cli.run({"apps", "secrets", "add", "ship-portal", "-d", "2026"});
    const std::string old_secret = result.out.substr(0, 40);

    const std::string first = cli.home().file("first.secret");
    result = cli.run({"apps", "secrets", "rotate", "ship-portal", "-d", "2027", "--out", first});
    REQUIRE(result.exit_code == 0);
    const std::string new_secret = testsupport::read_file(first).substr(0, 40);
    CHECK(secrets_of(cli).size() == 2);
    CHECK(signs_in(cli, app_id, old_secret));
    CHECK(signs_in(cli, app_id, new_secret));

    // --delete-old without --yes, piped: refused before anything changes.
    const std::string second = cli.home().file("second.secret");
    result = cli.run({"apps", "secrets", "rotate", "ship-portal", "-d", "2027b", "--out", second,
                      "--delete-old"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "refusing to delete without --yes"));
    CHECK(secrets_of(cli).size() == 2);
    CHECK(testsupport::read_file(second).empty());

    result = cli.run({"apps", "secrets", "rotate", "ship-portal", "-d", "2027b", "--out", second,
                      "--delete-old", "--yes"});
    REQUIRE(result.exit_code == 0);
    const std::string newest = testsupport::read_file(second).substr(0, 40);
    const auto left = secrets_of(cli);
    REQUIRE(left.size() == 1);
    CHECK(left[0]["description"] == "2027b");
    CHECK(signs_in(cli, app_id, newest));
    CHECK_FALSE(signs_in(cli, app_id, old_secret));

    // A failed write deletes nothing: the target exists, so nothing is sent.
    result = cli.run({"apps", "secrets", "rotate", "ship-portal", "-d", "2028", "--out", second,
                      "--delete-old", "--yes"});
    CHECK(result.exit_code == 2);
    CHECK(secrets_of(cli).size() == 1);
}

TEST_CASE("apps secrets on a terminal: the value once with a note, delete asks") {
    const Cli cli;
    create_app(cli);
    auto result = cli.run_tty({"apps", "secrets", "add", "ship-portal", "-d", "CI"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "is shown once; store it now"));
    const auto listed = secrets_of(cli);
    REQUIRE(listed.size() == 1);
    const auto id = listed[0]["id"].get<std::string>();

    result = cli.run_tty({"apps", "secrets", "list", "ship-portal"});
    CHECK(contains(result.out, "DESCRIPTION"));
    CHECK(contains(result.out, "CI"));

    result = cli.run_tty({"apps", "secrets", "delete", "ship-portal", id}, {{}, "n\n"});
    CHECK(result.exit_code == 2);
    CHECK(secrets_of(cli).size() == 1);
    result = cli.run_tty({"apps", "secrets", "delete", "ship-portal", id}, {{}, "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(secrets_of(cli).empty());
}

TEST_CASE("apps secrets: expiry within 30 days is flagged, an app holds at most 5") {
    const Cli cli;
    create_app(cli);
    // Made 340 days ago (by the portal's clock): each expires in 25 days.
    cli.control("PUT", "clock", {{"offsetSeconds", -340 * 86400}});
    for (int i = 1; i <= 5; ++i) {
        REQUIRE(cli.run({"apps", "secrets", "add", "ship-portal", "-d", "s" + std::to_string(i)})
                    .exit_code == 0);
    }
    cli.control("PUT", "clock", {{"offsetSeconds", 0}});

    auto result = cli.run({"apps", "secrets", "list", "ship-portal"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "EXPIRES IN 24 DAYS"));
    result = cli.run({"apps", "secrets", "list", "ship-portal", "-o", "json", "--jq",
                      ".secrets[0].expiresInDays"});
    CHECK(result.out == "24\n");

    const auto before = cli.emulator_log();
    result = cli.run({"apps", "secrets", "add", "ship-portal", "-d", "s6"});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "already has 5 client secrets"));
    CHECK(contains(result.err, "the oldest"));
    CHECK(contains(result.err, "techpass apps secrets delete "));
    const auto after = cli.emulator_log();
    CHECK(after.substr(0, before.size()) == before);
    CHECK_FALSE(contains(after.substr(before.size()), "POST /iam/"));
}

} // namespace test_app_secrets
