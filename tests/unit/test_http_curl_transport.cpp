#include "techpass/error.hpp"
#include "techpass/http/curl_transport.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>

namespace test_http_curl_transport {

using namespace techpass;
using namespace techpass::http;

// No network: only what fails before a byte leaves the machine, or on loopback.

TEST_CASE("CurlTransport: plain http:// to a non-loopback host is refused before sending") {
    CurlTransport transport;
    Request request;
    request.url = "http://api.techpass.suite.gov.sg/iam/users";
    try {
        transport.send(request);
        FAIL("no throw");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()) == "refusing plain http:// to api.techpass.suite.gov.sg: "
                                           "only loopback hosts may be reached without TLS");
    }
}

TEST_CASE("CurlTransport: connection refused names the host and the cause") {
    TransportSettings settings;
    settings.connect_timeout = std::chrono::milliseconds(2000);
    CurlTransport transport(settings);
    Request request;
    request.url = "http://127.0.0.1:1/iam/users";
    try {
        transport.send(request);
        FAIL("no throw");
    } catch (const TransportFailure& failure) {
        CHECK(failure.error().host == "127.0.0.1");
        CHECK(failure.error().cause == "connection refused or unreachable");
        CHECK(failure.error().certainly_not_sent);
    }
    // The handle is reused after a failure.
    CHECK_THROWS_AS(transport.send(request), TransportFailure);
}

namespace {

// A one-connection HTTP/1.1 server on loopback that answers `count`
// requests on the same connection, so reaching it twice proves keep-alive.
class LoopbackServer {
public:
    explicit LoopbackServer(int count) : m_count(count) {
        m_listener = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(listen(m_listener, 4) == 0);
        socklen_t length = sizeof address;
        getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~LoopbackServer() {
        shutdown(m_listener, SHUT_RDWR);
        close(m_listener);
        m_thread.join();
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    std::vector<std::string> requests() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_requests;
    }

private:
    void serve() {
        const int connection = accept(m_listener, nullptr, nullptr);
        if (connection < 0) {
            return;
        }
        std::string buffer;
        for (int served = 0; served < m_count; ++served) {
            std::size_t header_end = std::string::npos;
            std::size_t content_length = 0;
            char chunk[4096];
            while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos ||
                   buffer.size() < header_end + 4 +
                                       (content_length = length_of(buffer.substr(0, header_end)))) {
                const auto n = read(connection, chunk, sizeof chunk);
                if (n <= 0) {
                    close(connection);
                    return;
                }
                buffer.append(chunk, static_cast<std::size_t>(n));
            }
            const auto total = header_end + 4 + content_length;
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_requests.push_back(buffer.substr(0, total));
            }
            buffer.erase(0, total);
            const std::string body = R"({"served":)" + std::to_string(served + 1) + "}";
            const std::string response =
                "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Trace-Id: t-1\r\n"
                "Content-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body;
            if (write(connection, response.data(), response.size()) < 0) {
                break;
            }
        }
        close(connection);
    }
    static std::size_t length_of(const std::string& headers) {
        const auto lower = [](std::string s) {
            for (auto& c : s) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            return s;
        }(headers);
        const auto at = lower.find("content-length:");
        return at == std::string::npos
                   ? 0
                   : static_cast<std::size_t>(std::stoul(lower.substr(at + 15)));
    }
    int m_count;
    int m_listener = -1;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<std::string> m_requests;
};

} // namespace

TEST_CASE("CurlTransport: a real exchange on loopback, twice over one connection") {
    LoopbackServer server(2);
    TransportSettings settings;
    settings.total_timeout = std::chrono::milliseconds(5000);
    CurlTransport transport(settings);
    Request request;
    request.method = "POST";
    request.url = server.url("/iam/namespace/SHIP/groups");
    request.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", "k-1"}};
    request.body = R"({"name":"billing"})";
    const auto first = transport.send(request);
    CHECK(first.status == 201);
    CHECK(first.body == R"({"served":1})");
    CHECK(first.header("x-trace-id") == "t-1");
    request.method = "DELETE";
    request.body.clear();
    request.headers.clear();
    const auto second = transport.send(request);
    CHECK(second.body == R"({"served":2})");
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].rfind("POST /iam/namespace/SHIP/groups HTTP/1.1\r\n", 0) == 0);
    CHECK(requests[0].find("Idempotency-Key: k-1\r\n") != std::string::npos);
    CHECK(requests[0].find("Expect:") == std::string::npos);
    CHECK(requests[0].substr(requests[0].size() - 18) == R"({"name":"billing"})");
    CHECK(requests[1].rfind("DELETE /iam/namespace/SHIP/groups HTTP/1.1\r\n", 0) == 0);
}

} // namespace test_http_curl_transport
