// lib/techpass/tenant/plan and export: the plan is a pure function of the
// tenant file and the live state; export writes a file whose plan is empty.

#include "techpass/tenant/export.hpp"
#include "techpass/tenant/file.hpp"
#include "techpass/tenant/plan.hpp"
#include "techpass/util/text.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

namespace test_tenant_plan {

using namespace techpass;
using namespace techpass::tenant;
using api::Json;

namespace {

const auto k_now = *util::parse_rfc3339("2026-12-04T00:00:00Z");

TenantFile file_of(const std::string& text) {
    return parse_tenant_file(text, "ship.toml", k_now);
}

// A namespace with one admin, one group with one member, one app assigned to
// that group, one API key and one webhook.
LiveState live_ship() {
    LiveState live;
    live.namespace_code = "SHIP";
    live.ns =
        Json{{"code", "SHIP"},
             {"displayName", "Ship"},
             {"description", "Ships"},
             {"admins", Json::array({Json{{"id", "u-1"}, {"email", "mei.lim@tech.gov.sg"}}})}};
    live.groups.push_back(Json{{"id", "g-1"},
                               {"name", "portal-ops"},
                               {"description", "Run the portal"},
                               {"members", Json::array({Json{{"id", "u-1"},
                                                             {"type", "user"},
                                                             {"email", "mei.lim@tech.gov.sg"},
                                                             {"name", "mei"}}})}});
    LiveApp app;
    app.app = Json{{"appId", "a-1"},
                   {"name", "ship-portal"},
                   {"homepageUrl", nullptr},
                   {"logoutUrl", nullptr},
                   {"redirectUrls", Json::array({"https://ship.example.gov.sg/cb"})},
                   {"signInEnabled", true},
                   {"assignmentRequired", true},
                   {"published", false},
                   {"seedRequired", false},
                   {"consentGranted", false},
                   {"owners", Json::array()}};
    app.assignments = Json::array({Json{{"id", "as-1"},
                                        {"principalType", "group"},
                                        {"principalId", "g-1"},
                                        {"principalName", "portal-ops"}}});
    app.certificates = Json::array();
    app.secrets = Json::array({Json{{"id", "s-1"}, {"description", "production"}}});
    live.apps.push_back(app);
    live.apikeys = Json::array({Json{{"id", "k-1"}, {"name", "ci"}, {"prefix", "tpk_abcd"}}});
    live.webhooks = Json::array({Json{{"id", "w-1"},
                                      {"url", "https://hooks.example.gov.sg/tp"},
                                      {"events", Json::array({"user-registered"})},
                                      {"headers", Json::object()},
                                      {"description", ""}}});
    return live;
}

// The file that describes live_ship() exactly.
const std::string k_same = R"(namespace = "SHIP"
display_name = "Ship"
description = "Ships"
admins = ["mei.lim@tech.gov.sg"]

[[groups]]
name = "portal-ops"
description = "Run the portal"
members = ["mei.lim@tech.gov.sg"]

[[apps]]
name = "ship-portal"
redirect_urls = ["https://ship.example.gov.sg/cb"]
assignment_required = true
assign_groups = ["portal-ops"]
secrets = ["production"]

[[apikeys]]
name = "ci"

[[webhooks]]
url = "https://hooks.example.gov.sg/tp"
events = ["user-registered"]
)";

// --prune, signing in with the API key given.
PlanOptions pruning(const std::string& own_key = {}) {
    PlanOptions options;
    options.prune = true;
    options.own_key_prefix = own_key;
    return options;
}

Plan plan_of(const std::string& text, const LiveState& live, PlanOptions options = {}) {
    return make_plan(file_of(text), {}, live, options);
}

std::vector<std::string> lines_of(const Plan& plan) {
    std::vector<std::string> lines;
    for (const Change& change : plan.changes) {
        lines.push_back(change_line(change));
    }
    return lines;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("plan: a file that matches the namespace plans nothing") {
    const Plan plan = plan_of(k_same, live_ship(), pruning());
    CHECK(plan.empty());
    CHECK(plan.summary() == "0 to create, 0 to update, 0 to delete");
    std::ostringstream text;
    write_plan_text(text, plan, "ship.toml", false);
    CHECK(text.str() == "No changes: namespace SHIP is as ship.toml describes it.\n\nPlan: 0 to "
                        "create, 0 to update, 0 to delete.\n");
}

TEST_CASE("plan: from an empty namespace, creations in dependency order") {
    LiveState empty;
    empty.namespace_code = "SHIP";
    empty.ns =
        Json{{"code", "SHIP"},
             {"displayName", "Ship"},
             {"description", "Ships"},
             {"admins", Json::array({Json{{"id", "u-1"}, {"email", "mei.lim@tech.gov.sg"}}})}};
    const Plan plan = plan_of(k_same, empty);
    CHECK(lines_of(plan) == std::vector<std::string>{
                                "create group portal-ops",
                                "create member user mei.lim@tech.gov.sg of group portal-ops",
                                "create app ship-portal",
                                "create secret production of app ship-portal",
                                "create assignment group portal-ops of app ship-portal",
                                "create apikey ci",
                                "create webhook https://hooks.example.gov.sg/tp",
                            });
    CHECK(plan.summary() == "7 to create, 0 to update, 0 to delete");
    // Secrets are marked, never carried.
    CHECK(plan.changes[3].makes_secret);
    CHECK(plan.changes[5].makes_secret);
    CHECK(plan.changes[6].makes_secret);
    CHECK_FALSE(plan.changes[0].makes_secret);
    // Every creation has a key derived from the object: the same plan made
    // again has the same keys, a different object a different key.
    const Plan again = plan_of(k_same, empty);
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
        CHECK(plan.changes[i].idempotency_key.rfind("techpass-apply-", 0) == 0);
        CHECK(plan.changes[i].idempotency_key == again.changes[i].idempotency_key);
    }
    CHECK(plan.changes[0].idempotency_key != plan.changes[1].idempotency_key);
    const Plan other = plan_of(replaced(k_same, "Run the portal", "Run it"), empty);
    CHECK(other.changes[0].idempotency_key != plan.changes[0].idempotency_key);
    // The app's body is what the portal takes.
    CHECK(plan.changes[2].detail["body"] ==
          Json{{"name", "ship-portal"},
               {"redirectUrls", Json::array({"https://ship.example.gov.sg/cb"})},
               {"assignmentRequired", true}});
}

TEST_CASE("plan: one field changed is exactly one update with before and after") {
    const Plan plan = plan_of(replaced(k_same, "description = \"Run the portal\"",
                                       "description = \"Run the registry portal\""),
                              live_ship());
    REQUIRE(plan.changes.size() == 1);
    const Change& change = plan.changes[0];
    CHECK(change_line(change) == "update group portal-ops");
    REQUIRE(change.fields.size() == 1);
    CHECK(change.fields[0].field == "description");
    CHECK(change.fields[0].before == "Run the portal");
    CHECK(change.fields[0].after == "Run the registry portal");
    std::ostringstream text;
    write_plan_text(text, plan, "ship.toml", false);
    CHECK(text.str() == "Plan for namespace SHIP from ship.toml:\n"
                        "\n~ group portal-ops\n"
                        "    description: \"Run the portal\" -> \"Run the registry portal\"\n"
                        "\nPlan: 0 to create, 1 to update, 0 to delete.\n");
    std::ostringstream coloured;
    write_plan_text(coloured, plan, "ship.toml", true);
    CHECK(coloured.str().find("\x1b[33m~ group portal-ops\x1b[0m") != std::string::npos);
}

TEST_CASE("plan: app settings, redirect URLs and owners are compared") {
    const std::string file = replaced(
        replaced(
            k_same, "redirect_urls = [\"https://ship.example.gov.sg/cb\"]",
            "redirect_urls = [\"https://ship.example.gov.sg/cb\", \"http://localhost:3000/cb\"]\n"
            "published = true\nhomepage_url = \"https://ship.example.gov.sg\""),
        "assignment_required = true", "assignment_required = true\nconsent_granted = true");
    const Plan plan = plan_of(file, live_ship());
    REQUIRE(plan.changes.size() == 1);
    const Change& change = plan.changes[0];
    CHECK(change_line(change) == "update app ship-portal");
    std::vector<std::string> fields;
    for (const auto& f : change.fields) {
        fields.push_back(f.field);
    }
    CHECK(fields == std::vector<std::string>{"redirect_urls", "homepage_url", "published",
                                             "consent_granted"});
    CHECK(change.detail["id"] == "a-1");
    CHECK(change.detail["body"] ==
          Json{{"redirectUrls",
                Json::array({"https://ship.example.gov.sg/cb", "http://localhost:3000/cb"})},
               {"homepageUrl", "https://ship.example.gov.sg"},
               {"published", true},
               {"consentGranted", true}});
    // Settings the file leaves out are left alone: live seedRequired is
    // false and the file does not say, so nothing is planned for it.
}

TEST_CASE("plan: --prune deletes only what the file does not mention, in reverse order") {
    // The file keeps the group and the app, and drops the rest.
    const std::string file = R"(namespace = "SHIP"
admins = ["mei.lim@tech.gov.sg"]

[[groups]]
name = "portal-ops"
description = "Run the portal"

[[apps]]
name = "ship-portal"
redirect_urls = ["https://ship.example.gov.sg/cb"]
)";
    CHECK(plan_of(file, live_ship()).empty()); // without --prune: nothing
    const Plan plan = plan_of(file, live_ship(), pruning());
    CHECK(lines_of(plan) == std::vector<std::string>{
                                "delete webhook https://hooks.example.gov.sg/tp",
                                "delete apikey ci",
                                "delete assignment group portal-ops of app ship-portal",
                                "delete secret production of app ship-portal",
                                "delete member user mei.lim@tech.gov.sg of group portal-ops",
                            });
    CHECK(plan.summary() == "0 to create, 0 to update, 5 to delete");
    CHECK(plan.changes[1].detail["id"] == "k-1");
}

