#pragma once

// Just enough roff (man(7)) to write techpass's pages; mandoc -Tlint clean.

#include <string>
#include <string_view>

namespace techpass::cli::roff {

// Text with backslashes escaped and lines that would read as requests guarded.
std::string text(std::string_view text);
// text(), with lines longer than 80 bytes broken at spaces.
std::string filled(std::string_view text);
// An option or command name in bold, hyphens as \-.
std::string bold(std::string_view name);
// An argument name in italics.
std::string italic(std::string_view name);
// ".SH NAME\n"
std::string section(std::string_view name);
// ".SS name\n"
std::string subsection(std::string_view name);
// Paragraphs of text separated by blank lines, each after .PP.
std::string paragraphs(std::string_view text);
// A tagged paragraph: tag line, then body.
std::string tagged(const std::string& tag, std::string_view body);
// A literal block (.EX/.EE).
std::string example(std::string_view code);
// A whole page with the paragraph macros that directly follow a heading
// dropped (they would be no-ops, and mandoc -Tlint warns about them).
std::string tidy(std::string_view page);

// The date in every page's .TH line: the docs must not change with the day
// they are generated, so it moves with releases (set it with the version).
inline constexpr const char* k_date = "2026-11-27";

} // namespace techpass::cli::roff
