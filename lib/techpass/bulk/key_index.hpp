#pragma once

// Remembers which row first used each email or mobile number, in about
// twelve bytes per key, so that duplicate detection over a 100,000-row file
// does not hold the file's text in memory.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace techpass::bulk {

// An open-addressing table from the 64-bit hash of a key to the first row
// that used it. Two different keys colliding on 64 bits in one file is
// astronomically unlikely (about 1e-10 at 100,000 rows).
class KeyIndex {
public:
    // Records row for key unless the key was seen; returns the earlier row
    // when it was.
    std::optional<std::uint32_t> first_or_insert(std::string_view key, std::uint32_t row);

    // Keys recorded.
    std::size_t size() const { return m_size; }

private:
    void grow();

    std::vector<std::uint64_t> m_hashes; // 0 = empty slot
    std::vector<std::uint32_t> m_rows;
    std::size_t m_size = 0;
};

} // namespace techpass::bulk
