#include "support/temp_dir.hpp"
#include "techpass/auth/token_cache.hpp"
#include "techpass/context.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

namespace test_auth_token_cache {

using namespace techpass;
using namespace techpass::auth;

namespace {

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    return static_cast<unsigned>(info.st_mode & 0777);
}

} // namespace

TEST_CASE("TokenCache::default_dir") {
    MapEnvironment env{{{"HOME", "/home/jane"}}};
    CHECK(TokenCache::default_dir(env) == "/home/jane/.cache/techpass");
    env.set("XDG_CACHE_HOME", "/xdg-cache");
    CHECK(TokenCache::default_dir(env) == "/xdg-cache/techpass");
}

TEST_CASE("TokenCache: store, load, remove") {
    testsupport::TempDir dir;
    const TokenCache cache(dir.path() + "/cache/techpass");
    CHECK(cache.path("prod") == dir.path() + "/cache/techpass/prod.json");
    CHECK(cache.path("") == dir.path() + "/cache/techpass/_env.json");
    CHECK(!cache.load("prod", "fp"));

    CachedToken token;
    token.access_token = "access";
    token.expires_at = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'001'199));
    token.fingerprint = "fp";
    token.identity.kind = "app";
    token.identity.app_id = "app-1";
    token.identity.namespaces = {"SHIP"};
    cache.store("prod", token);
    CHECK(mode_of(cache.path("prod")) == 0600);
    CHECK(mode_of(dir.path() + "/cache/techpass") == 0700);

    const auto loaded = cache.load("prod", "fp");
    REQUIRE(loaded);
    CHECK(loaded->access_token == "access");
    CHECK(loaded->expires_at == token.expires_at);
    CHECK(loaded->identity.app_id == "app-1");
    CHECK(loaded->identity.namespaces == std::vector<std::string>{"SHIP"});
    CHECK(loaded->refresh_token.empty());

    CHECK(!cache.load("prod", "other-fingerprint"));
    CHECK(!cache.load("dev", "fp"));
    CHECK(cache.remove("prod"));
    CHECK(!cache.remove("prod"));
    CHECK(!cache.load("prod", "fp"));
}

TEST_CASE("TokenCache: a damaged file is ignored") {
    testsupport::TempDir dir;
    const TokenCache cache(dir.path());
    dir.write("prod.json", "{not json");
    CHECK(!cache.load("prod", "fp"));
    dir.write("prod.json", R"({"fingerprint":"fp","accessToken":7,"expiresAt":1})");
    CHECK(!cache.load("prod", "fp"));
}

TEST_CASE("credential_fingerprint") {
    const auto base = credential_fingerprint("https://a", "c", "client_secret", "s1");
    CHECK(base.size() == 64);
    CHECK(base == credential_fingerprint("https://a", "c", "client_secret", "s1"));
    CHECK(base != credential_fingerprint("https://a", "c", "client_secret", "s2"));
    CHECK(base != credential_fingerprint("https://b", "c", "client_secret", "s1"));
    CHECK(base != credential_fingerprint("https://a", "c", "certificate", "s1"));
    // Parts cannot run into each other.
    CHECK(credential_fingerprint("ab", "c", "m", "x") !=
          credential_fingerprint("a", "bc", "m", "x"));
    CHECK(base.find("s1") == std::string::npos);
}

TEST_CASE("TokenCache::path keeps odd profile names inside the cache directory") {
    const TokenCache cache("/c");
    CHECK(cache.path("../../etc/passwd") == "/c/_._.._etc_passwd.json");
    CHECK(cache.path("my prof") == "/c/my_prof.json");
    CHECK(cache.path("prod-1_a") == "/c/prod-1_a.json");
}

} // namespace test_auth_token_cache
