// /iam/namespace/{namespace}/webhooks: the receiver's challenge, the fields'
// rules, and the signed deliveries of the events the resources emit.

#include "resources_fixture.hpp"
#include "webhook_receiver.hpp"

#include <doctest/doctest.h>

#include <optional>

namespace test_resources_webhooks {

using namespace restest;

namespace {

const std::string k_hooks = "/iam/namespace/SHIP/webhooks";

std::string header(const Receiver::Hit& hit, const std::string& name) {
    const auto it = hit.headers.find(name);
    return it == hit.headers.end() ? std::string() : it->second;
}

// Checks X-TECHPASS-SIGNATURE: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>:<body>")>.
void check_signature(const Receiver::Hit& hit, const std::string& secret) {
    const std::string signature = header(hit, "X-TECHPASS-SIGNATURE");
    REQUIRE(signature.rfind("t=", 0) == 0);
    const auto comma = signature.find(",v1=");
    REQUIRE(comma != std::string::npos);
    const std::string t = signature.substr(2, comma - 2);
    const std::string v1 = signature.substr(comma + 4);
    CHECK(v1 == techpass::util::hex_lower(techpass::util::hmac_sha256(secret, t + ":" + hit.body)));
}

json hook(const std::string& url, const json& events = json::array({"user-invited"})) {
    return {{"url", url}, {"events", events}};
}

} // namespace

TEST_CASE("webhooks: the receiver is challenged before it is saved") {
    Tenant t;
    Receiver receiver;
    const Reply created = t.post(k_hooks, {{"url", receiver.url("/hook?tenant=ship")},
                                           {"events", json::array({"user-invited"})},
                                           {"headers", {{"X-Tenant", "ship"}}},
                                           {"description", "audit"}});
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const std::string secret = created.body.at("secret").get<std::string>();
    CHECK(secret.rfind("whsec_", 0) == 0);
    CHECK(secret.size() == 38);
    CHECK(created.body.at("headers") == json{{"X-Tenant", "ship"}});
    const auto hits = receiver.hits();
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].method == "GET");
    CHECK(hits[0].param("tenant") == "ship");
    CHECK(hits[0].param("challengeToken").size() == 32);
    CHECK(header(hits[0], "X-Tenant") == "ship");
    const std::string id = created.body.at("id").get<std::string>();

    SUBCASE("failed challenges are 422 saying what the receiver did") {
        const std::string url = receiver.url();
        receiver.set_mode("wrong");
        const Reply wrong = t.post(k_hooks, hook(url));
        CHECK(wrong.status == 422);
        CHECK(message(wrong) == "the webhook challenge to " + url +
                                    " failed: the answer's challengeToken 'nope' is not the one "
                                    "sent");
        receiver.set_mode("404");
        CHECK(message(t.post(k_hooks, hook(url))) ==
              "the webhook challenge to " + url +
                  " failed: the receiver answered HTTP 404 (expected 2xx)");
        receiver.set_mode("text");
        CHECK(message(t.post(k_hooks, hook(url))) ==
              "the webhook challenge to " + url +
                  " failed: the answer is not a JSON object but 'hello'");
        const Reply closed = t.post(k_hooks, hook("http://127.0.0.1:1/hook"));
        CHECK(closed.status == 422);
        CHECK(message(closed).rfind("the webhook challenge to http://127.0.0.1:1/hook failed: the "
                                    "request did not complete (",
                                    0) == 0);
        CHECK(t.get(k_hooks).body.at("count") == 1);
    }
    SUBCASE("list, read, update, delete") {
        const Reply listed = t.get(k_hooks);
        REQUIRE(listed.body.at("count") == 1);
        CHECK_FALSE(listed.body.at("webhooks")[0].contains("secret"));
        CHECK(t.get(k_hooks + "/" + id).body.at("description") == "audit");

        // Without a new URL there is no new challenge.
        const Reply described = t.patch(k_hooks + "/" + id, {{"description", "changed"}});
        REQUIRE_MESSAGE(described.status == 200, described.text);
        CHECK(described.body.at("description") == "changed");
        CHECK(receiver.hits().size() == 1);

        receiver.set_mode("404");
        const Reply refused = t.patch(k_hooks + "/" + id, {{"url", receiver.url("/other")}});
        CHECK(refused.status == 422);
        CHECK(t.get(k_hooks + "/" + id).body.at("url") == receiver.url("/hook?tenant=ship"));
        receiver.set_mode("echo");
        const Reply moved = t.patch(k_hooks + "/" + id,
                                    {{"url", receiver.url("/other")}, {"headers", json::object()}});
        REQUIRE_MESSAGE(moved.status == 200, moved.text);
        CHECK(moved.body.at("url") == receiver.url("/other"));
        CHECK(moved.body.at("headers") == json::object());

        CHECK(t.del(k_hooks + "/" + id).status == 204);
        const Reply gone = t.get(k_hooks + "/" + id);
        CHECK(gone.status == 404);
        CHECK(message(gone) == "webhook '" + id + "' not found in namespace SHIP");
    }
}

