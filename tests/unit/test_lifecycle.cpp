// lib/techpass/util/lifecycle: the account lifecycle rules projected, checked
// against the rules as the domain states them (never signed in: terminated
// on day 30, deleted 5 days later; otherwise disabled after 90 days without
// a sign-in, terminated after 180; nothing within 5 days of a status change;
// product accounts exempt).

#include "techpass/util/lifecycle.hpp"
#include "techpass/util/text.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace test_lifecycle {

using namespace techpass;
using lifecycle::Account;

namespace {

std::int64_t at(const char* rfc3339) {
    return std::chrono::duration_cast<std::chrono::seconds>(
               util::parse_rfc3339(rfc3339)->time_since_epoch())
        .count();
}

std::string day_of(std::int64_t unix) {
    return util::rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(unix)));
}

constexpr std::int64_t k_year = 365 * lifecycle::k_day;

} // namespace

TEST_CASE("lifecycle: never signed in is terminated on day 30 and deleted 5 days later") {
    const Account pending{"pending", "account:vendor", at("2026-11-01T08:00:00Z"),
                          at("2026-11-01T08:00:00Z"), std::nullopt};
    const auto changes = lifecycle::forecast(pending, at("2026-11-20T00:00:00Z"),
                                             at("2026-11-20T00:00:00Z") + k_year);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].to == "terminated");
    CHECK(day_of(changes[0].at) == "2026-12-01T08:00:00Z");
    CHECK(changes[0].reason == "never signed in since 2026-11-01");
    CHECK(changes[1].from == "terminated");
    CHECK(changes[1].to == "deleted");
    CHECK(day_of(changes[1].at) == "2026-12-06T08:00:00Z");
    // A horizon that ends before: only what falls inside it.
    CHECK(lifecycle::forecast(pending, at("2026-11-20T00:00:00Z"), at("2026-12-01T07:59:59Z"))
              .empty());
    CHECK(lifecycle::forecast(pending, at("2026-11-20T00:00:00Z"), at("2026-12-01T08:00:00Z"))
              .size() == 1);
}

TEST_CASE("lifecycle: signed in before is disabled after 90 days and terminated after 180") {
    const Account active{"active", "account:public_officer", at("2025-01-01T00:00:00Z"),
                         at("2025-01-02T00:00:00Z"), at("2026-06-01T10:00:00Z")};
    const auto changes = lifecycle::forecast(active, at("2026-07-01T00:00:00Z"),
                                             at("2026-07-01T00:00:00Z") + k_year);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].to == "disabled");
    CHECK(day_of(changes[0].at) == "2026-08-30T10:00:00Z"); // 90 days after 1 June
    CHECK(changes[0].reason == "no sign-in since 2026-06-01");
    CHECK(changes[1].from == "disabled");
    CHECK(changes[1].to == "terminated");
    CHECK(day_of(changes[1].at) == "2026-11-28T10:00:00Z"); // 180 days after 1 June
    // Signed in before and terminated: never deleted by the rules.
    CHECK(changes.size() == 2);
}

TEST_CASE("lifecycle: a recent status change postpones the rules by 5 days") {
    // Re-enabled by an admin on 1 September, 92 days after the last sign-in.
    const Account enabled{"active", "account:vendor", at("2025-01-01T00:00:00Z"),
                          at("2026-09-01T00:00:00Z"), at("2026-06-01T00:00:00Z")};
    const auto changes = lifecycle::forecast(enabled, at("2026-09-02T00:00:00Z"),
                                             at("2026-09-02T00:00:00Z") + 30 * lifecycle::k_day);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].to == "disabled");
    CHECK(day_of(changes[0].at) == "2026-09-06T00:00:00Z"); // 5 days after the change
}

TEST_CASE("lifecycle: past both thresholds an active account is terminated at once") {
    const Account stale{"active", "account:vendor", at("2025-01-01T00:00:00Z"),
                        at("2025-01-01T00:00:00Z"), at("2025-02-01T00:00:00Z")};
    const auto changes =
        lifecycle::forecast(stale, at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].to == "terminated");
    CHECK(day_of(changes[0].at) == "2026-01-01T00:00:00Z"); // the next run: now
}

TEST_CASE("lifecycle: product accounts are exempt") {
    const Account product{"pending", "account:product", at("2025-01-01T00:00:00Z"),
                          at("2025-01-01T00:00:00Z"), std::nullopt};
    CHECK(lifecycle::exempt(product));
    CHECK(lifecycle::forecast(product, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))
              .empty());
}

} // namespace test_lifecycle
