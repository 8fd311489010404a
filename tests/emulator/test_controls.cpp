// The test controls: off without the flag; clock; rate limit; faults;
// outbox; the lifecycle sweep; operator actions.

#include "client.hpp"
#include "techpass/util/lifecycle.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <vector>

namespace test_controls {

using namespace emutest;

TEST_CASE("test controls are off without --test-controls") {
    Portal portal({}, false);
    CHECK(portal.get("/_emulator/clock").status == 404);
    CHECK(portal.post_json("/_emulator/lifecycle/sweep", json::object()).status == 404);
}

TEST_CASE("clock offset") {
    Portal portal;
    const Reply initial = portal.get("/_emulator/clock");
    REQUIRE(initial.status == 200);
    CHECK(initial.body.at("offsetSeconds") == 0);
    CHECK(portal.send("PUT", "/_emulator/clock", json{{"offsetSeconds", 86400}}.dump())
              .body.at("offsetSeconds") == 86400);
    CHECK(
        portal.post_json("/_emulator/clock/advance", {{"seconds", 60}}).body.at("offsetSeconds") ==
        86460);
    const Reply bad = portal.send("PUT", "/_emulator/clock", json{{"offset", 1}}.dump());
    CHECK(bad.status == 400);
    CHECK(bad.body.at("error").at("message") == "unknown field 'offset'");
}

TEST_CASE("rate limit per API key answers 429 with Retry-After") {
    Portal portal;
    const auto headers = portal.api_headers();
    REQUIRE(portal
                .send("PUT", "/_emulator/ratelimit",
                      json{{"requestsPerSecond", 0.5}, {"burst", 2}}.dump())
                .status == 200);
    CHECK(portal.get("/iam/namespace/SHIP", headers).status == 200);
    CHECK(portal.get("/iam/namespace/SHIP", headers).status == 200);
    const Reply limited = portal.get("/iam/namespace/SHIP", headers);
    CHECK(limited.status == 429);
    CHECK(std::stoi(limited.header("Retry-After")) >= 1);
    CHECK(limited.body.at("error").at("code") == 429);
    // Identity endpoints and controls are not limited.
    CHECK(portal.token_by_secret().status == 200);
    REQUIRE(portal.del("/_emulator/ratelimit").status == 200);
    CHECK(portal.get("/iam/namespace/SHIP", headers).status == 200);
}

TEST_CASE("fault injection repeats with the same seed") {
    Portal portal;
    const auto headers = portal.api_headers();
    const auto run = [&](std::int64_t seed) {
        const json plan = {{"seed", seed}, {"fraction", 0.5}, {"kinds", {"500", "503", "429"}}};
        REQUIRE(portal.send("PUT", "/_emulator/faults", plan.dump()).status == 200);
        std::vector<int> statuses;
        for (int i = 0; i < 16; ++i) {
            statuses.push_back(portal.get("/iam/namespace/SHIP", headers).status);
        }
        return statuses;
    };
    const auto first = run(42);
    CHECK(first == run(42));
    CHECK(std::count(first.begin(), first.end(), 200) > 0);
    CHECK(std::count(first.begin(), first.end(), 200) < 16);
    CHECK(run(7) != first);

    SUBCASE("drop closes the connection") {
        REQUIRE(portal
                    .send("PUT", "/_emulator/faults",
                          json{{"seed", 1}, {"fraction", 1.0}, {"kinds", {"drop"}}}.dump())
                    .status == 200);
        CHECK(portal.get("/iam/namespace/SHIP", headers).status == 0);
        CHECK(portal.token_by_secret().status == 200); // identity is not a target by default
    }
    SUBCASE("latency") {
        REQUIRE(
            portal
                .send("PUT", "/_emulator/faults",
                      json{{"fraction", 1.0}, {"kinds", {"latency"}}, {"latencyMs", 300}}.dump())
                .status == 200);
        const auto before = std::chrono::steady_clock::now();
        CHECK(portal.get("/iam/namespace/SHIP", headers).status == 200);
        CHECK(std::chrono::steady_clock::now() - before >= std::chrono::milliseconds(300));
    }
    SUBCASE("unknown kind") {
        const Reply bad = portal.send("PUT", "/_emulator/faults",
                                      json{{"fraction", 1.0}, {"kinds", {"teapot"}}}.dump());
        CHECK(bad.status == 400);
    }
    REQUIRE(portal.del("/_emulator/faults").status == 200);
    CHECK(portal.get("/iam/namespace/SHIP", headers).status == 200);
}

TEST_CASE("a lost answer: the request is carried out, its answer cut off and recorded so") {
    testsupport::TempDir dir;
    const std::string recorded = dir.file("requests.jsonl");
    Portal portal({"--record-requests", recorded});
    const auto headers = portal.api_headers();
    REQUIRE(
        portal.send("PUT", "/_emulator/faults", json{{"fraction", 1.0}, {"kinds", {"lost"}}}.dump())
            .status == 200);
    CHECK(
        portal.post_json("/iam/namespace/SHIP/groups", {{"name", "made-unseen"}}, headers).status ==
        0);
    REQUIRE(portal.del("/_emulator/faults").status == 200);
    const Reply groups = portal.get("/iam/namespace/SHIP/groups", headers);
    REQUIRE(groups.status == 200);
    REQUIRE(groups.body.at("groups").size() == 1);
    CHECK(groups.body.at("groups").at(0).at("name") == "made-unseen");

    std::istringstream lines(testsupport::read_file(recorded));
    std::string line;
    std::vector<json> requests;
    while (std::getline(lines, line)) {
        requests.push_back(json::parse(line));
    }
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].at("method") == "POST");
    CHECK(requests[0].at("status") == 201);
    CHECK(requests[0].at("dropped") == true);
    CHECK(requests[0].at("fault") == "lost");
    CHECK(requests[1].at("method") == "GET");
    CHECK_FALSE(requests[1].contains("dropped"));
    CHECK_FALSE(requests[1].contains("fault"));
}

