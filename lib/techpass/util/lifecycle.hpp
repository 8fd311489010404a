#pragma once

// The account lifecycle rules of TechPass (../docs: domain, "Lifecycle
// rules"), as one table: `techpass users forecast` projects them, and the
// emulator's tests check its daily sweep against the same numbers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace techpass::lifecycle {

inline constexpr std::int64_t k_day = 24 * 3600;

// The rules' numbers, in days.
struct Rules {
    // Never signed in: reminders from day 23, terminated on day 30 (counted
    // from creation), deleted 5 days after termination.
    int never_reminder = 23;
    int never_terminate = 30;
    int delete_after_termination = 5;
    // Signed in before: reminders from day 60, disabled on day 90; reminders
    // again from day 173, terminated on day 180 (counted from the last
    // sign-in).
    int idle_reminder = 60;
    int idle_disable = 90;
    int idle_second_reminder = 173;
    int idle_terminate = 180;
    // Accounts whose status changed this recently are left alone (except a
    // terminated account's deletion).
    int recent_change = 5;
};
inline constexpr Rules k_rules{};

// What the rules see of an account.
struct Account {
    std::string status;                 // pending, active, disabled, terminated
    std::string account_type;           // account:product is exempt
    std::int64_t created_at = 0;        // unix seconds
    std::int64_t status_changed_at = 0; // unix seconds
    std::optional<std::int64_t> last_sign_in_at;
};

// One status change the rules will make if nobody signs in.
struct Change {
    std::int64_t at = 0; // the earliest moment a daily run makes it
    std::string from;
    std::string to;     // disabled, terminated, deleted
    std::string reason; // "never signed in since 2026-11-01", "no sign-in since ..."
};

// Whether the rules never act on the account (product accounts).
bool exempt(const Account& account);

// The status changes the rules will make from now until `until` (unix
// seconds), in order, if the account does not sign in and nobody changes it.
std::vector<Change> forecast(const Account& account, std::int64_t now, std::int64_t until,
                             const Rules& rules = k_rules);

} // namespace techpass::lifecycle
