// cli/app/application: parsing, the catch site and help, in process.

#include "app/application.hpp"
#include "app/docs.hpp"
#include "app/help.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

Run run(const std::vector<std::string>& args) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    techpass::MapEnvironment env(
        {{"HOME", "/nonexistent"}, {"TECHPASS_CONFIG", "/nonexistent/config.toml"}});
    techpass::FakeClock clock;
    techpass::cli::Application app(techpass::Terminal{in, out, err}, env, clock);
    Run result;
    result.code = app.run(args);
    result.out = out.str();
    result.err = err.str();
    return result;
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
