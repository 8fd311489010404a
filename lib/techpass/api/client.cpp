#include "techpass/api/client.hpp"

#include "techpass/http/redact.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/text.hpp"
#include "techpass/version.hpp"

#include <fmt/format.h>

#include <ostream>

namespace techpass::api {

namespace {

bool is_retryable_status(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
}

bool is_safe_method(std::string_view method) {
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
           method == "OPTIONS";
}

bool has_header(const http::Headers& headers, std::string_view name) {
    const auto wanted = util::to_lower(name);
    for (const auto& [key, value] : headers) {
        if (util::to_lower(key) == wanted) {
            return true;
        }
    }
    return false;
}

std::string path_of(const std::string& url) {
    const auto parsed = http::parse_url(url);
    return parsed && !parsed->path.empty() ? parsed->path : url;
}

} // namespace

Error error_from_response(const http::Response& response, const ErrorContext& context) {
    const auto body = Json::parse(response.body, nullptr, false);
    std::string message;
    int code = response.status;
    std::string trace_id = response.header("x-trace-id").value_or("");
    if (body.is_object() && body.contains("error") && body["error"].is_object()) {
        const auto& error = body["error"];
        if (error.contains("message") && error["message"].is_string()) {
            message = error["message"].get<std::string>();
        }
        if (error.contains("code") && error["code"].is_number_integer()) {
            code = error["code"].get<int>();
        }
        if (error.contains("traceId") && error["traceId"].is_string()) {
            trace_id = error["traceId"].get<std::string>();
        }
    }
    const std::string request = fmt::format("{} {}", context.method, path_of(context.url));
    const std::string said = message.empty() ? fmt::format("HTTP {}", response.status) : message;
    const std::string after = context.attempts > 1
                                  ? fmt::format(" (after {} attempts)", context.attempts)
                                  : std::string();
    const auto make = [&](ErrorKind kind, std::string text, std::string hint = {}) {
        Error error(kind, std::move(text), std::move(hint));
        error.with_portal(code, trace_id);
        return error;
    };
    const int status = response.status;
    if (status == 400 || status == 413 || status == 422) {
        return make(ErrorKind::Usage, fmt::format("the portal rejected {}: {}", request, said));
    }
    if (status == 401) {
        return make(ErrorKind::Auth,
                    fmt::format("the portal refused the credentials for {}: {}", request, said),
                    "run: techpass auth login");
    }
    if (status == 403) {
        const std::string who =
            context.identity.empty() ? std::string("this identity") : context.identity;
        const std::string where = context.namespace_code.empty()
                                      ? std::string()
                                      : fmt::format(" in namespace {}", context.namespace_code);
        return make(
            ErrorKind::Auth,
            fmt::format("permission denied: {} may not {}{}: {}", who, request, where, said),
            context.namespace_code.empty()
                ? std::string("ask an admin for the right, or use another profile (-p)")
                : fmt::format("ask a tenant admin of {} for the right, or use another profile (-p)",
                              context.namespace_code));
    }
    if (status == 404) {
        return make(ErrorKind::NotFound,
                    message.empty() ? fmt::format("not found: {}", request) : message);
    }
    if (status == 409) {
        return make(ErrorKind::Conflict,
                    message.empty() ? fmt::format("conflict: {}", request) : message);
    }
    if (status == 429) {
        return make(ErrorKind::RateLimited,
                    fmt::format("the portal is still rate-limiting {}{}: {}", request, after, said),
                    "lower rate_limit in the profile, or try again later");
    }
    if (status >= 500) {
        return make(ErrorKind::Network,
                    fmt::format("the portal failed {}{}: {}", request, after, said),
                    "try again later; quote the traceId if it persists");
    }
    if (status >= 400) {
        return make(ErrorKind::Usage, fmt::format("the portal rejected {}: {}", request, said));
    }
    return make(ErrorKind::Unexpected, fmt::format("unexpected HTTP {} from {}", status, request));
}

Error error_from_transport(const http::TransportFailure& failure) {
    return Error(ErrorKind::Network,
                 fmt::format("cannot reach {}: {}", failure.error().host, failure.error().cause),
                 "check the network connection and proxy settings, then try again");
}

IdempotencyKey IdempotencyKey::generate() {
    return IdempotencyKey(util::uuid_v4());
}

Json RawResponse::json() const {
    if (util::trim(body).empty()) {
        return nullptr;
    }
    auto parsed = Json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        throw Error(
            ErrorKind::Unexpected,
            fmt::format("the portal answered HTTP {} with a body that is not JSON", status));
    }
    return parsed;
}

