#pragma once

// The seam between the import engine and the network: the engine hands
// batches to a BatchSender; the CLI's sender posts them to the batch endpoint
// through the API client, tests plug in a fake.

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::bulk {

// One valid row, ready to send.
struct Entry {
    std::size_t row = 0;         // input row, for the report
    nlohmann::ordered_json body; // the API's JSON for this entry
};

// The portal's word on one entry of a batch.
struct EntryResult {
    std::size_t entry_number = 0; // 0-based position in the batch, as the 207 body counts
    int status = 0;               // 201 created, 409 already exists, other 4xx/5xx failed
    std::string id;               // the created object's id
    std::string message;
    std::string trace_id;
};

// Everything a 207 answer said; entries the portal left out count as failed.
struct BatchResult {
    std::vector<EntryResult> entries;
};

// Sends one batch and returns the per-entry results. Implementations retry
// transient failures themselves (sending the same idempotency key each time)
// and throw techpass::Error when the batch as a whole fails; Usage, Conflict
// and NotFound errors (400, 409, 413, 422...) mean the portal refused this
// batch for good and the engine marks its rows failed, any other kind stops
// the import (the journal lets --resume send the batch again, same key).
// With ImportOptions::concurrency > 1, send is called from several threads
// at once and must be safe for that (e.g. one API client per thread).
class BatchSender {
public:
    virtual ~BatchSender() = default;
    virtual BatchResult send(const std::vector<Entry>& entries,
                             const std::string& idempotency_key) = 0;
};

// Reads a 207 body: items_key ("invitations") lists {entryNumber, <object>}
// successes, whose object's "id" is kept and status is 201; "errors" lists
// {code, entryNumber, message, status, traceId}. object_key names the object
// inside each success ("invitation"; "" means the item itself is the object).
BatchResult parse_batch_response(const nlohmann::ordered_json& body, std::string_view items_key,
                                 std::string_view object_key);

// Sends a batch as one call per entry, for requests that have no batch
// endpoint (public officer registrations). Entry i of a batch is sent with
// the key "<batch key>-<i>", so a batch sent again after a failure replays
// the entries that were already created instead of creating them twice.
// Conflict errors become 409 entries; Usage and NotFound errors become failed
// entries; any other error ends the batch (and so stops the import).
class EntryByEntrySender : public BatchSender {
public:
    // Sends one entry's body with its own idempotency key and returns the id
    // of what it created; throws techpass::Error as the API client does.
    using SendOne =
        std::function<std::string(const Entry& entry, const std::string& idempotency_key)>;

    explicit EntryByEntrySender(SendOne send_one) : m_send_one(std::move(send_one)) {}
    BatchResult send(const std::vector<Entry>& entries,
                     const std::string& idempotency_key) override;

private:
    SendOne m_send_one;
};

} // namespace techpass::bulk
