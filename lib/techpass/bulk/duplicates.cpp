#include "techpass/bulk/duplicates.hpp"

#include <algorithm>

namespace techpass::bulk {

namespace {

constexpr int k_hashes = 7;
constexpr std::size_t k_bits_per_key = 16;
constexpr std::uint64_t k_min_bits = 1U << 16;
constexpr std::uint64_t k_max_bits = std::uint64_t{1} << 29; // 64 MiB

std::uint64_t fnv1a(std::string_view key) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

} // namespace

DuplicateFinder::DuplicateFinder(std::size_t expected_keys)
    : m_bit_count(std::clamp<std::uint64_t>(std::uint64_t{expected_keys} * k_bits_per_key,
                                            k_min_bits, k_max_bits)) {
    m_bits.assign((m_bit_count + 63) / 64, 0);
}

bool DuplicateFinder::test_and_set(std::string_view key) {
    // Double hashing: k probes from two independent 64-bit hashes.
    const std::uint64_t h1 = mix(fnv1a(key));
    const std::uint64_t h2 = mix(h1 ^ 0x9e3779b97f4a7c15ULL) | 1;
    bool seen = true;
    for (int i = 0; i < k_hashes; ++i) {
        const std::uint64_t bit = (h1 + static_cast<std::uint64_t>(i) * h2) % m_bit_count;
        std::uint64_t& word = m_bits[bit / 64];
        const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
        seen = seen && (word & mask) != 0;
        word |= mask;
    }
    return seen;
}

void DuplicateFinder::note(std::string_view key) {
    if (test_and_set(key)) {
        m_candidates.emplace(key);
    }
}

std::optional<std::size_t> DuplicateFinder::earlier_row(std::string_view key, std::size_t row) {
    const std::string text(key);
    if (m_candidates.count(text) == 0) {
        return std::nullopt;
    }
    const auto [it, inserted] = m_first_rows.emplace(text, row);
    if (inserted || it->second == row) {
        return std::nullopt;
    }
    return it->second;
}

} // namespace techpass::bulk
