// No secret reaches stdout, stderr or --debug output, whatever the command.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <sstream>

namespace test_secrets {

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

namespace {

// Every regular file under dir (recursively), path -> content.
std::map<std::string, std::string> files_under(const std::string& dir) {
    std::map<std::string, std::string> found;
    if (!std::filesystem::exists(dir)) {
        return found;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            found[entry.path().string()] = testsupport::read_file(entry.path().string());
        }
    }
    return found;
}

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

// The values of one-time secrets in a --out file (the value alone) or a
// --secrets-out file (JSON Lines with secret or key).
std::vector<std::string> secrets_in(const std::string& text) {
    std::vector<std::string> values;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const auto parsed = nlohmann::json::parse(line, nullptr, false);
        if (parsed.is_object()) {
            for (const char* field : {"secret", "key"}) {
                if (parsed.contains(field)) {
                    values.push_back(parsed[field].get<std::string>());
                }
            }
        } else if (!line.empty()) {
            values.push_back(line);
        }
    }
    return values;
}

} // namespace

TEST_CASE("no command of the namespace objects shows a secret in any format, nor writes one to a "
          "report, journal or cache") {
    const Cli cli;
    const auto token = cli.run({"auth", "token"});
    REQUIRE(token.exit_code == 0);
    std::vector<std::string> secrets{e2e::k_client_secret, e2e::k_api_key,
                                     token.out.substr(0, token.out.size() - 1)};
    // A line from the middle of the example certificate's private key.
    {
        std::istringstream key(
            testsupport::read_file(testsupport::source_path("examples/certs/ship-automation.key")));
        std::string line;
        for (int i = 0; i < 5 && std::getline(key, line); ++i) {
        }
        REQUIRE(line.size() > 40);
        secrets.push_back(line);
    }
    std::vector<std::string> outputs; // every stdout and stderr, to grep at the end
    const auto run = [&cli, &outputs](std::vector<std::string> args, int exit_code) {
        const std::string line = fmt::format("{}", fmt::join(args, " "));
        CAPTURE(line);
        args.emplace_back("--debug");
        const auto result = cli.run(args);
        CHECK_MESSAGE(result.exit_code == exit_code, result.err);
        outputs.push_back(line + "\n" + result.out + result.err);
        return result;
    };

    // One-time secrets made by this round's commands go to 0600 files only.
    const auto receiver = cli.start(
        {"webhooks", "listen", "--port", "0", "--secret-file", cli.home().file("listened.secret")});
    const std::string receiver_url = e2e::listener_url(*receiver);
    const std::string app_secret = cli.home().file("app.secret");
    const std::string api_key = cli.home().file("api.key");
    const std::string hook_secret = cli.home().file("hook.secret");
    const std::string secrets_out = cli.home().file("new-secrets.jsonl");
    run({"apps", "secrets", "add", "ship-automation", "-d", "rotation", "--out", app_secret}, 0);
    run({"apikeys", "create", "ci-2028", "--out", api_key}, 0);
    run({"webhooks", "create", "--url", receiver_url, "-e", "user-registered", "--out",
         hook_secret},
        0);
    std::filesystem::create_directories(cli.home().file("certs"));
    std::filesystem::copy_file(testsupport::source_path("examples/certs/ship-automation.crt"),
                               cli.home().file("certs/ship-automation.crt"));
    const std::string tenant = cli.home().write(
        "tenant.toml",
        "namespace = \"SHIP\"\n\n[[groups]]\nname = \"portal-ops\"\nmembers = "
        "[\"jane.tan@tech.gov.sg\", \"wei.ming.lim@tech.gov.sg\"]\n\n[[apps]]\nname = "
        "\"ship-portal\"\nredirect_urls = "
        "[\"http://localhost:3000/callback\"]\nassignment_required "
        "= true\nassign_groups = [\"portal-ops\"]\ncertificates = "
        "[\"certs/ship-automation.crt\"]\nsecrets = [\"portal production\"]\n\n[[apikeys]]\nname = "
        "\"ci-2027\"\n");
    run({"apply", "-f", tenant, "--yes", "--secrets-out", secrets_out}, 0);
    for (const std::string& file :
         std::vector<std::string>{app_secret, api_key, hook_secret, secrets_out}) {
        CAPTURE(file);
        CHECK(mode_of(file) == 0600);
        const auto values = secrets_in(testsupport::read_file(file));
        CHECK_FALSE(values.empty());
        secrets.insert(secrets.end(), values.begin(), values.end());
    }
    REQUIRE(secrets.size() == 4 + 3 + 2);

    // Reports, journals and exports written by the bulk commands.
    const std::string vendors = cli.home().write(
        "vendors.csv",
        "email,first_name,last_name,mobile,company,department,sponsoring_agency,"
        "business_operation\nli.na@acme.com.sg,Li,Na,91234567,Acme,IT,GovTech,onshore\n");
    const std::string users = cli.home().write("users.csv", "email\nnew.officer@tech.gov.sg\n");
    const std::string review = cli.home().file("review.csv");
    run({"vendors", "import", vendors, "--report", cli.home().file("vendors-report.json")}, 0);
    run({"users", "import", users, "--report", cli.home().file("users-report.csv")}, 0);
    run({"whitelists", "add", "ship-automation", "acme.example.sg", "--report",
         cli.home().file("whitelist-report.json")},
        0);
    run({"access", "review", "--out", review}, 0);
    run({"access", "apply", review, "--yes"}, 0);
    run({"export", "--out", cli.home().file("exported.toml")}, 0);

    // Every reading command of this round, in every format.
    for (const char* format : {"table", "json", "yaml", "csv"}) {
        for (const std::vector<std::string>& args :
             std::vector<std::vector<std::string>>{{"apps", "list"},
                                                   {"apps", "get", "ship-automation"},
                                                   {"apps", "secrets", "list", "ship-automation"},
                                                   {"apps", "certs", "list", "ship-portal"},
                                                   {"apps", "assignments", "list", "ship-portal"},
                                                   {"apikeys", "list"},
                                                   {"webhooks", "list"},
                                                   {"whitelists", "list", "ship-automation"},
                                                   {"access", "review"},
                                                   {"namespaces", "get"}}) {
            auto with_format = args;
            with_format.insert(with_format.end(), {"-o", format});
            run(with_format, 0);
        }
    }
    run({"users", "forecast", "-o", "json"}, 10); // 10: someone is in the forecast
    run({"apps", "try-signin", "ship-portal", "--no-browser", "--timeout", "1"}, 8);
    run({"plan", "-f", tenant, "-o", "json"}, 0);
    run({"apply", "-f", tenant, "--yes", "--secrets-out", secrets_out}, 0);
    run({"export"}, 0);
    // Error paths: a refused key, a refused secret.
    run({"apikeys", "create", "ci-2028", "--out", cli.home().file("again.key")}, 6);
    run({"apps", "secrets", "add", "ship-automation", "--out", app_secret}, 2);

    for (const auto& output : outputs) {
        for (const auto& secret : secrets) {
            CHECK_FALSE_MESSAGE(contains(output, secret), output.substr(0, output.find('\n')));
        }
    }
    // Files techpass wrote besides the 0600 secret files: reports, review,
    // export, journals, the token cache (which holds only tokens, never the
    // client secret or an API key).
    const auto written = files_under(cli.home().path());
    for (const auto& file : written) {
        const std::string& path = file.first;
        const std::string& content = file.second;
        if (path == app_secret || path == api_key || path == hook_secret || path == secrets_out ||
            path == cli.config_path() || path.find("/certs/") != std::string::npos) {
            continue;
        }
        CAPTURE(path);
        const bool cache = path.find("/cache/") != std::string::npos;
        if (cache) {
            CHECK(mode_of(path) == 0600);
        }
        for (std::size_t i = 0; i < secrets.size(); ++i) {
            if (cache && i == 2) {
                continue; // the cached access token itself
            }
            CHECK_FALSE(contains(content, secrets[i]));
        }
    }
}

} // namespace test_secrets
