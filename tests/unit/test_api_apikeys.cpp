// lib/techpass/api/apikeys: names, and which key to revoke first.

#include "techpass/api/apikeys.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

namespace test_api_apikeys {

using namespace techpass;
using namespace techpass::api::apikeys;

TEST_CASE("apikeys: names follow the contract") {
    for (const char* good : {"ci", "ci-2027", "Build server 2", "a.b_c"}) {
        CAPTURE(good);
        CHECK_NOTHROW(check_key_name(good));
    }
    for (const std::string& bad :
         std::vector<std::string>{"", "-ci", "ci/2027", " ci", std::string(65, 'a')}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(check_key_name(bad), Error);
    }
}

TEST_CASE("apikeys: the key to revoke first is never used, else used the longest ago") {
    const api::Json keys = api::Json::parse(R"([
        {"name": "recent", "createdAt": "2026-01-01T00:00:00Z", "lastUsedAt": "2026-12-01T00:00:00Z"},
        {"name": "old-use", "createdAt": "2026-02-01T00:00:00Z", "lastUsedAt": "2026-03-01T00:00:00Z"},
        {"name": "unused-new", "createdAt": "2026-11-01T00:00:00Z", "lastUsedAt": null},
        {"name": "unused-old", "createdAt": "2026-10-01T00:00:00Z", "lastUsedAt": null}])");
    CHECK(stalest_key(keys)["name"] == "unused-old");
    api::Json used = keys;
    used.erase(3);
    used.erase(2);
    CHECK(stalest_key(used)["name"] == "old-use");
}

} // namespace test_api_apikeys
