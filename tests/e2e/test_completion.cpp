// techpass completion bash|zsh|fish, and the scripts working in their shells.

#include "cli_fixture.hpp"
#include "support/skip.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

namespace test_completion {

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

// words as one quoted shell array's elements: " 'techpass' 'groups'".
std::string shell_words(const std::vector<std::string>& words) {
    std::string array;
    for (const auto& word : words) {
        array += " '" + word + "'";
    }
    return array;
}

// A bash script printing what the bash completion offers when the cursor is
// on the last of words (the first: the techpass to run).
std::string bash_completing(const std::vector<std::string>& words) {
    return "source " + testsupport::source_path("completions/techpass.bash") + "\nCOMP_WORDS=(" +
           shell_words(words) + ")\nCOMP_CWORD=" + std::to_string(words.size() - 1) +
           "\n_techpass\necho \"${COMPREPLY[*]}\"\n";
}

std::string bash_complete(const std::vector<std::string>& words) {
    return testsupport::run({"/bin/bash", "-c", bash_completing(words)}).out;
}

// The same in the environment of cli's runs (its config file and token cache).
std::string bash_complete_in(const e2e::Cli& cli, const std::vector<std::string>& words) {
    return cli.run_program({"/bin/bash", "-c", bash_completing(words)}).out;
}

// The zsh script run in zsh with the completion system's two builtins it
// calls stubbed out to print what they are given: words as zsh has them
// (the first: the techpass to run), the cursor on the last.
std::string zsh_complete_in(const e2e::Cli& cli, const std::vector<std::string>& words) {
    const std::string script =
        "compadd() {\n"
        "  local -a items\n"
        "  if [[ $1 == -a ]]; then items=(${(P)2}); else shift; items=(\"$@\"); fi\n"
        "  print -r -- ${(M)items:#${PREFIX}*}\n"
        "}\n"
        "_describe() { local -a items=(${${(P)4}%%:*}); print -r -- ${(M)items:#${PREFIX}*} }\n"
        "compdef() { : }\n"
        "source " +
        testsupport::source_path("completions/_techpass") + "\nwords=(" + shell_words(words) +
        ")\nCURRENT=" + std::to_string(words.size()) +
        "\nPREFIX=" + (words.back().empty() ? std::string("''") : "'" + words.back() + "'") +
        "\n_techpass\n";
    return cli.run_program({"/bin/zsh", "-f", "-c", script}).out;
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

TEST_CASE("the zsh script completes commands, flags and values in zsh") {
    if (!have("zsh")) {
        return;
    }
    const e2e::Cli cli;
    CHECK(zsh_complete_in(cli, {"techpass", "gr"}) == "groups\n");
    CHECK(zsh_complete_in(cli, {"techpass", "-p", "ship", "groups", "members", "a"}) == "add\n");
    CHECK(zsh_complete_in(cli, {"techpass", "groups", "list", "--l"}) == "--limit\n");
    CHECK(zsh_complete_in(cli, {"techpass", "groups", "list", "-o", "j"}) == "json\n");
    CHECK(zsh_complete_in(cli, {"techpass", "completion", ""}) == "bash zsh fish\n");
    CHECK(zsh_complete_in(cli, {TECHPASS_CLI_PATH, "profile", "use", ""}) == "ship\n");
}

TEST_CASE("completions offer the API's namespaces, apps and groups only with a cached token") {
    if (!have("bash") || !have("zsh") || !have("fish")) {
        return;
    }
    const e2e::Cli cli;
    const std::string techpass_path = TECHPASS_CLI_PATH;
    const std::vector<std::string> kinds{"namespaces", "apps", "groups"};

    // Not signed in: nothing offered, nothing said, nothing sent (no sign-in).
    const std::size_t before = e2e::requests_in(cli.emulator_log());
    for (const auto& kind : kinds) {
        CAPTURE(kind);
        const auto result = cli.run({"__complete", kind});
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        CHECK(result.err.empty());
    }
    CHECK(bash_complete_in(cli, {techpass_path, "apps", "get", ""}) == "\n");
    CHECK(e2e::requests_in(cli.emulator_log()) == before);

    // Any command caches the profile's token.
    REQUIRE(cli.run({"groups", "create", "billing-team"}).exit_code == 0);
    CHECK(cli.run({"__complete", "namespaces"}).out == "SHIP\n");
    CHECK(cli.run({"__complete", "apps"}).out == "ship-automation\n");
    CHECK(cli.run({"__complete", "groups"}).out == "billing-team\n");

    CHECK(bash_complete_in(cli, {techpass_path, "apps", "get", "sh"}) == "ship-automation\n");
    CHECK(bash_complete_in(cli, {techpass_path, "-n", ""}) == "SHIP\n");
    CHECK(bash_complete_in(cli, {techpass_path, "namespaces", "admins", "list", ""}) == "SHIP\n");
    CHECK(bash_complete_in(cli, {techpass_path, "groups", "members", "add", ""}) ==
          "billing-team\n");
    CHECK(bash_complete_in(cli, {techpass_path, "apps", "assignments", "add", "ship-automation",
                                 "--group", "b"}) == "billing-team\n");
    CHECK(bash_complete_in(cli, {techpass_path, "access", "review", "--app", ""}) ==
          "ship-automation\n");
    CHECK(zsh_complete_in(cli, {techpass_path, "apps", "secrets", "list", "s"}) ==
          "ship-automation\n");
    CHECK(zsh_complete_in(cli, {techpass_path, "-n", ""}) == "SHIP\n");

    // fish runs the techpass on PATH.
    const std::string bin_dir = techpass_path.substr(0, techpass_path.rfind('/'));
    const std::string fish =
        "set PATH " + bin_dir + " $PATH; source " +
        testsupport::source_path("completions/techpass.fish") +
        "; complete -C'techpass groups get '; complete -C'techpass apps certs list '";
    const auto fished = cli.run_program({"fish", "--no-config", "-c", fish});
    CHECK(fished.exit_code == 0);
    CHECK(fished.out == "billing-team\nship-automation\n");

    // -p and -n of the command line apply: another profile has no cached
    // token (nothing offered), another namespace has other groups.
    cli.write_config("default_profile = \"ship\"\n\n" + cli.profile_toml("ship") + "\n" +
                     cli.profile_toml("staging"));
    CHECK(bash_complete_in(cli, {techpass_path, "-p", "staging", "apps", "get", ""}) == "\n");
    CHECK(bash_complete_in(cli, {techpass_path, "-p", "ship", "apps", "get", ""}) ==
          "ship-automation\n");
    CHECK(bash_complete_in(cli, {techpass_path, "-n", "PORT", "groups", "get", ""}) == "\n");

    // A portal that does not answer within 3 seconds: nothing offered, no error.
    cli.control("PUT", "faults", {{"fraction", 1}, {"kinds", {"latency"}}, {"latencyMs", 8000}});
    const auto started = std::chrono::steady_clock::now();
    const auto slow = cli.run({"__complete", "apps"});
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(slow.exit_code == 0);
    CHECK(slow.out.empty());
    CHECK(slow.err.empty());
    CHECK(took < std::chrono::seconds(6));
}

TEST_CASE("__complete is hidden from help, man pages and completions") {
    const auto help = techpass({"--help"});
    CHECK(help.exit_code == 0);
    CHECK_FALSE(contains(help.out, "__complete"));
    CHECK_FALSE(
        contains(testsupport::read_file(testsupport::source_path("completions/techpass.bash")),
                 "\"techpass __complete\""));
    const auto unknown = techpass({"__complete", "users"});
    CHECK(unknown.exit_code == 2);
}

} // namespace test_completion
