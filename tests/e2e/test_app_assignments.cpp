// techpass apps assignments list|add|remove against the emulator.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_app_assignments {

using e2e::Cli;
using e2e::contains;

namespace {

nlohmann::json assignments_of(const Cli& cli) {
    const auto result = cli.run({"apps", "assignments", "list", "ship-portal", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["assignments"];
}

} // namespace

TEST_CASE("apps assignments: who can sign in, and nested groups are not reached") {
    const Cli cli;
    REQUIRE(cli.run({"apps", "create", "ship-portal", "--redirect-url", "https://ship.gov.sg/cb"})
                .exit_code == 0);
    for (const char* group : {"billing", "ops"}) {
        REQUIRE(cli.run({"groups", "create", group}).exit_code == 0);
    }
    REQUIRE(cli.run({"groups", "members", "add", "billing", "jane.tan@tech.gov.sg", "ship:ops"})
                .exit_code == 0);
    REQUIRE(cli.run({"groups", "members", "add", "ops", "wei.ming.lim@tech.gov.sg"}).exit_code ==
            0);

    auto result = cli.run({"apps", "assignments", "add", "ship-portal", "ship:billing",
                           "siti.rahman@mom.gov.sg", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["assignments"].size() == 2);

    const auto assignments = assignments_of(cli);
    REQUIRE(assignments.size() == 2);
    CHECK(assignments[0]["principalType"] == "group");
    CHECK(assignments[0]["signsIn"] == nlohmann::json{"jane.tan@tech.gov.sg"});
    CHECK(assignments[0]["notReached"] == nlohmann::json{"ops"});
    CHECK(assignments[1]["signsIn"] == nlohmann::json{"siti.rahman@mom.gov.sg"});

    result = cli.run({"apps", "assignments", "list", "ship-portal"});
    CHECK(contains(result.out, "1 direct member (not nested groups: ops)"));
    result = cli.run({"apps", "assignments", "--help"});
    CHECK(contains(result.out, "not the members of groups nested"));

    result = cli.run({"apps", "assignments", "add", "ship-portal", "ship:billing"});
    CHECK(result.exit_code == 6);
    result = cli.run(
        {"apps", "assignments", "add", "ship-portal", "8c0ba94f-a425-4e0f-966f-8789f99f384c"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "could be a user or a group id"));
    result = cli.run({"apps", "assignments", "add", "ship-portal"});
    CHECK(result.exit_code == 2);

    result = cli.run({"apps", "assignments", "remove", "ship-portal", "siti.rahman@mom.gov.sg"});
    CHECK(result.exit_code == 2);
    CHECK(assignments_of(cli).size() == 2);
    result = cli.run(
        {"apps", "assignments", "remove", "ship-portal", "siti.rahman@mom.gov.sg", "--yes"});
    CHECK(result.exit_code == 0);
    result = cli.run(
        {"apps", "assignments", "remove", "ship-portal", "siti.rahman@mom.gov.sg", "--yes"});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "is not assigned"));
    result =
        cli.run({"apps", "assignments", "remove", "ship-portal", "--group", "billing", "--yes"});
    CHECK(result.exit_code == 0);
    CHECK(assignments_of(cli).empty());
}

TEST_CASE("apps assignments on a terminal: an app open to everyone says so") {
    const Cli cli;
    REQUIRE(cli.run({"apps", "create", "ship-portal", "--redirect-url", "https://ship.gov.sg/cb",
                     "--no-assignment-required"})
                .exit_code == 0);
    auto result =
        cli.run_tty({"apps", "assignments", "add", "ship-portal", "jane.tan@tech.gov.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Assigned jane.tan@tech.gov.sg to app ship-portal"));
    result = cli.run_tty({"apps", "assignments", "list", "ship-portal"});
    CHECK(contains(result.out, "WHO CAN SIGN IN"));
    CHECK(contains(result.out, "does not require assignment: every TechPass user can sign in"));
    result = cli.run_tty({"apps", "assignments", "remove", "ship-portal", "jane.tan@tech.gov.sg"},
                         {{}, "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(assignments_of(cli).empty());
}

} // namespace test_app_assignments