TEST_CASE("webhooks: fields") {
    Tenant t;
    const auto check = [&t](const json& body, const std::string& expected) {
        CAPTURE(body.dump());
        const Reply reply = t.post(k_hooks, body);
        CHECK(reply.status == 400);
        CHECK(message(reply) == expected);
    };
    check(hook("http://example.com/hook"),
          "field 'url': URL 'http://example.com/hook' must use https (http is allowed only for "
          "localhost, 127.0.0.1 and [::1])");
    check(hook("http://127.0.0.1/hook", json::array()), "field 'events' must hold at least 1 item");
    check(hook("http://127.0.0.1/hook", json::array({"user-created"})),
          "field 'events' must be one of user-invited, user-registered, user-updated, "
          "user-deleted, user-disabled, invitation-expired, group-member-added, "
          "group-member-removed, not 'user-created'");
    json body = hook("http://127.0.0.1/hook");
    body["headers"] = {{"A", "1"}, {"B", "2"}, {"C", "3"}, {"D", "4"}, {"E", "5"}, {"F", "6"}};
    check(body, "field 'headers' must hold at most 5 headers, not 6");
    body["headers"] = {{"Content-Type", "text/plain"}};
    check(body, "field 'headers': 'Content-Type' is set by the service and cannot be a custom "
                "header");
    body["headers"] = {{"x-techpass-event", "x"}};
    check(body, "field 'headers': 'x-techpass-event' is set by the service and cannot be a "
                "custom header");
    body["headers"] = {{"Bad Name", "x"}};
    check(body, "field 'headers': 'Bad Name' is not a valid header name");
    body["headers"] = {{"X-A", ""}};
    check(body, "field 'headers': the value of 'X-A' must be a string of 1 to 1024 printable "
                "ASCII characters");
}

TEST_CASE("webhooks: signed deliveries of the resources' events") {
    Tenant t;
    Receiver receiver;
    const Reply created = t.post(k_hooks, {{"url", receiver.url()},
                                           {"events",
                                            {"user-invited", "user-registered", "user-disabled",
                                             "group-member-added", "group-member-removed"}},
                                           {"headers", {{"X-Tenant", "ship"}}}});
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const std::string secret = created.body.at("secret").get<std::string>();
    const std::string id = created.body.at("id").get<std::string>();

    const Reply test = t.post(k_hooks + "/" + id + "/test", nullptr);
    REQUIRE_MESSAGE(test.status == 202, test.text);
    const auto ping = receiver.delivery("webhook-test");
    REQUIRE(ping);
    check_signature(*ping, secret);
    CHECK(header(*ping, "X-TECHPASS-DELIVERY") == test.body.at("deliveryId"));
    CHECK(header(*ping, "X-Tenant") == "ship");
    const json payload = json::parse(ping->body);
    CHECK(payload.at("id") == test.body.at("deliveryId"));
    CHECK(payload.at("namespace") == "SHIP");
    CHECK(payload.at("data") == json::object());

    REQUIRE(t.post("/iam/invitations", invitation("ahmad@acme.com.sg")).status == 201);
    const auto invited = receiver.delivery("user-invited");
    REQUIRE(invited);
    check_signature(*invited, secret);
    CHECK(json::parse(invited->body).at("data").at("invitation").at("email") ==
          "ahmad@acme.com.sg");

    const Reply registered = t.post("/iam/users/registrations", {{"email", "mei.lim@tech.gov.sg"}});
    REQUIRE(registered.status == 201);
    const auto user = receiver.delivery("user-registered");
    REQUIRE(user);
    CHECK(json::parse(user->body).at("data").at("user").at("email") == "mei.lim@tech.gov.sg");
    REQUIRE(t.post("/iam/users/mei.lim@tech.gov.sg/disable", nullptr).status == 200);
    const auto disabled = receiver.delivery("user-disabled");
    REQUIRE(disabled);
    CHECK(json::parse(disabled->body).at("data").at("user").at("status") == "disabled");

    REQUIRE(t.post("/iam/namespace/SHIP/groups", {{"name", "billing"}}).status == 201);
    const Reply member = t.post("/iam/namespace/SHIP/groups/billing/members",
                                {{"type", "user"}, {"id", "jane_tan"}});
    REQUIRE(member.status == 201);
    const auto added = receiver.delivery("group-member-added");
    REQUIRE(added);
    const json data = json::parse(added->body).at("data");
    CHECK(data.at("group").at("grn") == "ship:billing");
    CHECK(data.at("member").at("email") == "jane.tan@tech.gov.sg");
    REQUIRE(t.del("/iam/namespace/SHIP/groups/billing/members/" +
                  member.body.at("id").get<std::string>())
                .status == 204);
    CHECK(receiver.delivery("group-member-removed"));

    // The delivery log of the test controls records each one.
    const Reply log = t.portal().get("/_emulator/webhooks/deliveries?webhookId=" + id);
    REQUIRE_MESSAGE(log.status == 200, log.text);
    CHECK(log.text.find("user-invited") != std::string::npos);
    CHECK(log.text.find("group-member-removed") != std::string::npos);
}

} // namespace test_resources_webhooks
