// Conformance: the emulator's real responses against docs/api/openapi.yaml.
// A realistic scenario calls every operation of the spec (successes and the
// usual errors); each response must have a documented status, the declared
// headers and content type, and a body that fits the status's schema. Run by
// tests/spec/conformance.sh, which converts the spec to JSON first and passes
// it in TECHPASS_OPENAPI_JSON.

#include "resources_fixture.hpp"
#include "test_conformance_schema.hpp"
#include "webhook_receiver.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <thread>

namespace test_conformance {

using namespace restest;
using conformance::Spec;

namespace {

const Spec& spec() {
    return conformance::spec_from_environment();
}

// The statuses each operation answered during the scenario.
std::map<std::string, std::set<int>>& coverage() {
    static std::map<std::string, std::set<int>> seen;
    return seen;
}

// Operations the scenario cannot reach, each with the reason. Keep it short.
const std::map<std::string, std::string> k_unreachable = {};

// Checks a reply against the spec and records its operation and status.
void check_reply(const std::string& method, const std::string& path, const Reply& reply,
                 int expected) {
    const conformance::Operation* operation = spec().match(method, path);
    REQUIRE_MESSAGE(operation != nullptr, method << " " << path << " is no operation of the spec");
    REQUIRE_MESSAGE(reply.status != 0, method << " " << path << ": no answer");
    CHECK_MESSAGE(reply.status == expected,
                  operation->id << " (" << method << " " << path << ") answered " << reply.status
                                << ", expected " << expected << ": " << reply.text.substr(0, 300));
    coverage()[operation->id].insert(reply.status);
    for (const auto& mismatch :
         spec().check_response(*operation, reply.status, reply.headers, reply.text)) {
        FAIL_CHECK(operation->id << " " << reply.status << " at '" << mismatch.pointer
                                 << "': " << mismatch.reason);
    }
}

// The tenant of the resource tests, every call checked.
class Checked {
public:
    explicit Checked(Tenant& tenant) : m_t(tenant) {}

