#pragma once

// Idempotency-Key on creations: the same key, caller and request within 24
// hours replay the first answer; the same key with another request is a 422.

#include "emulator.hpp"

#include <optional>
#include <string>

namespace emu {

// How long a remembered answer is replayed.
inline constexpr std::int64_t k_idempotency_window = 24 * 3600;

// A remembered answer.
struct StoredAnswer {
    int status = 0;
    std::string body;
};

// The identity of one creation request: who, which key, and a hash of the
// method, path and raw body.
struct IdempotentRequest {
    std::string caller; // "app:<id>" or "user:<id>"
    std::string key;
    std::string method;
    std::string path;
    std::string request_hash;
};

// Throws ApiError 400 when key is not 1..255 printable ASCII characters.
void check_idempotency_key(const std::string& key);
// The answer remembered for this request, or nullopt when the key is new;
// throws ApiError 422 when the key was used with a different request.
std::optional<StoredAnswer> find_answer(Emulator& emulator, const IdempotentRequest& request);
// Remembers a successful answer for later replays.
void remember_answer(Emulator& emulator, const IdempotentRequest& request,
                     const StoredAnswer& answer);

} // namespace emu
