#pragma once

// The API client every command goes through: adds x-api-key and the bearer
// token, paces requests (token bucket), retries what is safe to retry
// (exponential backoff with full jitter, Retry-After), drops the token and
// retries once on a 401, follows pagination, and maps every failure to an
// Error in one place (error_from_response).

#include "techpass/auth/token_provider.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"
#include "techpass/http/pacing.hpp"
#include "techpass/http/transport.hpp"
#include "techpass/http/url.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

namespace techpass::api {

// JSON that keeps keys in the order received, so output is stable.
using Json = nlohmann::ordered_json;

// One Idempotency-Key per logical creation, generated once and sent on every
// retry of it; a POST/PATCH without one is never retried.
class IdempotencyKey {
public:
    // A fresh random key (uuid v4).
    static IdempotencyKey generate();
    explicit IdempotencyKey(std::string value) : m_value(std::move(value)) {}
    const std::string& value() const { return m_value; }

private:
    std::string m_value;
};

// A whole response, for `techpass api` and callers that read headers.
struct RawResponse {
    int status = 0;
    http::Headers headers;
    std::string body;
};

// The largest answer a command reads into memory: 16 MiB.
inline constexpr std::size_t k_max_body_bytes = 16 * 1024 * 1024;

struct ClientOptions {
    std::string base_url;                 // https://api.techpass.suite.gov.sg
    std::function<std::string()> api_key; // resolved lazily, on the first request
    double rate_limit = 0;                // requests per second, 0 = unlimited
    http::RetryPolicy retry;              // 5 attempts, 500 ms base, 30 s cap
    std::string namespace_code;           // named in 403 messages
    std::ostream* debug = nullptr;        // --debug: redacted exchanges
    std::function<double()> random01;     // jitter source; default: random device
    // How long a request may take, its retries and waits included (the
    // profile's timeout); 0: no limit. A wait the portal asks for that is
    // longer than the time left is not waited for.
    std::chrono::milliseconds timeout{60'000};
    // The largest answer read into memory (16 MiB); raw() with a sink streams
    // a success of any size.
    std::size_t max_body_bytes = k_max_body_bytes;
};

// Context for mapping an error response to an Error.
struct ErrorContext {
    std::string method;
    std::string url;
    std::string namespace_code; // for 403
    std::string identity;       // for 403, e.g. "app 1b2c..."
    int attempts = 1;           // how many times it was sent (named when > 1)
};

// Maps a non-2xx response to an Error, in the one place that does so: the
// portal envelope {"error":{"code","message","traceId"}} supplies message,
// code and traceId; 400/413/422 -> Usage, 401 -> Auth (hint: run: techpass
// auth login), 403 -> Auth naming namespace and identity, 404 -> NotFound,
// 409 -> Conflict, 429 -> RateLimited, 5xx and others -> Network.
Error error_from_response(const http::Response& response, const ErrorContext& context);
// A 3xx answer to METHOD TARGET: Error(Network) naming where it points.
// Redirects are never followed: credentials go only where the profile says.
Error error_from_redirect(const http::Response& response, const std::string& method,
                          const std::string& target);

// Maps a transport failure: Network naming the host and the cause.
Error error_from_transport(const http::TransportFailure& failure);

// Checks, before anything is sent or asked, that a profile can reach the
// API: api_url set and allowed (https, or http to loopback), ca_bundle
// readable, and every credential of its auth method set (credential_keys);
// Error(Config) naming the key and the fix otherwise. Secrets are not
// resolved here (a `command` may be slow); only their presence is checked.
void check_profile(const config::Profile& profile);

// Client options from a profile: base URL, api_key (resolved on first use),
// rate limit, namespace; debug as given.
ClientOptions client_options(const config::Profile& profile, std::ostream* debug = nullptr);

// Transport settings from a profile: timeouts and CA bundle.
http::TransportSettings transport_settings(const config::Profile& profile);

class ApiClient {
public:
    ApiClient(http::Transport& transport, Clock& clock, auth::TokenProvider& tokens,
              ClientOptions options);

    // GET path (relative to base_url) with query; the JSON body.
    Json get(const std::string& path, const http::Query& query = {});
    // POST a JSON body; retried only when key is given. The JSON body (null for 204).
    Json post(const std::string& path, const Json& body,
              const std::optional<IdempotencyKey>& key = std::nullopt);
    // POST with no body (an action such as .../disable where the contract
    // defines none): no Content-Type either. Never retried.
    Json post(const std::string& path);
    // PATCH a JSON body; retried only when key is given.
    Json patch(const std::string& path, const Json& body,
               const std::optional<IdempotencyKey>& key = std::nullopt);
    // PUT a JSON body (idempotent: retried).
    Json put(const std::string& path, const Json& body);
    // DELETE (idempotent: retried); the JSON body or null.
    Json del(const std::string& path);

    // Any method, any path (may include a query); an empty body sends none.
    // Auth, pacing and retries apply; HTTP errors are NOT thrown (the status
    // is returned) unless throw_on_error; transport failures still throw.
    // With a sink, the body of a 2xx answer goes to it as it arrives (of any
    // size; RawResponse::body is then empty), and the request is not resent
    // once a byte has gone there.
    RawResponse raw(const std::string& method, const std::string& path,
                    const std::string& body = {}, const http::Headers& extra_headers = {},
                    bool throw_on_error = false, std::function<void(std::string_view)> sink = {});

    // GETs page after page (following lastKey until it is empty, or until
    // `limit` items) and merges them: {items_field: [...all...], count: N}.
    // page_size, when set, is sent as `size`.
    Json paginate(const std::string& path, http::Query query, const std::string& items_field,
                  std::optional<std::size_t> limit = std::nullopt,
                  std::optional<int> page_size = std::nullopt);

    // GETs page after page as paginate does and hands each item of
    // items_field to visit, until visit returns false or the last page.
    void for_each_item(const std::string& path, http::Query query, const std::string& items_field,
                       const std::function<bool(const Json&)>& visit,
                       std::optional<int> page_size = std::nullopt);

    // How many requests went out (attempts included), for tests and --verbose.
    int requests_sent() const { return m_requests_sent; }

private:
    // The final response and how many attempts it took, all within the
    // timeout. `exchange` holds the method, URL, body, the caller's headers
    // and how the body is read; each attempt adds the credentials.
    std::pair<http::Response, int> send(const http::Request& exchange, bool retryable);
    http::Response send_once(const http::Request& exchange, std::chrono::milliseconds time_left);
    Json call(const std::string& method, const std::string& path, const Json* body,
              const std::optional<IdempotencyKey>& key, bool retryable);
    ErrorContext error_context(const std::string& method, const std::string& url,
                               int attempts) const;

    http::Transport& m_transport;
    Clock& m_clock;
    auth::TokenProvider& m_tokens;
    ClientOptions m_options;
    http::Pacer m_pacer;
    std::optional<std::string> m_api_key;
    int m_requests_sent = 0;
    bool m_streamed = false; // part of this attempt's answer went to a sink
};

} // namespace techpass::api
