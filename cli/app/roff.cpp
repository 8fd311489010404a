#include "app/roff.hpp"

namespace techpass::cli::roff {

std::string text(std::string_view input) {
    std::string out;
    bool line_start = true;
    for (const char c : input) {
        if (line_start && (c == '.' || c == '\'')) {
            out += "\\&";
        }
        if (c == '\\') {
            out += "\\e";
        } else {
            out += c;
        }
        line_start = c == '\n';
    }
    return out;
}

namespace {

// Breaks text lines longer than 80 bytes at spaces (roff fills them again),
// so that the source reads well and mandoc -Tlint has nothing to say.
std::string fill(const std::string& escaped) {
    constexpr std::size_t k_width = 80;
    std::string out;
    std::size_t start = 0;
    while (start < escaped.size()) {
        std::size_t end = escaped.find('\n', start);
        end = end == std::string::npos ? escaped.size() : end;
        std::string line = escaped.substr(start, end - start);
        while (line.size() > k_width) {
            std::size_t cut = line.rfind(' ', k_width);
            // Never start a line with a request character.
            while (cut != std::string::npos && cut > 0 && cut + 1 < line.size() &&
                   (line[cut + 1] == '.' || line[cut + 1] == '\'')) {
                cut = line.rfind(' ', cut - 1);
            }
            if (cut == std::string::npos || cut == 0) {
                break;
            }
            out += line.substr(0, cut) + "\n";
            line.erase(0, cut + 1);
        }
        out += line;
        if (end < escaped.size()) {
            out += "\n";
        }
        start = end + 1;
    }
    return out;
}

} // namespace

std::string filled(std::string_view input) {
    return fill(text(input));
}

std::string bold(std::string_view name) {
    std::string out = "\\fB";
    for (const char c : name) {
        out += c == '-' ? std::string("\\-") : c == '\\' ? std::string("\\e") : std::string(1, c);
    }
    return out + "\\fR";
}

std::string italic(std::string_view name) {
    return "\\fI" + text(name) + "\\fR";
}

std::string section(std::string_view name) {
    return ".SH " + std::string(name) + "\n";
}

std::string subsection(std::string_view name) {
    return ".SS " + text(name) + "\n";
}

std::string paragraphs(std::string_view input) {
    std::string out;
    std::size_t start = 0;
    while (start < input.size()) {
        std::size_t end = input.find("\n\n", start);
        if (end == std::string_view::npos) {
            end = input.size();
        }
        std::string_view paragraph = input.substr(start, end - start);
        if (!paragraph.empty()) {
            out += ".PP\n" + filled(paragraph) + "\n";
        }
        start = end + 2;
    }
    return out;
}

std::string tagged(const std::string& tag, std::string_view body) {
    return ".TP\n" + tag + "\n" + filled(body) + "\n";
}

std::string example(std::string_view code) {
    return ".EX\n" + text(code) + "\n.EE\n";
}

std::string tidy(std::string_view page) {
    std::string out;
    bool after_heading = false;
    std::size_t start = 0;
    while (start < page.size()) {
        std::size_t end = page.find('\n', start);
        end = end == std::string_view::npos ? page.size() : end + 1;
        const std::string_view line = page.substr(start, end - start);
        if (!(after_heading && line == ".PP\n")) {
            out += line;
        }
        after_heading = line.rfind(".SH ", 0) == 0 || line.rfind(".SS ", 0) == 0;
        start = end;
    }
    return out;
}

} // namespace techpass::cli::roff
