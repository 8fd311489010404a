#include "techpass/http/pacing.hpp"

#include "techpass/util/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <random>

namespace techpass::http {

void Pacer::acquire() {
    if (m_rate <= 0) {
        return;
    }
    const auto now = m_clock.steady_now();
    if (m_next && *m_next > now) {
        m_clock.sleep_for(std::chrono::ceil<std::chrono::milliseconds>(*m_next - now));
    }
    const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / m_rate));
    m_next = std::max(m_clock.steady_now(), m_next.value_or(m_clock.steady_now())) + interval;
}

void Pacer::defer(std::chrono::milliseconds delay) {
    const auto at = m_clock.steady_now() + delay;
    if (!m_next || *m_next < at) {
        m_next = at;
    }
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        const std::function<double()>& random01) {
    const double ceiling =
        std::min(static_cast<double>(policy.cap.count()),
                 static_cast<double>(policy.base.count()) * std::pow(2.0, std::max(0, retry - 1)));
    const double r = std::clamp(random01(), 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<long long>(std::floor(ceiling * r)));
}

std::function<double()> default_random() {
    return [engine = std::mt19937_64(std::random_device{}())]() mutable {
        return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
    };
}

namespace {
constexpr long long k_year_seconds = 365LL * 24 * 3600;
} // namespace

std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    const auto text = util::trim(value);
    if (text.empty()) {
        return std::nullopt;
    }
    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        long long seconds = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec != std::errc{}) {
            return std::nullopt;
        }
        return std::chrono::milliseconds(std::min(seconds, k_year_seconds) * 1000);
    }
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
    std::tm tm{};
    const std::string copy(text);
    const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0') {
        return std::nullopt;
    }
    const auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
    if (at <= now) {
        return std::chrono::milliseconds(0);
    }
    return std::chrono::ceil<std::chrono::milliseconds>(
        std::min<std::chrono::system_clock::duration>(at - now,
                                                      std::chrono::seconds(k_year_seconds)));
}

} // namespace techpass::http
