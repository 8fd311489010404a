#include "techpass/http/curl_transport.hpp"

#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <mutex>

namespace techpass::http {

namespace {

// Where a response body goes: Response::body up to a limit, or the
// request's sink for a 2xx answer.
struct BodyTarget {
    CURL* curl = nullptr;
    const Request* request = nullptr;
    std::string* body = nullptr;
    bool too_large = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* target = static_cast<BodyTarget*>(user);
    const std::string_view chunk(data, size * count);
    if (target->request->body_sink) {
        long status = 0;
        curl_easy_getinfo(target->curl, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 200 && status < 300) {
            target->request->body_sink(chunk);
            return chunk.size();
        }
    }
    const std::size_t limit = target->request->max_body_bytes;
    if (limit != 0 && target->body->size() + chunk.size() > limit) {
        target->too_large = true;
        return 0; // ends the transfer
    }
    target->body->append(chunk);
    return chunk.size();
}

// Collects the headers of the final response (a new status line resets them,
// so 100-continue and redirects leave nothing behind).
std::size_t write_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* headers = static_cast<Headers*>(user);
    const std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        headers->clear();
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        headers->emplace_back(std::string(util::trim(line.substr(0, colon))),
                              std::string(util::trim(line.substr(colon + 1))));
    }
    return size * count;
}

std::string describe(CURLcode code, const char* detail, const TransportSettings& settings,
                     std::chrono::milliseconds timeout) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return "could not resolve the host name";
    case CURLE_COULDNT_RESOLVE_PROXY:
        return "could not resolve the proxy";
    case CURLE_COULDNT_CONNECT:
        return "connection refused or unreachable";
    case CURLE_OPERATION_TIMEDOUT:
        return fmt::format("timed out (connect limit {} s, limit of this attempt {} s)",
                           static_cast<double>(settings.connect_timeout.count()) / 1000.0,
                           static_cast<double>(timeout.count()) / 1000.0);
    case CURLE_PEER_FAILED_VERIFICATION:
        return fmt::format("TLS certificate not trusted ({}){}", detail,
                           settings.ca_bundle.empty() ? "; set ca_bundle if it uses a private CA"
                                                      : "");
    case CURLE_SSL_CONNECT_ERROR:
        return fmt::format("TLS handshake failed ({})", detail);
    case CURLE_GOT_NOTHING:
        return "the server closed the connection without answering";
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
        return fmt::format("connection dropped ({})", detail);
    default:
        return *detail != '\0' ? std::string(detail) : std::string(curl_easy_strerror(code));
    }
}

bool certainly_not_sent(CURLcode code) {
    return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY ||
           code == CURLE_COULDNT_CONNECT || code == CURLE_SSL_CONNECT_ERROR ||
           code == CURLE_PEER_FAILED_VERIFICATION;
}

} // namespace

struct CurlTransport::Impl {
    TransportSettings settings;
    CURL* handle = nullptr;
};

CurlTransport::CurlTransport(TransportSettings settings) : m_impl(std::make_unique<Impl>()) {
    static std::once_flag global_init;
    std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_impl->settings = std::move(settings);
}

CurlTransport::~CurlTransport() {
    if (m_impl->handle != nullptr) {
        curl_easy_cleanup(m_impl->handle);
    }
}

Response CurlTransport::send(const Request& request) {
    check_url_allowed(request.url);
    const auto url = parse_url(request.url);
    const std::string host = url ? url->host : request.url;
    if (m_impl->handle == nullptr) {
        // Created on first use, so --help never pays for it; reused after
        // that, keeping connections (and TLS sessions) alive.
        m_impl->handle = curl_easy_init();
        if (m_impl->handle == nullptr) {
            throw TransportFailure({host, "cannot initialise libcurl", true});
        }
    } else {
        curl_easy_reset(m_impl->handle);
    }
    CURL* curl = m_impl->handle;
    const auto& settings = m_impl->settings;
    Response response;
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(settings.connect_timeout.count()));
    const auto timeout = request.timeout.count() > 0
                             ? std::min(request.timeout, settings.total_timeout)
                             : settings.total_timeout;
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::max<long long>(1, timeout.count())));
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    if (!settings.ca_bundle.empty()) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_bundle.c_str());
    }
    BodyTarget target{curl, &request, &response.body};
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &target);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

    if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        const bool sends_body = !request.body.empty() || request.method == "POST" ||
                                request.method == "PUT" || request.method == "PATCH";
        if (sends_body) {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(request.body.size()));
        }
    }
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    // No "Expect: 100-continue" round trip for larger bodies.
    headers = curl_slist_append(headers, "Expect:");
    // A POST without a body has no Content-Type (libcurl would add a form's).
    if (request.body.empty()) {
        headers = curl_slist_append(headers, "Content-Type:");
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (target.too_large) {
        throw Error(ErrorKind::Network,
                    fmt::format("the answer to {} {} is larger than {} MiB, more than techpass "
                                "reads",
                                request.method, url ? url->path : request.url,
                                request.max_body_bytes / (1024 * 1024)),
                    "narrow the request (--limit, a filter), or pipe techpass api without --jq, "
                    "which streams the answer");
    }
    if (code != CURLE_OK) {
        throw TransportFailure(
            {host, describe(code, error, settings, timeout), certainly_not_sent(code)});
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    return response;
}

} // namespace techpass::http
