#pragma once

// What happened to each input row, the vocabulary of reports and journals.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace techpass::bulk {

// The outcome of one input row. One byte, because the import keeps one per
// row in memory.
enum class Outcome : std::uint8_t {
    Pending,       // valid, not sent yet (dry run, or the run stopped first)
    Invalid,       // refused by validation; never sent
    Created,       // the portal made the invitation or registration
    AlreadyExists, // the person already has an account or a pending invitation
    Failed,        // the portal refused the entry, or the whole batch
};

// The report's word for an outcome ("already-exists").
std::string_view outcome_name(Outcome outcome);

// The outcome whose outcome_name is name; nullopt when none is.
std::optional<Outcome> outcome_from_name(std::string_view name);

// What the portal said about one sent row.
struct RowResult {
    std::size_t row = 0;
    Outcome outcome = Outcome::Pending;
    std::string id;       // of the invitation or user, when created
    std::string message;  // the portal's message, for already-exists and failed
    std::string trace_id; // the portal's traceId, to quote to support
};

} // namespace techpass::bulk
