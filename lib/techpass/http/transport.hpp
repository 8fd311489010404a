#pragma once

// One HTTP exchange at a time, behind an interface: CurlTransport talks to
// the network; tests use FakeTransport (tests/unit/fake_transport.hpp).

#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace techpass::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method = "GET";
    std::string url; // absolute
    Headers headers; // names as sent; lookups are case-insensitive
    std::string body;
    // How long this exchange may take at most; 0: the transport's
    // total_timeout. The shorter of the two applies.
    std::chrono::milliseconds timeout{0};
    // The largest body read into Response::body; 0: no limit. A larger
    // answer ends the exchange with Error(Network) saying so.
    std::size_t max_body_bytes = 0;
    // When set, the body of a 2xx answer goes here as it arrives instead of
    // into Response::body (other answers are still collected).
    std::function<void(std::string_view)> body_sink;
};

struct Response {
    int status = 0;
    Headers headers;
    std::string body;

    // The first header of that name (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
};

// Failures below HTTP: could not resolve, connect, TLS, timed out, dropped.
// `certainly_not_sent` is true only when the request cannot have reached the
// server (DNS, connection refused, TLS handshake), so even a creation may be
// resent.
struct TransportError {
    std::string host;
    std::string cause; // readable, e.g. "connection refused", "timed out after 30 s"
    bool certainly_not_sent = false;
};

struct TransportSettings {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000};
    std::string ca_bundle; // PEM file; empty: the system store
};

class Transport {
public:
    virtual ~Transport() = default;
    // Sends one request; returns the response, or throws
    // TransportFailure carrying a TransportError.
    virtual Response send(const Request& request) = 0;
};

class TransportFailure : public std::exception {
public:
    explicit TransportFailure(TransportError error) : m_error(std::move(error)) {}
    const TransportError& error() const { return m_error; }
    const char* what() const noexcept override { return m_error.cause.c_str(); }

private:
    TransportError m_error;
};

} // namespace techpass::http