    Reply get(const std::string& path, int expected, const As& as = ship_app()) {
        return checked("GET", path, m_t.get(path, as), expected);
    }
    Reply post(const std::string& path, const json& body, int expected, const As& as = ship_app()) {
        return checked("POST", path, m_t.post(path, body, as), expected);
    }
    Reply patch(const std::string& path, const json& body, int expected,
                const As& as = ship_app()) {
        return checked("PATCH", path, m_t.patch(path, body, as), expected);
    }
    Reply put(const std::string& path, const json& body, int expected, const As& as = ship_app()) {
        return checked("PUT", path, m_t.put(path, body, as), expected);
    }
    Reply del(const std::string& path, int expected, const As& as = ship_app()) {
        return checked("DELETE", path, m_t.del(path, as), expected);
    }
    // A request with exactly these headers (no token or key added).
    Reply raw(const std::string& method, const std::string& path, const std::string& body,
              const httplib::Headers& headers, int expected) {
        Reply reply = method == "GET" ? m_t.portal().get(path, headers)
                                      : m_t.portal().send(method, path, body, headers);
        return checked(method, path, std::move(reply), expected);
    }

private:
    Reply checked(const std::string& method, const std::string& path, Reply reply, int expected) {
        check_reply(method, path, reply, expected);
        return reply;
    }
    Tenant& m_t;
};

std::string id_of(const Reply& reply, const char* field = "id") {
    REQUIRE_MESSAGE(reply.body.is_object(), reply.text);
    REQUIRE_MESSAGE(reply.body.contains(field), reply.text);
    return reply.body.at(field).get<std::string>();
}

const std::string k_unknown_uuid = "00000000-0000-4000-8000-000000000000";
const As k_jane = person("jane.tan@tech.gov.sg");
const As k_bob = person("bob.lee@tech.gov.sg");

} // namespace

TEST_CASE("conformance: the validator finds what breaks a schema") {
    const Spec& s = spec();
    // Every operation has an id; every operationId is unique.
    std::set<std::string> ids;
    for (const auto& operation : s.operations()) {
        CHECK_MESSAGE(ids.insert(operation.id).second, "duplicate operationId " << operation.id);
    }
    CHECK(s.match("POST", "/iam/users/existing")->id == "listExistingUsers");
    CHECK(s.match("GET", "/iam/users/existing")->id == "getUser");
    CHECK(s.match("GET", "/iam/namespace/SHIP/groups?size=2")->id == "listGroups");
    CHECK(s.match("GET", "/nowhere") == nullptr);

    const json& error = s.schema("Error");
    const json good = {
        {"error", {{"code", 404}, {"message", "x"}, {"traceId", std::string(32, 'a')}}}};
    CHECK(s.validate(error, good).empty());
    const auto reasons = [&](const json& schema, const json& value) {
        std::string all;
        for (const auto& m : s.validate(schema, value)) {
            all += m.pointer + ": " + m.reason + "\n";
        }
        return all;
    };
    json bad = good;
    bad["error"].erase("traceId");
    CHECK(reasons(error, bad) == "/error: missing required property \"traceId\"\n");
    bad = good;
    bad["error"]["code"] = "404";
    CHECK(reasons(error, bad) == "/error/code: expected integer, got string \"404\"\n");
    bad["error"]["code"] = 200;
    CHECK(reasons(error, bad) == "/error/code: 200 is below minimum 400\n");
    bad = good;
    bad["error"]["traceId"] = "XYZ";
    CHECK(reasons(error, bad) == "/error/traceId: \"XYZ\" does not match pattern ^[0-9a-f]{32}$\n");

    // enum, format, nullable, additionalProperties, items and minItems.
    const json schema = {
        {"type", "object"},
        {"additionalProperties", false},
        {"properties",
         {{"kind", {{"type", "string"}, {"enum", {"a", "b"}}}},
          {"when", {{"type", "string"}, {"format", "date-time"}}},
          {"id", {{"type", "string"}, {"format", "uuid"}, {"nullable", true}}},
          {"mail", {{"type", "string"}, {"format", "email"}}},
          {"list", {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "integer"}}}}},
          {"any", {{"anyOf", {{{"type", "string"}}, {{"type", "integer"}}}}}}}}};
    CHECK(reasons(schema, {{"kind", "a"},
                           {"when", "2026-11-27T09:30:00Z"},
                           {"id", nullptr},
                           {"mail", "a@b.sg"},
                           {"list", {1}},
                           {"any", 2}}) == "");
    CHECK(reasons(schema, {{"kind", "c"},
                           {"when", "2026-11-27"},
                           {"id", "nope"},
                           {"mail", "nobody"},
                           {"list", json::array()},
                           {"any", true},
                           {"extra", 1}}) ==
          "/any: matches none of anyOf's 2 schemas (first: expected string, got boolean true)\n"
          "/extra: property 'extra' is not in the schema (additionalProperties is false)\n"
          "/id: \"nope\" is not a valid uuid\n"
          "/kind: \"c\" is not one of enum [\"a\",\"b\"]\n"
          "/list: 0 items, fewer than minItems 1\n"
          "/mail: \"nobody\" is not a valid email\n"
          "/when: \"2026-11-27\" is not a valid date-time\n");
    CHECK(reasons(schema, {{"list", {1, "2"}}}) == "/list/1: expected integer, got string \"2\"\n");
}

