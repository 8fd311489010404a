// techpass apikeys list|create|revoke against the emulator.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

namespace test_apikeys {

using e2e::Cli;
using e2e::contains;

namespace {

nlohmann::json keys_of(const Cli& cli) {
    const auto result = cli.run({"apikeys", "list", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["apiKeys"];
}

// The exit code of a call made with this API key.
int call_with(const Cli& cli, const std::string& key) {
    e2e::Run run;
    run.env = {{"TECHPASS_API_KEY", key}};
    return cli.run({"groups", "list"}, run).exit_code;
}

} // namespace

TEST_CASE("apikeys: a new key is shown once, works, and stops working when revoked") {
    const Cli cli;
    auto result = cli.run({"apikeys", "create", "ci-2027"});
    REQUIRE(result.exit_code == 0);
    const std::string key = result.out.substr(0, result.out.find('\n'));
    CHECK(key.rfind("tpk_", 0) == 0);
    CHECK(key.size() == 44);
    CHECK(call_with(cli, key) == 0);

    for (const auto& args :
         std::vector<std::vector<std::string>>{{"apikeys", "list"},
                                               {"apikeys", "list", "-o", "yaml"},
                                               {"--debug", "apikeys", "list"},
                                               {"apikeys", "create", "ci-2027"}}) {
        result = cli.run(args);
        CHECK_FALSE(contains(result.out, key));
        CHECK_FALSE(contains(result.err, key));
    }
    const auto keys = keys_of(cli);
    REQUIRE(keys.size() == 2);
    CHECK(keys[1]["name"] == "ci-2027");
    CHECK(keys[1]["prefix"] == key.substr(0, 8));
    CHECK_FALSE(keys[1].contains("key"));

    const std::string path = cli.home().file("ci.key");
    result = cli.run({"apikeys", "create", "ci-2028", "--out", path});
    REQUIRE(result.exit_code == 0);
    CHECK_FALSE(contains(result.out, testsupport::read_file(path).substr(0, 44)));
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    result = cli.run({"apikeys", "revoke", "ci-2027"});
    CHECK(result.exit_code == 2);
    CHECK(call_with(cli, key) == 0);
    result = cli.run({"apikeys", "revoke", "ci-2027", "--yes"});
    CHECK(result.exit_code == 0);
    CHECK(call_with(cli, key) == 4);
    CHECK(keys_of(cli).size() == 2);
}

TEST_CASE("apikeys: the limit of 4 names the key to revoke, before anything is sent") {
    const Cli cli;
    for (const char* name : {"k1", "k2", "k3"}) {
        REQUIRE(cli.run({"apikeys", "create", name}).exit_code == 0);
    }
    // k1..k3 are never used; the seeded demo key is in use by the profile.
    const auto before = cli.emulator_log();
    auto result = cli.run({"apikeys", "create", "k4"});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "already has 4 API keys"));
    CHECK(contains(result.err, "the one unused the longest is k1"));
    CHECK(contains(result.err, "techpass apikeys revoke \"k1\" -n SHIP"));
    const auto after = cli.emulator_log();
    CHECK_FALSE(contains(after.substr(before.size()), "POST /iam/"));
    CHECK(keys_of(cli).size() == 4);

    result = cli.run({"apikeys", "create", "bad/name"});
    CHECK(result.exit_code == 2);
    result = cli.run({"apikeys", "revoke", "k9", "--yes"});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "did you mean \"k1\"?"));
}

TEST_CASE("apikeys: the last key cannot be revoked, and the profile's own key is named") {
    const Cli cli;
    auto result = cli.run({"apikeys", "revoke", "demo", "--yes"});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "last API key"));
    CHECK(contains(result.err, "create its replacement first"));
    CHECK(keys_of(cli).size() == 1);

    REQUIRE(cli.run({"apikeys", "create", "replacement"}).exit_code == 0);
    result = cli.run_tty({"apikeys", "revoke", "demo"}, {{}, "n\n"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.out, "It is the key this profile uses"));
    CHECK(keys_of(cli).size() == 2);
}

} // namespace test_apikeys
