// techpass users forecast against the emulator: what it says the lifecycle
// rules will do tomorrow is, day after day for half a year, exactly what the
// emulator's daily sweep then does.

#include "cli_fixture.hpp"
#include "techpass/util/text.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <set>

namespace test_forecast {

using e2e::Cli;
using e2e::contains;
using nlohmann::json;

namespace {

// Never signed in; signed in at the start; exempt; a second officer who
// signs in on day 10.
constexpr const char* k_people = R"(
[[users]]
email = "new.vendor@acme.example"
account_type = "vendor"
status = "pending"

[[users]]
email = "busy.officer@tech.gov.sg"

[[users]]
email = "trainer@tech.gov.sg"
account_type = "product"
status = "pending"
)";

using Changes = std::set<std::pair<std::string, std::string>>; // email, new status

// The emulator's time: the machine's, moved by the test's clock offset.
std::string emulator_now(const Cli& cli) {
    const auto offset = cli.control("GET", "clock")["offsetSeconds"].get<std::int64_t>();
    const auto now = std::chrono::system_clock::now() + std::chrono::seconds(offset);
    return techpass::util::rfc3339(now);
}

Changes forecast_tomorrow(const Cli& cli) {
    const auto result =
        cli.run({"users", "forecast", "--days", "1", "--as-of", emulator_now(cli), "-o", "json"});
    REQUIRE_MESSAGE((result.exit_code == 0 || result.exit_code == 10), result.err);
    const json found = json::parse(result.out);
    CHECK((result.exit_code == 10) == !found["changes"].empty());
    Changes changes;
    for (const json& change : found["changes"]) {
        changes.emplace(change["email"].get<std::string>(), change["change"].get<std::string>());
    }
    return changes;
}

Changes next_day(const Cli& cli) {
    cli.control("POST", "clock/advance", {{"seconds", 86400}});
    const json swept = cli.control("POST", "lifecycle/sweep", json::object());
    Changes changes;
    for (const json& change : swept["statusChanges"]) {
        changes.emplace(change["email"].get<std::string>(), change["to"].get<std::string>());
    }
    return changes;
}

} // namespace

TEST_CASE("users forecast: tomorrow's forecast is what the lifecycle sweep does, every day") {
    const Cli cli(k_people);
    std::map<int, Changes> happened;
    for (int day = 0; day < 182; ++day) {
        CAPTURE(day);
        if (day == 10) {
            cli.control("POST", "signins", {{"user", "busy.officer@tech.gov.sg"}});
        }
        const Changes expected = forecast_tomorrow(cli);
        const Changes swept = next_day(cli);
        CHECK(swept == expected);
        if (!swept.empty()) {
            happened[day + 1] = swept;
        }
    }
    // What happened, as the rules say: the vendor never signed in is
    // terminated on day 30 and deleted on day 35; the accounts signed in at
    // the start are disabled on day 90 and terminated on day 180; the officer
    // who signed in on day 10 follows 10 days later; the product account never.
    REQUIRE(happened.count(30) == 1);
    CHECK(happened[30] == Changes{{"new.vendor@acme.example", "terminated"}});
    CHECK(happened[35] == Changes{{"new.vendor@acme.example", "deleted"}});
    REQUIRE(happened.count(90) == 1);
    CHECK(happened[90].count({"jane.tan@tech.gov.sg", "disabled"}) == 1);
    CHECK(happened[90].count({"busy.officer@tech.gov.sg", "disabled"}) == 0);
    CHECK(happened[100] == Changes{{"busy.officer@tech.gov.sg", "disabled"}});
    CHECK(happened[180].count({"jane.tan@tech.gov.sg", "terminated"}) == 1);
    for (const auto& [day, changes] : happened) {
        for (const auto& change : changes) {
            CHECK(change.first != "trainer@tech.gov.sg");
        }
    }
}

TEST_CASE("users forecast: a table for people, the namespace's people with -n, exit 0 or 10") {
    const Cli cli(k_people);
    auto result = cli.run({"users", "forecast"});
    CHECK(result.exit_code == 10);
    CHECK(contains(result.out, "EMAIL"));
    CHECK(contains(result.out, "new.vendor@acme.example"));
    CHECK(contains(result.out, "never signed in since"));
    // Nobody of namespace SHIP (its admin jane, signed in at the start) is
    // affected within 30 days.
    result = cli.run({"users", "forecast", "-n", "SHIP", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["changes"].empty());
    result = cli.run({"users", "forecast", "-n", "SHIP", "--days", "95", "-o", "json"});
    CHECK(result.exit_code == 10);
    const json found = json::parse(result.out); // kept: the loop reads into it
    for (const json& change : found["changes"]) {
        CHECK(change["email"] == "jane.tan@tech.gov.sg");
        CHECK(change["change"] == "disabled");
        // Day 90 counted from the seeding second: 90 whole days within that
        // second, 89 after it.
        CHECK((change["inDays"] == 89 || change["inDays"] == 90));
    }
}

} // namespace test_forecast
