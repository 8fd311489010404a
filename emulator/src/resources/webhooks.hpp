#pragma once

// Webhooks: the challenge of a receiver (webhook_challenge.cpp), used by the
// webhook routes (webhooks.cpp). Deliveries are the platform's (delivery.cpp).

#include "resources/common.hpp"

namespace emu::resources {

// Sends GET <url>?challengeToken=<random> (with the custom headers) and
// throws ApiError 422 saying what the receiver did unless it answered 2xx
// with {"challengeToken": <the same value>} within 10 seconds.
void challenge_receiver(const std::string& url, const json& headers);

} // namespace emu::resources
