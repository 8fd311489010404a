#include "techpass/webhook/signature.hpp"

#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <vector>

namespace techpass::webhook {

namespace {

std::string digest(std::string_view secret, std::string_view timestamp, std::string_view body) {
    std::string signed_text;
    signed_text.reserve(timestamp.size() + 1 + body.size());
    signed_text.append(timestamp).append(":").append(body);
    return util::hex_lower(util::hmac_sha256(secret, signed_text));
}

bool is_hex64(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string age_text(std::int64_t seconds) {
    if (seconds < 120) {
        return fmt::format("{} seconds", seconds);
    }
    if (seconds < 7200) {
        return fmt::format("{} minutes", seconds / 60);
    }
    if (seconds < 2 * 86400) {
        return fmt::format("{} hours", seconds / 3600);
    }
    return fmt::format("{} days", seconds / 86400);
}

} // namespace

std::string sign(std::string_view secret, std::int64_t timestamp, std::string_view body) {
    const std::string t = std::to_string(timestamp);
    return fmt::format("t={},v1={}", t, digest(secret, t, body));
}

Verdict verify(std::string_view secret, std::string_view header, std::string_view body,
               std::int64_t now_unix, std::chrono::seconds max_age) {
    Verdict verdict;
    std::string_view timestamp;
    std::vector<std::string_view> signatures;
    for (std::string_view rest = util::trim(header); !rest.empty();) {
        const std::size_t comma = std::min(rest.find(','), rest.size());
        const std::string_view part = util::trim(rest.substr(0, comma));
        rest = comma < rest.size() ? rest.substr(comma + 1) : std::string_view();
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos) {
            continue;
        }
        const std::string_view key = part.substr(0, equals);
        const std::string_view value = part.substr(equals + 1);
        if (key == "t") {
            timestamp = value;
        } else if (key == "v1") {
            signatures.push_back(value);
        }
    }
    std::int64_t t = 0;
    const auto parsed = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
    if (header.empty()) {
        verdict.reason = fmt::format("no {} header", k_signature_header);
        return verdict;
    }
    if (timestamp.empty() || parsed.ec != std::errc() ||
        parsed.ptr != timestamp.data() + timestamp.size() || signatures.empty() ||
        !std::all_of(signatures.begin(), signatures.end(), is_hex64)) {
        verdict.reason = fmt::format("malformed {} header: expected t=<unix seconds>,v1=<64 "
                                     "lower-case hex digits>",
                                     k_signature_header);
        return verdict;
    }
    verdict.timestamp = t;
    const std::string expected = digest(secret, timestamp, body);
    bool match = false;
    for (const std::string_view signature : signatures) {
        // Every candidate is compared in full, so timing says nothing.
        match = util::constant_time_equal(expected, signature) || match;
    }
    verdict.signature_ok = match;
    const std::int64_t age = now_unix - t;
    verdict.fresh = age <= max_age.count() && -age <= max_age.count();
    if (!match) {
        verdict.reason = "signature mismatch: the body was changed or signed with another secret";
    } else if (age > max_age.count()) {
        verdict.reason = fmt::format("too old: signed {} ago; receivers reject deliveries older "
                                     "than {} minutes",
                                     age_text(age), max_age.count() / 60);
    } else if (!verdict.fresh) {
        verdict.reason =
            fmt::format("signed {} in the future: check this machine's clock", age_text(-age));
    }
    return verdict;
}

} // namespace techpass::webhook
