// techpass tenants request and tenants requests list|get against the
// emulator: a person asks, the TechPass team approves (an operator action of
// the emulator), and the new namespace is theirs to administer.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

namespace test_tenants {

using e2e::Cli;
using e2e::contains;

namespace {

// The seeded app's profile, signing in as a person by device code.
void use_device_code(const Cli& cli) {
    std::string profile = cli.profile_toml("ship");
    const std::string secret = fmt::format("client_secret = \"{}\"\n", e2e::k_client_secret);
    profile.replace(profile.find(secret), secret.size(), "auth = \"device_code\"\n");
    cli.write_config("default_profile = \"ship\"\n\n" + profile);
}

} // namespace

TEST_CASE("tenants: a person asks, the team approves, the namespace is theirs") {
    const Cli cli;
    // The automation app cannot ask: a tenant is requested by a person.
    auto result = cli.run({"tenants", "request", "ports", "--service", "Port Services",
                           "--description", "Port clearance", "--contact", "jane.tan@tech.gov.sg"});
    CHECK(result.exit_code == 4);
    CHECK(contains(result.err, "requested by a person"));

    use_device_code(cli);
    e2e::device_code_login(cli, "jane.tan@tech.gov.sg");

    const auto before = e2e::requests_in(cli.emulator_log());
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"tenants", "request", "P", "--service", "x", "--description", "y", "--contact",
              "jane.tan@tech.gov.sg"},
             {"tenants", "request", "PORTS", "--service", " padded", "--description", "y",
              "--contact", "jane.tan@tech.gov.sg"},
             {"tenants", "request", "PORTS", "--service", "x", "--description", "y", "--contact",
              "not-an-email"},
             {"tenants", "request", "PORTS", "--service", "x", "--description", "y"}}) {
        CHECK(cli.run(args).exit_code == 2);
    }
    CHECK(e2e::requests_in(cli.emulator_log()) == before);

    result =
        cli.run({"tenants", "request", "ports", "--service", "Port Services", "--description",
                 "Port clearance for vessels", "--contact", "jane.tan@tech.gov.sg", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    const auto sent = nlohmann::json::parse(result.out);
    CHECK(sent["namespace"] == "PORTS");
    CHECK(sent["status"] == "pending");
    const std::string id = sent["id"].get<std::string>();

    result = cli.run({"tenants", "request", "PORTS", "--service", "Again", "--description", "y",
                      "--contact", "jane.tan@tech.gov.sg"});
    CHECK(result.exit_code == 6);

    result = cli.run({"tenants", "requests", "list", "--status", "pending", "-o", "name"});
    CHECK(result.out == id + "\n");
    result = cli.run({"tenants", "requests", "get", id, "--jq", ".status"});
    CHECK(result.out == "pending\n");

    cli.control("POST", "tenants/requests/" + id + "/approve", nlohmann::json::object());
    result = cli.run({"tenants", "requests", "get", id, "--jq", ".status"});
    CHECK(result.out == "approved\n");

    result = cli.run({"namespaces", "list", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    bool found = false;
    const auto listed = nlohmann::json::parse(result.out);
    for (const auto& ns : listed["namespaces"]) {
        if (ns["code"] == "PORTS") {
            found = true;
            REQUIRE(ns["admins"].size() == 1);
            CHECK(ns["admins"][0]["email"] == "jane.tan@tech.gov.sg");
        }
    }
    CHECK(found);
    // The namespace has no API key yet: the gateway refuses its paths until one
    // exists, and says why; its admin creates the first with any live key.
    result = cli.run({"groups", "list", "-n", "PORTS"});
    CHECK(result.exit_code == 4);
    CHECK(contains(result.err, "belongs to namespace SHIP, not PORTS"));
    CHECK(contains(result.err, "techpass apikeys create NAME -n PORTS --out FILE"));
    const std::string key_file = cli.home().file("ports.key");
    result = cli.run({"apikeys", "create", "ports-ci", "-n", "PORTS", "--out", key_file});
    REQUIRE(result.exit_code == 0);
    // From then on the namespace takes only its own keys.
    result = cli.run({"apikeys", "create", "second", "-n", "PORTS"});
    CHECK(result.exit_code == 4);
    CHECK(contains(result.err, "belongs to namespace SHIP, not PORTS"));

    // Administered with its own key: a group, and its admin list.
    e2e::Run ports;
    ports.env = {{"TECHPASS_API_KEY", testsupport::read_file(key_file).substr(0, 44)},
                 {"TECHPASS_NAMESPACE", "PORTS"}};
    result = cli.run({"groups", "create", "clearance", "--description", "Port clearance"}, ports);
    CHECK(result.exit_code == 0);
    result = cli.run({"groups", "list", "-o", "name"}, ports);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "clearance"));
    result = cli.run({"namespaces", "admins", "list", "-o", "json"}, ports);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "jane.tan@tech.gov.sg"));
    result = cli.run({"apikeys", "list", "-o", "name"}, ports);
    CHECK(result.out == "ports-ci\n");
}

} // namespace test_tenants
