#pragma once

// A scripted Transport for unit tests (after gh's httpmock registry): register
// (method, URL suffix) -> response stubs; each stub answers once, in
// registration order; a request no stub matches fails the test (and throws);
// stubs never used fail the test at verify() or destruction; a stub may check
// the request (body, headers) before answering.

#include "techpass/http/transport.hpp"

#include <functional>
#include <string>
#include <vector>

namespace testsupport {

class FakeTransport final : public techpass::http::Transport {
public:
    using Check = std::function<void(const techpass::http::Request&)>;

    FakeTransport() = default;
    ~FakeTransport() override;
    FakeTransport(const FakeTransport&) = delete;
    FakeTransport& operator=(const FakeTransport&) = delete;

    // Answers the next METHOD request whose URL ends with url_suffix (the
    // query included when the suffix has one; without "?", the query is
    // ignored) with status, body and headers.
    FakeTransport& on(std::string method, std::string url_suffix, int status, std::string body = {},
                      techpass::http::Headers headers = {}, Check check = {});
    // JSON convenience: adds Content-Type: application/json.
    FakeTransport& json(std::string method, std::string url_suffix, int status, std::string body,
                        Check check = {});
    // Answers the matching request by throwing TransportFailure(host, cause).
    FakeTransport& fail(std::string method, std::string url_suffix, std::string cause,
                        bool certainly_not_sent = false);

    techpass::http::Response send(const techpass::http::Request& request) override;

    // Every request received, in order.
    const std::vector<techpass::http::Request>& requests() const { return m_requests; }
    // Fails the test for each stub not used; then forgets them.
    void verify();

private:
    struct Stub {
        std::string method;
        std::string url_suffix;
        techpass::http::Response response;
        Check check;
        bool failure = false;
        std::string cause;
        bool certainly_not_sent = false;
        bool used = false;
    };
    std::vector<Stub> m_stubs;
    std::vector<techpass::http::Request> m_requests;
    bool m_verified = false;
};

// The value of a request header (case-insensitive), "" when absent.
std::string header_of(const techpass::http::Request& request, std::string_view name);

} // namespace testsupport
