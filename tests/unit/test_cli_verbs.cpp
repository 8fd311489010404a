// The verbs in process, against a scripted portal (cli_harness.hpp): what
// they check before sending, the shapes of their output and their error
// paths. What crosses the wire for real is in tests/e2e.

#include "cli_harness.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace test_cli_verbs {

using testsupport::CliHarness;
using testsupport::CliRun;

namespace {

const char* const k_groups_page =
    R"({"count":2,"lastKey":"","groups":[)"
    R"({"id":"g-1","name":"billing","grn":"ship:billing","description":"Billing officers","created":"2026-01-02T03:04:05Z"},)"
    R"({"id":"g-2","name":"ops","grn":"ship:ops","description":"","created":"2026-01-03T03:04:05Z"}]})";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("verbs: groups list prints each output format from one answer") {
    CliHarness cli;
    cli.expect_sign_in();
    for (int i = 0; i < 5; ++i) {
        cli.portal().json("GET", "/iam/namespace/SHIP/groups", 200, k_groups_page);
    }

    CliRun run = cli.run({"groups", "list", "-o", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    const auto document = nlohmann::json::parse(run.out);
    CHECK(document["groups"].size() == 2);
    CHECK(document["groups"][0]["grn"] == "ship:billing");

    run = cli.run({"groups", "list", "-o", "name"});
    CHECK(run.out == "ship:billing\nship:ops\n");

    run = cli.run({"groups", "list", "--fields", "name,description", "-o", "csv"});
    CHECK(run.out == "name,description\r\nbilling,Billing officers\r\nops,\r\n");

    run = cli.run({"groups", "list", "--jq", ".groups[].id"});
    CHECK(run.out == "g-1\ng-2\n");

    run = cli.run_tty({"groups", "list"});
    CHECK(run.code == 0);
    CHECK(contains(run.out, "GRN"));
    CHECK(contains(run.out, "ship:billing"));
    cli.portal().verify();
}

TEST_CASE("verbs: flag and argument errors send nothing") {
    CliHarness cli;
    const std::vector<std::vector<std::string>> command_lines = {
        {"groups", "list", "-o", "jsn"},
        {"groups", "list", "--fields", "nmae"},
        {"groups", "list", "-o", "csv", "--jq", ".groups"},
        {"users", "get", ".."},
        {"groups", "delete", "."},
        {"groups", "delete", "billing"},
        {"vendors", "invite", "ahmad@acme.com.sg", "--no-input"},
        {"users", "register", "not-an-email"},
    };
    for (const auto& args : command_lines) {
        std::string line;
        for (const auto& arg : args) {
            line += arg + " ";
        }
        CAPTURE(line);
        const CliRun run = cli.run(args);
        CHECK(run.code == 2);
        CHECK(contains(run.err, "techpass: error: "));
        CHECK(run.out.empty());
    }
    CHECK(cli.portal().requests().empty());
}

TEST_CASE("verbs: portal errors map to exit codes, with the trace id") {
    CliHarness cli;
    cli.expect_sign_in();
    cli.portal().json(
        "GET", "/iam/namespace/SHIP/groups/nosuch", 404,
        R"({"error":{"code":404,"message":"group 'nosuch' not found","traceId":"trace-404"}})");
    CliRun run = cli.run({"groups", "get", "nosuch"});
    INFO(run.err);
    CHECK(run.code == 5);
    CHECK(contains(run.err, "group 'nosuch' not found"));
    CHECK(contains(run.err, "traceId: trace-404"));
    CHECK(run.out.empty());

    cli.portal().json("GET", "/iam/namespace/SHIP/groups", 200, k_groups_page);
    cli.portal().json("POST", "/iam/namespace/SHIP/groups", 409,
                      R"({"error":{"code":409,"message":"group 'billing' already exists",)"
                      R"("traceId":"trace-409"}})");
    run = cli.run({"groups", "create", "billing"});
    CHECK(run.code == 6);
    CHECK(contains(run.err, "already exists"));

    cli.portal().json("GET", "/iam/namespace/SHIP/groups", 401,
                      R"({"error":{"code":401,"message":"invalid API key","traceId":"t"}})");
    run = cli.run({"groups", "list"});
    CHECK(run.code == 4);
    CHECK(contains(run.err, "api_key"));
    CHECK_FALSE(contains(run.err, "key-value"));
    cli.portal().verify();
}

TEST_CASE("verbs: commands without a request body send none") {
    CliHarness cli;
    cli.expect_sign_in();
    cli.portal().on("POST", "/iam/users/u-1/disable", 204);
    cli.portal().on("POST", "/iam/users/u-1/enable", 204);
    CHECK(cli.run({"users", "disable", "u-1", "--yes"}).code == 0);
    CHECK(cli.run({"users", "enable", "u-1"}).code == 0);
    const auto requests = cli.api_requests();
    REQUIRE(requests.size() == 2);
    for (const auto& request : requests) {
        CHECK(request.body.empty());
        CHECK(testsupport::header_of(request, "Content-Type").empty());
    }
}

TEST_CASE("verbs: --dry-run says what it would send and sends nothing") {
    CliHarness cli;
    const CliRun run = cli.run({"groups", "create", "audit", "--dry-run"});
    INFO(run.err);
    CHECK(run.code == 0);
    CHECK(contains(run.err, "Would send POST /iam/namespace/SHIP/groups"));
    CHECK(cli.portal().requests().empty());
}

} // namespace test_cli_verbs
