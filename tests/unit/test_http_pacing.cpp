#include "techpass/context.hpp"
#include "techpass/http/pacing.hpp"

#include <doctest/doctest.h>

namespace test_http_pacing {

using namespace techpass;
using namespace techpass::http;
using std::chrono::milliseconds;

TEST_CASE("Pacer: token bucket with a burst of one") {
    FakeClock clock;
    SUBCASE("1 request per second") {
        Pacer pacer(clock, 1.0);
        pacer.acquire();
        CHECK(clock.slept() == milliseconds(0));
        pacer.acquire();
        CHECK(clock.slept() == milliseconds(1000));
        clock.advance(milliseconds(400)); // work between requests counts
        pacer.acquire();
        CHECK(clock.slept() ==
              milliseconds(400 + 1000 + 600)); // 400 ms of work, then 600 ms of waiting
    }
    SUBCASE("idle time does not accumulate a burst") {
        Pacer pacer(clock, 2.0);
        pacer.acquire();
        clock.advance(milliseconds(10'000));
        const auto before = clock.slept();
        pacer.acquire();
        pacer.acquire();
        CHECK(clock.slept() - before == milliseconds(500));
    }
    SUBCASE("unlimited") {
        Pacer pacer(clock, 0);
        for (int i = 0; i < 10; ++i) {
            pacer.acquire();
        }
        CHECK(clock.slept() == milliseconds(0));
    }
    SUBCASE("defer pushes the next slot") {
        Pacer pacer(clock, 1.0);
        pacer.acquire();
        pacer.defer(milliseconds(5000));
        pacer.acquire();
        CHECK(clock.slept() == milliseconds(5000));
    }
}

TEST_CASE("backoff_delay: exponential with full jitter, capped") {
    const RetryPolicy policy; // 500 ms base, 30 s cap
    const auto top = [] {
        return 0.999999;
    };
    const auto zero = [] {
        return 0.0;
    };
    const auto half = [] {
        return 0.5;
    };
    CHECK(backoff_delay(policy, 1, top) == milliseconds(499));
    CHECK(backoff_delay(policy, 2, top) == milliseconds(999));
    CHECK(backoff_delay(policy, 3, top) == milliseconds(1999));
    CHECK(backoff_delay(policy, 4, half) == milliseconds(2000));
    CHECK(backoff_delay(policy, 10, top) == milliseconds(29999));
    CHECK(backoff_delay(policy, 3, zero) == milliseconds(0));
    const auto random = default_random();
    for (int i = 0; i < 100; ++i) {
        const auto d = backoff_delay(policy, 2, random);
        CHECK(d >= milliseconds(0));
        CHECK(d <= milliseconds(1000));
    }
}

TEST_CASE("parse_retry_after: seconds or HTTP date") {
    const auto now =
        std::chrono::system_clock::from_time_t(784111777); // Sun, 06 Nov 1994 08:49:37 GMT
    CHECK(parse_retry_after("3", now) == milliseconds(3000));
    CHECK(parse_retry_after(" 0 ", now) == milliseconds(0));
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now) == milliseconds(10'000));
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now) == milliseconds(0));
    CHECK(!parse_retry_after("soon", now));
    CHECK(!parse_retry_after("", now));
    CHECK(!parse_retry_after("-1", now));
}

} // namespace test_http_pacing
