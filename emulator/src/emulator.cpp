#include "emulator.hpp"

#include <fmt/format.h>

#include <ctime>

namespace emu {

Emulator::Emulator(Options options) : m_options(std::move(options)), m_db(m_options.db_path) {
    create_schema(m_db);
}

std::int64_t Emulator::clock_offset() {
    auto stmt = m_db.prepare("SELECT value FROM settings WHERE key = 'clock_offset'");
    return stmt.step() ? std::stoll(stmt.text(0)) : 0;
}

void Emulator::set_clock_offset(std::int64_t seconds) {
    m_db.run("INSERT INTO settings(key, value) VALUES ('clock_offset', ?) "
             "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
             std::to_string(seconds));
}

std::chrono::system_clock::time_point Emulator::now() {
    return std::chrono::system_clock::now() + std::chrono::seconds(clock_offset());
}

std::int64_t Emulator::now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

std::string Emulator::now_rfc3339(std::int64_t plus_seconds) {
    return format_rfc3339(now_unix() + plus_seconds);
}

void Emulator::send_mail(const std::string& to, const std::string& kind, const std::string& subject,
                         const std::string& body) {
    m_db.run("INSERT INTO outbox(channel, recipient, kind, subject, body, created_at) "
             "VALUES ('email', ?, ?, ?, ?, ?)",
             to, kind, subject, body, now_unix());
}

void Emulator::send_sms(const std::string& to, const std::string& kind, const std::string& body) {
    m_db.run("INSERT INTO outbox(channel, recipient, kind, subject, body, created_at) "
             "VALUES ('sms', ?, ?, '', ?, ?)",
             to, kind, body, now_unix());
}

std::string format_rfc3339(std::int64_t unix_seconds) {
    const auto t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    const std::string s(text);
    int consumed = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &year, &month, &day, &hour,
                    &minute, &second, &consumed) != 6) {
        return std::nullopt;
    }
    std::size_t pos = static_cast<std::size_t>(consumed);
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ++pos;
        }
    }
    std::int64_t offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
        const int oh = std::stoi(s.substr(pos + 1, 2));
        const int om = std::stoi(s.substr(pos + 4, 2));
        offset = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
        minute > 59 || second > 60) {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

} // namespace emu
