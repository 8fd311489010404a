#pragma once

// The daily account lifecycle (disabled after 90 days without a sign-in,
// terminated after 180), run on demand by the test
// control POST /_emulator/lifecycle/sweep, and sign-ins that reset it.

#include "emulator.hpp"

#include <nlohmann/json.hpp>

namespace emu {

// Applies the lifecycle rules at the emulator's now(): reminders, disabling,
// termination and deletion of accounts, and expiry of invitations past their
// 5 days (telling the inviter). Returns what changed:
// {"statusChanges": [{userId, email, from, to}], "reminders": [{userId, email, kind}],
//  "expiredInvitations": [{invitationId, email}]}.
nlohmann::json run_lifecycle_sweep(Emulator& emulator);

} // namespace emu