TEST_CASE("plan: --prune keeps the API key the run signs in with, and says so") {
    const std::string file = replaced(k_same, "[[apikeys]]\nname = \"ci\"\n", "");
    const Plan plan = plan_of(file, live_ship(), pruning("tpk_abcd1234secret"));
    CHECK(plan.empty());
    REQUIRE(plan.notes.size() == 1);
    CHECK(plan.notes[0] == "API key ci is not in the file but is the key this run uses: kept");
    const Plan other = plan_of(file, live_ship(), pruning("tpk_zzzz1234secret"));
    CHECK(lines_of(other) == std::vector<std::string>{"delete apikey ci"});
}

TEST_CASE("plan: --prune keeps the app the run signs in as, and its credentials") {
    // The file drops the app: it is kept.
    const std::string without = R"(namespace = "SHIP"
admins = ["mei.lim@tech.gov.sg"]
)";
    PlanOptions options = pruning();
    options.own_client_id = "a-1";
    const Plan plan = plan_of(without, live_ship(), options);
    for (const Change& change : plan.changes) {
        CHECK(change.type != "app");
    }
    CHECK(std::find(plan.notes.begin(), plan.notes.end(),
                    "app ship-portal is not in the file but is the app this run signs in as: "
                    "kept") != plan.notes.end());
    // The file names the app without its secret: the secret is kept.
    const Plan same =
        plan_of(replaced(k_same, "secrets = [\"production\"]\n", ""), live_ship(), options);
    CHECK(same.empty());
    CHECK(same.notes == std::vector<std::string>{
                            "app ship-portal is the app this run signs in as: its certificates are "
                            "not pruned",
                            "app ship-portal is the app this run signs in as: its secrets are not "
                            "pruned"});
}

