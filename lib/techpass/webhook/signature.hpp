#pragma once

// The signature of a webhook delivery (docs/api: createWebhook):
// X-TECHPASS-SIGNATURE: t=<unix seconds>,v1=<lower-case hex HMAC-SHA256,
// keyed by the webhook secret, over "<t>:<raw body>">. A receiver recomputes
// it over the raw bytes, compares in constant time, and rejects a delivery
// whose t is more than 5 minutes away from its own clock.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace techpass::webhook {

inline constexpr std::string_view k_signature_header = "X-TECHPASS-SIGNATURE";
inline constexpr std::string_view k_event_header = "X-TECHPASS-EVENT";
inline constexpr std::string_view k_delivery_header = "X-TECHPASS-DELIVERY";
// Deliveries older than this (or as far in the future) are rejected.
inline constexpr std::chrono::seconds k_max_age{300};

// The header value for body signed with secret at timestamp.
std::string sign(std::string_view secret, std::int64_t timestamp, std::string_view body);

// What a receiver concludes about one delivery.
struct Verdict {
    bool signature_ok = false; // the HMAC matches
    bool fresh = false;        // t is within max_age of now
    std::optional<std::int64_t> timestamp;
    std::string reason; // why it is rejected; empty when accepted

    bool accepted() const { return signature_ok && fresh; }
};

// Checks a delivery: the header's form, the signature over body with secret
// (every v1 part is tried, in constant time), then its age at now_unix.
Verdict verify(std::string_view secret, std::string_view header, std::string_view body,
               std::int64_t now_unix, std::chrono::seconds max_age = k_max_age);

} // namespace techpass::webhook
