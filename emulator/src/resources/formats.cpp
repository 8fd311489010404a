// Format checks shared by the resources: emails, domains, callback URLs.

#include "resources/common.hpp"

#include <techpass/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace emu::resources {

namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
    }
    return std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

} // namespace

bool is_domain(std::string_view text) {
    if (text.empty() || text.size() > 253) {
        return false;
    }
    std::size_t labels = 0;
    std::string_view last;
    std::size_t start = 0;
    while (true) {
        const auto dot = text.find('.', start);
        last = text.substr(start, dot == std::string_view::npos ? text.npos : dot - start);
        if (!is_label(last)) {
            return false;
        }
        ++labels;
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }
    // A top-level domain is letters only ("sg", "com"), which rules out bare IP addresses.
    return labels >= 2 && last.size() >= 2 &&
           std::all_of(last.begin(), last.end(), [](char c) { return is_alpha(c); });
}

bool is_email(std::string_view text) {
    const auto at = text.rfind('@');
    if (at == std::string_view::npos || at == 0 || text.size() > 254) {
        return false;
    }
    const auto local = text.substr(0, at);
    static constexpr std::string_view k_local_specials = ".!#$%&'*+/=?^_`{|}~-";
    const bool local_ok =
        local.size() <= 64 && local.front() != '.' && local.back() != '.' &&
        local.find("..") == std::string_view::npos &&
        std::all_of(local.begin(), local.end(), [](char c) {
            return is_alnum(c) || k_local_specials.find(c) != std::string_view::npos;
        });
    return local_ok && is_domain(text.substr(at + 1));
}

std::string domain_of(std::string_view email) {
    const auto at = email.rfind('@');
    return techpass::util::to_lower(at == std::string_view::npos ? std::string_view{}
                                                                 : email.substr(at + 1));
}

bool in_domain(std::string_view domain, std::string_view parent) {
    if (domain == parent) {
        return true;
    }
    return domain.size() > parent.size() && domain.ends_with(parent) &&
           domain[domain.size() - parent.size() - 1] == '.';
}

std::optional<Url> parse_url(std::string_view text) {
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) {
        return std::nullopt;
    }
    if (std::any_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) <= ' ' || c == '\\' || c == '"' || c == '<' ||
                   c == '>' || static_cast<unsigned char>(c) >= 0x7f;
        })) {
        return std::nullopt;
    }
    Url url;
    url.scheme = techpass::util::to_lower(text.substr(0, scheme_end));
    const auto rest = text.substr(scheme_end + 3);
    const auto authority_end = rest.find_first_of("/?#");
    const auto authority = rest.substr(0, authority_end);
    url.target =
        authority_end == std::string_view::npos ? "/" : std::string(rest.substr(authority_end));
    if (url.target.front() != '/') {
        url.target.insert(url.target.begin(), '/');
    }
    if (authority.empty() || authority.find('@') != std::string_view::npos) {
        return std::nullopt; // no host, or credentials in the URL
    }
    std::string_view host = authority;
    std::string_view port;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        host = authority.substr(0, close + 1);
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return std::nullopt;
            }
            port = after.substr(1);
        }
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty() || (host.front() != '[' && host.find(':') != std::string_view::npos)) {
        return std::nullopt;
    }
    url.host = techpass::util::to_lower(host);
    url.port = url.scheme == "https" ? 443 : 80;
    if (!port.empty()) {
        int value = 0;
        const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc() || ptr != port.data() + port.size() || value < 1 || value > 65535) {
            return std::nullopt;
        }
        url.port = value;
    }
    return url;
}

bool is_singapore_mobile(std::string_view mobile) {
    if (mobile.size() != 11 || !mobile.starts_with("+65") ||
        (mobile[3] != '8' && mobile[3] != '9')) {
        return false;
    }
    return std::all_of(mobile.begin() + 4, mobile.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

bool is_loopback(std::string_view host) {
    return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

std::optional<std::string> callback_url_problem(std::string_view what, std::string_view text) {
    if (text.find('*') != std::string_view::npos) {
        return fmt::format("{} '{}' contains a wildcard ('*'), which is not allowed", what, text);
    }
    if (text.find('#') != std::string_view::npos) {
        return fmt::format("{} '{}' has a fragment ('#'), which is not allowed", what, text);
    }
    const auto url = parse_url(text);
    if (!url) {
        return fmt::format("{} '{}' is not an absolute http(s) URL", what, text);
    }
    if (url->scheme == "https" || (url->scheme == "http" && is_loopback(url->host))) {
        return std::nullopt;
    }
    return fmt::format("{} '{}' must use https (http is allowed only for localhost, "
                       "127.0.0.1 and [::1])",
                       what, text);
}

std::string group_grn(std::string_view ns, std::string_view name) {
    return techpass::util::to_lower(ns) + ":" + std::string(name);
}

std::string like_contains(std::string_view text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

} // namespace emu::resources
