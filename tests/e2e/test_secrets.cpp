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
    // Each command, the exit status it must have (a failure could hide the
    // exchange), and what it sends (so --debug must have printed the
    // exchange whose secrets it claims to redact). The PORT namespace is
    // not the app's: those calls are refused (4), and their exchange shown.
    enum class Sends { Nothing, Token, Api };
    struct Command {
        std::vector<std::string> args;
        int exit_code;
        Sends sends;
    };
    const std::vector<Command> commands = {
        {{"auth", "status"}, 0, Sends::Nothing},
        {{"auth", "status", "-o", "json"}, 0, Sends::Nothing},
        {{"profile", "list", "-o", "json"}, 0, Sends::Nothing},
        {{"profile", "show"}, 0, Sends::Nothing},
        {{"profile", "show", "-o", "yaml"}, 0, Sends::Nothing},
        {{"namespaces", "list"}, 0, Sends::Api},
        {{"namespaces", "get", "-o", "json"}, 0, Sends::Api},
        {{"namespaces", "get", "PORT"}, 4, Sends::Api},
        {{"namespaces", "update", "--description", "x"}, 0, Sends::Api},
        {{"namespaces", "admins", "list"}, 0, Sends::Api},
        {{"namespaces", "admins", "add", "wei.ming.lim@tech.gov.sg"}, 0, Sends::Api},
        {{"namespaces", "admins", "remove", "wei.ming.lim@tech.gov.sg", "--yes"}, 0, Sends::Api},
        {{"groups", "create", "billing"}, 0, Sends::Api},
        {{"groups", "list", "-o", "json"}, 0, Sends::Api},
        {{"groups", "get", "billing"}, 0, Sends::Api},
        {{"groups", "update", "billing", "-d", "y"}, 0, Sends::Api},
        {{"groups", "members", "add", "billing", "alex.wong@acme-consulting.com"}, 0, Sends::Api},
        {{"groups", "members", "list", "billing"}, 0, Sends::Api},
        {{"groups", "members", "remove", "billing", "alex.wong@acme-consulting.com", "--yes"},
         0,
         Sends::Api},
        {{"groups", "get", "nosuch"}, 5, Sends::Api},
        {{"groups", "delete", "billing", "--yes"}, 0, Sends::Api},
        {{"api", "GET", "/iam/namespaces"}, 0, Sends::Api},
        {{"api", "POST", "/iam/namespace/SHIP/groups", "--data", "@" + file}, 0, Sends::Api},
        {{"api", "GET", "/iam/namespace/PORT"}, 4, Sends::Api},
        {{"users", "register", "siti.rahman@tech.gov.sg"}, 0, Sends::Api},
        {{"users", "list"}, 0, Sends::Api},
        {{"users", "get", "siti.rahman@tech.gov.sg", "-o", "json"}, 0, Sends::Api},
        {{"vendors", "invite", "tan.ah.kow@acme.com.sg", "--first-name", "Ah Kow", "--last-name",
          "Tan", "--mobile", "91234577", "--company", "Acme", "--department", "IT", "--agency",
          "GovTech", "--onshore"},
         0,
         Sends::Api},
        {{"vendors", "import", csv, "--report", cli.home().file("report.json")}, 0, Sends::Api},
        {{"vendors", "list"}, 0, Sends::Api},
        {{"invitations", "list", "-o", "json"}, 0, Sends::Api},
        {{"auth", "logout"}, 0, Sends::Nothing},
        {{"auth", "login"}, 0, Sends::Token},
        {{"auth", "status"}, 0, Sends::Nothing},
    };
    for (const auto& command : commands) {
        auto args = command.args;
        args.emplace_back("--debug");
        std::string line;
        for (const auto& arg : args) {
            line += arg + " ";
        }
        CAPTURE(line);
        const auto result = cli.run(args);
        CHECK(result.exit_code == command.exit_code);
        if (command.sends == Sends::Token) {
            CHECK(contains(result.err, "/oauth2/v2.0/token\n"));
            CHECK(contains(result.err, "client_secret=***"));
        }
        if (command.sends == Sends::Api) {
            CHECK(contains(result.err, "> x-api-key: ***\n"));
            CHECK(contains(result.err, "> Authorization: Bearer ***\n"));
            CHECK(contains(result.err, "< x-trace-id: "));
        }
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