ClientOptions client_options(const config::Profile& profile, std::ostream* debug) {
    ClientOptions options;
    options.base_url = profile.api_url();
    options.api_key = [&profile] {
        return profile.secret("api_key");
    };
    options.rate_limit = profile.rate_limit();
    options.namespace_code = profile.namespace_code();
    options.debug = debug;
    return options;
}

http::TransportSettings transport_settings(const config::Profile& profile) {
    http::TransportSettings settings;
    settings.connect_timeout = profile.connect_timeout();
    settings.total_timeout = profile.timeout();
    settings.ca_bundle = profile.ca_bundle();
    return settings;
}

ApiClient::ApiClient(http::Transport& transport, Clock& clock, auth::TokenProvider& tokens,
                     ClientOptions options)
    : m_transport(transport), m_clock(clock), m_tokens(tokens), m_options(std::move(options)),
      m_pacer(clock, m_options.rate_limit) {
    if (!m_options.random01) {
        m_options.random01 = http::default_random();
    }
}

ErrorContext ApiClient::error_context(const std::string& method, const std::string& url,
                                      int attempts) const {
    return {method, url, m_options.namespace_code, m_tokens.identity_summary(), attempts};
}

http::Response ApiClient::send_once(const std::string& method, const std::string& url,
                                    const std::string& body, const http::Headers& extra_headers) {
    if (!m_api_key) {
        m_api_key = m_options.api_key ? m_options.api_key() : std::string();
    }
    http::Request request;
    request.method = method;
    request.url = url;
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("User-Agent", fmt::format("techpass/{}", k_version));
    if (!m_api_key->empty()) {
        request.headers.emplace_back("x-api-key", *m_api_key);
    }
    request.headers.emplace_back("Authorization", "Bearer " + m_tokens.access_token());
    if (!body.empty() && !has_header(extra_headers, "Content-Type")) {
        request.headers.emplace_back("Content-Type", "application/json");
    }
    for (const auto& header : extra_headers) {
        request.headers.push_back(header);
    }
    request.body = body;
    m_pacer.acquire();
    ++m_requests_sent;
    if (m_options.debug != nullptr) {
        http::write_request(*m_options.debug, request);
    }
    auto response = m_transport.send(request);
    if (m_options.debug != nullptr) {
        http::write_response(*m_options.debug, response);
    }
    return response;
}

std::pair<http::Response, int> ApiClient::send(const std::string& method, const std::string& url,
                                               const std::string& body,
                                               const http::Headers& extra_headers, bool retryable) {
    bool renewed_token = false;
    const int max_attempts = std::max(1, m_options.retry.max_attempts);
    for (int attempt = 1;; ++attempt) {
        std::chrono::milliseconds delay{0};
        std::string reason;
        try {
            auto response = send_once(method, url, body, extra_headers);
            if (response.status == 401 && !renewed_token) {
                // The token may have been revoked or expired early: fetch a
                // new one, once; the request was refused, so resending is safe.
                renewed_token = true;
                m_tokens.invalidate();
                --attempt;
                continue;
            }
            if (!retryable || !is_retryable_status(response.status) || attempt >= max_attempts) {
                return {std::move(response), attempt};
            }
            delay = http::backoff_delay(m_options.retry, attempt, m_options.random01);
            if (const auto header = response.header("Retry-After")) {
                if (const auto asked = http::parse_retry_after(*header, m_clock.now())) {
                    delay = *asked;
                }
            }
            reason = fmt::format("HTTP {}", response.status);
        } catch (const http::TransportFailure& failure) {
            const bool may_resend = retryable || failure.error().certainly_not_sent;
            if (!may_resend || attempt >= max_attempts) {
                throw error_from_transport(failure);
            }
            delay = http::backoff_delay(m_options.retry, attempt, m_options.random01);
            reason = failure.error().cause;
        }
        if (m_options.debug != nullptr) {
            *m_options.debug << fmt::format("* {}; retry {} of {} in {:.1f} s\n", reason, attempt,
                                            max_attempts - 1,
                                            static_cast<double>(delay.count()) / 1000.0);
        }
        m_clock.sleep_for(delay);
    }
}

