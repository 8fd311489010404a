#include "support/temp_dir.hpp"
#include "techpass/config/config_file.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

namespace test_config_edit {

using namespace techpass;
using namespace techpass::config;

namespace {

std::string fixture(const std::string& name) {
    return testsupport::read_file(std::string(TECHPASS_SOURCE_DIR) + "/tests/fixtures/unit/" +
                                  name);
}

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    return static_cast<unsigned>(info.st_mode & 0777);
}

template <typename F>
std::pair<ErrorKind, std::string> error_of(F&& action) {
    try {
        action();
    } catch (const Error& error) {
        return {error.kind(), error.what()};
    }
    return {ErrorKind::Unexpected, "no error"};
}

} // namespace

TEST_CASE("ConfigFile edits keep comments and layout (golden)") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    const auto path = dir.write("config.toml", fixture("config_edit_before.toml"));
    auto file = ConfigFile::load(path, env);
    file.use("staging");
    file.set("prod", "client_secret", SecretSource{SecretSource::Kind::Env, "PROD_SECRET"});
    file.set("prod", "rate_limit", "0.5");
    file.set("prod", "namespace", "SHIP");
    file.set("staging", "client_id", "33333333-cccc");
    file.set("staging", "timeout", "15");
    file.remove("local");
    file.add("ci",
             {{"api_url", "https://api.techpass.suite.gov.sg"},
              {"client_id", "ci-client"},
              {"namespace", "SHIP"}},
             {{"api_key", SecretSource{SecretSource::Kind::Env, "CI_API_KEY"}}});
    CHECK(file.text() == fixture("config_edit_after.toml"));
    // Nothing is written before save().
    CHECK(testsupport::read_file(path) == fixture("config_edit_before.toml"));
    file.save();
    CHECK(testsupport::read_file(path) == fixture("config_edit_after.toml"));
    CHECK(mode_of(path) == 0600);
    const auto reloaded = ConfigFile::load(path, env);
    CHECK(reloaded.default_profile() == "staging");
    CHECK(reloaded.profile_names() == std::vector<std::string>{"prod", "staging", "ci"});
    CHECK(reloaded.get("staging").values.at("timeout").text == "15");
}

TEST_CASE("ConfigFile: creating the first file") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    const std::string path = dir.path() + "/.config/techpass/config.toml";
    auto file = ConfigFile::load(path, env);
    CHECK(!file.exists());
    CHECK(file.profile_names().empty());
    file.add("dev", {{"api_url", "http://localhost:8080"}, {"client_secret", "s3cret"}});
    file.use("dev");
    file.save();
    CHECK(testsupport::read_file(path) ==
          "default_profile = \"dev\"\n\n[profiles.dev]\napi_url = "
          "\"http://localhost:8080\"\nclient_secret = \"s3cret\"\n");
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(dir.path() + "/.config/techpass") == 0700);
    CHECK(mode_of(dir.path() + "/.config") == 0700);
}

TEST_CASE("ConfigFile: use() inserts default_profile after the leading comments") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    const auto path = dir.write("config.toml",
                                "# my profiles\n\n[profiles.a]\napi_url = \"https://a.example\"\n");
    auto file = ConfigFile::load(path, env);
    file.use("a");
    CHECK(file.text() == "# my profiles\n\ndefault_profile = \"a\"\n\n[profiles.a]\napi_url = "
                         "\"https://a.example\"\n");
}

TEST_CASE("ConfigFile: unset and remove") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    const auto path =
        dir.write("config.toml",
                  "default_profile = \"b\"\n\n[profiles.a]\nnamespace = \"A\" # x\ntimeout = 3\n\n"
                  "# profile b\n[profiles.b]\nnamespace = \"B\"\n");
    auto file = ConfigFile::load(path, env);
    file.unset("a", "namespace");
    CHECK(file.text() == "default_profile = \"b\"\n\n[profiles.a]\ntimeout = 3\n\n# profile "
                         "b\n[profiles.b]\nnamespace = \"B\"\n");
    file.remove("b");
    CHECK(file.text() == "\n[profiles.a]\ntimeout = 3\n");
    CHECK(file.default_profile().empty());
}

TEST_CASE("ConfigFile: edits are validated first") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    const auto path =
        dir.write("config.toml", "[profiles.a]\napi_url = \"https://a.example\"\n"
                                 "[profiles]\ninline = { api_url = \"https://b.example\" }\n");
    auto file = ConfigFile::load(path, env);
    const auto before = file.text();
    CHECK(error_of([&] { file.set("a", "clientid", "x"); }) ==
          std::pair{ErrorKind::Usage,
                    std::string("unknown key 'clientid'; did you mean 'client_id'?")});
    CHECK(error_of([&] { file.set("a", "rate_limit", "fast"); }) ==
          std::pair{ErrorKind::Usage, std::string("'rate_limit' must be a number")});
    CHECK(error_of([&] { file.set("a", "auth", "magic"); }) ==
          std::pair{ErrorKind::Usage,
                    std::string("'auth' must be one of client_secret, certificate, device_code")});
    CHECK(
        error_of([&] { file.set("zzz", "timeout", "1"); }) ==
        std::pair{ErrorKind::Config,
                  std::string(
                      "profile 'zzz' not found in ~/config.toml (existing profiles: a, inline)")});
    CHECK(error_of([&] { file.add("a", {}); }) ==
          std::pair{ErrorKind::Usage, std::string("profile 'a' exists already in ~/config.toml")});
    CHECK(error_of([&] { file.add("bad name", {}); }) ==
          std::pair{
              ErrorKind::Usage,
              std::string("invalid profile name 'bad name': use letters, digits, '-' and '_'")});
    CHECK(error_of([&] { file.set("inline", "timeout", "1"); }) ==
          std::pair{ErrorKind::Config,
                    std::string("cannot edit profile 'inline' in ~/config.toml: it is not "
                                "written as a [profiles.inline] table")});
    CHECK(error_of([&] {
              file.set("a", "api_url", SecretSource{SecretSource::Kind::Env, "X"});
          }) == std::pair{ErrorKind::Usage,
                          std::string("'api_url' is not a secret and cannot come from env X")});
    CHECK(error_of([&] { file.unset("a", "timeout"); }) ==
          std::pair{ErrorKind::Usage, std::string("'timeout' is not set in profile 'a'")});
    CHECK(file.text() == before);
}

TEST_CASE("ConfigFile: strings are escaped") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    auto file = ConfigFile::load(dir.file("c.toml"), env);
    file.add("a", {{"ca_bundle", "C:\\certs\\\"x\".pem"}});
    CHECK(file.get("a").values.at("ca_bundle").text == "C:\\certs\\\"x\".pem");
}

TEST_CASE("ConfigFile: use() keeps a comment attached to the first table") {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    const auto path = dir.write("config.toml", "# about a\n[profiles.a]\n");
    auto file = ConfigFile::load(path, env);
    file.use("a");
    CHECK(file.text() == "default_profile = \"a\"\n\n# about a\n[profiles.a]\n");
}

} // namespace test_config_edit
