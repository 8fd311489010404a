#include "techpass/http/url.hpp"

#include "techpass/error.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/text.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace techpass::http {

std::optional<Url> parse_url(std::string_view url) {
    Url out;
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::nullopt;
    }
    out.scheme = util::to_lower(url.substr(0, scheme_end));
    if (out.scheme != "http" && out.scheme != "https") {
        return std::nullopt;
    }
    auto rest = url.substr(scheme_end + 3);
    const auto authority_end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, authority_end);
    out.path =
        authority_end == std::string_view::npos ? "" : std::string(rest.substr(authority_end));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
    }
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        out.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') {
                return std::nullopt;
            }
            port = authority.substr(close + 2);
        }
    } else {
        const auto colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
        }
    }
    if (out.host.empty()) {
        return std::nullopt;
    }
    if (!port.empty()) {
        const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
        if (ec != std::errc{} || ptr != port.data() + port.size() || out.port <= 0 ||
            out.port > 65535) {
            return std::nullopt;
        }
    }
    out.host = util::to_lower(out.host);
    return out;
}

bool is_loopback_host(std::string_view host) {
    if (!host.empty() && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    const auto lower = util::to_lower(host);
    if (lower == "localhost" || lower == "::1") {
        return true;
    }
    in_addr v4{};
    const std::string text(lower);
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
        static const in6_addr loopback = IN6ADDR_LOOPBACK_INIT;
        return std::equal(std::begin(v6.s6_addr), std::end(v6.s6_addr),
                          std::begin(loopback.s6_addr));
    }
    return false;
}

void check_url_allowed(std::string_view url) {
    const auto parsed = parse_url(url);
    if (!parsed) {
        throw Error(ErrorKind::Config, fmt::format("'{}' is not an http(s) URL", url));
    }
    if (parsed->scheme == "http" && !is_loopback_host(parsed->host)) {
        throw Error(
            ErrorKind::Config,
            fmt::format(
                "refusing plain http:// to {}: only loopback hosts may be reached without TLS",
                parsed->host),
            "use an https:// URL");
    }
}

std::string build_url(std::string_view base, std::string_view path, const Query& query) {
    std::string url(base);
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    if (!path.empty() && path.front() != '/') {
        url += '/';
    }
    url += path;
    if (!query.empty()) {
        url += path.find('?') == std::string_view::npos ? '?' : '&';
        url += form_encode(query);
    }
    return url;
}

std::string form_encode(const Query& fields) {
    std::string out;
    for (const auto& [key, value] : fields) {
        if (!out.empty()) {
            out += '&';
        }
        out += util::url_encode(key);
        out += '=';
        out += util::url_encode(value);
    }
    return out;
}

Query form_decode(std::string_view body) {
    Query fields;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto part = body.substr(0, amp);
        const auto eq = part.find('=');
        if (!part.empty()) {
            fields.emplace_back(
                util::url_decode(part.substr(0, eq), true),
                eq == std::string_view::npos ? "" : util::url_decode(part.substr(eq + 1), true));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        body.remove_prefix(amp + 1);
    }
    return fields;
}

std::string path_segment(std::string_view value, std::string_view what) {
    if (value.empty() || value == "." || value == "..") {
        throw Error(ErrorKind::Usage,
                    value.empty() ? fmt::format("the {} is empty", what)
                                  : fmt::format("{} is not a valid {}", util::quoted(value), what),
                    fmt::format("name the {} by its name, email or id", what));
    }
    std::string result;
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
            result += c;
        } else {
            result += fmt::format("%{:02X}", byte);
        }
    }
    return result;
}

} // namespace techpass::http
