#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace techpass::util {

// Digests as raw bytes.
std::string sha1(std::string_view data);
std::string sha256(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
// Lower-case hex SHA-256, the form in which the emulator stores secrets and keys.
std::string sha256_hex(std::string_view data);

// n bytes from the system's cryptographically secure generator.
std::string random_bytes(std::size_t n);
// A random RFC 4122 version 4 UUID, lower case.
std::string uuid_v4();
// A random string of length n over [A-Za-z0-9] (for secrets and keys).
std::string random_token(std::size_t n);

// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

} // namespace techpass::util
