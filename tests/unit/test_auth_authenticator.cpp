#include "fake_transport.hpp"
#include "support/temp_dir.hpp"
#include "techpass/auth/authenticator.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/error.hpp"
#include "test_auth_support.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

namespace test_auth_authenticator {

using namespace techpass;
using namespace techpass::auth;
using std::chrono::seconds;

namespace {

using Settings = std::map<std::string, config::Setting, std::less<>>;

config::Setting from_file(std::string value, int line) {
    return {std::move(value),
            config::Origin{config::Origin::Kind::File, "~/.config/techpass/config.toml", line},
            {}};
}

struct Fixture {
    testsupport::TempDir dir;
    MapEnvironment env{{{"HOME", dir.path()}}};
    FakeClock clock;
    testsupport::FakeTransport transport;
    TokenCache cache{dir.path() + "/cache"};

    config::Profile profile(const std::string& secret = "s3cret",
                            const std::string& auth = "client_secret") {
        Settings settings{
            {"api_url", from_file("https://api.example", 2)},
            {"authority", from_file("https://login.example", 3)},
            {"directory_id", from_file("dir-1", 4)},
            {"client_id", from_file("client-1", 5)},
            {"auth", from_file(auth, 6)},
            {"client_secret", from_file(secret, 7)},
        };
        settings["client_secret"].source =
            config::SecretSource{config::SecretSource::Kind::Literal, secret};
        settings["api_key"] = {"key",
                               config::Origin{config::Origin::Kind::Env, "TECHPASS_API_KEY", 0},
                               config::SecretSource{config::SecretSource::Kind::Literal, "key"}};
        return config::make_profile(env, "prod", settings);
    }
    std::string token(seconds lifetime = seconds(1199)) {
        return testsupport::app_token("app-1", "SHIP", clock.now() + lifetime);
    }
    void expect_token_request(const std::string& access_token, int expires_in = 1199) {
        transport.json("POST", "/dir-1/oauth2/v2.0/token", 200,
                       testsupport::token_body(access_token, expires_in));
    }
};

} // namespace

TEST_CASE("Authenticator: fetches once, then reuses the cached token across runs") {
    Fixture f;
    const auto profile = f.profile();
    const auto first = f.token();
    f.expect_token_request(first);
    {
        Authenticator auth(profile, f.transport, f.clock, f.cache);
        CHECK(auth.access_token() == first);
        CHECK(auth.access_token() == first); // memory
        CHECK(auth.identity_summary() == "app ship-automation (app-1)");
    }
    f.transport.verify();
    struct stat info {};
    REQUIRE(stat(f.cache.path("prod").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    {
        Authenticator auth(profile, f.transport, f.clock, f.cache); // a later run
        CHECK(auth.access_token() == first);
        const auto cached = auth.cached();
        REQUIRE(cached);
        CHECK(cached->identity.namespaces == std::vector<std::string>{"SHIP"});
    }
    CHECK(f.transport.requests().size() == 1);
}

TEST_CASE("Authenticator: renewed 60 s before expiry") {
    Fixture f;
    const auto profile = f.profile();
    f.expect_token_request(f.token(), 1199);
    Authenticator(profile, f.transport, f.clock, f.cache).access_token();
    f.clock.advance(seconds(1199 - 61));
    Authenticator(profile, f.transport, f.clock, f.cache).access_token(); // still good
    f.clock.advance(seconds(1));
    const auto second = f.token();
    f.expect_token_request(second);
    CHECK(Authenticator(profile, f.transport, f.clock, f.cache).access_token() == second);
    CHECK(f.transport.requests().size() == 2);
}

TEST_CASE("Authenticator: a changed credential invalidates the cache") {
    Fixture f;
    f.expect_token_request(f.token());
    Authenticator(f.profile("old-secret"), f.transport, f.clock, f.cache).access_token();
    const auto second = f.token();
    f.expect_token_request(second);
    const auto changed = f.profile("new-secret");
    CHECK(Authenticator(changed, f.transport, f.clock, f.cache).access_token() == second);
}

TEST_CASE("Authenticator: invalidate drops memory and cache") {
    Fixture f;
    const auto profile = f.profile();
    f.expect_token_request(f.token());
    Authenticator auth(profile, f.transport, f.clock, f.cache);
    auth.access_token();
    auth.invalidate();
    CHECK(!f.cache.load("prod", auth.fingerprint()));
    const auto second = f.token();
    f.expect_token_request(second);
    CHECK(auth.access_token() == second);
}

TEST_CASE("Authenticator: logout and status") {
    Fixture f;
    const auto profile = f.profile();
    Authenticator auth(profile, f.transport, f.clock, f.cache);
    auto status = auth.status();
    CHECK(!status.signed_in);
    CHECK(status.profile == "prod");
    CHECK(status.auth_method == "client_secret");
    REQUIRE(status.credentials.size() == 6);
    CHECK(status.credentials[0].key == "api_url");
    CHECK(status.credentials[4].key == "client_secret");
    CHECK(status.credentials[4].origin == "~/.config/techpass/config.toml:7");
    CHECK(status.credentials[5].key == "api_key");
    CHECK(status.credentials[5].origin == "env TECHPASS_API_KEY");

    f.expect_token_request(f.token());
    auth.login();
    status = auth.status();
    CHECK(status.signed_in);
    REQUIRE(status.identity);
    CHECK(status.identity->describe() == "app ship-automation (app-1)");
    CHECK(status.expires_at == f.clock.now() + seconds(1199));
    CHECK(auth.logout());
    CHECK(!auth.logout());
    CHECK(!auth.status().signed_in);
}

TEST_CASE("Authenticator: device code") {
    Fixture f;
    const auto profile = f.profile("unused", "device_code");
    SUBCASE("not interactive: says how to sign in") {
        Authenticator auth(profile, f.transport, f.clock, f.cache);
        try {
            auth.access_token();
            FAIL("no throw");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::Auth);
            CHECK(std::string(error.what()) ==
                  "not signed in to profile 'prod' (device code sign-in needs a terminal)");
            CHECK(error.hint() == "run: techpass auth login -p prod");
        }
    }
    SUBCASE("login shows the code and polls") {
        std::string shown;
        AuthenticatorOptions options;
        options.show_device_code = [&](const DeviceCode& code) {
            shown = code.message;
        };
        Authenticator auth(profile, f.transport, f.clock, f.cache, options);
        f.transport.json(
            "POST", "/devicecode", 200,
            R"({"device_code":"DC","user_code":"U","verification_uri":"https://v","expires_in":600,"interval":1,"message":"Go to https://v, enter U"})");
        f.transport.json("POST", "/token", 400, R"({"error":"authorization_pending"})");
        f.transport.json(
            "POST", "/token", 200,
            R"({"access_token":"user-token","refresh_token":"refresh-1","expires_in":3600})");
        const auto token = auth.login();
        CHECK(shown == "Go to https://v, enter U");
        CHECK(token.access_token == "user-token");
        CHECK(f.cache.load("prod", auth.fingerprint())->refresh_token == "refresh-1");
    }
    SUBCASE("an expired sign-in is renewed with its refresh token") {
        CachedToken old{"old", "refresh-1", f.clock.now() - seconds(5), "", {}};
        Authenticator auth(profile, f.transport, f.clock, f.cache);
        old.fingerprint = auth.fingerprint();
        f.cache.store("prod", old);
        f.transport.json(
            "POST", "/token", 200, R"({"access_token":"renewed","expires_in":3600})",
            [](const http::Request& request) {
                CHECK(request.body.find("grant_type=refresh_token") != std::string::npos);
                CHECK(request.body.find("refresh_token=refresh-1") != std::string::npos);
            });
        CHECK(auth.access_token() == "renewed");
        CHECK(f.cache.load("prod", auth.fingerprint())->refresh_token == "refresh-1");
    }
    SUBCASE("a refused refresh falls back to signing in") {
        Authenticator auth(profile, f.transport, f.clock, f.cache);
        f.cache.store(
            "prod",
            CachedToken{"old", "refresh-1", f.clock.now() - seconds(5), auth.fingerprint(), {}});
        f.transport.json("POST", "/token", 400, R"({"error":"unsupported_grant_type"})");
        try {
            auth.access_token();
            FAIL("no throw");
        } catch (const Error& error) {
            CHECK(std::string(error.what()) ==
                  "not signed in to profile 'prod' (device code sign-in needs a terminal)");
        }
    }
}

TEST_CASE("identity_from_token") {
    const auto token = testsupport::app_token(
        "app-9", "DOCK", std::chrono::system_clock::time_point(seconds(1'900'000'000)));
    const auto identity = identity_from_token(token);
    CHECK(identity.kind == "app");
    CHECK(identity.app_id == "app-9");
    CHECK(identity.namespaces == std::vector<std::string>{"DOCK"});
    CHECK(token_expiry(token) == std::chrono::system_clock::time_point(seconds(1'900'000'000)));
    Identity user;
    user.kind = "user";
    user.name = "jane@agency.gov.sg";
    CHECK(user.describe() == "user jane@agency.gov.sg");
    CHECK_THROWS_AS(identity_from_token("opaque"), Error);
}

} // namespace test_auth_authenticator
