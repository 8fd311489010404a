#pragma once

// The real transport: one libcurl easy handle for the whole run (keep-alive,
// HTTP/2 over TLS where the server offers it), connect and total timeouts, the
// system CA store or a CA bundle, proxies from the environment (libcurl's
// http_proxy/https_proxy/no_proxy). Plain http:// only to loopback hosts.

#include "techpass/http/transport.hpp"

#include <memory>

namespace techpass::http {

class CurlTransport final : public Transport {
public:
    explicit CurlTransport(TransportSettings settings = {});
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    // Sends one request; throws Error(Config) for a refused URL and
    // TransportFailure (host + readable cause) below HTTP.
    Response send(const Request& request) override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace techpass::http
