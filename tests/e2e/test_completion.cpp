// techpass completion bash|zsh|fish, and the scripts working in their shells.

#include "cli_fixture.hpp"
#include "support/skip.hpp"

#include <doctest/doctest.h>

using e2e::contains;

namespace {

testsupport::RunResult techpass(const std::vector<std::string>& args) {
    std::vector<std::string> argv{TECHPASS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return testsupport::run(argv);
}

// Whether the shell is installed; if not, the test case is skipped (a
// failure under CI), never passed.
bool have(const std::string& program) {
    if (testsupport::run({"/bin/sh", "-c", "command -v " + program}).exit_code == 0) {
        return true;
    }
    testsupport::skip(program + " is not installed (scripts/install-deps installs it)");
    return false;
}

// What bash completes when the cursor is on the last of words.
std::string bash_complete(const std::vector<std::string>& words) {
    std::string array;
    for (const auto& word : words) {
        array += " '" + word + "'";
    }
    const std::string script = "source " + testsupport::source_path("completions/techpass.bash") +
                               "\nCOMP_WORDS=(" + array +
                               ")\nCOMP_CWORD=" + std::to_string(words.size() - 1) +
                               "\n_techpass\necho \"${COMPREPLY[*]}\"\n";
    return testsupport::run({"/bin/bash", "-c", script}).out;
}

} // namespace

TEST_CASE("completion prints the checked-in scripts") {
    const std::pair<const char*, const char*> shells[] = {{"bash", "completions/techpass.bash"},
                                                          {"zsh", "completions/_techpass"},
                                                          {"fish", "completions/techpass.fish"}};
    for (const auto& entry : shells) {
        const char* shell = entry.first;
        const char* file = entry.second;
        CAPTURE(shell);
        const auto result = techpass({"completion", shell});
        CHECK(result.exit_code == 0);
        CHECK(result.out == testsupport::read_file(testsupport::source_path(file)));
    }
}

TEST_CASE("completion of an unknown shell is a usage error") {
    const auto result = techpass({"completion", "bsh"});
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "techpass: error: unsupported shell \"bsh\"\nhint: did you mean \"bash\"?\n");
}

TEST_CASE("the bash script completes commands, flags and values") {
    if (!have("bash")) {
        return;
    }
    CHECK(bash_complete({"techpass", "gr"}) == "groups\n");
    CHECK(bash_complete({"techpass", "groups", "members", "a"}) == "add\n");
    CHECK(bash_complete({"techpass", "-p", "ship", "groups", "l"}) == "list\n");
    CHECK(bash_complete({"techpass", "groups", "list", "--l"}) == "--limit\n");
    CHECK(bash_complete({"techpass", "groups", "list", "-o", "j"}) == "json\n");
    CHECK(bash_complete({"techpass", "completion", ""}) == "bash zsh fish\n");
    CHECK(bash_complete({"techpass", "api", "P"}) == "POST PUT PATCH\n");
}

TEST_CASE("the fish script completes commands") {
    if (!have("fish")) {
        return;
    }
    const std::string script = "source " + testsupport::source_path("completions/techpass.fish") +
                               "; complete -C'techpass groups mem'";
    const auto result = testsupport::run({"fish", "--no-config", "-c", script});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "members\tManage the direct members of a group"));
}

TEST_CASE("the zsh script is valid zsh") {
    if (!have("zsh")) {
        return;
    }
    const auto result =
        testsupport::run({"zsh", "-n", testsupport::source_path("completions/_techpass")});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
}
