// How commands behave when the portal is slow, throttles, fails or drops
// connections: retries, pacing, idempotent creations, Ctrl-C.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <thread>

namespace test_resilience {

using e2e::Cli;
using e2e::contains;

namespace {

std::size_t count_in(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("a 429 storm from the portal's rate limit is ridden out") {
    const Cli cli;
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    cli.control("PUT", "ratelimit", {{"requestsPerSecond", 1}, {"burst", 1}});
    // A creation makes two calls (the count, then the POST), a list one more.
    auto result = cli.run({"groups", "create", "billing"});
    CHECK(result.exit_code == 0);
    result = cli.run({"groups", "list", "-o", "name"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "ship:billing\n");
    CHECK(contains(cli.emulator_log(), " 429 "));
}

TEST_CASE("still rate-limited after the retries exits 9") {
    const Cli cli;
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    cli.control("PUT", "faults", {{"fraction", 1}, {"kinds", {"429"}}});
    const auto result = cli.run({"groups", "list"});
    CHECK(result.exit_code == 9);
    CHECK(contains(result.err, "techpass: error: "));
}

TEST_CASE("503s are retried") {
    const Cli cli;
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    cli.control("PUT", "faults", {{"seed", 7}, {"fraction", 0.5}, {"kinds", {"503"}}});
    for (int i = 0; i < 4; ++i) {
        const auto result = cli.run({"groups", "list", "-o", "json"});
        CHECK(result.exit_code == 0);
    }
    CHECK(contains(cli.emulator_log(), " 503 "));
}

TEST_CASE("a server that keeps failing exits 8 after the retries") {
    const Cli cli;
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    cli.control("PUT", "faults", {{"fraction", 1}, {"kinds", {"503"}}});
    const auto result = cli.run({"namespaces", "get"});
    CHECK(result.exit_code == 8);
    CHECK(contains(result.err, "traceId: "));
}

TEST_CASE("a creation retried after a dropped connection makes exactly one object") {
    const Cli cli;
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    int created = 0;
    for (int seed = 1;
         seed <= 20 && count_in(cli.emulator_log(), "POST /iam/namespace/SHIP/groups dropped") == 0;
         ++seed) {
        cli.control("PUT", "faults",
                    {{"seed", seed},
                     {"fraction", 0.5},
                     {"kinds", {"drop"}},
                     {"paths", "/iam/namespace/SHIP/groups"}});
        const auto result = cli.run({"groups", "create", "team-" + std::to_string(seed)});
        CHECK(result.exit_code == 0);
        ++created;
    }
    cli.control("DELETE", "faults");
    REQUIRE(count_in(cli.emulator_log(), "POST /iam/namespace/SHIP/groups dropped") > 0);
    const auto result = cli.run({"groups", "list", "-o", "json"});
    const auto groups = nlohmann::json::parse(result.out)["groups"];
    CHECK(groups.size() == static_cast<std::size_t>(created));
}

TEST_CASE("Ctrl-C stops a command with exit code 130") {
    const Cli cli;
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    cli.control("PUT", "faults", {{"fraction", 1}, {"kinds", {"latency"}}, {"latencyMs", 20000}});
    testsupport::RunOptions options;
    options.env = {{"HOME", cli.home().path()},
                   {"XDG_CONFIG_HOME", cli.home().file("config")},
                   {"XDG_CACHE_HOME", cli.home().file("cache")}};
    testsupport::Process process({TECHPASS_CLI_PATH, "groups", "list"}, options);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    process.signal(SIGINT);
    CHECK(process.wait(10) == 130);
    CHECK(contains(process.err(), "interrupted"));
}

} // namespace test_resilience