Json ApiClient::call(const std::string& method, const std::string& path, const Json* body,
                     const std::optional<IdempotencyKey>& key, bool retryable) {
    const std::string url = http::build_url(m_options.base_url, path);
    http::Headers headers;
    if (key) {
        headers.emplace_back("Idempotency-Key", key->value());
    }
    const auto [response, attempts] =
        send(method, url, body ? body->dump() : std::string(), headers, retryable);
    if (response.status < 200 || response.status >= 300) {
        throw error_from_response(response, error_context(method, url, attempts));
    }
    return RawResponse{response.status, response.headers, response.body}.json();
}

Json ApiClient::get(const std::string& path, const http::Query& query) {
    const std::string with_query = http::build_url("", path, query);
    return call("GET", with_query, nullptr, std::nullopt, true);
}

Json ApiClient::post(const std::string& path, const Json& body,
                     const std::optional<IdempotencyKey>& key) {
    return call("POST", path, &body, key, key.has_value());
}

Json ApiClient::patch(const std::string& path, const Json& body,
                      const std::optional<IdempotencyKey>& key) {
    return call("PATCH", path, &body, key, key.has_value());
}

Json ApiClient::put(const std::string& path, const Json& body) {
    return call("PUT", path, &body, std::nullopt, true);
}

Json ApiClient::del(const std::string& path) {
    return call("DELETE", path, nullptr, std::nullopt, true);
}

RawResponse ApiClient::raw(const std::string& method, const std::string& path,
                           const std::string& body, const http::Headers& extra_headers,
                           bool throw_on_error) {
    std::string verb;
    for (const char c : method) {
        verb += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    const std::string url = http::build_url(m_options.base_url, path);
    const bool retryable = is_safe_method(verb) || has_header(extra_headers, "Idempotency-Key");
    auto [response, attempts] = send(verb, url, body, extra_headers, retryable);
    if (throw_on_error && (response.status < 200 || response.status >= 300)) {
        throw error_from_response(response, error_context(verb, url, attempts));
    }
    return RawResponse{response.status, std::move(response.headers), std::move(response.body)};
}

Json ApiClient::paginate(const std::string& path, http::Query query, const std::string& items_field,
                         std::optional<std::size_t> limit, std::optional<int> page_size) {
    Json items = Json::array();
    if (page_size) {
        query.emplace_back("size", std::to_string(*page_size));
    }
    std::string last_key;
    for (;;) {
        auto page_query = query;
        if (!last_key.empty()) {
            page_query.emplace_back("lastKey", last_key);
        }
        const Json page = get(path, page_query);
        const auto it = page.find(items_field);
        if (!page.is_object() || it == page.end() || !it->is_array()) {
            throw Error(
                ErrorKind::Unexpected,
                fmt::format("the portal's answer to GET {} has no '{}' list", path, items_field));
        }
        for (const auto& item : *it) {
            if (limit && items.size() >= *limit) {
                break;
            }
            items.push_back(item);
        }
        const auto next = page.find("lastKey");
        std::string next_key =
            next != page.end() && next->is_string() ? next->get<std::string>() : std::string();
        if (next_key.empty() || (limit && items.size() >= *limit)) {
            break;
        }
        if (next_key == last_key) {
            throw Error(ErrorKind::Unexpected,
                        fmt::format("the portal returned the same lastKey twice for GET {}", path));
        }
        last_key = std::move(next_key);
    }
    Json merged = Json::object();
    const auto count = items.size();
    merged[items_field] = std::move(items);
    merged["count"] = count;
    return merged;
}

} // namespace techpass::api
