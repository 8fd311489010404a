#include "techpass/bulk/key_index.hpp"

namespace techpass::bulk {

namespace {

// FNV-1a, then a splitmix64 finaliser to spread the bits over the table.
std::uint64_t hash_key(std::string_view key) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h == 0 ? 1 : h;
}

} // namespace

void KeyIndex::grow() {
    const std::size_t capacity = m_hashes.empty() ? 1024 : m_hashes.size() * 2;
    std::vector<std::uint64_t> hashes(capacity, 0);
    std::vector<std::uint32_t> rows(capacity, 0);
    const std::size_t mask = capacity - 1;
    for (std::size_t i = 0; i < m_hashes.size(); ++i) {
        if (m_hashes[i] == 0) {
            continue;
        }
        std::size_t slot = static_cast<std::size_t>(m_hashes[i]) & mask;
        while (hashes[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = m_hashes[i];
        rows[slot] = m_rows[i];
    }
    m_hashes = std::move(hashes);
    m_rows = std::move(rows);
}

std::optional<std::uint32_t> KeyIndex::first_or_insert(std::string_view key, std::uint32_t row) {
    if ((m_size + 1) * 4 > m_hashes.size() * 3) {
        grow();
    }
    const std::uint64_t h = hash_key(key);
    const std::size_t mask = m_hashes.size() - 1;
    std::size_t slot = static_cast<std::size_t>(h) & mask;
    while (m_hashes[slot] != 0) {
        if (m_hashes[slot] == h) {
            return m_rows[slot];
        }
        slot = (slot + 1) & mask;
    }
    m_hashes[slot] = h;
    m_rows[slot] = row;
    ++m_size;
    return std::nullopt;
}

} // namespace techpass::bulk