TEST_CASE("plan: whitelist entries are added, re-dated and pruned by value") {
    LiveState live = live_ship();
    live.apps[0].whitelist = Json::array({Json{{"whitelistId", "wl-1"},
                                               {"whitelistValue", "acme.example.sg"},
                                               {"expiresAt", nullptr}},
                                          Json{{"whitelistId", "wl-2"},
                                               {"whitelistValue", "old.example.sg"},
                                               {"expiresAt", nullptr}},
                                          Json{{"whitelistId", "wl-3"},
                                               {"whitelistValue", "ahmad@initech.example"},
                                               {"expiresAt", "2029-01-01T00:00:00Z"}}});
    const std::string file = k_same + R"(
[[whitelists]]
app = "ship-portal"
entries = ["ACME.example.sg", "new.example.sg",
           { value = "ahmad@initech.example", expires_at = "2030-03-31T23:59:59+08:00" }]
)";
    const Plan plan = plan_of(file, live, pruning());
    CHECK(lines_of(plan) == std::vector<std::string>{
                                "create whitelist-entry new.example.sg of app ship-portal",
                                "update whitelist-entry ahmad@initech.example of app ship-portal",
                                "delete whitelist-entry old.example.sg of app ship-portal",
                            });
    CHECK(plan.changes[1].fields[0].before == "2029-01-01T00:00:00Z");
    CHECK(plan.changes[1].fields[0].after == "2030-03-31T15:59:59Z");
    CHECK(plan.changes[2].detail["id"] == "wl-2");
}

