#include "support/temp_dir.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace test_config_secret {

using namespace techpass;
using namespace techpass::config;

namespace {

Profile with_secret(const std::string& line, testsupport::TempDir& dir, MapEnvironment& env) {
    dir.write("config.toml", "[profiles.p]\napi_url = \"https://a.example\"\n" + line + "\n");
    LoadOptions options;
    options.config_path = dir.file("config.toml");
    return load_profile(env, options);
}

std::string secret_error(const Profile& profile) {
    try {
        profile.secret("client_secret");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Config);
        return error.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("secret sources") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    const std::string shown = "~/config.toml:3";

    SUBCASE("literal") {
        CHECK(with_secret("client_secret = \"lit\"", dir, env).secret("client_secret") == "lit");
    }
    SUBCASE("env") {
        env.set("MY_SECRET", "  from-env\n");
        CHECK(with_secret("client_secret = { env = \"MY_SECRET\" }", dir, env)
                  .secret("client_secret") == "from-env");
    }
    SUBCASE("env not set") {
        CHECK(secret_error(with_secret("client_secret = { env = \"MY_SECRET\" }", dir, env)) ==
              "client_secret comes from environment variable MY_SECRET (" + shown +
                  "), which is not set");
    }
    SUBCASE("file, relative to the config file, trimmed") {
        dir.write("secret.txt", "from-file\n");
        CHECK(with_secret("client_secret = { file = \"secret.txt\" }", dir, env)
                  .secret("client_secret") == "from-file");
    }
    SUBCASE("file missing") {
        CHECK(secret_error(with_secret("client_secret = { file = \"~/none.txt\" }", dir, env)) ==
              "cannot read the client_secret file " + dir.path() + "/none.txt (" + shown +
                  "): No such file or directory");
    }
    SUBCASE("command, stdout trimmed") {
        CHECK(with_secret("client_secret = { command = \"printf '%s\\\\n' from-cmd\" }", dir, env)
                  .secret("client_secret") == "from-cmd");
    }
    SUBCASE("command failing: exit status named, output never") {
        const auto message = secret_error(
            with_secret("client_secret = { command = \"echo leaked-output; exit 3\" }", dir, env));
        CHECK(message == "the client_secret command (command 'echo leaked-output; exit 3', " +
                             shown + ") exited with status 3");
    }
    SUBCASE("empty value") {
        CHECK(secret_error(with_secret("client_secret = { command = \"true\" }", dir, env)) ==
              "client_secret from command 'true' (" + shown + ") is empty");
    }
    SUBCASE("a command that never finishes is stopped at the profile's timeout") {
        const auto started = std::chrono::steady_clock::now();
        const std::string message = secret_error(
            with_secret("timeout = 1\nclient_secret = { command = \"sleep 30\" }", dir, env));
        CHECK(message == "the client_secret command (command 'sleep 30', ~/config.toml:4) did not "
                         "finish within 1 s");
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    }
    SUBCASE("resolved once, lazily") {
        const std::string counter = dir.file("count");
        const auto profile = with_secret(
            "client_secret = { command = \"echo x >> " + counter + "; echo s\" }", dir, env);
        CHECK(testsupport::read_file(counter).empty()); // loading did not run it
        CHECK(profile.secret("client_secret") == "s");
        CHECK(profile.secret("client_secret") == "s");
        CHECK(testsupport::read_file(counter) == "x\n");
    }
    SUBCASE("unset") {
        dir.write("config.toml", "[profiles.p]\n");
        LoadOptions options;
        options.config_path = dir.file("config.toml");
        CHECK(secret_error(load_profile(env, options)) == "profile 'p' has no client_secret");
    }
}

TEST_CASE("parse_secret_spec and describe") {
    CHECK(parse_secret_spec("env:X").kind == SecretSource::Kind::Env);
    CHECK(parse_secret_spec("env:X").value == "X");
    CHECK(parse_secret_spec("file:/p").describe() == "file /p");
    CHECK(parse_secret_spec("command:pass show x").describe() == "command 'pass show x'");
    CHECK(parse_secret_spec("plain").describe() == "literal");
    CHECK(parse_secret_spec("plain").value == "plain");
}

} // namespace test_config_secret
