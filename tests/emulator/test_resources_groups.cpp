// /iam/namespace/{namespace}/groups and their members.

#include "resources_fixture.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

namespace test_resources_groups {

using namespace restest;

namespace {

const std::string k_groups = "/iam/namespace/SHIP/groups";

json names_of(const json& items, const char* field = "name") {
    json names = json::array();
    for (const auto& item : items) {
        names.push_back(item.at(field));
    }
    return names;
}

} // namespace

TEST_CASE("groups: create, list, read, rename and delete") {
    Tenant t;
    const Reply billing = t.post(k_groups, {{"name", "billing"}, {"description", "Billing team"}});
    REQUIRE_MESSAGE(billing.status == 201, billing.text);
    CHECK(billing.body.at("grn") == "ship:billing");
    CHECK(billing.body.at("description") == "Billing team");
    CHECK(billing.body.at("created").is_string());
    const std::string id = billing.body.at("id").get<std::string>();

    const Reply twice = t.post(k_groups, {{"name", "billing"}});
    CHECK(twice.status == 409);
    CHECK(message(twice) == "group 'billing' already exists in namespace SHIP");
    CHECK(message(t.post(k_groups, {{"name", "Billing"}})) ==
          "field 'name' must be 1 to 64 lower-case letters, digits and '-', starting with a "
          "letter or digit, not 'Billing'");
    CHECK(t.post(k_groups, {{"name", "-billing"}}).status == 400);
    CHECK(t.post(k_groups, {{"name", std::string(65, 'a')}}).status == 400);

    REQUIRE(t.post(k_groups, {{"name", "alpha"}}).status == 201);
    const Reply listed = t.get(k_groups);
    CHECK(names_of(listed.body.at("groups")) == json::array({"alpha", "billing"}));
    CHECK(listed.body.at("lastKey") == "");

    const Reply by_name = t.get(k_groups + "/billing");
    REQUIRE(by_name.status == 200);
    CHECK(by_name.body.at("id") == id);
    CHECK(by_name.body.at("members") == json::array());
    CHECK(t.get(k_groups + "/" + id).body.at("name") == "billing");
    const Reply missing = t.get(k_groups + "/nope");
    CHECK(missing.status == 404);
    CHECK(message(missing) == "group 'nope' not found in namespace SHIP");

    const Reply renamed = t.patch(k_groups + "/billing", {{"name", "finance"}});
    REQUIRE_MESSAGE(renamed.status == 200, renamed.text);
    CHECK(renamed.body.at("grn") == "ship:finance");
    CHECK(renamed.body.at("description") == "Billing team");
    CHECK(t.patch(k_groups + "/finance", {{"name", "alpha"}}).status == 409);
    CHECK(t.patch(k_groups + "/finance", json::object()).status == 400);

    CHECK(t.del(k_groups + "/finance").status == 204);
    CHECK(t.get(k_groups + "/" + id).status == 404);
    CHECK(t.get(k_groups, person("bob.lee@tech.gov.sg")).status == 403);
}

TEST_CASE("groups: at most 50 per namespace") {
    Tenant t;
    for (int i = 0; i < 50; ++i) {
        REQUIRE(t.post(k_groups, {{"name", "g" + std::to_string(i)}}).status == 201);
    }
    const Reply full = t.post(k_groups, {{"name", "one-more"}});
    CHECK(full.status == 409);
    CHECK(message(full) == "namespace SHIP already has 50 groups, the maximum");
    // The default page holds all of them; other namespaces are not affected.
    CHECK(t.get(k_groups).body.at("count") == 50);
    CHECK(t.post("/iam/namespace/OTHER/groups", {{"name", "g0"}}, other_app()).status == 201);
}

TEST_CASE("groups: members") {
    Tenant t;
    REQUIRE(t.post(k_groups, {{"name", "team"}}).status == 201);
    REQUIRE(t.post(k_groups, {{"name", "sub"}}).status == 201);
    const std::string members = k_groups + "/team/members";

    const Reply jane = t.post(members, {{"type", "user"}, {"id", "jane.tan@tech.gov.sg"}});
    REQUIRE_MESSAGE(jane.status == 201, jane.text);
    CHECK(jane.body.at("type") == "user");
    CHECK(jane.body.at("email") == "jane.tan@tech.gov.sg");
    CHECK(jane.body.at("name") == "jane_tan");
    CHECK(jane.body.at("firstName") == "Jane");
    CHECK(jane.body.at("displayName") == "Jane Tan");
    CHECK(jane.body.at("accountType") == "account:public_officer");
    const Reply sub = t.post(members, {{"type", "group"}, {"id", "sub"}});
    REQUIRE_MESSAGE(sub.status == 201, sub.text);
    CHECK(sub.body == json{{"id", sub.body.at("id")},
                           {"type", "group"},
                           {"email", nullptr},
                           {"name", "sub"},
                           {"firstName", nullptr},
                           {"lastName", nullptr},
                           {"displayName", "sub"},
                           {"accountType", nullptr}});
    REQUIRE(t.post(members, {{"type", "user"}, {"id", "bob.lee@tech.gov.sg"}}).status == 201);

    const Reply twice = t.post(members, {{"type", "user"}, {"id", "jane_tan"}});
    CHECK(twice.status == 409);
    CHECK(message(twice) == "user 'jane.tan@tech.gov.sg' is already a member of group 'team'");
    const Reply itself = t.post(members, {{"type", "group"}, {"id", "team"}});
    CHECK(itself.status == 422);
    CHECK(message(itself) == "group 'team' cannot be a member of itself");
    const Reply cycle = t.post(k_groups + "/sub/members", {{"type", "group"}, {"id", "team"}});
    CHECK(cycle.status == 422);
    CHECK(message(cycle) ==
          "adding group 'team' to 'sub' would make a cycle: 'sub' is already inside 'team'");
    const Reply unknown = t.post(members, {{"type", "user"}, {"id", "nobody@tech.gov.sg"}});
    CHECK(unknown.status == 422);
    CHECK(message(unknown) == "user 'nobody@tech.gov.sg' not found");

    // Users first (by email), then groups (by name), in pages.
    const Reply first = t.get(members + "?size=2");
    CHECK(names_of(first.body.at("members"), "id").size() == 2);
    CHECK(first.body.at("members")[0].at("email") == "bob.lee@tech.gov.sg");
    CHECK(first.body.at("members")[1].at("email") == "jane.tan@tech.gov.sg");
    const Reply second =
        t.get(members + "?size=2&lastKey=" + first.body.at("lastKey").get<std::string>());
    REQUIRE(second.body.at("count") == 1);
    CHECK(second.body.at("members")[0].at("name") == "sub");
    CHECK(second.body.at("lastKey") == "");
    CHECK(t.get(members + "?type=group").body.at("count") == 1);
    CHECK(t.get(k_groups + "/team").body.at("members").size() == 3);

    const std::string jane_id = jane.body.at("id").get<std::string>();
    CHECK(t.del(members + "/" + jane_id).status == 204);
    const Reply gone = t.del(members + "/" + jane_id);
    CHECK(gone.status == 404);
    CHECK(message(gone) == "'" + jane_id + "' is not a member of group 'team'");
    // Deleting a group removes it from the groups it was in.
    REQUIRE(t.del(k_groups + "/sub").status == 204);
    CHECK(t.get(members).body.at("count") == 1);
}

TEST_CASE("groups: dynamic groups refuse member changes") {
    testsupport::TempDir dir;
    const std::string db_path = dir.file("emulator.db");
    Tenant t({"--db", db_path});
    REQUIRE(t.post(k_groups, {{"name", "all-staff"}}).status == 201);
    REQUIRE(
        t.post(k_groups + "/all-staff/members", {{"type", "user"}, {"id", "jane_tan"}}).status ==
        201);
    // The API makes no dynamic groups (their rule lives in the directory): mark one directly.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    CHECK(sqlite3_exec(db, "UPDATE groups SET dynamic = 1 WHERE name = 'all-staff'", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);

    const std::string expected = "group 'all-staff' is dynamic: its members follow its membership "
                                 "rule and cannot be added or removed";
    const Reply add =
        t.post(k_groups + "/all-staff/members", {{"type", "user"}, {"id", "bob.lee@tech.gov.sg"}});
    CHECK(add.status == 403);
    CHECK(message(add) == expected);
    const std::string jane_id = t.get("/iam/users/jane_tan").body.at("id").get<std::string>();
    const Reply remove = t.del(k_groups + "/all-staff/members/" + jane_id);
    CHECK(remove.status == 403);
    CHECK(message(remove) == expected);
    CHECK(t.get(k_groups + "/all-staff/members").body.at("count") == 1);
}

} // namespace test_resources_groups
