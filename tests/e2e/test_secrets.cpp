// No secret reaches stdout, stderr or --debug output, whatever the command.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

using e2e::Cli;
using e2e::contains;

TEST_CASE("no command shows a known secret, even with --debug") {
    const Cli cli(e2e::k_port_namespace);
    REQUIRE(cli.run({"auth", "login"}).exit_code == 0);
    const auto token = cli.run({"auth", "token"});
    REQUIRE(token.exit_code == 0);
    const std::string access_token = token.out.substr(0, token.out.size() - 1);
    const std::vector<std::string> secrets{e2e::k_client_secret, e2e::k_api_key, access_token};

    const std::string file = cli.home().write("body.json", "{\"name\": \"from-file\"}");
    const std::string csv = cli.home().write(
        "vendors.csv",
        "email,first_name,last_name,mobile,company,department,sponsoring_agency,"
        "business_operation\nli.na@acme.com.sg,Li,Na,91234567,Acme,IT,GovTech,onshore\n");
    const std::vector<std::vector<std::string>> commands = {
        {"auth", "status"},
        {"auth", "status", "-o", "json"},
        {"profile", "list", "-o", "json"},
        {"profile", "show"},
        {"profile", "show", "-o", "yaml"},
        {"namespaces", "list"},
        {"namespaces", "get", "-o", "json"},
        {"namespaces", "get", "PORT"},
        {"namespaces", "update", "--description", "x"},
        {"namespaces", "admins", "list"},
        {"namespaces", "admins", "add", "wei.ming.lim@tech.gov.sg"},
        {"namespaces", "admins", "remove", "wei.ming.lim@tech.gov.sg", "--yes"},
        {"groups", "create", "billing"},
        {"groups", "list", "-o", "json"},
        {"groups", "get", "billing"},
        {"groups", "update", "billing", "-d", "y"},
        {"groups", "members", "add", "billing", "alex.wong@acme-consulting.com"},
        {"groups", "members", "list", "billing"},
        {"groups", "members", "remove", "billing", "alex.wong@acme-consulting.com", "--yes"},
        {"groups", "get", "nosuch"},
        {"groups", "delete", "billing", "--yes"},
        {"api", "GET", "/iam/namespaces"},
        {"api", "POST", "/iam/namespace/SHIP/groups", "--data", "@" + file},
        {"api", "GET", "/iam/namespace/PORT"},
        {"users", "register", "siti.rahman@tech.gov.sg"},
        {"users", "list"},
        {"users", "get", "siti.rahman@tech.gov.sg", "-o", "json"},
        {"vendors", "invite", "tan.ah.kow@acme.com.sg", "--first-name", "Ah Kow", "--last-name",
         "Tan", "--mobile", "91234568", "--company", "Acme", "--department", "IT", "--agency",
         "GovTech", "--onshore"},
        {"vendors", "import", csv, "--report", cli.home().file("report.json")},
        {"vendors", "list"},
        {"invitations", "list", "-o", "json"},
        {"auth", "logout"},
        {"auth", "login"},
        {"auth", "status"},
    };
    for (auto args : commands) {
        args.emplace_back("--debug");
        std::string line;
        for (const auto& arg : args) {
            line += arg + " ";
        }
        CAPTURE(line);
        const auto result = cli.run(args);
        for (const auto& secret : secrets) {
            CHECK_FALSE(contains(result.out, secret));
            CHECK_FALSE(contains(result.err, secret));
        }
    }
}

TEST_CASE("secrets from the environment are not shown either") {
    const Cli cli;
    cli.write_config("default_profile = \"ship\"\n\n[profiles.ship]\napi_url = \"" + cli.url() +
                     "\"\nauthority = \"" + cli.url() + "\"\ndirectory_id = \"" +
                     e2e::k_directory_id + "\"\nclient_id = \"" + e2e::k_client_id +
                     "\"\nnamespace = \"SHIP\"\nclient_secret = { env = \"SHIP_SECRET\" }\n");
    const e2e::Run run{
        {{"SHIP_SECRET", e2e::k_client_secret}, {"TECHPASS_API_KEY", e2e::k_api_key}}};
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"groups", "list", "--debug"},
          {"profile", "show", "--debug"},
          {"auth", "status", "--debug"},
          {"profile", "show", "-o", "json"}}) {
        const auto result = cli.run(args, run);
        CHECK(result.exit_code == 0);
        CHECK_FALSE(contains(result.out + result.err, e2e::k_client_secret));
        CHECK_FALSE(contains(result.out + result.err, e2e::k_api_key));
    }
}
