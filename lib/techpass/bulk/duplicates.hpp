#pragma once

// Finds the emails and mobile numbers that occur more than once in an import
// file without keeping every key in memory: a Bloom filter sees every key
// once, only the keys it may have seen before are remembered exactly, and a
// second pass over the file (needed only when there are such keys) names the
// first row of each real duplicate.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace techpass::bulk {

// Two passes: note() every key of the file, then, when has_candidates(),
// earlier_row() every key again in the same order.
class DuplicateFinder {
public:
    // Sizes the filter for about expected_keys keys (more keys only raise the
    // share of keys remembered exactly, never the error rate).
    explicit DuplicateFinder(std::size_t expected_keys);

    // First pass: records a key (already normalised and prefixed by its kind).
    void note(std::string_view key);

    // Whether any key may occur twice, so that the second pass is needed.
    bool has_candidates() const { return !m_candidates.empty(); }

    // Second pass: the first row that used key, when row is a later one.
    std::optional<std::size_t> earlier_row(std::string_view key, std::size_t row);

private:
    bool test_and_set(std::string_view key);

    std::vector<std::uint64_t> m_bits;
    std::uint64_t m_bit_count = 0;
    std::unordered_set<std::string> m_candidates;
    std::unordered_map<std::string, std::size_t> m_first_rows;
};

} // namespace techpass::bulk
