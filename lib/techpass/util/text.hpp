#pragma once

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

// Removes ASCII white space at both ends.
std::string_view trim(std::string_view s);

} // namespace techpass::util
