// /iam/namespace/{namespace}/apikeys: shown once, at most four, the last one kept.

#include "resources_fixture.hpp"

#include <doctest/doctest.h>

namespace test_resources_apikeys {

using namespace restest;

namespace {

const std::string k_keys = "/iam/namespace/SHIP/apikeys";

} // namespace

TEST_CASE("apikeys: create, use, limit and revoke") {
    Tenant t;
    const Reply created = t.post(k_keys, {{"name", "ci pipeline"}});
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const std::string key = created.body.at("key").get<std::string>();
    CHECK(key.size() == 44);
    CHECK(key.rfind("tpk_", 0) == 0);
    CHECK(created.body.at("prefix") == key.substr(0, 8));
    CHECK(created.body.at("lastUsedAt").is_null());
    const std::string id = created.body.at("id").get<std::string>();

    // The new key works at once, and the listing shows it used, never its value.
    As with_new_key = ship_app();
    with_new_key.key = key;
    REQUIRE(t.get("/iam/namespace/SHIP", with_new_key).status == 200);
    const Reply listed = t.get(k_keys);
    REQUIRE(listed.body.at("count") == 2);
    CHECK(listed.body.at("apiKeys")[1].at("id") == id);
    CHECK(listed.body.at("apiKeys")[1].at("lastUsedAt").is_string());
    CHECK_FALSE(listed.body.at("apiKeys")[1].contains("key"));

    const Reply same_name = t.post(k_keys, {{"name", "ci pipeline"}});
    CHECK(same_name.status == 409);
    CHECK(message(same_name) == "namespace SHIP already has an API key named 'ci pipeline'");
    CHECK(message(t.post(k_keys, {{"name", "-ci"}})) ==
          "field 'name' must be 1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a "
          "letter or digit, not '-ci'");
    REQUIRE(t.post(k_keys, {{"name", "third"}}).status == 201);
    REQUIRE(t.post(k_keys, {{"name", "fourth"}}).status == 201);
    const Reply fifth = t.post(k_keys, {{"name", "fifth"}});
    CHECK(fifth.status == 409);
    CHECK(message(fifth) == "namespace SHIP already has 4 API keys, the maximum; revoke one first");

    // A key may revoke itself; the next request with it is refused.
    CHECK(t.del(k_keys + "/" + id, with_new_key).status == 204);
    CHECK(t.get("/iam/namespace/SHIP", with_new_key).status == 401);
    const Reply gone = t.del(k_keys + "/" + id);
    CHECK(gone.status == 404);
    CHECK(message(gone) == "API key '" + id + "' not found in namespace SHIP");

    const Reply remaining = t.get(k_keys);
    for (const auto& item : remaining.body.at("apiKeys")) {
        if (item.at("name") != "tests") {
            REQUIRE(t.del(k_keys + "/" + item.at("id").get<std::string>()).status == 204);
        }
    }
    const std::string last = t.get(k_keys).body.at("apiKeys")[0].at("id").get<std::string>();
    const Reply keep = t.del(k_keys + "/" + last);
    CHECK(keep.status == 409);
    CHECK(message(keep) ==
          "'tests' is the last API key of namespace SHIP; create its replacement first");
    CHECK(t.get(k_keys, person("bob.lee@tech.gov.sg")).status == 403);
}

} // namespace test_resources_apikeys
