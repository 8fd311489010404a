// techpass api METHOD PATH.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_api {

using e2e::Cli;
using e2e::contains;

TEST_CASE("api GET prints the body") {
    const Cli cli;
    auto result = cli.run({"api", "GET", "/iam/namespaces"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["namespaces"][0]["code"] == "SHIP");

    result = cli.run({"api", "get", "/iam/namespace/{namespace}", "--jq", ".code"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "SHIP\n"); // strings print raw, as with gh --jq

    result = cli.run_tty({"api", "GET", "/iam/namespace/{namespace}/admins"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "jane.tan@tech.gov.sg"));
}

TEST_CASE("api sends bodies from arguments, files and standard input") {
    const Cli cli;
    auto result = cli.run(
        {"api", "POST", "/iam/namespace/{namespace}/groups", "--data", "{\"name\": \"a\"}"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["grn"] == "ship:a");

    const std::string file =
        cli.home().write("group.json", "{\"name\": \"b\", \"description\": \"from a file\"}");
    result = cli.run({"api", "POST", "/iam/namespace/SHIP/groups", "--data", "@" + file});
    CHECK(result.exit_code == 0);

    result = cli.run({"api", "PATCH", "/iam/namespace/SHIP/groups/b", "-d", "-"},
                     {{}, "{\"description\": \"from stdin\"}"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["description"] == "from stdin");

    result = cli.run({"api", "DELETE", "/iam/namespace/SHIP/groups/b", "-H", "X-Note: cleanup"});
    CHECK(result.exit_code == 0);

    result = cli.run({"api", "POST", "/iam/namespace/SHIP/groups", "--data", "{name: c}"});
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "techpass: error: --data is not valid JSON\nhint: check it with: jq . FILE\n");
}

TEST_CASE("api --paginate merges every page") {
    const Cli cli;
    for (const char* name : {"a", "b", "c", "d", "e"}) {
        REQUIRE(cli.run({"groups", "create", name}).exit_code == 0);
    }
    auto result = cli.run({"api", "GET", "/iam/namespace/SHIP/groups?size=2"});
    CHECK(nlohmann::json::parse(result.out)["groups"].size() == 2);
    result = cli.run({"api", "GET", "/iam/namespace/SHIP/groups?size=2", "--paginate"});
    CHECK(result.exit_code == 0);
    const auto document = nlohmann::json::parse(result.out);
    CHECK(document["groups"].size() == 5);
    CHECK(document["count"] == 5);
}

TEST_CASE("api errors print the body and exit with the status's code") {
    const Cli cli;
    auto result = cli.run({"api", "GET", "/iam/namespace/SHIP/groups/nosuch"});
    CHECK(result.exit_code == 5);
    CHECK(nlohmann::json::parse(result.out)["error"]["code"] == 404);
    CHECK(contains(result.err, "traceId: "));

    // A --jq filter is for the success shape; the error body is shown whole.
    result = cli.run({"api", "GET", "/iam/namespace/SHIP/groups/nosuch", "--jq", ".name"});
    CHECK(result.exit_code == 5);
    CHECK(nlohmann::json::parse(result.out)["error"]["code"] == 404);

    result = cli.run({"api", "FETCH", "/iam/namespaces"});
    CHECK(result.exit_code == 2);
    result = cli.run({"api", "GET", "iam/namespaces"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "must start with /"));
}

} // namespace test_api
