// cli/app/application: parsing, the catch site and help, in process.

#include "app/application.hpp"
#include "app/docs.hpp"
#include "app/help.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <sstream>

namespace test_cli_application {

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// Runs a command line as main does (with the tree it can reach), or with
// the whole command tree.
Run run(const std::vector<std::string>& args, bool whole_tree = false) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    techpass::MapEnvironment env(
        {{"HOME", "/nonexistent"}, {"TECHPASS_CONFIG", "/nonexistent/config.toml"}});
    techpass::FakeClock clock;
    const techpass::Terminal terminal{in, out, err};
    auto app = whole_tree
                   ? std::make_unique<techpass::cli::Application>(terminal, env, clock)
                   : std::make_unique<techpass::cli::Application>(terminal, env, clock, args);
    Run result;
    result.code = app->run(args);
    result.out = out.str();
    result.err = err.str();
    return result;
}

// The top-level commands an application built for a command line holds.
std::vector<std::string> built_nouns(const std::vector<std::string>& args) {
    std::istringstream in;
    std::ostringstream out;
    techpass::MapEnvironment env;
    techpass::FakeClock clock;
    techpass::cli::Application app(techpass::Terminal{in, out, out}, env, clock, args);
    std::vector<std::string> names;
    for (const CLI::App* command : app.tree().root().get_subcommands({})) {
        names.push_back(command->get_name());
    }
    return names;
}

} // namespace

TEST_CASE("Application: version") {
    const Run result = run({"--version"});
    CHECK(result.code == 0);
    CHECK(result.out.rfind("techpass version ", 0) == 0);
}

TEST_CASE("Application: did you mean") {
    Run result = run({"groups", "craete", "x"});
    CHECK(result.code == 2);
    CHECK(result.err == "techpass: error: unknown command \"craete\" for \"techpass groups\"\n"
                        "hint: did you mean \"techpass groups create\"?\n");
    result = run({"--profil", "x", "version"});
    CHECK(result.code == 2);
    CHECK(result.err == "techpass: error: unknown flag \"--profil\" for \"techpass\"\n"
                        "hint: did you mean \"--profile\"?\n");
}

TEST_CASE("Application: a command line that names a command builds that command alone") {
    using Names = std::vector<std::string>;
    CHECK(built_nouns({"groups", "list"}) == Names{"groups", "version"});
    CHECK(built_nouns({"-p", "staging", "--output=json", "-ojson", "--debug", "users", "get"}) ==
          Names{"users", "version"});
    CHECK(built_nouns({"--profile", "groups", "namespaces"}) == Names{"namespaces", "version"});
    CHECK(built_nouns({"version"}) == Names{"version"});
    const Names all{"auth",       "profile", "users",      "invitations", "vendors",
                    "namespaces", "groups",  "apps",       "apikeys",     "webhooks",
                    "whitelists", "tenants", "access",     "plan",        "apply",
                    "export",     "api",     "completion", "__complete",  "version"};
    // Anything unusual, or a command that needs the others: the whole tree
    // (completion adds the hidden __complete that its scripts run).
    CHECK(built_nouns({}) == all);
    CHECK(built_nouns({"--help"}) == all);
    CHECK(built_nouns({"--version"}) == all);
    CHECK(built_nouns({"gropus", "list"}) == all);
    CHECK(built_nouns({"--profil", "x", "groups"}) == all);
    CHECK(built_nouns({"--debug=yes", "groups"}) == all);
    CHECK(built_nouns({"-vv", "groups"}) == all);
    CHECK(built_nouns({"--", "groups"}) == all);
    CHECK(built_nouns({"completion", "bash"}) == all);
}

TEST_CASE("Application: the partial tree answers as the whole tree does") {
    const std::vector<std::vector<std::string>> lines{
        {"groups", "--help"},
        {"groups", "list", "--help"},
        {"groups", "members", "add", "--help"},
        {"groups", "lsit"},
        {"groups", "list", "extra"},
        {"groups", "list", "--bogus"},
        {"groups", "--version"},
        {"-o", "yaml", "groups", "list"},
        {"vendors", "import", "--help"},
        {"users", "register"},
        {"api", "--help"},
        {"version", "--help"},
        {"version", "groups"},
        {"auth"},
        {"completion", "fish"},
        {"gropus"},
    };
    for (const auto& line : lines) {
        std::string joined;
        for (const auto& word : line) {
            joined += word + " ";
        }
        CAPTURE(joined);
        const Run partial = run(line);
        const Run whole = run(line, true);
        CHECK(partial.code == whole.code);
        CHECK(partial.out == whole.out);
        CHECK(partial.err == whole.err);
    }
}

TEST_CASE("Application: a missing config file and no environment is a config error") {
    const Run result = run({"groups", "list"});
    CHECK(result.code == 3);
    CHECK(result.err.rfind("techpass: error: ", 0) == 0);
}

TEST_CASE("Application: help of every command ends with examples") {
    std::istringstream in;
    std::ostringstream out;
    techpass::MapEnvironment env;
    techpass::FakeClock clock;
    techpass::cli::Application app(techpass::Terminal{in, out, out}, env, clock);
    for (const CLI::App* command : app.tree().walk(app.tree().root())) {
        CAPTURE(techpass::cli::CommandTree::path(*command));
        const std::string help = techpass::cli::render_help(app.tree(), *command);
        CHECK(help.find("\nExamples:\n  ") != std::string::npos);
        CHECK(help.find("\n\n", help.rfind("\nExamples:\n")) == std::string::npos);
    }
}

TEST_CASE("Application: docs are generated for every top-level command") {
    std::istringstream in;
    std::ostringstream out;
    techpass::MapEnvironment env;
    techpass::FakeClock clock;
    techpass::cli::Application app(techpass::Terminal{in, out, out}, env, clock);
    const auto files = techpass::cli::generated_docs(app.tree());
    std::vector<std::string> paths;
    for (const auto& file : files) {
        paths.push_back(file.path);
    }
    for (const char* expected :
         {"man/techpass.1", "man/techpass-groups.1", "man/techpass-config.5",
          "completions/techpass.bash", "completions/_techpass", "completions/techpass.fish"}) {
        CHECK(std::find(paths.begin(), paths.end(), expected) != paths.end());
    }
}

} // namespace test_cli_application
