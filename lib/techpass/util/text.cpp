#include "techpass/util/text.hpp"

#include <algorithm>
#include <ctime>
#include <numeric>

namespace techpass::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::string best;
    std::size_t best_distance = limit + 1;
    for (const auto& candidate : candidates) {
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return out;
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    });
    return out;
}

std::string rfc3339(std::chrono::system_clock::time_point at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    std::size_t at = 0;
    const auto number = [&](std::size_t digits) -> std::optional<int> {
        if (at + digits > text.size()) {
            return std::nullopt;
        }
        int value = 0;
        for (std::size_t i = 0; i < digits; ++i) {
            const char c = text[at + i];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            value = value * 10 + (c - '0');
        }
        at += digits;
        return value;
    };
    const auto expect = [&](std::string_view separators) {
        if (at < text.size() && separators.find(text[at]) != std::string_view::npos) {
            ++at;
            return true;
        }
        return false;
    };
    const auto y = number(4);
    if (!y || !expect("-")) {
        return std::nullopt;
    }
    const auto mo = number(2);
    if (!mo || !expect("-")) {
        return std::nullopt;
    }
    const auto d = number(2);
    if (!d || !expect("Tt")) {
        return std::nullopt;
    }
    const auto h = number(2);
    if (!h || !expect(":")) {
        return std::nullopt;
    }
    const auto mi = number(2);
    if (!mi || !expect(":")) {
        return std::nullopt;
    }
    const auto s = number(2);
    if (!s) {
        return std::nullopt;
    }
    if (expect(".")) {
        const std::size_t first = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            ++at;
        }
        if (at == first) {
            return std::nullopt;
        }
    }
    int offset_minutes = 0;
    if (!expect("Zz")) {
        if (at >= text.size() || (text[at] != '+' && text[at] != '-')) {
            return std::nullopt;
        }
        const int sign = text[at] == '-' ? -1 : 1;
        ++at;
        const auto oh = number(2);
        if (!oh || !expect(":")) {
            return std::nullopt;
        }
        const auto om = number(2);
        if (!om || *oh > 23 || *om > 59) {
            return std::nullopt;
        }
        offset_minutes = sign * (*oh * 60 + *om);
    }
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                              day{static_cast<unsigned>(*d)}};
    if (at != text.size() || !date.ok() || *h > 23 || *mi > 59 || *s > 60) {
        return std::nullopt;
    }
    const auto value =
        sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s} - minutes{offset_minutes};
    // The system clock counts nanoseconds in 64 bits: 1677 to 2262. A time
    // outside would overflow when converted (found by fuzz_tenant_file).
    constexpr auto k_limit =
        std::chrono::duration_cast<seconds>(std::chrono::system_clock::duration::max());
    if (value.time_since_epoch() >= k_limit || value.time_since_epoch() <= -k_limit) {
        return std::nullopt;
    }
    return value;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::string printable(std::string_view s, bool keep_newlines) {
    constexpr std::string_view k_hex = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto byte = static_cast<unsigned char>(s[i]);
        if (byte == 0xC2 && i + 1 < s.size()) {
            const auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                out += "\\u00";
                out += k_hex[next >> 4];
                out += k_hex[next & 0xF];
                ++i;
                continue;
            }
        }
        if ((byte >= 0x20 && byte != 0x7F) || (keep_newlines && byte == '\n')) {
            out += s[i];
        } else if (byte == '\n') {
            out += "\\n";
        } else if (byte == '\t') {
            out += "\\t";
        } else if (byte == '\r') {
            out += "\\r";
        } else {
            out += "\\x";
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0xF];
        }
    }
    return out;
}

std::string quoted(std::string_view value, std::size_t max_chars) {
    std::size_t chars = 0;
    std::size_t cut = value.size();
    for (std::size_t i = 0; i < value.size(); ++i) {
        if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80) {
            if (chars == max_chars) {
                cut = i;
            }
            ++chars;
        }
    }
    if (chars <= max_chars) {
        return "\"" + std::string(value) + "\"";
    }
    return "\"" + std::string(value.substr(0, cut)) + "\xE2\x80\xA6\" (" + std::to_string(chars) +
           " characters)";
}

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace techpass::util
