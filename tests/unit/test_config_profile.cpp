#include "support/temp_dir.hpp"
#include "techpass/config/config_file.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

namespace test_config_profile {

using namespace techpass;
using namespace techpass::config;

namespace {

// A home directory with an optional config file at the default location.
struct Home {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    std::string config = dir.path() + "/.config/techpass/config.toml";
    std::string write(const std::string& text, int mode = 0600) {
        return dir.write(".config/techpass/config.toml", text, mode);
    }
};

const char* const k_two_profiles = R"(default_profile = "prod"

[profiles.prod]
api_url = "https://api.techpass.suite.gov.sg"
directory_id = "dir-prod"
client_id = "client-prod"
namespace = "SHIP"
client_secret = { env = "PROD_SECRET" }
api_key = { file = "keys/prod.key" }
rate_limit = 2

[profiles.dev]
api_url = "http://127.0.0.1:8080"
client_id = "client-dev"
timeout = 5
)";

Error load_error(Home& home, const LoadOptions& options = {}) {
    try {
        load_profile(home.env, options);
    } catch (const Error& error) {
        return error;
    }
    FAIL("load_profile did not throw");
    return Error(ErrorKind::Unexpected, "");
}

} // namespace

TEST_CASE("config_file_path: flag, TECHPASS_CONFIG, XDG_CONFIG_HOME, HOME") {
    MapEnvironment env{{{"HOME", "/home/jane"}}};
    CHECK(config_file_path(env) == "/home/jane/.config/techpass/config.toml");
    env.set("XDG_CONFIG_HOME", "/xdg");
    CHECK(config_file_path(env) == "/xdg/techpass/config.toml");
    env.set("TECHPASS_CONFIG", "~/tp.toml");
    CHECK(config_file_path(env) == "/home/jane/tp.toml");
    CHECK(config_file_path(env, std::string("/etc/tp.toml")) == "/etc/tp.toml");
    CHECK(display_path("/home/jane/.config/techpass/config.toml", env) ==
          "~/.config/techpass/config.toml");
    CHECK(display_path("/home/janet/x", env) == "/home/janet/x");
}

TEST_CASE("load_profile: choosing the profile") {
    Home home;
    home.write(k_two_profiles);
    SUBCASE("default_profile") {
        CHECK(load_profile(home.env, {}).name() == "prod");
    }
    SUBCASE("TECHPASS_PROFILE beats default_profile") {
        home.env.set("TECHPASS_PROFILE", "dev");
        CHECK(load_profile(home.env, {}).name() == "dev");
    }
    SUBCASE("-p beats TECHPASS_PROFILE") {
        home.env.set("TECHPASS_PROFILE", "dev");
        LoadOptions options;
        options.profile = "prod";
        CHECK(load_profile(home.env, options).name() == "prod");
    }
    SUBCASE("the only profile") {
        home.write("[profiles.solo]\napi_url = \"https://a.example\"\n");
        CHECK(load_profile(home.env, {}).name() == "solo");
    }
    SUBCASE("several profiles and no default") {
        home.write("[profiles.a]\n[profiles.b]\n");
        const auto error = load_error(home);
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()) ==
              "~/.config/techpass/config.toml has several profiles (a, b) and no default_profile");
        CHECK(error.hint() ==
              "choose one with -p NAME or TECHPASS_PROFILE, or run: techpass profile use NAME");
    }
}

TEST_CASE("load_profile: precedence flags > environment > profile > defaults, with origins") {
    Home home;
    home.write(k_two_profiles);
    home.env.set("TECHPASS_NAMESPACE", "DOCK");
    home.env.set("TECHPASS_TIMEOUT", "30");
    LoadOptions options;
    options.flags.push_back({"namespace", "PORT", "--namespace"});
    const auto profile = load_profile(home.env, options);

    CHECK(profile.namespace_code() == "PORT");
    CHECK(profile.origin("namespace").describe() == "flag --namespace");
    CHECK(profile.timeout() == std::chrono::seconds(30));
    CHECK(profile.origin("timeout").describe() == "env TECHPASS_TIMEOUT");
    CHECK(profile.client_id() == "client-prod");
    CHECK(profile.origin("client_id").describe() == "~/.config/techpass/config.toml:6");
    CHECK(profile.rate_limit() == doctest::Approx(2.0));
    CHECK(profile.authority() == "https://login.microsoftonline.com");
    CHECK(profile.origin("authority").describe() == "default");
    CHECK(profile.scope() == "https://api.techpass.suite.gov.sg/.default");
    CHECK(profile.connect_timeout() == std::chrono::seconds(10));
    CHECK(profile.auth_method() == AuthMethod::ClientSecret);
    CHECK(profile.ca_bundle().empty());
    CHECK(profile.origin("ca_bundle").kind == Origin::Kind::Unset);
}

