#pragma once

// Performs a plan (issue 11): each change in the plan's order, creations with
// the Idempotency-Key the plan derived from the object, so that a retried or
// re-run apply never makes a duplicate. Stops at the first failure; what was
// done stays done, and a fresh plan of the same file holds only the rest.

#include "techpass/api/client.hpp"
#include "techpass/error.hpp"
#include "techpass/tenant/plan.hpp"

#include <functional>
#include <optional>

namespace techpass::tenant {

struct ApplyResult {
    std::size_t done = 0; // changes of the plan performed, in order
    // The error that stopped it, at change number `done` (0-based).
    std::optional<Error> failed;
};

// What a creation answered that is shown once and never again: an API key's
// value, a client secret, a webhook's signing secret.
struct OneTimeSecret {
    const Change& change;
    api::Json answer;
};

struct ApplyHooks {
    // Before each change is sent.
    std::function<void(const Change&)> starting;
    // After a change is done.
    std::function<void(const Change&)> done;
    // For each creation whose answer holds a one-time secret, as soon as it
    // is answered (so that nothing is lost if a later change fails).
    std::function<void(const OneTimeSecret&)> secret;
};

ApplyResult apply_plan(api::ApiClient& client, const Plan& plan, const ApplyHooks& hooks);

} // namespace techpass::tenant
