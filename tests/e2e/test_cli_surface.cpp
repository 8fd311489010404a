// The CLI surface without a portal: version, help, "did you mean", usage errors.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

namespace test_cli_surface {

using e2e::contains;

namespace {

// techpass alone, no emulator, in home (an empty one unless given).
testsupport::RunResult techpass_in(const testsupport::TempDir& home,
                                   const std::vector<std::string>& args, bool on_terminal = false) {
    testsupport::RunOptions options;
    options.env = {{"HOME", home.path()},
                   {"XDG_CONFIG_HOME", home.file("config")},
                   {"XDG_CACHE_HOME", home.file("cache")},
                   {"TERM", "xterm"}};
    options.unset_env = {"TECHPASS_PROFILE", "TECHPASS_CONFIG", "TECHPASS_API_URL", "CI",
                         "NO_COLOR"};
    std::vector<std::string> argv{TECHPASS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return on_terminal ? e2e::run_on_terminal(argv, options) : testsupport::run(argv, options);
}

testsupport::RunResult techpass(const std::vector<std::string>& args, bool on_terminal = false) {
    static const testsupport::TempDir home;
    return techpass_in(home, args, on_terminal);
}

// Every command path, as `techpass --help` and its children list them.
std::vector<std::string> command_paths() {
    return {"",
            "auth",
            "auth login",
            "auth status",
            "auth token",
            "auth logout",
            "profile",
            "profile list",
            "profile show",
            "profile use",
            "profile set",
            "profile add",
            "profile remove",
            "users",
            "users register",
            "users invite",
            "users list",
            "users get",
            "users disable",
            "users enable",
            "users delete",
            "users import",
            "invitations",
            "invitations list",
            "invitations get",
            "invitations resend",
            "invitations revoke",
            "vendors",
            "vendors invite",
            "vendors list",
            "vendors get",
            "vendors update",
            "vendors request-seed",
            "vendors import",
            "namespaces",
            "namespaces list",
            "namespaces get",
            "namespaces update",
            "namespaces admins",
            "namespaces admins list",
            "namespaces admins add",
            "namespaces admins remove",
            "groups",
            "groups list",
            "groups get",
            "groups create",
            "groups update",
            "groups delete",
            "groups members",
            "groups members list",
            "groups members add",
            "groups members remove",
            "api",
            "completion",
            "version"};
}

std::vector<std::string> words(const std::string& path) {
    std::vector<std::string> result;
    std::size_t start = 0;
    while (start < path.size()) {
        const auto end = std::min(path.find(' ', start), path.size());
        result.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return result;
}

} // namespace

TEST_CASE("techpass version and techpass --version print the version") {
    const std::regex version("techpass version [0-9]+\\.[0-9]+\\.[0-9]+\n");
    for (const auto& args :
         {std::vector<std::string>{"version"}, std::vector<std::string>{"--version"}}) {
        const auto piped = techpass(args);
        CHECK(piped.exit_code == 0);
        CHECK(std::regex_match(piped.out, version));
        CHECK(piped.err.empty());
        const auto terminal = techpass(args, true);
        CHECK(terminal.exit_code == 0);
        CHECK(std::regex_match(terminal.out, version));
    }
}

TEST_CASE("every command has help that ends with examples") {
    for (const auto& path : command_paths()) {
        CAPTURE(path);
        auto args = words(path);
        args.emplace_back("--help");
        const auto result = techpass(args);
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        CHECK(contains(result.out, "Usage:\n  techpass" + (path.empty() ? "" : " " + path)));
        const auto examples = result.out.rfind("\nExamples:\n");
        REQUIRE(examples != std::string::npos);
        // Nothing but examples after the heading.
        const std::string tail = result.out.substr(examples + 11);
        CHECK(contains(tail, "  $ techpass"));
        CHECK_FALSE(contains(tail, "\n\n"));
    }
}

TEST_CASE("help looks the same on a terminal") {
    const auto piped = techpass({"groups", "list", "--help"});
    const auto terminal = techpass({"groups", "list", "--help"}, true);
    CHECK(terminal.exit_code == 0);
    CHECK(terminal.out == piped.out);
}

TEST_CASE("a command that groups others prints its help") {
    const auto result = techpass({"groups"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Commands:\n  list "));
    CHECK(contains(result.out, "  members "));
}

TEST_CASE("unknown commands and flags get a did you mean") {
    SUBCASE("a command") {
        const auto result = techpass({"grups", "list"});
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err == "techpass: error: unknown command \"grups\" for \"techpass\"\n"
                            "hint: did you mean \"techpass groups\"?\n");
    }
    SUBCASE("a verb") {
        const auto result = techpass({"groups", "members", "ad", "ship:billing"});
        CHECK(result.exit_code == 2);
        CHECK(result.err ==
              "techpass: error: unknown command \"ad\" for \"techpass groups members\"\n"
              "hint: did you mean \"techpass groups members add\"?\n");
    }
    SUBCASE("a flag of the command") {
        const auto result = techpass({"groups", "list", "--limt", "3"});
        CHECK(result.exit_code == 2);
        CHECK(result.err ==
              "techpass: error: unknown flag \"--limt\" for \"techpass groups list\"\n"
              "hint: did you mean \"--limit\"?\n");
    }
    SUBCASE("a global flag after the command") {
        const auto result = techpass({"groups", "list", "--no-inptu"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "hint: did you mean \"--no-input\"?\n"));
    }
    SUBCASE("nothing near") {
        const auto result = techpass({"frobnicate"});
        CHECK(result.exit_code == 2);
        CHECK(result.err == "techpass: error: unknown command \"frobnicate\" for \"techpass\"\n"
                            "hint: run 'techpass --help' for the list of commands\n");
    }
    SUBCASE("on a terminal too") {
        const auto result = techpass({"namespace", "list"}, true);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.out, "unknown command \"namespace\" for \"techpass\""));
        CHECK(contains(result.out, "did you mean \"techpass namespaces\"?"));
    }
}

TEST_CASE("--help after an unknown command or flag is the same error, not the root's help") {
    for (const auto& args :
         {std::vector<std::string>{"grups", "list"}, std::vector<std::string>{"groups", "lst"},
          std::vector<std::string>{"groups", "members", "ad", "x"},
          std::vector<std::string>{"groups", "list", "--limt", "3"},
          std::vector<std::string>{"frobnicate"}}) {
        const auto without = techpass(args);
        auto with_help = args;
        with_help.emplace_back("--help");
        const auto with = techpass(with_help);
        CAPTURE(with_help);
        CHECK(with.exit_code == 2);
        CHECK(with.out.empty());
        CHECK(with.err == without.err);
        CHECK(contains(with.err, "techpass: error: unknown "));
        // --help first, too.
        auto help_first = args;
        help_first.insert(help_first.begin() + 1, "--help");
        CHECK(techpass(help_first).exit_code == 2);
    }
    // A verb's arguments are not commands: its help is printed.
    const auto result = techpass({"groups", "get", "ship:billing", "--help"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Usage:\n  techpass groups get <group>"));
}

TEST_CASE("the root help's summary names what every command administers") {
    const auto result = techpass({"--help"});
    REQUIRE(result.exit_code == 0);
    const std::string summary = result.out.substr(0, result.out.find("\n\nUsage:"));
    std::string flat = summary;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    for (const char* phrase :
         {"public officers' accounts", "vendor onboarding", "tenant namespaces and their admins",
          "groups and their members", "apps (redirect URLs, secrets, certificates", "API keys",
          "webhooks", "OTP whitelists", "requests for new tenants", "access reviews",
          "(plan, apply, export)", "raw API calls", "techpass-config(5)"}) {
        CAPTURE(phrase);
        CHECK(contains(flat, phrase));
    }
    // Laid out for 80 columns like the rest of the help.
    std::size_t start = 0;
    for (std::size_t end = summary.find('\n'); start < summary.size();
         end = summary.find('\n', start)) {
        end = end == std::string::npos ? summary.size() : end;
        CHECK(end - start <= 80);
        start = end + 1;
    }
}

TEST_CASE("a first run without a config file is told to add a profile, and the hint works") {
    const testsupport::TempDir home;
    for (const auto& args : {std::vector<std::string>{"groups", "list"},
                             std::vector<std::string>{"namespaces", "admins", "list"},
                             std::vector<std::string>{"auth", "login"}}) {
        CAPTURE(args);
        const auto result = techpass_in(home, args);
        CHECK(result.exit_code == 3);
        CHECK(contains(result.err, "configured: there is no profile ("));
        CHECK(contains(result.err, "config.toml does not exist)\n"));
        CHECK(contains(result.err, "hint: add one: techpass profile add NAME --"));
    }
    auto result = techpass_in(home, {"groups", "list"});
    // HOME is the home: the path is shown from ~.
    CHECK(result.err == "techpass: error: no api_url configured: there is no profile "
                        "(~/config/techpass/config.toml does not exist)\n"
                        "hint: add one: techpass profile add NAME --api-url VALUE (it asks for "
                        "the others on a terminal), or set TECHPASS_API_URL\n");
    // Run the hint as written, NAME and VALUE filled in.
    const std::string hint = result.err.substr(result.err.find("techpass profile add"));
    std::vector<std::string> args = words(hint.substr(9, hint.find(" (") - 9));
    REQUIRE(args.size() == 5);
    args[2] = "dev";
    args[4] = "http://127.0.0.1:8080";
    result = techpass_in(home, args);
    CHECK(result.exit_code == 0);
    CHECK(contains(testsupport::read_file(home.file("config/techpass/config.toml")),
                   "api_url = \"http://127.0.0.1:8080\""));
    // Now what is missing is the namespace.
    result = techpass_in(home, {"groups", "list"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "techpass: error: no namespace to act on\n"));
    // And the hint for a missing key of a profile names a command that works too.
    result = techpass_in(home, {"auth", "login"});
    CHECK(result.exit_code == 3);
    CHECK(contains(result.err, "hint: run: techpass -p dev profile set directory_id VALUE, or set "
                               "TECHPASS_DIRECTORY_ID\n"));
    args = words(result.err.substr(result.err.find("techpass -p") + 9));
    REQUIRE(args.size() >= 6);
    args.resize(6);
    args[5] = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11";
    result = techpass_in(home, args);
    CHECK(result.exit_code == 0);
    CHECK(contains(testsupport::read_file(home.file("config/techpass/config.toml")),
                   "directory_id = \"5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11\""));
}

TEST_CASE("usage errors exit 2 and send nothing") {
    // Against a live emulator, so that "nothing sent" is checked, not assumed.
    const e2e::Cli cli;
    const std::size_t before = e2e::requests_in(cli.emulator_log());
    const auto techpass = [&cli](const std::vector<std::string>& args) {
        return cli.run(args);
    };
    SUBCASE("a missing argument") {
        const auto result = techpass({"groups", "get"});
        CHECK(result.exit_code == 2);
        CHECK(result.err == "techpass: error: group is required\n"
                            "hint: run 'techpass groups get --help' for usage\n");
    }
    SUBCASE("an extra argument") {
        const auto result = techpass({"version", "now"});
        CHECK(result.exit_code == 2);
        CHECK(result.err ==
              "techpass: error: unexpected argument \"now\" for \"techpass version\"\n"
              "hint: run 'techpass version --help' for usage\n");
    }
    SUBCASE("an unknown output format") {
        const auto result = techpass({"groups", "list", "-o", "jsn"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "techpass: error: "));
        CHECK(contains(result.err, "json"));
    }
    SUBCASE("a bad value") {
        const auto result = techpass({"groups", "list", "--timeout", "soon"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "techpass: error: --timeout"));
    }
    SUBCASE("an invalid group name") {
        const auto result = techpass({"groups", "create", "SHIP:Billing Team", "--dry-run"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "techpass: error: invalid group name \"Billing Team\"\n"));
    }
    CHECK(e2e::requests_in(cli.emulator_log()) == before);
    // The count does see a request when one is sent.
    CHECK(cli.run({"groups", "list"}).exit_code == 0);
    CHECK(e2e::requests_in(cli.emulator_log()) > before);
}

} // namespace test_cli_surface
