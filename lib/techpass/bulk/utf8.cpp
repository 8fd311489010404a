#include "techpass/bulk/utf8.hpp"

namespace techpass::bulk {

std::size_t invalid_utf8_offset(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80; // allowed range of the second byte
        unsigned char high = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            low = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlongs
            high = b0 == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            low = b0 == 0xF0 ? 0x90 : 0x80;
            high = b0 == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
        } else {
            return i;
        }
        if (i + length > n) {
            return i;
        }
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        if (b1 < low || b1 > high) {
            return i;
        }
        for (std::size_t k = 2; k < length; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if (b < 0x80 || b > 0xBF) {
                return i;
            }
        }
        i += length;
    }
    return std::string_view::npos;
}

} // namespace techpass::bulk
