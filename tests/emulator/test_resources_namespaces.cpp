// /tenants/requests, /iam/namespaces and /iam/namespace/{namespace} with its
// admins: who may ask, read and change, and the admin list's rules.

#include "resources_fixture.hpp"

#include <doctest/doctest.h>

namespace test_resources_namespaces {

using namespace restest;

namespace {

json tenant_request(const std::string& code) {
    return {{"namespace", code},
            {"serviceName", "Port Services"},
            {"description", "Port permits"},
            {"contactEmail", "Bob.Lee@tech.gov.sg"}};
}

} // namespace

TEST_CASE("tenants: requests by active public officers") {
    Tenant t;
    const As bob = person("bob.lee@tech.gov.sg");
    const Reply created = t.post("/tenants/requests", tenant_request("PORT"), bob);
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const json& request = created.body;
    CHECK(request.at("namespace") == "PORT");
    CHECK(request.at("status") == "pending");
    CHECK(request.at("contactEmail") == "bob.lee@tech.gov.sg");
    CHECK(request.at("requestedBy").at("type") == "user");
    CHECK(request.at("requestedBy").at("name") == "bob.lee@tech.gov.sg");
    CHECK(request.at("decidedAt").is_null());
    CHECK(request.at("decisionReason").is_null());
    const std::string id = request.at("id").get<std::string>();

    const Reply twice = t.post("/tenants/requests", tenant_request("PORT"), bob);
    CHECK(twice.status == 409);
    CHECK(message(twice) ==
          "namespace PORT is already requested (tenant request '" + id + "' is pending)");
    CHECK(message(t.post("/tenants/requests", tenant_request("SHIP"), bob)) ==
          "namespace SHIP already exists");
    CHECK(message(t.post("/tenants/requests", tenant_request("port"), bob)) ==
          "field 'namespace' must be 2 to 16 upper-case letters and digits starting with a letter "
          "(e.g. SHIP), not 'port'");
    const Reply app = t.post("/tenants/requests", tenant_request("APPS"));
    CHECK(app.status == 403);
    CHECK(message(app) == "app 'ship-automation' (" + k_ship_app +
                              ") lacks the right 'Tenants.Request': only active public officers "
                              "have it");
    CHECK(
        t.post("/tenants/requests", tenant_request("VEND"), person("alex.wong@acme-consulting.com"))
            .status == 403);

    CHECK(t.get("/tenants/requests", bob).body.at("count") == 1);
    const As jane = person("jane.tan@tech.gov.sg");
    CHECK(t.get("/tenants/requests", jane).body.at("count") == 0);
    CHECK(t.get("/tenants/requests/" + id, jane).status == 404);
    CHECK(message(t.get("/tenants/requests?status=done", bob)) ==
          "status must be one of pending, approved, rejected, not 'done'");

    REQUIRE(t.portal()
                .post_json("/_emulator/tenants/requests/" + id + "/approve", json::object())
                .status == 200);
    const Reply approved = t.get("/tenants/requests/" + id, bob);
    CHECK(approved.body.at("status") == "approved");
    CHECK(approved.body.at("decidedAt").is_string());
    CHECK(t.get("/tenants/requests?status=pending", bob).body.at("count") == 0);
}

TEST_CASE("namespaces: listing, reading and updating") {
    Tenant t;
    const As jane = person("jane.tan@tech.gov.sg");
    const As bob = person("bob.lee@tech.gov.sg");
    const auto codes = [&t](const As& as) {
        json result = json::array();
        const Reply listed = t.get("/iam/namespaces", as);
        for (const auto& ns : listed.body.at("namespaces")) {
            result.push_back(ns.at("code"));
        }
        return result;
    };
    CHECK(codes(jane) == json::array({"SHIP"}));
    CHECK(codes(ship_app()) == json::array({"SHIP"}));
    CHECK(codes(person("omar.ali@mom.gov.sg", k_other_key)) == json::array({"OTHER"}));
    CHECK(codes(bob) == json::array());
    CHECK(t.get("/iam/namespaces", person("alex.wong@acme-consulting.com")).status == 403);

    const Reply ship = t.get("/iam/namespace/SHIP", jane);
    REQUIRE_MESSAGE(ship.status == 200, ship.text);
    CHECK(ship.body.at("displayName") == "Shipping Services");
    CHECK(ship.body.at("directoryId") == emutest::k_directory);
    REQUIRE(ship.body.at("admins").size() == 1);
    CHECK(ship.body.at("admins")[0].at("email") == "jane.tan@tech.gov.sg");
    CHECK(ship.body.at("admins")[0].at("addedBy").is_null());

    const Reply outsider = t.get("/iam/namespace/SHIP", bob);
    CHECK(outsider.status == 403);
    CHECK(message(outsider) == "user 'bob.lee@tech.gov.sg' lacks the right 'Namespace.Admin' on "
                               "namespace SHIP: only the namespace's tenant admins and its own "
                               "automation apps have it");
    const Reply reader = t.get("/iam/namespace/SHIP", reader_app());
    CHECK(reader.status == 403);
    CHECK(message(reader).find("app 'ship-reader'") == 0);

    const Reply updated =
        t.patch("/iam/namespace/SHIP", {{"displayName", "Shipping"}, {"description", ""}});
    REQUIRE_MESSAGE(updated.status == 200, updated.text);
    CHECK(updated.body.at("displayName") == "Shipping");
    CHECK(updated.body.at("description") == "");
    CHECK(message(t.patch("/iam/namespace/SHIP", json::object())) ==
          "the request body must hold at least one field to change");
    CHECK(message(t.patch("/iam/namespace/SHIP", {{"code", "X"}})) == "unknown field 'code'");
    CHECK(message(t.patch("/iam/namespace/SHIP", {{"displayName", ""}})) ==
          "field 'displayName' must not be empty");
}

TEST_CASE("namespaces: tenant admins") {
    Tenant t;
    const Reply bob = t.post("/iam/namespace/SHIP/admins", {{"user", "bob.lee@tech.gov.sg"}});
    REQUIRE_MESSAGE(bob.status == 201, bob.text);
    CHECK(bob.body.at("email") == "bob.lee@tech.gov.sg");
    CHECK(bob.body.at("displayName") == "Bob Lee");
    CHECK(bob.body.at("addedBy") ==
          json{{"type", "namespace"}, {"id", "SHIP"}, {"name", "Shipping Services"}});
    // The new admin's rights apply at once.
    CHECK(t.get("/iam/namespace/SHIP", person("bob.lee@tech.gov.sg")).status == 200);

    const Reply twice = t.post("/iam/namespace/SHIP/admins", {{"user", "bob.lee@tech.gov.sg"}});
    CHECK(twice.status == 409);
    CHECK(message(twice) == "bob.lee@tech.gov.sg is already a tenant admin of namespace SHIP");
    const Reply vendor =
        t.post("/iam/namespace/SHIP/admins", {{"user", "alex.wong@acme-consulting.com"}});
    CHECK(vendor.status == 422);
    CHECK(message(vendor) == "tenant admins must be active public officers; "
                             "alex.wong@acme-consulting.com is account:vendor (active)");
    CHECK(t.post("/iam/namespace/SHIP/admins", {{"user", "pat.pending@tech.gov.sg"}}).status ==
          422);
    const Reply unknown = t.post("/iam/namespace/SHIP/admins", {{"user", "nobody@tech.gov.sg"}});
    CHECK(unknown.status == 422);
    CHECK(message(unknown) == "user 'nobody@tech.gov.sg' not found");

    const Reply admins = t.get("/iam/namespace/SHIP/admins");
    REQUIRE(admins.body.at("count") == 2);
    CHECK(admins.body.at("admins")[0].at("email") == "jane.tan@tech.gov.sg");

    CHECK(t.del("/iam/namespace/SHIP/admins/jane.tan@tech.gov.sg").status == 204);
    const Reply last = t.del("/iam/namespace/SHIP/admins/" + bob.body.at("id").get<std::string>());
    CHECK(last.status == 409);
    CHECK(message(last) == "bob.lee@tech.gov.sg is the last tenant admin of namespace SHIP; add "
                           "another admin first");
    const Reply not_admin = t.del("/iam/namespace/SHIP/admins/alex.wong@acme-consulting.com");
    CHECK(not_admin.status == 404);
    CHECK(message(not_admin) ==
          "'alex.wong@acme-consulting.com' is not a tenant admin of namespace SHIP");
    CHECK(t.get("/iam/namespace/SHIP", person("jane.tan@tech.gov.sg")).status == 403);
}

} // namespace test_resources_namespaces