TEST_CASE("load_profile: rate_limit default depends on the API host") {
    Home home;
    home.write(k_two_profiles);
    LoadOptions dev;
    dev.profile = "dev";
    CHECK(load_profile(home.env, dev).rate_limit() == doctest::Approx(0.0));
    CHECK(load_profile(home.env, dev).origin("rate_limit").describe() == "default");
    home.env.set("TECHPASS_API_URL", "https://api.stg.techpass.suite.gov.sg/");
    const auto profile = load_profile(home.env, dev);
    CHECK(profile.api_url() == "https://api.stg.techpass.suite.gov.sg");
    CHECK(profile.rate_limit() == doctest::Approx(1.0));
}

TEST_CASE("load_profile: environment only, no file (CI)") {
    Home home;
    home.env.set("TECHPASS_API_URL", "https://api.techpass.suite.gov.sg");
    home.env.set("TECHPASS_DIRECTORY_ID", "dir");
    home.env.set("TECHPASS_CLIENT_ID", "client");
    home.env.set("TECHPASS_CLIENT_SECRET", "s3cret-value");
    home.env.set("TECHPASS_API_KEY", "key-value");
    home.env.set("TECHPASS_AUTH", "client_secret");
    const auto profile = load_profile(home.env, {});
    CHECK(profile.name().empty());
    CHECK(profile.client_id() == "client");
    CHECK(profile.secret("client_secret") == "s3cret-value");
    CHECK(profile.origin("client_secret").describe() == "env TECHPASS_CLIENT_SECRET");
    const auto error = [&] {
        try {
            profile.require("namespace");
        } catch (const Error& e) {
            return e;
        }
        return Error(ErrorKind::Unexpected, "no throw");
    }();
    const std::string message = error.what();
    CHECK(message.starts_with("no namespace configured: there is no profile ("));
    CHECK(message.ends_with("config.toml does not exist)"));
    CHECK(error.hint() == "add one: techpass profile add NAME --namespace VALUE (it asks for the "
                          "others on a terminal), or set TECHPASS_NAMESPACE");
}

TEST_CASE("load_profile: with no profile, the hint names the flag of profile add") {
    Home home;
    const auto profile = load_profile(home.env, {});
    try {
        profile.require("directory_id");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Config);
        // The flag, not the key: there is no --directory_id.
        CHECK(error.hint() == "add one: techpass profile add NAME --directory-id VALUE (it asks "
                              "for the others on a terminal), or set TECHPASS_DIRECTORY_ID");
    }
    home.write("# nothing yet\n");
    const auto empty = load_profile(home.env, {});
    try {
        empty.require("api_url");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(std::string(error.what()).ends_with("config.toml has none)"));
        CHECK(
            std::string(error.hint()).starts_with("add one: techpass profile add NAME --api-url"));
    }
}

TEST_CASE("load_profile: missing values say how to set them") {
    Home home;
    home.write(k_two_profiles);
    LoadOptions dev;
    dev.profile = "dev";
    const auto profile = load_profile(home.env, dev);
    try {
        profile.directory_id();
        FAIL("no throw");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()) == "profile 'dev' has no directory_id");
        CHECK(error.hint() ==
              "run: techpass -p dev profile set directory_id VALUE, or set TECHPASS_DIRECTORY_ID");
    }
}

TEST_CASE("load_profile: auth defaults to certificate when one is configured") {
    Home home;
    home.write("[profiles.p]\napi_url = \"https://a.example\"\ncertificate = "
               "\"~/c.pem\"\nprivate_key = \"k.pem\"\n");
    const auto profile = load_profile(home.env, {});
    CHECK(profile.auth_method() == AuthMethod::Certificate);
    CHECK(profile.path("certificate") == home.dir.path() + "/c.pem");
    CHECK(profile.path("private_key") == home.dir.path() + "/.config/techpass/k.pem");
}

