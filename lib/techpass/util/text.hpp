#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::util {

// Levenshtein edit distance between two strings (bytes, case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to word, if it is close enough to be a likely typo
// (at most a third of the word's length, and at least 1, edits away); else "".
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// Lower-cases ASCII letters.
std::string to_lower(std::string_view s);

// Upper-cases ASCII letters.
std::string to_upper(std::string_view s);

// A UTC time as RFC 3339 with whole seconds: "2026-12-03T09:30:00Z".
std::string rfc3339(std::chrono::system_clock::time_point at);
// Reads an RFC 3339 date-time ("2026-12-03T09:30:00Z", "...T17:30:00.5+08:00");
// nullopt when it is not one (a date alone, a missing offset, Feb 30), or
// when the system clock cannot hold it (before 1678 or after 2261).
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);
// Whole seconds since the epoch of a time.
std::int64_t unix_seconds(std::chrono::system_clock::time_point time);

// Text safe to show on a terminal: control characters (C0, DEL and the C1
// range of UTF-8) are written as escapes ("\n", "\t", "\r", "\x1b",
// "\u009b"), so data from the portal can never move the cursor, recolour or
// retitle the terminal. Other UTF-8 passes through; so do line feeds when
// keep_newlines (messages of several lines).
std::string printable(std::string_view s, bool keep_newlines = false);

// A value quoted for a message: "value", or when it is longer than
// max_chars characters its start, an ellipsis and its length, e.g.
// "aaaa…" (10240 characters), so a huge input is never echoed whole.
std::string quoted(std::string_view value, std::size_t max_chars = 60);

// Removes ASCII white space at both ends.
std::string_view trim(std::string_view s);

} // namespace techpass::util
