#include "techpass/http/redact.hpp"

#include "techpass/http/url.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <ostream>

namespace techpass::http {

namespace {

// Compared after lower-casing and dropping '_' and '-', so client_secret,
// clientSecret and client-secret are one name.
constexpr std::array<std::string_view, 17> k_secret_fields{
    "secret",      "clientsecret",  "key",         "apikey",     "password",
    "accesstoken", "refreshtoken",  "idtoken",     "devicecode", "clientassertion",
    "token",       "webhooksecret", "secretvalue", "privatekey", "value",
    "assertion",   "signingsecret",
};

constexpr std::array<std::string_view, 6> k_secret_headers{
    "authorization", "x-api-key",           "cookie",
    "set-cookie",    "proxy-authorization", "x-techpass-signature",
};

std::string normalise(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (c != '_' && c != '-') {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    return out;
}

void redact_json(nlohmann::ordered_json& value) {
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (is_secret_field(it.key()) && (it->is_string() || it->is_number())) {
                *it = std::string(k_redacted);
            } else if (normalise(it.key()) == "headers" && it->is_object()) {
                // A webhook's custom headers often carry the receiver's credentials.
                for (auto& header : *it) {
                    if (header.is_string()) {
                        header = std::string(k_redacted);
                    }
                }
            } else {
                redact_json(*it);
            }
        }
    } else if (value.is_array()) {
        for (auto& item : value) {
            redact_json(item);
        }
    }
}

bool looks_like_form(std::string_view body) {
    if (body.empty() || body.find('=') == std::string_view::npos) {
        return false;
    }
    return std::all_of(body.begin(), body.end(), [](char c) {
        return c > ' ' && c < 0x7f && c != '"' && c != '{' && c != '}';
    });
}

void write_body(std::ostream& out, const std::string& body) {
    if (body.empty()) {
        return;
    }
    out << redact_body(body);
    if (body.back() != '\n') {
        out << '\n';
    }
}

} // namespace

bool is_secret_header(std::string_view name) {
    const auto lower = util::to_lower(name);
    return std::find(k_secret_headers.begin(), k_secret_headers.end(), lower) !=
           k_secret_headers.end();
}

bool is_secret_field(std::string_view name) {
    const auto key = normalise(name);
    return std::find(k_secret_fields.begin(), k_secret_fields.end(), key) != k_secret_fields.end();
}

std::string redact_body(std::string_view body) {
    const auto text = util::trim(body);
    if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
        auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
        if (!parsed.is_discarded()) {
            redact_json(parsed);
            return parsed.dump(2);
        }
        return "(unparsable JSON body of " + std::to_string(body.size()) + " bytes, not shown)";
    }
    if (looks_like_form(text)) {
        auto fields = form_decode(text);
        for (auto& [key, value] : fields) {
            if (is_secret_field(key)) {
                value = std::string(k_redacted);
            }
        }
        std::string out;
        for (const auto& [key, value] : fields) {
            out += out.empty() ? "" : "&";
            out += key + "=" + (value == k_redacted ? value : util::url_encode(value));
        }
        return out;
    }
    return std::string(body);
}

Headers redact_headers(const Headers& headers) {
    Headers out = headers;
    for (auto& [name, value] : out) {
        if (is_secret_header(name)) {
            // Keep the scheme of an Authorization header: "Bearer ***".
            const auto space = value.find(' ');
            value = util::to_lower(name) == "authorization" && space != std::string::npos
                        ? value.substr(0, space + 1) + std::string(k_redacted)
                        : std::string(k_redacted);
        }
    }
    return out;
}

void write_request(std::ostream& out, const Request& request) {
    out << "> " << request.method << ' ' << request.url << '\n';
    for (const auto& [name, value] : redact_headers(request.headers)) {
        out << "> " << name << ": " << value << '\n';
    }
    write_body(out, request.body);
}

void write_response(std::ostream& out, const Response& response) {
    out << "< " << response.status << '\n';
    for (const auto& [name, value] : redact_headers(response.headers)) {
        out << "< " << name << ": " << value << '\n';
    }
    write_body(out, response.body);
}

} // namespace techpass::http
