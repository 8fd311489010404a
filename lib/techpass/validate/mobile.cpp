#include "techpass/validate/mobile.hpp"

#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace techpass::validate {

namespace {

constexpr std::string_view k_expected =
    "expected +65 and 8 digits starting with 8 or 9, e.g. +65 9123 4567";

enum class Shape { Mobile, NotANumber, Foreign, WrongLength, NotMobile };

struct Parsed {
    Shape shape;
    std::string national; // the 8 digits, when shape is Mobile
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Strips the separators people type, keeping a leading "+".
std::optional<std::string> compact(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (is_digit(c) || (c == '+' && out.empty())) {
            out += c;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\t') {
            return std::nullopt;
        }
    }
    return out;
}

Parsed parse(std::string_view text) {
    const auto compacted = compact(util::trim(text));
    if (!compacted || compacted->empty() || *compacted == "+") {
        return {Shape::NotANumber, {}};
    }
    std::string_view digits = *compacted;
    bool international = false;
    if (digits.starts_with("+")) {
        digits.remove_prefix(1);
        international = true;
    } else if (digits.starts_with("00")) {
        digits.remove_prefix(2);
        international = true;
    }
    if (international) {
        if (!digits.starts_with("65")) {
            return {Shape::Foreign, {}};
        }
        digits.remove_prefix(2);
    } else if (digits.size() == 10 && digits.starts_with("65")) {
        digits.remove_prefix(2);
    }
    if (digits.size() != 8) {
        return {Shape::WrongLength, {}};
    }
    if (digits.front() != '8' && digits.front() != '9') {
        return {Shape::NotMobile, {}};
    }
    return {Shape::Mobile, std::string(digits)};
}

} // namespace

std::optional<std::string> normalise_mobile(std::string_view text) {
    Parsed parsed = parse(text);
    if (parsed.shape != Shape::Mobile) {
        return std::nullopt;
    }
    return "+65" + parsed.national;
}

std::optional<std::string> mobile_problem(std::string_view raw) {
    const std::string_view text = util::trim(raw);
    if (text.empty()) {
        return "is required";
    }
    switch (parse(text).shape) {
    case Shape::Mobile:
        return std::nullopt;
    case Shape::NotANumber:
        return fmt::format("{} is not a phone number ({})", util::quoted(text), k_expected);
    case Shape::Foreign:
        return fmt::format("\"{}\" is not a Singapore number ({}); people with foreign numbers "
                           "are onboarded through the TechPass Portal",
                           text, k_expected);
    case Shape::WrongLength:
        return fmt::format("\"{}\" does not have 8 digits after +65 ({})", text, k_expected);
    case Shape::NotMobile:
        return fmt::format("{} is not a mobile number ({})", util::quoted(text), k_expected);
    }
    return std::nullopt;
}

} // namespace techpass::validate
