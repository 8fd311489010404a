#include "techpass/api/client.hpp"

#include "techpass/http/redact.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/text.hpp"
#include "techpass/version.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

namespace techpass::api {

namespace {

// Statuses worth another attempt of a request that is safe to repeat: a
// read, a PUT or DELETE, or a creation carrying an Idempotency-Key.
bool is_retryable_status(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
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

// The error_description of a Bearer challenge (RFC 6750 section 3), "" when
// the challenge has none.
std::string challenge_description(std::string_view challenge) {
    constexpr std::string_view k_key = "error_description=\"";
    const auto start = challenge.find(k_key);
    if (start == std::string_view::npos) {
        return {};
    }
    const auto rest = challenge.substr(start + k_key.size());
    return std::string(rest.substr(0, rest.find('"')));
}

// Whether a 401 is about the bearer token (it carries a Bearer challenge)
// rather than the API key (no challenge).
bool bearer_challenged(const http::Response& response) {
    const auto challenge = response.header("WWW-Authenticate");
    return challenge && util::to_lower(challenge->substr(0, 6)) == "bearer";
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
    if (status == 401 && !bearer_challenged(response)) {
        return make(ErrorKind::Auth,
                    fmt::format("the portal refused the API key for {}: {}", request, said),
                    "check the profile's api_key (techpass profile show), or ask a tenant admin "
                    "for a live key of the namespace");
    }
    if (status == 401) {
        const std::string described =
            challenge_description(response.header("WWW-Authenticate").value_or(""));
        const std::string reason = described.empty() || said.find(described) != std::string::npos
                                       ? said
                                       : fmt::format("{} ({})", said, described);
        return make(ErrorKind::Auth,
                    fmt::format("the portal refused the access token for {}: {}", request, reason),
                    "run: techpass auth login");
    }
    if (status == 403) {
        const std::string who =
            context.identity.empty() ? std::string("this identity") : context.identity;
        const std::string where = context.namespace_code.empty()
                                      ? std::string()
                                      : fmt::format(" in namespace {}", context.namespace_code);
        std::string hint =
            context.namespace_code.empty()
                ? std::string("ask an admin for the right, or use another profile (-p)")
                : fmt::format("ask a tenant admin of {} for the right, or use another profile (-p)",
                              context.namespace_code);
        // The gateway's check of x-api-key: the key belongs elsewhere.
        if (said.find("API key sent belongs to namespace") != std::string::npos &&
            !context.namespace_code.empty()) {
            hint = fmt::format("use an API key of {} (api_key in the profile, or "
                               "TECHPASS_API_KEY); a namespace just approved has none until its "
                               "admin creates the first: techpass apikeys create NAME -n {} --out "
                               "FILE",
                               context.namespace_code, context.namespace_code);
        }
        return make(
            ErrorKind::Auth,
            fmt::format("permission denied: {} may not {}{}: {}", who, request, where, said), hint);
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
    if (status >= 300 && status < 400) {
        return error_from_redirect(response, context.method, path_of(context.url));
    }
    return make(ErrorKind::Unexpected, fmt::format("unexpected HTTP {} from {}", status, request));
}

Error error_from_redirect(const http::Response& response, const std::string& method,
                          const std::string& target) {
    return Error(
        ErrorKind::Network,
        fmt::format("the portal answered HTTP {} to {} {}, redirecting to {}", response.status,
                    method, target,
                    util::printable(response.header("Location").value_or("(no Location)"))),
        "techpass does not follow redirects; check api_url in the profile");
}

Error error_from_transport(const http::TransportFailure& failure) {
    return Error(ErrorKind::Network,
                 fmt::format("cannot reach {}: {}", failure.error().host, failure.error().cause),
                 "check the network connection and proxy settings, then try again");
}

IdempotencyKey IdempotencyKey::generate() {
    return IdempotencyKey(util::uuid_v4());
}

void check_profile(const config::Profile& profile) {
    const auto require_value = [&profile](const std::string& key) {
        if (!profile.require(key).empty()) {
            return;
        }
        throw Error(ErrorKind::Config,
                    fmt::format("profile '{}' has an empty {}", profile.name(), key),
                    fmt::format("run: techpass -p {} profile set {} VALUE", profile.name(), key));
    };
    require_value("api_url");
    http::check_url_allowed(profile.api_url());
    if (const std::string ca = profile.ca_bundle(); !ca.empty()) {
        struct stat info {};
        std::string problem;
        if (::stat(ca.c_str(), &info) != 0) {
            problem = std::strerror(errno);
        } else if (S_ISDIR(info.st_mode)) {
            problem = "it is a directory";
        } else if (::access(ca.c_str(), R_OK) != 0) {
            problem = std::strerror(errno);
        }
        if (!problem.empty()) {
            throw Error(ErrorKind::Config,
                        fmt::format("cannot read the ca_bundle {} of profile '{}': {}", ca,
                                    profile.name(), problem),
                        fmt::format("point ca_bundle at a PEM file: techpass -p {} profile set "
                                    "ca_bundle PATH",
                                    profile.name()));
        }
    }
    for (const std::string& key : profile.credential_keys()) {
        require_value(key);
    }
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
    options.timeout = profile.timeout();
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

http::Response ApiClient::send_once(const http::Request& exchange,
                                    std::chrono::milliseconds time_left) {
    if (!m_api_key) {
        m_api_key = m_options.api_key ? m_options.api_key() : std::string();
    }
    http::Request request;
    request.method = exchange.method;
    request.url = exchange.url;
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("User-Agent", fmt::format("techpass/{}", k_version));
    if (!m_api_key->empty()) {
        request.headers.emplace_back("x-api-key", *m_api_key);
    }
    request.headers.emplace_back("Authorization", "Bearer " + m_tokens.access_token());
    if (!exchange.body.empty() && !has_header(exchange.headers, "Content-Type")) {
        request.headers.emplace_back("Content-Type", "application/json");
    }
    for (const auto& header : exchange.headers) {
        request.headers.push_back(header);
    }
    request.body = exchange.body;
    request.timeout = time_left;
    request.max_body_bytes = exchange.max_body_bytes;
    m_streamed = false;
    if (exchange.body_sink) {
        request.body_sink = [this, &exchange](std::string_view chunk) {
            m_streamed = true;
            exchange.body_sink(chunk);
        };
    }
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

namespace {

double seconds(std::chrono::milliseconds duration) {
    return static_cast<double>(duration.count()) / 1000.0;
}

} // namespace

std::pair<http::Response, int> ApiClient::send(const http::Request& exchange, bool retryable) {
    using std::chrono::milliseconds;
    const milliseconds budget = m_options.timeout;
    const auto deadline = m_clock.steady_now() + budget;
    const auto time_left = [&] {
        return budget.count() <= 0
                   ? milliseconds::max()
                   : std::chrono::duration_cast<milliseconds>(deadline - m_clock.steady_now());
    };
    const std::string request = fmt::format("{} {}", exchange.method, path_of(exchange.url));
    bool renewed_token = false;
    const int max_attempts = std::max(1, m_options.retry.max_attempts);
    for (int attempt = 1;; ++attempt) {
        const milliseconds left = time_left();
        if (left.count() <= 0) {
            throw Error(ErrorKind::Network,
                        fmt::format("no answer to {} within the timeout of {} s{}", request,
                                    seconds(budget),
                                    attempt > 1 ? fmt::format(" ({} attempts)", attempt - 1)
                                                : std::string()),
                        "raise --timeout (or the profile's timeout), or try again later");
        }
        milliseconds delay{0};
        std::string reason;
        std::optional<http::Response> last;
        try {
            auto response =
                send_once(exchange, left == milliseconds::max() ? milliseconds(0) : left);
            if (response.status == 401 && bearer_challenged(response) && !renewed_token) {
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
            last = std::move(response);
        } catch (const http::TransportFailure& failure) {
            // Once part of an answer went to a sink, resending would repeat it.
            const bool may_resend =
                !m_streamed && (retryable || failure.error().certainly_not_sent);
            if (!may_resend || attempt >= max_attempts) {
                throw error_from_transport(failure);
            }
            if (delay = http::backoff_delay(m_options.retry, attempt, m_options.random01);
                delay >= time_left()) {
                throw error_from_transport(failure);
            }
            reason = failure.error().cause;
        }
        if (last && delay >= time_left()) {
            // Waiting would outlast the timeout: stop now, saying when the
            // portal will take the request again.
            if (last->status == 429) {
                const Error said = error_from_response(
                    *last, error_context(exchange.method, exchange.url, attempt));
                Error error(ErrorKind::RateLimited,
                            fmt::format("the portal is rate-limiting {} and asks to wait {:.0f} s, "
                                        "longer than the {:.0f} s left of the timeout",
                                        request, seconds(delay),
                                        seconds(std::max(milliseconds(0), time_left()))),
                            fmt::format("try again after {}, or raise --timeout",
                                        util::rfc3339(m_clock.now() + delay)));
                error.with_portal(said.portal_code(), said.trace_id());
                throw error;
            }
            return {std::move(*last), attempt};
        }
        if (m_options.debug != nullptr) {
            *m_options.debug << fmt::format("* {}; retry {} of {} in {:.1f} s\n", reason, attempt,
                                            max_attempts - 1, seconds(delay));
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
    http::Request exchange;
    exchange.method = method;
    exchange.url = url;
    exchange.headers = std::move(headers);
    exchange.body = body ? body->dump() : std::string();
    exchange.max_body_bytes = m_options.max_body_bytes;
    const auto [response, attempts] = send(exchange, retryable);
    if (response.status < 200 || response.status >= 300) {
        throw error_from_response(response, error_context(method, url, attempts));
    }
    if (util::trim(response.body).empty()) {
        return nullptr;
    }
    auto parsed = Json::parse(response.body, nullptr, false);
    if (parsed.is_discarded()) {
        // A proxy's page, a server that is not the Automation API, or an
        // answer cut short: a failure of the server, not of the command.
        const std::string type = response.header("Content-Type").value_or("no Content-Type");
        Error error(ErrorKind::Network,
                    fmt::format("the answer to {} {} (HTTP {}, {}) is not valid JSON", method,
                                path_of(url), response.status, type),
                    "check that the profile's api_url is the Automation API and that no proxy "
                    "answers in its place (HTTPS_PROXY, NO_PROXY); --debug shows the answer");
        error.with_portal(response.status, response.header("x-trace-id").value_or(""));
        throw error;
    }
    return parsed;
}

Json ApiClient::get(const std::string& path, const http::Query& query) {
    const std::string with_query = http::build_url("", path, query);
    return call("GET", with_query, nullptr, std::nullopt, true);
}

Json ApiClient::post(const std::string& path, const Json& body,
                     const std::optional<IdempotencyKey>& key) {
    return call("POST", path, &body, key, key.has_value());
}

Json ApiClient::post(const std::string& path) {
    return call("POST", path, nullptr, std::nullopt, false);
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
                           bool throw_on_error, std::function<void(std::string_view)> sink) {
    const std::string verb = util::to_upper(method);
    const std::string url = http::build_url(m_options.base_url, path);
    http::Request exchange;
    exchange.method = verb;
    exchange.url = url;
    exchange.headers = extra_headers;
    exchange.body = body;
    exchange.max_body_bytes = m_options.max_body_bytes;
    exchange.body_sink = std::move(sink);
    const bool retryable = is_safe_method(verb) || has_header(extra_headers, "Idempotency-Key");
    auto [response, attempts] = send(exchange, retryable);
    if (throw_on_error && (response.status < 200 || response.status >= 300)) {
        throw error_from_response(response, error_context(verb, url, attempts));
    }
    return RawResponse{response.status, std::move(response.headers), std::move(response.body)};
}

void ApiClient::for_each_item(const std::string& path, http::Query query,
                              const std::string& items_field,
                              const std::function<bool(const Json&)>& visit,
                              std::optional<int> page_size) {
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
            // An answer of the wrong shape: a failure of the server (exit 8).
            throw Error(
                ErrorKind::Network,
                fmt::format("the portal's answer to GET {} has no '{}' list", path, items_field),
                "check that the profile's api_url is the Automation API; --debug shows the answer");
        }
        for (const auto& item : *it) {
            if (!visit(item)) {
                return;
            }
        }
        const auto next = page.find("lastKey");
        std::string next_key =
            next != page.end() && next->is_string() ? next->get<std::string>() : std::string();
        if (next_key.empty()) {
            return;
        }
        if (next_key == last_key) {
            throw Error(ErrorKind::Network,
                        fmt::format("the portal returned the same lastKey twice for GET {}", path));
        }
        last_key = std::move(next_key);
    }
}

Json ApiClient::paginate(const std::string& path, http::Query query, const std::string& items_field,
                         std::optional<std::size_t> limit, std::optional<int> page_size) {
    Json items = Json::array();
    for_each_item(
        path, std::move(query), items_field,
        [&](const Json& item) {
            if (limit && items.size() >= *limit) {
                return false;
            }
            items.push_back(item);
            return !limit || items.size() < *limit;
        },
        page_size);
    Json merged = Json::object();
    const auto count = items.size();
    merged[items_field] = std::move(items);
    merged["count"] = count;
    return merged;
}

} // namespace techpass::api
