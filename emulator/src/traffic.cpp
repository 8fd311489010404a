#include "traffic.hpp"

#include <algorithm>
#include <cmath>

namespace emu {

namespace {

// splitmix64: a tiny, well-mixed generator whose output is the same on every
// platform and standard library, unlike std::uniform_real_distribution.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

} // namespace

void Traffic::set_rate_limit(std::optional<RateLimit> limit) {
    const std::lock_guard lock(m_mutex);
    m_limit = limit;
    m_buckets.clear();
}

std::optional<RateLimit> Traffic::rate_limit() const {
    const std::lock_guard lock(m_mutex);
    return m_limit;
}

std::optional<int> Traffic::take(const std::string& key) {
    const std::lock_guard lock(m_mutex);
    if (!m_limit) {
        return std::nullopt;
    }
    const auto now = std::chrono::steady_clock::now();
    auto [it, inserted] = m_buckets.try_emplace(key, Bucket{m_limit->burst, now});
    Bucket& bucket = it->second;
    if (!inserted) {
        const std::chrono::duration<double> elapsed = now - bucket.updated;
        bucket.tokens = std::min(m_limit->burst,
                                 bucket.tokens + elapsed.count() * m_limit->requests_per_second);
        bucket.updated = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - bucket.tokens) / m_limit->requests_per_second;
    return std::max(1, static_cast<int>(std::ceil(wait)));
}

void Traffic::set_faults(std::optional<FaultPlan> plan) {
    const std::lock_guard lock(m_mutex);
    m_plan = std::move(plan);
    m_drawn = 0;
}

std::optional<FaultPlan> Traffic::faults() const {
    const std::lock_guard lock(m_mutex);
    return m_plan;
}

std::string Traffic::draw_fault(std::string_view path, bool is_api) {
    const std::lock_guard lock(m_mutex);
    if (!m_plan || m_plan->kinds.empty()) {
        return {};
    }
    const bool eligible = m_plan->path_prefix.empty()
                              ? is_api
                              : path.substr(0, m_plan->path_prefix.size()) == m_plan->path_prefix;
    if (!eligible) {
        return {};
    }
    const std::uint64_t draw = mix(m_plan->seed ^ mix(m_drawn++));
    // The top 53 bits give a uniform double in [0, 1).
    const double u = static_cast<double>(draw >> 11) * 0x1.0p-53;
    if (u >= m_plan->fraction) {
        return {};
    }
    return m_plan->kinds[mix(draw) % m_plan->kinds.size()];
}

} // namespace emu
