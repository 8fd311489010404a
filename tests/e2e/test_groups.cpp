// techpass groups list|get|create|update|delete, and the 50-group limit.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_groups {

using e2e::Cli;
using e2e::contains;

namespace {

nlohmann::json groups_of(const Cli& cli) {
    const auto result = cli.run({"groups", "list", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["groups"];
}

std::size_t count_in_log(const std::string& log, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("groups create, list, get, update and delete, piped") {
    const Cli cli;
    auto result = cli.run({"groups", "list"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.empty());
    CHECK(result.err == "No groups found\n");

    result = cli.run({"groups", "create", "billing", "--description", "Billing officers"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "ship:billing"));
    CHECK(result.err.empty()); // no chatter when piped

    result = cli.run({"groups", "create", "ship:portal-ops", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["grn"] == "ship:portal-ops");

    result = cli.run({"groups", "list", "-o", "name"});
    CHECK(result.out == "ship:billing\nship:portal-ops\n");
    result = cli.run({"groups", "list", "--fields", "name,description", "-o", "csv"});
    CHECK(contains(result.out, "billing,Billing officers"));

    result = cli.run({"groups", "get", "ship:billing", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["members"].is_array());

    result = cli.run({"groups", "update", "billing", "--name", "finance-billing", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["grn"] == "ship:finance-billing");

    result = cli.run({"groups", "delete", "ship:finance-billing"});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "techpass: error: refusing to delete without --yes when not on a terminal\n"
                        "hint: pass --yes to confirm\n");
    result = cli.run({"groups", "delete", "ship:finance-billing", "--yes"});
    CHECK(result.exit_code == 0);
    CHECK(groups_of(cli).size() == 1);
}

TEST_CASE("groups commands on a terminal") {
    const Cli cli;
    auto result = cli.run_tty({"groups", "create", "billing", "-d", "Billing officers"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Created group ship:billing"));
    result = cli.run_tty({"groups", "list"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "GRN"));
    CHECK(contains(result.out, "ship:billing"));
    result = cli.run_tty({"groups", "get", "billing"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Billing officers"));
    result = cli.run_tty({"groups", "update", "billing", "-d", "Refunds too"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Updated group ship:billing"));

    result = cli.run_tty({"groups", "delete", "billing"}, {{}, "n\n"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.out, "? Delete group ship:billing and its memberships? [y/N]"));
    CHECK(contains(result.out, "cancelled; nothing was deleted"));
    CHECK(groups_of(cli).size() == 1);

    result = cli.run_tty({"groups", "delete", "billing"}, {{}, "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Deleted group ship:billing"));
    CHECK(groups_of(cli).empty());
}

TEST_CASE("groups errors: not found, duplicate, dry run") {
    const Cli cli;
    auto result = cli.run({"groups", "get", "nosuch"});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "techpass: error: "));
    CHECK(contains(result.err, "traceId: "));

    REQUIRE(cli.run({"groups", "create", "billing"}).exit_code == 0);
    result = cli.run({"groups", "create", "billing"});
    CHECK(result.exit_code == 6);
    CHECK(contains(
        result.err,
        "hint: group names are unique in a namespace, and a namespace has at most 50 groups"));

    result = cli.run({"groups", "create", "audit", "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "Would send POST /iam/namespace/SHIP/groups"));
    CHECK(groups_of(cli).size() == 1);

    result = cli.run({"groups", "get", "port:billing", "-n", "SHIP"});
    CHECK(result.exit_code == 2);
}

TEST_CASE("the 50-group limit is reported before sending, and the portal's 409 too") {
    const Cli cli;
    for (int i = 1; i <= 50; ++i) {
        REQUIRE(cli.run({"api", "POST", "/iam/namespace/SHIP/groups", "--data",
                         "{\"name\": \"team-" + std::to_string(i) + "\"}"})
                    .exit_code == 0);
    }
    const std::size_t posts = count_in_log(cli.emulator_log(), "POST /iam/namespace/SHIP/groups ");

    auto result = cli.run({"groups", "create", "one-too-many"});
    CHECK(result.exit_code == 6);
    CHECK(result.err ==
          "techpass: error: namespace SHIP already has 50 groups, the most a namespace may have; "
          "group ship:one-too-many was not created\n"
          "hint: delete a group you no longer need first: techpass groups delete NAME\n");
    CHECK(count_in_log(cli.emulator_log(), "POST /iam/namespace/SHIP/groups ") ==
          posts); // nothing sent

    // The portal enforces it too.
    result = cli.run(
        {"api", "POST", "/iam/namespace/SHIP/groups", "--data", "{\"name\": \"one-too-many\"}"});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "50"));
}

} // namespace test_groups
