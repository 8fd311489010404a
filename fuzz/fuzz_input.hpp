#pragma once

// What every fuzz target shares: the input as text, a private file holding
// it (for loaders that read paths), and the rule that a parser of outside
// input may refuse it only with the project's own error.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

namespace fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Writes text to a file of this process (mode 0600) and returns its path.
inline std::string file_of(const std::string& text, std::string_view suffix) {
    const std::string path =
        "/tmp/techpass-fuzz-" + std::to_string(::getpid()) + std::string(suffix);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return path;
}

} // namespace fuzz
