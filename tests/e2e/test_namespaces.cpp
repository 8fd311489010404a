// techpass namespaces list|get|update and namespaces admins list|add|remove.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_namespaces {

using e2e::Cli;
using e2e::contains;

TEST_CASE("namespaces list and get") {
    const Cli cli;
    SUBCASE("piped") {
        auto result = cli.run({"namespaces", "list"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "CODE"));
        CHECK(contains(result.out, "SHIP"));
        CHECK(contains(result.out, "jane.tan@tech.gov.sg"));
        result = cli.run({"namespaces", "list", "-o", "name"});
        CHECK(result.out == "SHIP\n");
        result = cli.run({"namespaces", "get", "-o", "json"});
        CHECK(result.exit_code == 0);
        const auto ns = nlohmann::json::parse(result.out);
        CHECK(ns["code"] == "SHIP");
        CHECK(ns["displayName"] == "Shipping Services");
        CHECK(ns["admins"][0]["email"] == "jane.tan@tech.gov.sg");
        result = cli.run({"namespaces", "get", "ship", "--jq", ".displayName"});
        CHECK(result.out == "Shipping Services\n");
    }
    SUBCASE("on a terminal") {
        auto result = cli.run_tty({"namespaces", "list"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "SHIP"));
        result = cli.run_tty({"namespaces", "get"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Shipping Services"));
    }
}

TEST_CASE("namespaces update") {
    const Cli cli;
    auto result =
        cli.run({"namespaces", "update", "--description", "Ports and ships", "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "Would send PATCH /iam/namespace/SHIP"));
    CHECK_FALSE(contains(cli.emulator_log(), "PATCH"));

    result = cli.run({"namespaces", "update", "--description", "Ports and ships", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["description"] == "Ports and ships");

    result = cli.run_tty({"namespaces", "update", "SHIP", "--display-name", "Shipping"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Updated namespace SHIP"));

    result = cli.run({"namespaces", "update"});
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "techpass: error: nothing to change\nhint: pass --display-name or --description\n");
}

TEST_CASE("another namespace is refused with 403, an unknown one is 404") {
    const Cli cli(e2e::k_port_namespace);
    auto result = cli.run({"namespaces", "get", "PORT"});
    CHECK(result.exit_code == 4);
    CHECK(contains(result.err, "techpass: error: "));
    CHECK(contains(result.err, "PORT"));
    CHECK(contains(result.err, "traceId: "));
    result = cli.run({"groups", "list", "-n", "PORT"});
    CHECK(result.exit_code == 4);
    result = cli.run({"namespaces", "get", "NOPE"});
    CHECK((result.exit_code == 5 || result.exit_code == 4));
}

TEST_CASE("namespaces admins list, add and remove") {
    const Cli cli;
    auto result = cli.run({"namespaces", "admins", "list", "-o", "name"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "jane.tan@tech.gov.sg\n");

    result = cli.run({"namespaces", "admins", "add", "wei.ming.lim@tech.gov.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "wei.ming.lim@tech.gov.sg"));

    SUBCASE("twice is a conflict") {
        result = cli.run({"namespaces", "admins", "add", "wei.ming.lim@tech.gov.sg"});
        CHECK(result.exit_code == 6);
        CHECK(contains(result.err, "techpass: error: "));
        CHECK(contains(result.err, "traceId: "));
    }
    SUBCASE("a vendor cannot be an admin") {
        result = cli.run({"namespaces", "admins", "add", "alex.wong@acme-consulting.com"});
        CHECK(result.exit_code == 2);
    }
    SUBCASE("removal needs --yes when piped") {
        result = cli.run({"namespaces", "admins", "remove", "wei.ming.lim@tech.gov.sg"});
        CHECK(result.exit_code == 2);
        CHECK(result.err ==
              "techpass: error: refusing to remove without --yes when not on a terminal\n"
              "hint: pass --yes to confirm\n");
        result = cli.run({"namespaces", "admins", "remove", "wei.ming.lim@tech.gov.sg", "--yes"});
        CHECK(result.exit_code == 0);
        result = cli.run({"namespaces", "admins", "list", "-o", "name"});
        CHECK(result.out == "jane.tan@tech.gov.sg\n");
    }
    SUBCASE("removal asks on a terminal") {
        result = cli.run_tty({"namespaces", "admins", "remove", "wei.ming.lim@tech.gov.sg"},
                             {{}, "y\n"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Remove wei.ming.lim@tech.gov.sg as an admin of SHIP? [y/N]"));
        CHECK(contains(result.out, "Removed wei.ming.lim@tech.gov.sg as an admin of SHIP"));
    }
    SUBCASE("the last admin stays") {
        CHECK(cli.run({"namespaces", "admins", "remove", "wei.ming.lim@tech.gov.sg", "-y"})
                  .exit_code == 0);
        result = cli.run({"namespaces", "admins", "remove", "jane.tan@tech.gov.sg", "-y"});
        CHECK(result.exit_code == 6);
    }
    SUBCASE("an unknown admin is not found") {
        result = cli.run({"namespaces", "admins", "remove", "nobody@tech.gov.sg", "--yes"});
        CHECK(result.exit_code == 5);
    }
}

TEST_CASE("the namespace is an argument of every command that acts on one namespace") {
    // The profile's namespace is SHIP; PORT exists but the app has no rights on it.
    const Cli cli(e2e::k_port_namespace);
    auto result = cli.run({"namespaces", "admins", "list", "SHIP", "-o", "name"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "jane.tan@tech.gov.sg\n");

    // The argument is the namespace the request goes to, not the profile's.
    result = cli.run({"namespaces", "admins", "list", "PORT"});
    CHECK(result.exit_code == 4);
    CHECK(contains(cli.emulator_log(), "GET /iam/namespace/PORT/admins"));
    result = cli.run({"namespaces", "admins", "add", "wei.ming.lim@tech.gov.sg", "PORT"});
    CHECK(result.exit_code == 4);
    CHECK(contains(cli.emulator_log(), "POST /iam/namespace/PORT/admins"));
    result = cli.run({"export", "PORT"});
    CHECK(result.exit_code == 4);

    result = cli.run({"namespaces", "admins", "add", "wei.ming.lim@tech.gov.sg", "ship"});
    CHECK(result.exit_code == 0);
    result = cli.run({"namespaces", "admins", "remove", "wei.ming.lim@tech.gov.sg", "SHIP", "-y"});
    CHECK(result.exit_code == 0);
    CHECK(cli.run({"namespaces", "admins", "list", "SHIP", "-o", "name"}).out ==
          "jane.tan@tech.gov.sg\n");
    result = cli.run({"export", "SHIP"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "namespace = \"SHIP\""));

    // Named twice, differently: refused before anything is sent.
    const std::size_t before = e2e::requests_in(cli.emulator_log());
    for (const auto& args :
         {std::vector<std::string>{"namespaces", "admins", "list", "SHIP", "-n", "PORT"},
          std::vector<std::string>{"namespaces", "get", "PORT", "-n", "SHIP"},
          std::vector<std::string>{"export", "SHIP", "-n", "PORT"}}) {
        result = cli.run(args);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "techpass: error: two namespaces given: "));
    }
    CHECK(e2e::requests_in(cli.emulator_log()) == before);
    // The same one twice is fine.
    CHECK(cli.run({"namespaces", "admins", "list", "SHIP", "-n", "ship"}).exit_code == 0);
}

} // namespace test_namespaces
