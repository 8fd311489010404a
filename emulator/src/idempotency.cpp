#include "idempotency.hpp"

#include "api.hpp"

#include <algorithm>

namespace emu {

void check_idempotency_key(const std::string& key) {
    const bool printable =
        std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
    if (key.empty() || key.size() > 255 || !printable) {
        throw ApiError(400, "Idempotency-Key must be 1 to 255 printable ASCII characters");
    }
}

std::optional<StoredAnswer> find_answer(Emulator& emulator, const IdempotentRequest& request) {
    Db& db = emulator.db();
    db.run("DELETE FROM idempotency WHERE created_at <= ?",
           emulator.now_unix() - k_idempotency_window);
    auto stmt = db.prepare(
        "SELECT body_hash, status, response FROM idempotency WHERE caller = ? AND key = ?");
    stmt.bind_all(request.caller, request.key);
    if (!stmt.step()) {
        return std::nullopt;
    }
    if (stmt.text(0) != request.request_hash) {
        throw ApiError(422, "Idempotency-Key '" + request.key +
                                "' was already used with a different request; use a new key "
                                "for a new request");
    }
    return StoredAnswer{static_cast<int>(stmt.integer(1)), stmt.text(2)};
}

void remember_answer(Emulator& emulator, const IdempotentRequest& request,
                     const StoredAnswer& answer) {
    emulator.db().run("INSERT OR REPLACE INTO idempotency(caller, key, method, path, body_hash, "
                      "status, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      request.caller, request.key, request.method, request.path,
                      request.request_hash, answer.status, answer.body, emulator.now_unix());
}

} // namespace emu