TEST_CASE("load_profile: error messages") {
    Home home;
    SUBCASE("TOML syntax: path, line and column") {
        home.write("[profiles.a]\napi_url = \n");
        CHECK(std::string(load_error(home).what()) ==
              "~/.config/techpass/config.toml:2:11: Error while parsing key-value pair: expected "
              "value, saw '\\n'");
    }
    SUBCASE("unknown profile lists the existing ones") {
        home.write(k_two_profiles);
        LoadOptions options;
        options.profile = "prd";
        const auto error = load_error(home, options);
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()) ==
              "profile 'prd' not found in ~/.config/techpass/config.toml (existing profiles: prod, "
              "dev); did you mean 'prod'?");
    }
    SUBCASE("unknown profile without a file") {
        home.env.set("TECHPASS_PROFILE", "prod");
        CHECK(std::string(load_error(home).what()) ==
              "profile 'prod' not found: ~/.config/techpass/config.toml does not exist");
    }
    SUBCASE("default_profile naming no profile") {
        home.write("default_profile = \"gone\"\n[profiles.a]\n");
        CHECK(std::string(load_error(home).what()) ==
              "profile 'gone' not found in ~/.config/techpass/config.toml (existing profiles: a)");
    }
    SUBCASE("wrong type") {
        home.write("[profiles.a]\napi_url = \"https://a.example\"\nrate_limit = \"fast\"\n");
        CHECK(std::string(load_error(home).what()) ==
              "~/.config/techpass/config.toml:3: 'rate_limit' must be a number");
    }
    SUBCASE("choice") {
        home.write("[profiles.a]\nauth = \"password\"\n");
        CHECK(std::string(load_error(home).what()) ==
              "~/.config/techpass/config.toml:2: 'auth' must be one of client_secret, certificate, "
              "device_code");
    }
    SUBCASE("URL") {
        home.write("[profiles.a]\napi_url = \"api.example\"\n");
        CHECK(std::string(load_error(home).what()) ==
              "~/.config/techpass/config.toml:2: 'api_url' must be a URL (https://...)");
    }
    SUBCASE("secret table") {
        home.write("[profiles.a]\nclient_secret = { vault = \"x\" }\n");
        CHECK(std::string(load_error(home).what()) ==
              "~/.config/techpass/config.toml:2: 'client_secret' must be a string or a table with "
              "one of env, file, command");
    }
    SUBCASE("unknown key: did you mean") {
        home.write("[profiles.a]\n\nclientid = \"x\"\n");
        CHECK(std::string(load_error(home).what()) ==
              "~/.config/techpass/config.toml:3: unknown key 'clientid' in profile 'a'; did you "
              "mean 'client_id'?");
    }
    SUBCASE("a key outside any profile") {
        home.write("api_url = \"https://a.example\"\n");
        CHECK(std::string(load_error(home).what()) ==
              "~/.config/techpass/config.toml:1: 'api_url' must be inside a [profiles.NAME] table");
    }
    SUBCASE("environment values are validated too") {
        home.env.set("TECHPASS_RATE_LIMIT", "lots");
        CHECK(std::string(load_error(home).what()) ==
              "TECHPASS_RATE_LIMIT: 'rate_limit' must be a number");
    }
    SUBCASE("flag values are usage errors") {
        LoadOptions options;
        options.flags.push_back({"timeout", "-3", "--timeout"});
        const auto error = load_error(home, options);
        CHECK(error.kind() == ErrorKind::Usage);
        CHECK(std::string(error.what()) == "--timeout: 'timeout' must not be negative");
    }
    SUBCASE("--config naming a missing file") {
        LoadOptions options;
        options.config_path = home.dir.file("nope.toml");
        CHECK(std::string(load_error(home, options).what()) ==
              "config file ~/nope.toml does not exist");
    }
}

TEST_CASE("load_profile: a literal secret in a file others can read is refused") {
    Home home;
    const std::string text =
        "[profiles.a]\napi_url = \"https://a.example\"\nclient_secret = \"hunter2\"\n";
    SUBCASE("0644") {
        home.write(text, 0644);
        const auto error = load_error(home);
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()) == "config file ~/.config/techpass/config.toml holds a "
                                           "literal client_secret but is readable by others; "
                                           "run: chmod 600 " +
                                               home.config);
        CHECK(std::string(error.what()).find("hunter2") == std::string::npos);
    }
    SUBCASE("0640 (group)") {
        home.write(text, 0640);
        CHECK(std::string(load_error(home).what()).find("chmod 600") != std::string::npos);
    }
    SUBCASE("0600 is fine") {
        home.write(text, 0600);
        CHECK(load_profile(home.env, {}).secret("client_secret") == "hunter2");
    }
    SUBCASE("secret sources are fine in a readable file") {
        home.write("[profiles.a]\nclient_secret = { env = \"S\" }\n", 0644);
        CHECK(load_profile(home.env, {}).name() == "a");
    }
}

TEST_CASE("load_profile: a config file others can write is refused, whatever it holds") {
    Home home;
    for (const int mode : {0620, 0602, 0666}) {
        CAPTURE(mode);
        home.write("[profiles.a]\nclient_secret = { command = \"pass show techpass\" }\n", mode);
        const auto error = load_error(home);
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()) ==
              "config file ~/.config/techpass/config.toml is writable by others, who could make "
              "techpass run any command; run: chmod 600 " +
                  home.config);
    }
}

TEST_CASE("Profile::show masks secrets and gives origins") {
    Home home;
    home.write(k_two_profiles);
    home.env.set("TECHPASS_API_KEY", "key-from-env");
    const auto rows = load_profile(home.env, {}).show();
    const auto row = [&](const std::string& key) {
        for (const auto& r : rows) {
            if (r.key == key) {
                return r;
            }
        }
        FAIL("no row " << key);
        return ShownSetting{};
    };
    CHECK(rows.size() == key_table().size());
    CHECK(row("client_secret").value == "env PROD_SECRET");
    CHECK(row("client_secret").origin == "~/.config/techpass/config.toml:8");
    CHECK(row("api_key").value == "***");
    CHECK(row("api_key").origin == "env TECHPASS_API_KEY");
    CHECK(row("api_url").value == "https://api.techpass.suite.gov.sg");
    CHECK(row("ca_bundle").value.empty());
    CHECK(row("ca_bundle").origin.empty());
    CHECK(row("scope").origin == "default");
}

} // namespace test_config_profile
