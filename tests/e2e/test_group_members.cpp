// techpass groups members list|add|remove.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_group_members {

using e2e::Cli;
using e2e::contains;

TEST_CASE("groups members add, list and remove users and groups") {
    const Cli cli;
    REQUIRE(cli.run({"groups", "create", "billing"}).exit_code == 0);
    REQUIRE(cli.run({"groups", "create", "portal-ops"}).exit_code == 0);

    auto result = cli.run({"groups", "members", "add", "ship:billing",
                           "alex.wong@acme-consulting.com", "ship:portal-ops"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "alex.wong@acme-consulting.com"));
    CHECK(contains(result.out, "portal-ops"));

    result = cli.run({"groups", "members", "list", "billing", "-o", "json"});
    CHECK(result.exit_code == 0);
    const auto members = nlohmann::json::parse(result.out)["members"];
    CHECK(members.size() == 2);
    CHECK(members[0]["type"] == "user");
    CHECK(members[1]["type"] == "group");

    result = cli.run({"groups", "members", "list", "billing", "--type", "user", "-o", "name"});
    CHECK(result.out == "alex_wong@techpass.gov.sg\n");

    result = cli.run_tty({"groups", "members", "list", "billing"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "vendor"));
    CHECK(contains(result.out, "portal-ops"));

    result = cli.run({"groups", "members", "add", "billing", "alex.wong@acme-consulting.com"});
    CHECK(result.exit_code == 6);

    result = cli.run({"groups", "members", "remove", "billing", "alex.wong@acme-consulting.com"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "refusing to remove without --yes when not on a terminal"));

    result = cli.run_tty(
        {"groups", "members", "remove", "billing", "alex.wong@acme-consulting.com"}, {{}, "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Remove alex.wong@acme-consulting.com from ship:billing? [y/N]"));
    CHECK(contains(result.out, "Removed alex.wong@acme-consulting.com from ship:billing"));

    result = cli.run({"groups", "members", "remove", "billing", "--group", "portal-ops", "--yes"});
    CHECK(result.exit_code == 0);

    result = cli.run(
        {"groups", "members", "remove", "billing", "alex.wong@acme-consulting.com", "--yes"});
    CHECK(result.exit_code == 5);
    CHECK(result.err ==
          "techpass: error: alex.wong@acme-consulting.com is not a member of ship:billing\n"
          "hint: see its members: techpass groups members list ship:billing\n");

    result = cli.run({"groups", "members", "list", "billing"});
    CHECK(result.err == "No members found\n");
}

TEST_CASE("groups members: ambiguous ids and other namespaces are usage errors") {
    const Cli cli;
    auto result =
        cli.run({"groups", "members", "add", "billing", "8c0ba94f-a425-4e0f-966f-8789f99f384c"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err,
                   "hint: say which: --user 8c0ba94f-a425-4e0f-966f-8789f99f384c or --group"));
    result = cli.run({"groups", "members", "add", "billing", "port:ops"});
    CHECK(result.exit_code == 2);
    result = cli.run({"groups", "members", "add", "billing"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "no member given"));
}

} // namespace test_group_members
