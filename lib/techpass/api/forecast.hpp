#pragma once

// The lifecycle forecast (issue 12): which accounts the daily rules of
// util/lifecycle will disable, terminate or delete within N days, when and
// why, if they do not sign in.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <chrono>
#include <optional>
#include <set>
#include <string>

namespace techpass::api::forecast {

// One row per status change coming: an account may have two (disabled,
// then terminated).
const output::Resource& forecast_resource();

// The unix seconds of an RFC 3339 field of an item; nullopt when it has none.
std::optional<std::int64_t> unix_at(const Json& item, std::string_view field);

// The people of a namespace: its admins, the direct members of its groups
// and the users assigned to its apps (emails, lower case).
std::set<std::string> people_of(api::ApiClient& client, const std::string& namespace_code);

// {"days": N, "until": RFC 3339, "changes": [{email, id, accountType, status,
// change, at, inDays, reason}]} for every account (or only those of people)
// the rules act on within days of now, soonest first. Reads the accounts
// idle long enough to be reached (listUsers inactiveDays), then each one's
// last sign-in (getUser lastSignIn): accounts under investigation are exempt
// on the portal but not shown by the API, so they may be listed.
api::Json forecast(api::ApiClient& client, int days, std::chrono::system_clock::time_point now,
                   const std::optional<std::set<std::string>>& people);

} // namespace techpass::api::forecast
