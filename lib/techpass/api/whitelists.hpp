#pragma once

// The OTP whitelists of OTP-as-a-Service apps over the Automation API
// (docs/api: whitelists): email domains and user emails, each with an
// optional expiry. Adding goes out at most 1000 entries per request and comes
// back as per-entry outcomes, like a bulk import.

#include "techpass/api/client.hpp"
#include "techpass/bulk/outcome.hpp"
#include "techpass/output/resource.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::api::whitelists {

// The most entries one POST may carry (both kinds together).
inline constexpr std::size_t k_max_per_request = 1000;
// The largest page the portal serves.
inline constexpr int k_page_size = 50;

// An entry of the list.
const output::Resource& whitelist_resource();
// The outcome of one entry of an add.
const output::Resource& outcome_resource();

std::string whitelists_path(const std::string& namespace_code, const std::string& app_id);
// entry: its whitelistId or its value.
std::string whitelist_path(const std::string& namespace_code, const std::string& app_id,
                           const std::string& entry);

// "emailDomain" or "userEmail": an address has an "@", a domain has none.
std::string_view kind_of(std::string_view value);

// whitelistType of the API for a command line's --type: all, domain(s) or
// email(s) (the API's own words too); Error(Usage) otherwise.
std::string whitelist_type(std::string_view text);

// The entries of an app, every page followed (size 50), up to limit.
api::Json list_entries(api::ApiClient& client, const std::string& namespace_code,
                       const std::string& app_id, const std::string& type,
                       std::optional<std::size_t> limit);

// An expiry as the API takes it: "" for none, else RFC 3339 UTC with whole
// seconds. Any RFC 3339 time is accepted and converted to UTC; Error(Usage)
// when text is not one or is not after now.
std::string checked_expiry(std::string_view text, std::chrono::system_clock::time_point now);

// An entry to add, as a command line or a file gave it.
struct NewEntry {
    std::size_t row = 0; // 1-based position in the input
    std::string value;
    std::string expires_at; // as given; "" for none
};

// Reads entries from a file: one value per line (blank lines and lines
// starting with # skipped), or CSV with a header holding a value column
// (value, emailDomain, userEmail, domain or email) and optionally expiresAt.
// Rows count from first_row. Error(Usage) for an unreadable file or a CSV
// without a value column.
std::vector<NewEntry> read_entries(const std::string& path, std::size_t first_row);

// What became of one entry.
struct EntryOutcome {
    std::size_t row = 0;
    std::string value;      // lower case, as stored
    std::string kind;       // emailDomain | userEmail
    std::string expires_at; // as sent (UTC), "" for none
    bulk::Outcome outcome = bulk::Outcome::Pending;
    std::string id;
    std::string message;
    std::string trace_id;
};

// Checks every entry before anything is sent: a value that is neither a
// domain nor an address, a bad or past expiry (the entry's, else
// default_expiry), and a value repeated in the input are Invalid, with the
// reason; the rest are Pending, ready to send.
std::vector<EntryOutcome> check_entries(const std::vector<NewEntry>& entries,
                                        std::string_view default_expiry,
                                        std::chrono::system_clock::time_point now);

// How the sending went.
struct SendResult {
    std::size_t requests = 0;
    // The error that stopped the run (authentication, network, rate
    // limit...): the entries not sent stay Pending.
    std::optional<Error> stopped;
};

// Sends the Pending entries, at most k_max_per_request per request, each
// request with its own Idempotency-Key (so a retried request adds nothing
// twice), and records each entry's outcome: Created, AlreadyExists (already
// whitelisted: a re-run is safe) or Failed. A request the portal refuses as
// a whole (400, 404, 409, 413, 422) fails its entries and the next one is
// sent; any other error stops. progress(done, total) after each request.
// key_for, when given, makes each request's key from its body (apply derives
// keys from what it creates); otherwise each request gets a random one.
SendResult send_entries(api::ApiClient& client, const std::string& namespace_code,
                        const std::string& app_id, std::vector<EntryOutcome>& entries,
                        const std::function<void(std::size_t, std::size_t)>& progress = {},
                        const std::function<api::IdempotencyKey(const api::Json&)>& key_for = {});

// An outcome as the JSON of outcome_resource().
api::Json outcome_json(const EntryOutcome& entry);

// The live entry named by its id or value (case-insensitive), looked up
// page by page; NotFound when there is none.
api::Json find_entry(api::ApiClient& client, const std::string& namespace_code,
                     const std::string& app_id, const std::string& entry);

// Replaces an entry's value and expiry ("" removes it).
void update_entry(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& app_id, const std::string& entry, const std::string& value,
                  const std::string& expires_at);
void delete_entry(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& app_id, const std::string& entry);

} // namespace techpass::api::whitelists
