#include "techpass/util/lifecycle.hpp"

#include "techpass/util/text.hpp"

#include <algorithm>
#include <chrono>

namespace techpass::lifecycle {

namespace {

std::string date_of(std::int64_t unix) {
    return util::rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(unix)))
        .substr(0, 10);
}

// The next status change due for an account as it is at `now`, and when:
// the threshold of its rule, no earlier than `recent_change` days after its
// status last changed (the caller moves a past time to now). nullopt when
// none is ever due.
std::optional<Change> next_change(const Account& a, std::int64_t now, const Rules& r) {
    const std::int64_t settled = a.status_changed_at + r.recent_change * k_day;
    if (!a.last_sign_in_at) {
        if (a.status == "pending") {
            return Change{std::max(a.created_at + r.never_terminate * k_day, settled), a.status,
                          "terminated", "never signed in since " + date_of(a.created_at)};
        }
        if (a.status == "terminated") {
            return Change{a.status_changed_at + r.delete_after_termination * k_day, a.status,
                          "deleted",
                          "never signed in; terminated on " + date_of(a.status_changed_at)};
        }
        return std::nullopt;
    }
    const std::int64_t last = *a.last_sign_in_at;
    const std::string reason = "no sign-in since " + date_of(last);
    if (a.status == "active") {
        // Past both thresholds at once, an active account is terminated
        // without being disabled first.
        const std::int64_t disable = std::max(last + r.idle_disable * k_day, settled);
        const std::int64_t terminate = std::max(last + r.idle_terminate * k_day, settled);
        if (terminate <= std::max(disable, now)) {
            return Change{terminate, a.status, "terminated", reason};
        }
        return Change{disable, a.status, "disabled", reason};
    }
    if (a.status == "disabled") {
        return Change{std::max(last + r.idle_terminate * k_day, settled), a.status, "terminated",
                      reason};
    }
    return std::nullopt;
}

} // namespace

bool exempt(const Account& account) {
    return account.account_type == "account:product" || account.account_type == "product";
}

std::vector<Change> forecast(const Account& account, std::int64_t now, std::int64_t until,
                             const Rules& rules) {
    std::vector<Change> changes;
    if (exempt(account)) {
        return changes;
    }
    Account a = account;
    while (const auto change = next_change(a, now, rules)) {
        Change next = *change;
        next.at = std::max(next.at, now);
        if (next.at > until) {
            break;
        }
        changes.push_back(next);
        a.status = next.to;
        a.status_changed_at = next.at;
        now = next.at;
    }
    return changes;
}

} // namespace techpass::lifecycle