TEST_CASE("lifecycle sweep") {
    testsupport::TempDir dir;
    const std::string seed = dir.write("seed.toml", R"(
[[users]]
email = "never.signed.in@tech.gov.sg"
status = "pending"

[[users]]
email = "regular@tech.gov.sg"

[[users]]
email = "tester@tech.gov.sg"
account_type = "product"
)");
    Portal portal({"--seed", seed}, true, false);
    const auto sweep = [&portal] {
        const Reply reply = portal.post_json("/_emulator/lifecycle/sweep", json::object());
        REQUIRE_MESSAGE(reply.status == 200, reply.text);
        return reply.body;
    };
    const auto advance_days = [&portal](int days) {
        REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", days * 86400}}).status ==
                200);
    };
    CHECK(sweep().at("statusChanges").empty());

    // The days come from the library's table of the rules (util/lifecycle),
    // the one `techpass users forecast` projects.
    const auto& rules = techpass::lifecycle::k_rules;
    advance_days(rules.never_reminder);
    json result = sweep();
    REQUIRE(result.at("reminders").size() == 1);
    CHECK(result.at("reminders").at(0).at("email") == "never.signed.in@tech.gov.sg");
    const Reply outbox = portal.get("/_emulator/outbox?recipient=never.signed.in@tech.gov.sg");
    CHECK(outbox.body.at("count") == 1);

    advance_days(rules.never_terminate - rules.never_reminder - 1); // the day before
    CHECK(sweep().at("statusChanges").empty());
    advance_days(1);
    result = sweep();
    REQUIRE(result.at("statusChanges").size() == 1);
    CHECK(result.at("statusChanges").at(0).at("to") == "terminated");

    advance_days(rules.delete_after_termination - 1);
    CHECK(sweep().at("statusChanges").empty());
    advance_days(1);
    result = sweep();
    REQUIRE(result.at("statusChanges").size() == 1);
    CHECK(result.at("statusChanges").at(0).at("to") == "deleted");

    // The others signed in at the start: regular is disabled on day 90, the
    // product account is exempt.
    advance_days(rules.idle_disable - rules.never_terminate - rules.delete_after_termination - 1);
    CHECK(sweep().at("statusChanges").empty());
    advance_days(1);
    result = sweep();
    REQUIRE(result.at("statusChanges").size() == 1);
    CHECK(result.at("statusChanges").at(0).at("email") == "regular@tech.gov.sg");
    CHECK(result.at("statusChanges").at(0).at("to") == "disabled");
}

TEST_CASE("operator: record a sign-in") {
    testsupport::TempDir dir;
    const std::string seed = dir.write("seed.toml", R"(
[[users]]
email = "new.officer@tech.gov.sg"
status = "pending"
)");
    Portal portal({"--seed", seed}, true, false);
    const Reply reply = portal.post_json(
        "/_emulator/signins", {{"user", "new.officer@tech.gov.sg"}, {"interactive", true}});
    REQUIRE_MESSAGE(reply.status == 200, reply.text);
    CHECK(reply.body.at("status") == "active");
    CHECK(portal.post_json("/_emulator/signins", {{"user", "nobody@tech.gov.sg"}}).status == 404);
}

} // namespace test_controls
