#pragma once

// Pacing and retry timing, on an injected Clock so tests measure sleeps.

#include "techpass/context.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

namespace techpass::http {

// A token bucket with a burst of one: at most `rate` requests per second.
class Pacer {
public:
    // rate <= 0: unlimited.
    Pacer(Clock& clock, double rate) : m_clock(clock), m_rate(rate) {}
    // Sleeps until the next request may go, then takes the token.
    void acquire();
    // Pushes the next permitted time to at least now + delay (after a Retry-After).
    void defer(std::chrono::milliseconds delay);

private:
    Clock& m_clock;
    double m_rate;
    std::optional<std::chrono::steady_clock::time_point> m_next;
};

// Exponential backoff with full jitter.
struct RetryPolicy {
    int max_attempts = 5;                  // including the first
    std::chrono::milliseconds base{500};   // first backoff ceiling
    std::chrono::milliseconds cap{30'000}; // largest backoff ceiling
};

// The delay before retry number `retry` (1-based): uniform in
// [0, min(cap, base * 2^(retry-1))], using random01 in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        const std::function<double()>& random01);

// A uniform [0, 1) generator from the system's random device.
std::function<double()> default_random();

// The delay a Retry-After value asks for: seconds, or an HTTP date relative
// to now (never negative, at most a year so the arithmetic stays bounded);
// nullopt when malformed. Callers decide whether the wait fits their timeout.
std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

} // namespace techpass::http