TEST_CASE("conformance: every operation answers as the spec says") {
    Tenant tenant;
    Checked c(tenant);
    Receiver receiver;

    const std::string ship = "/iam/namespace/SHIP";

    // ---- Authentication and the API key (any operation) ---------------------
    {
        const std::string token = tenant.portal()
                                      .post_form("/" + emutest::k_directory + "/oauth2/v2.0/token",
                                                 {{"grant_type", "client_credentials"},
                                                  {"client_id", k_ship_app},
                                                  {"client_secret", "ship-secret-for-tests"},
                                                  {"scope", tenant.url() + "/.default"}})
                                      .body.at("access_token")
                                      .get<std::string>();
        c.raw("GET", ship + "/groups", "", {{"Authorization", "Bearer " + token}}, 401);
        c.raw("GET", ship + "/groups", "", {{"x-api-key", k_ship_key}}, 401);
        c.raw("GET", "/iam/users", "",
              {{"x-api-key", k_ship_key}, {"Authorization", "Bearer not.a.token"}}, 401);
        c.raw("GET", ship + "/groups", "",
              {{"x-api-key", "no-such-key"}, {"Authorization", "Bearer " + token}}, 401);
        // An API key of another namespace than the one in the path.
        c.raw("GET", ship + "/apps", "",
              {{"x-api-key", k_other_key}, {"Authorization", "Bearer " + token}}, 403);
        // Invalid JSON.
        c.raw("POST", ship + "/groups", "{not json",
              {{"x-api-key", k_ship_key}, {"Authorization", "Bearer " + token}}, 400);
    }

    // ---- Users -------------------------------------------------------------
    const Reply mei =
        c.post("/iam/users/registrations",
               {{"email", "Mei.Lim@tech.gov.sg"}, {"mobile", "+6598765432"}, {"seed", true}}, 201);
    const std::string mei_id = id_of(mei);
    c.post("/iam/users/registrations", {{"email", "mei.lim@tech.gov.sg"}}, 409);
    c.post("/iam/users/registrations", {{"email", "kim@tech.gov.sg"}, {"phone", "1"}}, 400);
    c.post("/iam/users/registrations", {{"email", "kim@gmail.com"}}, 422);
    c.post("/iam/users/registrations", {{"email", "kim@tech.gov.sg"}}, 403, reader_app());
    c.get("/iam/users", 200);
    c.get("/iam/users?size=2&status=active", 200);
    c.get("/iam/users?size=0", 400);
    c.get("/iam/users", 403, person("alex.wong@acme-consulting.com"));
    c.post("/iam/users/existing", {{"emails", {"jane.tan@tech.gov.sg", "nobody@acme.com.sg"}}},
           200);
    c.post("/iam/users/existing", {{"emails", json::array()}}, 400);
    c.get("/iam/users/jane_tan", 200);
    c.get("/iam/users/" + mei_id + "?lastSignIn=true&seedInfo=true", 200);
    c.get("/iam/users/alex_wong@techpass.gov.sg?seedInfo=true", 200);
    c.get("/iam/users/nobody@tech.gov.sg", 404);
    c.post("/iam/users/" + mei_id + "/disable", nullptr, 200);
    c.post("/iam/users/" + mei_id + "/enable", nullptr, 200);
    c.post("/iam/users/nobody@tech.gov.sg/disable", nullptr, 404);
    c.post("/iam/users/nobody@tech.gov.sg/enable", nullptr, 404);
    c.del("/iam/users/jane.tan@tech.gov.sg", 403);

    // ---- Invitations and vendors -------------------------------------------
    const Reply ahmad = c.post("/iam/invitations", invitation("Ahmad@Acme.com.sg"), 201);
    const std::string ahmad_id = id_of(ahmad);
    c.post("/iam/invitations", invitation("someone@gmail.com"), 422);
    c.post("/iam/invitations", invitation("alex.wong@acme-consulting.com", "+6581110009"), 409);
    json no_mobile = invitation("x@acme.com.sg");
    no_mobile.erase("mobile");
    c.post("/iam/invitations", no_mobile, 400);
    c.get("/iam/invitations", 200);
    c.get("/iam/invitations?status=lost", 400);
    c.get("/iam/invitations/" + ahmad_id, 200);
    c.get("/iam/invitations/" + k_unknown_uuid, 404);
    c.post("/iam/invitations/batch",
           {{"invitations",
             {invitation("one@acme.com.sg", "+6581110001"),
              invitation("alex.wong@acme-consulting.com", "+6581110002"),
              invitation("ONE@acme.com.sg", "+6581110003"),
              invitation("someone@gmail.com", "+6581110004")}}},
           207);
    c.post("/iam/invitations/batch", {{"invitations", json::array()}}, 400);
    c.post("/iam/invitations/" + ahmad_id + "/resend", nullptr, 200);
    const Reply other =
        c.post("/iam/invitations", invitation("zed@acme.com.sg", "+6581110010"), 201);
    c.post("/iam/invitations/" + id_of(other) + "/revoke", nullptr, 200);
    c.post("/iam/invitations/" + id_of(other) + "/resend", nullptr, 409);
    c.post("/iam/invitations/" + k_unknown_uuid + "/revoke", nullptr, 404);
    const Reply vendor = tenant.portal().post_json("/_emulator/registrations",
                                                   {{"invitationId", ahmad_id},
                                                    {"username", "ahmad_vendor"},
                                                    {"password", "long-enough-password"}});
    REQUIRE_MESSAGE(vendor.status == 201, vendor.text);
    const std::string vendor_id = id_of(vendor);
    c.post("/iam/invitations/" + ahmad_id + "/revoke", nullptr, 409);

    c.get("/iam/vendors", 200);
    c.get("/iam/vendors?size=1", 200);
    c.get("/iam/vendors/" + vendor_id, 200);
    c.get("/iam/vendors/jane.tan@tech.gov.sg", 404);
    c.patch("/iam/vendors/" + vendor_id, {{"company", "Acme Holdings Pte Ltd"}}, 200);
    c.patch("/iam/vendors/" + vendor_id, json::object(), 400);
    c.patch("/iam/vendors/" + vendor_id, {{"mobile", "+6591234567"}}, 409);
    c.patch("/iam/vendors/alex_wong@techpass.gov.sg", {{"company", "X"}}, 403, k_bob);
    c.post("/iam/vendors/" + vendor_id + "/seed", nullptr, 200);
    c.post("/iam/vendors/nobody@acme.com.sg/seed", nullptr, 404);

    // ---- Tenants and namespaces ---------------------------------------------
    const json port = {{"namespace", "PORT"},
                       {"serviceName", "Port Services"},
                       {"description", "Port permits"},
                       {"contactEmail", "bob.lee@tech.gov.sg"}};
    const Reply request = c.post("/tenants/requests", port, 201, k_bob);
    c.post("/tenants/requests", port, 409, k_bob);
    json lower_case = port;
    lower_case["namespace"] = "port";
    c.post("/tenants/requests", lower_case, 400, k_bob);
    c.post("/tenants/requests", port, 403, person("alex.wong@acme-consulting.com"));
    c.get("/tenants/requests", 200, k_bob);
    c.get("/tenants/requests?status=done", 400, k_bob);
    c.get("/tenants/requests/" + id_of(request), 200, k_bob);
    c.get("/tenants/requests/" + id_of(request), 404, k_jane);
    {
        // Approved, PORT has no API key: its admin lists its keys and creates the
        // first with SHIP's; then only PORT's own key will do.
        REQUIRE(tenant.portal()
                    .post_json("/_emulator/tenants/requests/" + id_of(request) + "/approve",
                               json::object())
                    .status == 200);
        c.get("/iam/namespace/PORT/groups", 403, k_bob);
        c.get("/iam/namespace/PORT/apikeys", 200, k_bob);
        c.post("/iam/namespace/PORT/apikeys", {{"name", "first"}}, 201, k_bob);
        c.post("/iam/namespace/PORT/apikeys", {{"name", "second"}}, 403, k_bob);
        c.get("/iam/namespace/PORT/apikeys", 403, k_bob);
    }

    c.get("/iam/namespaces", 200);
    c.get("/iam/namespaces", 403, person("alex.wong@acme-consulting.com"));
    c.get(ship, 200);
    c.get(ship, 200, k_jane);
    c.get(ship, 403, k_bob);
    // The API key is checked first: another namespace's code is a 403, known or not.
    c.get("/iam/namespace/NOPE", 403, k_jane);
    c.patch(ship, {{"displayName", "Shipping"}, {"description", "Ports"}}, 200);
    c.patch(ship, json::object(), 400);

    c.get(ship + "/admins", 200);
    const Reply bob_admin = c.post(ship + "/admins", {{"user", "bob.lee@tech.gov.sg"}}, 201);
    c.post(ship + "/admins", {{"user", "bob.lee@tech.gov.sg"}}, 409);
    c.post(ship + "/admins", {{"user", "nobody@tech.gov.sg"}}, 422);
    c.post(ship + "/admins", json::object(), 400);
    c.del(ship + "/admins/" + id_of(bob_admin), 204);
    c.del(ship + "/admins/jane.tan@tech.gov.sg", 409);
    c.del(ship + "/admins/alex.wong@acme-consulting.com", 404);

    // ---- Apps, secrets, certificates, assignments -----------------------------
    const std::string apps = ship + "/apps";
    c.get(apps, 200);
    const Reply app = c.post(apps,
                             {{"name", "Ship Portal"},
                              {"homepageUrl", "https://ship.example.gov.sg"},
                              {"redirectUrls", {"https://ship.example.gov.sg/cb"}},
                              {"owners", {"jane.tan@tech.gov.sg"}}},
                             201);
    const std::string app_id = id_of(app, "appId");
    const std::string base = apps + "/" + app_id;
    c.post(apps, {{"name", "ship portal"}, {"redirectUrls", {"https://ship.example.gov.sg/cb"}}},
           409);
    c.post(apps, {{"name", "No Redirects"}}, 400);
    c.post(apps,
           {{"name", "Vendor Owned"},
            {"redirectUrls", {"https://ship.example.gov.sg/cb"}},
            {"owners", {"nobody@tech.gov.sg"}}},
           422);
    c.get(apps, 403, k_bob);
    c.get(base, 200);
    c.get(apps + "/" + k_unknown_uuid, 404);
    c.patch(base, {{"published", true}, {"logoutUrl", "https://ship.example.gov.sg/out"}}, 200);
    c.patch(base, {{"name", "ship-automation"}}, 409);
    c.patch(base, {{"owners", {"nobody@tech.gov.sg"}}}, 422);
    c.patch(base, json::object(), 400);

    const Reply secret = c.post(base + "/secrets", {{"description", "CI pipeline"}}, 201);
    c.post(base + "/secrets", {{"description", ""}}, 400);
    c.get(base + "/secrets", 200);
    c.del(base + "/secrets/" + id_of(secret), 204);
    c.del(base + "/secrets/" + id_of(secret), 404);

    const auto certificate = techpass::util::generate_self_signed("ci-cert", 365);
    const Reply cert =
        c.post(base + "/certificates",
               {{"certificate", certificate.certificate_pem}, {"description", "CI"}}, 201);
    c.post(base + "/certificates",
           {{"certificate", certificate.certificate_pem}, {"description", "again"}}, 409);
    c.post(base + "/certificates", {{"certificate", "not a certificate"}, {"description", "bad"}},
           400);
    c.get(base + "/certificates", 200);
    c.del(base + "/certificates/" + id_of(cert, "thumbprint"), 204);
    c.del(base + "/certificates/" + id_of(cert, "thumbprint"), 404);
    c.del(base + "/certificates/xyz", 400);

    const Reply assignment =
        c.post(base + "/assignments",
               {{"principalType", "user"}, {"principalId", "jane.tan@tech.gov.sg"}}, 201);
    c.post(base + "/assignments", {{"principalType", "user"}, {"principalId", "jane_tan"}}, 409);
    c.post(base + "/assignments", {{"principalType", "user"}, {"principalId", "nobody"}}, 422);
    c.post(base + "/assignments", {{"principalType", "role"}, {"principalId", "x"}}, 400);
    c.get(base + "/assignments", 200);
    c.get(base + "/assignments?principalType=group", 200);
    c.del(base + "/assignments/" + id_of(assignment), 204);
    c.del(base + "/assignments/" + id_of(assignment), 404);

    // ---- Groups and members -------------------------------------------------
    const std::string groups = ship + "/groups";
    c.post(groups, {{"name", "billing"}, {"description", "Billing team"}}, 201);
    c.post(groups, {{"name", "sub"}}, 201);
    c.post(groups, {{"name", "billing"}}, 409);
    c.post(groups, {{"name", "Billing"}}, 400);
    c.get(groups, 200);
    c.get(groups + "?size=1", 200);
    c.get(groups + "/billing", 200);
    c.get(groups + "/nope", 404);
    c.patch(groups + "/billing", {{"name", "finance"}}, 200);
    c.patch(groups + "/finance", {{"name", "sub"}}, 409);
    c.patch(groups + "/finance", json::object(), 400);
    const std::string members = groups + "/finance/members";
    const Reply jane_member =
        c.post(members, {{"type", "user"}, {"id", "jane.tan@tech.gov.sg"}}, 201);
    c.post(members, {{"type", "group"}, {"id", "sub"}}, 201);
    c.post(members, {{"type", "user"}, {"id", "jane_tan"}}, 409);
    c.post(members, {{"type", "group"}, {"id", "finance"}}, 422);
    c.post(members, {{"type", "robot"}, {"id", "x"}}, 400);
    c.get(members, 200);
    c.get(members + "?size=1&type=user", 200);
    c.get(groups + "/finance", 200);
    c.del(members + "/" + id_of(jane_member), 204);
    c.del(members + "/" + id_of(jane_member), 404);
    c.del(groups + "/sub", 204);
    c.del(groups + "/sub", 404);

    // ---- API keys -------------------------------------------------------------
    c.get(ship + "/apikeys", 200);
    const Reply key = c.post(ship + "/apikeys", {{"name", "ci pipeline"}}, 201);
    c.post(ship + "/apikeys", json::object(), 400);
    c.del(ship + "/apikeys/" + id_of(key), 204);
    c.del(ship + "/apikeys/" + k_unknown_uuid, 404);
    {
        // The namespace's last key cannot be revoked.
        const Reply keys = c.get("/iam/namespace/OTHER/apikeys", 200, other_app());
        REQUIRE(keys.body.at("apiKeys").size() == 1);
        c.del("/iam/namespace/OTHER/apikeys/" +
                  keys.body.at("apiKeys")[0].at("id").get<std::string>(),
              409, other_app());
    }

    // ---- Webhooks -------------------------------------------------------------
    const std::string hooks = ship + "/webhooks";
    const Reply hook = c.post(hooks,
                              {{"url", receiver.url()},
                               {"events", {"user-invited"}},
                               {"headers", {{"X-Tenant", "ship"}}},
                               {"description", "audit"}},
                              201);
    const std::string hook_id = id_of(hook);
    c.post(hooks, {{"url", "http://127.0.0.1:1/hook"}, {"events", {"user-invited"}}}, 422);
    c.post(hooks, {{"url", receiver.url()}, {"events", {"no-such-event"}}}, 400);
    c.get(hooks, 200);
    c.get(hooks + "/" + hook_id, 200);
    c.get(hooks + "/" + k_unknown_uuid, 404);
    c.patch(hooks + "/" + hook_id, {{"description", "changed"}}, 200);
    c.patch(hooks + "/" + hook_id, {{"url", "http://127.0.0.1:1/hook"}}, 422);
    c.patch(hooks + "/" + hook_id, json::object(), 400);
    c.post(hooks + "/" + hook_id + "/test", nullptr, 202);
    c.post(hooks + "/" + k_unknown_uuid + "/test", nullptr, 404);
    c.del(hooks + "/" + hook_id, 204);
    c.del(hooks + "/" + hook_id, 404);

    // ---- Whitelists -----------------------------------------------------------
    const std::string lists = "/otp/namespace/SHIP/apps/" + k_ship_app + "/whitelists";
    c.post(lists,
           {{"emailDomains",
             {{{"emailDomain", "acme.com.sg"}},
              {{"emailDomain", "ACME.com.sg"}},
              {{"emailDomain", "beta.com"}, {"expiresAt", "2099-01-01T00:00:00Z"}}}},
            {"userEmails", json::array({{{"userEmail", "ann@x.com"}, {"expiresAt", ""}}})}},
           207);
    c.post(lists, {{"userEmails", json::array({{{"userEmail", "nobody"}}})}}, 400);
    c.get(lists, 200);
    c.get(lists + "?whitelistType=userEmail&size=1", 200);
    c.get(lists + "?whitelistType=domains", 400);
    c.get("/otp/namespace/SHIP/apps/" + k_unknown_uuid + "/whitelists", 404);
    c.put(lists + "/beta.com", {{"whitelistValue", "gamma.com"}}, 204);
    c.put(lists + "/gamma.com", {{"whitelistValue", "acme.com.sg"}}, 409);
    c.put(lists + "/gamma.com", json::object(), 400);
    c.put(lists + "/nothing.com", {{"whitelistValue", "x.com"}}, 404);
    c.del(lists + "/ANN@x.com", 202);
    c.del(lists + "/ann@x.com", 404);

    // ---- Deletions last -------------------------------------------------------
    c.del(base, 204);
    c.del(base, 404);
    c.del("/iam/users/" + mei_id, 204);
    c.del("/iam/users/" + mei_id, 404);

    // ---- Traffic: rate limits and faults (test controls) --------------------
    {
        REQUIRE(tenant.portal()
                    .send("PUT", "/_emulator/ratelimit",
                          json{{"requestsPerSecond", 0.001}, {"burst", 1}}.dump())
                    .status == 200);
        c.get(groups, 200);
        c.get(groups, 429);
        REQUIRE(tenant.portal().del("/_emulator/ratelimit").status == 200);
        for (const char* kind : {"500", "503", "429"}) {
            REQUIRE(
                tenant.portal()
                    .send("PUT", "/_emulator/faults",
                          json{{"fraction", 1}, {"kinds", {kind}}, {"paths", "/iam/users"}}.dump())
                    .status == 200);
            c.get("/iam/users", std::stoi(kind));
        }
        REQUIRE(tenant.portal().del("/_emulator/faults").status == 200);
    }

    // ---- Coverage ---------------------------------------------------------------
    std::string missing;
    std::size_t pairs = 0;
    std::size_t documented = 0;
    for (const auto& operation : spec().operations()) {
        documented += operation.node->at("responses").size();
        const auto it = coverage().find(operation.id);
        if (it == coverage().end()) {
            if (k_unreachable.count(operation.id) == 0) {
                missing += " " + operation.id;
            }
            continue;
        }
        pairs += it->second.size();
    }
    MESSAGE("exercised " << coverage().size() << " of " << spec().operations().size()
                         << " operations and " << pairs << " of " << documented
                         << " documented (operation, status) pairs");
    CHECK_MESSAGE(missing.empty(), "operations the scenario never called:" << missing);
}

} // namespace test_conformance