TEST_CASE("plan: -o json is stable and carries no secret and no request body") {
    LiveState empty;
    empty.namespace_code = "SHIP";
    empty.ns = Json{{"code", "SHIP"},
                    {"displayName", "Ship"},
                    {"description", "Ships"},
                    {"admins", Json::array({Json{{"email", "mei.lim@tech.gov.sg"}}})}};
    const Json json = plan_json(plan_of(k_same, empty));
    CHECK(json["formatVersion"] == 1);
    CHECK(json["namespace"] == "SHIP");
    CHECK(json["summary"] == Json{{"create", 7}, {"update", 0}, {"delete", 0}});
    CHECK(json["changes"][1] == Json{{"action", "create"},
                                     {"type", "member"},
                                     {"name", "user mei.lim@tech.gov.sg"},
                                     {"parent", Json{{"type", "group"}, {"name", "portal-ops"}}},
                                     {"fields", Json::array()}});
    CHECK(json.dump().find("detail") == std::string::npos);
    CHECK(json.dump().find("techpass-apply-") == std::string::npos);
}

TEST_CASE("export: the file written from a namespace plans nothing against it") {
    LiveState live = live_ship();
    live.apps[0].whitelist = Json::array({Json{{"whitelistId", "wl-1"},
                                               {"whitelistValue", "acme.example.sg"},
                                               {"expiresAt", nullptr}},
                                          Json{{"whitelistId", "wl-3"},
                                               {"whitelistValue", "ahmad@initech.example"},
                                               {"expiresAt", "2029-01-01T00:00:00Z"}}});
    live.webhooks[0]["headers"] = Json{{"X-Ship-Env", "prod \"blue\""}};
    live.webhooks[0]["description"] = "Sync\tusers";
    const std::string text = export_tenant_file(live, k_now);
    CHECK(text.find("namespace = \"SHIP\"") != std::string::npos);
    CHECK(text.find("headers = { X-Ship-Env = \"prod \\\"blue\\\"\" }") != std::string::npos);
    CHECK(text.find("secrets = [\"production\"]") != std::string::npos);
    const Plan plan = make_plan(file_of(text), {}, live, pruning());
    CHECK(lines_of(plan) == std::vector<std::string>{});
}

