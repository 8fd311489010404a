#include "techpass/validate/email.hpp"

#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace techpass::validate {

namespace {

constexpr std::size_t k_max_local = 64;
constexpr std::size_t k_max_address = 254;

// Providers of personal mailboxes, which TechPass never accepts for
// registration (Singapore ISPs' consumer domains included).
constexpr std::array<std::string_view, 29> k_personal_domains{
    "gmail.com",      "googlemail.com", "yahoo.com",      "yahoo.com.sg",   "ymail.com",
    "rocketmail.com", "hotmail.com",    "hotmail.sg",     "outlook.com",    "outlook.sg",
    "live.com",       "live.com.sg",    "msn.com",        "icloud.com",     "me.com",
    "mac.com",        "aol.com",        "protonmail.com", "proton.me",      "pm.me",
    "gmx.com",        "gmx.net",        "mail.com",       "zoho.com",       "yandex.com",
    "qq.com",         "163.com",        "singnet.com.sg", "pacific.net.sg",
};

bool is_atext(char c) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')) {
        return true;
    }
    return std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

bool is_ldh(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-';
}

} // namespace

bool valid_domain(std::string_view domain) {
    if (domain.size() > 253 || domain.find('.') == std::string_view::npos) {
        return false;
    }
    std::size_t start = 0;
    std::string_view last;
    while (start <= domain.size()) {
        const std::size_t dot = std::min(domain.find('.', start), domain.size());
        const std::string_view label = domain.substr(start, dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-' ||
            !std::all_of(label.begin(), label.end(), is_ldh)) {
            return false;
        }
        last = label;
        start = dot + 1;
    }
    return last.size() >= 2 && std::all_of(last.begin(), last.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
           });
}

namespace {

std::string invalid(std::string_view text, std::string_view detail) {
    return fmt::format("{} is not a valid email address: {}", util::quoted(text), detail);
}

bool domain_is_or_under(std::string_view domain, std::string_view parent) {
    return domain == parent || (domain.size() > parent.size() && domain.ends_with(parent) &&
                                domain[domain.size() - parent.size() - 1] == '.');
}

} // namespace

std::optional<std::string> email_problem(std::string_view raw) {
    const std::string_view text = util::trim(raw);
    if (text.empty()) {
        return "is required";
    }
    if (text.size() > k_max_address) {
        return invalid(text, fmt::format("longer than {} characters", k_max_address));
    }
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos) {
        return invalid(text, "it has no \"@\"");
    }
    if (text.find('@', at + 1) != std::string_view::npos) {
        return invalid(text, "it has more than one \"@\"");
    }
    const std::string_view local = text.substr(0, at);
    const std::string_view domain = text.substr(at + 1);
    if (local.empty()) {
        return invalid(text, "nothing before the \"@\"");
    }
    if (domain.empty()) {
        return invalid(text, "no domain after the \"@\"");
    }
    for (const char c : local) {
        if (c != '.' && !is_atext(c)) {
            return invalid(text, c == ' '
                                     ? std::string("it contains a space")
                                     : fmt::format("\"{}\" is not allowed before the \"@\"", c));
        }
    }
    if (local.size() > k_max_local) {
        return invalid(text, fmt::format("more than {} characters before the \"@\"", k_max_local));
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
        return invalid(text, "a dot at the start or end of the name, or two dots in a row");
    }
    if (!valid_domain(domain)) {
        return invalid(text, fmt::format("{} is not a domain name", util::quoted(domain)));
    }
    return std::nullopt;
}

std::string normalise_email(std::string_view text) {
    return util::to_lower(util::trim(text));
}

std::string email_domain(std::string_view email) {
    const std::size_t at = email.rfind('@');
    return at == std::string_view::npos ? std::string() : normalise_email(email.substr(at + 1));
}

const std::vector<std::string>& excluded_government_domains() {
    static const std::vector<std::string> domains{"mindef.gov.sg",   "dsta.gov.sg",
                                                  "dsta-wog.gov.sg", "defence.gov.sg",
                                                  "gebiz.gov.sg",    "sps.gov.sg"};
    return domains;
}

bool is_personal_domain(std::string_view domain) {
    const std::string lower = util::to_lower(domain);
    return std::find(k_personal_domains.begin(), k_personal_domains.end(), lower) !=
           k_personal_domains.end();
}

std::optional<std::string> registration_problem(std::string_view email) {
    const std::string domain = email_domain(email);
    for (const auto& excluded : excluded_government_domains()) {
        if (domain_is_or_under(domain, excluded)) {
            return fmt::format("{} accounts cannot be registered directly: invite them instead "
                               "(techpass users invite)",
                               excluded);
        }
    }
    if (is_personal_domain(domain)) {
        return fmt::format("{} is a personal mail domain, which TechPass never accepts: use the "
                           "person's organisational email address",
                           domain);
    }
    if (!domain_is_or_under(domain, "gov.sg")) {
        return fmt::format("{} is not a government (*.gov.sg) domain: only public officers with a "
                           "Whole-of-Government email can be registered; invite vendors and other "
                           "users instead (techpass vendors invite, techpass users invite)",
                           domain);
    }
    return std::nullopt;
}

} // namespace techpass::validate