TEST_CASE("export: TOML strings are escaped") {
    CHECK(toml_string("plain") == "\"plain\"");
    CHECK(toml_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(toml_string("line\nnext\x01") == "\"line\\nnext\\u0001\"");
}

TEST_CASE("plan: only what the file manages is read, everything with --prune") {
    const TenantFile file = file_of(k_same + R"(
[[groups]]
name = "empty"

[[apps]]
name = "bare"
redirect_urls = ["https://bare.example.gov.sg/cb"]

[[whitelists]]
app = "bare"
entries = ["acme.example.sg"]
)");
    const ReadOptions options = read_options(file, false);
    CHECK_FALSE(options.everything);
    CHECK(options.apikeys);
    CHECK(options.webhooks);
    CHECK_FALSE(read_options(file_of("namespace = \"SHIP\"\n"), false).apikeys);
    CHECK(read_options(file_of("namespace = \"SHIP\"\n"), true).webhooks);
    CHECK(options.groups == std::set<std::string>{"portal-ops"});
    const auto& portal = options.apps.at("ship-portal");
    CHECK(portal.assignments);
    CHECK(portal.secrets);
    CHECK_FALSE(portal.certificates);
    CHECK_FALSE(portal.whitelist);
    const auto& bare = options.apps.at("bare");
    CHECK_FALSE(bare.assignments);
    CHECK_FALSE(bare.secrets);
    CHECK(bare.whitelist);

    const ReadOptions pruned = read_options(file, true);
    CHECK(pruned.groups == std::set<std::string>{"portal-ops", "empty"});
    for (const auto& app : pruned.apps) {
        CAPTURE(app.first);
        const auto& parts = app.second;
        CHECK((parts.assignments && parts.certificates && parts.secrets && parts.whitelist));
    }
}

TEST_CASE("plan: an empty homepage_url removes the app's, and a new app is made without one") {
    LiveState live = live_ship();
    live.apps[0].app["homepageUrl"] = "https://ship.example.gov.sg";
    const std::string file = replaced(k_same, "assignment_required = true",
                                      "assignment_required = true\nhomepage_url = \"\"");
    const Plan plan = plan_of(file, live);
    REQUIRE(plan.changes.size() == 1);
    REQUIRE(plan.changes[0].fields.size() == 1);
    CHECK(plan.changes[0].fields[0].field == "homepage_url");
    CHECK(plan.changes[0].fields[0].after.is_null());
    CHECK(plan.changes[0].detail["body"] == Json{{"homepageUrl", nullptr}});

    LiveState empty = live_ship();
    empty.apps.clear();
    const Plan create = plan_of(file, empty);
    for (const Change& change : create.changes) {
        if (change.type == "app") {
            CHECK_FALSE(change.detail["body"].contains("homepageUrl"));
        }
    }
}

TEST_CASE("plan: a name the file repeats is planned once") {
    LiveState empty = live_ship();
    empty.groups.clear();
    empty.apps.clear();
    const std::string file =
        replaced(replaced(replaced(k_same, "members = [\"mei.lim@tech.gov.sg\"]",
                                   "members = [\"mei.lim@tech.gov.sg\", \"MEI.LIM@tech.gov.sg\"]"),
                          "assign_groups = [\"portal-ops\"]",
                          "assign_groups = [\"portal-ops\", \"portal-ops\"]"),
                 "secrets = [\"production\"]", "secrets = [\"production\", \"production\"]");
    std::size_t members = 0;
    std::size_t assignments = 0;
    std::size_t secrets = 0;
    for (const Change& change : plan_of(file, empty).changes) {
        members += change.type == "member";
        assignments += change.type == "assignment";
        secrets += change.type == "secret";
    }
    CHECK(members == 1);
    CHECK(assignments == 1);
    CHECK(secrets == 1);
}

} // namespace test_tenant_plan
