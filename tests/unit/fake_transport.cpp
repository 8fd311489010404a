#include "fake_transport.hpp"

#include "techpass/http/url.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

namespace testsupport {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool url_matches(const std::string& url, const std::string& suffix) {
    if (suffix.find('?') != std::string::npos) {
        return ends_with(url, suffix);
    }
    const auto query = url.find('?');
    return ends_with(std::string_view(url).substr(0, query), suffix);
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

FakeTransport::~FakeTransport() {
    if (!m_verified) {
        verify();
    }
}

FakeTransport& FakeTransport::on(std::string method, std::string url_suffix, int status,
                                 std::string body, techpass::http::Headers headers, Check check) {
    Stub stub;
    stub.method = std::move(method);
    stub.url_suffix = std::move(url_suffix);
    stub.response.status = status;
    stub.response.headers = std::move(headers);
    stub.response.body = std::move(body);
    stub.check = std::move(check);
    m_stubs.push_back(std::move(stub));
    m_verified = false;
    return *this;
}

FakeTransport& FakeTransport::json(std::string method, std::string url_suffix, int status,
                                   std::string body, Check check) {
    return on(std::move(method), std::move(url_suffix), status, std::move(body),
              {{"Content-Type", "application/json"}}, std::move(check));
}

FakeTransport& FakeTransport::fail(std::string method, std::string url_suffix, std::string cause,
                                   bool certainly_not_sent) {
    Stub stub;
    stub.method = std::move(method);
    stub.url_suffix = std::move(url_suffix);
    stub.failure = true;
    stub.cause = std::move(cause);
    stub.certainly_not_sent = certainly_not_sent;
    m_stubs.push_back(std::move(stub));
    m_verified = false;
    return *this;
}

techpass::http::Response FakeTransport::send(const techpass::http::Request& request) {
    m_requests.push_back(request);
    for (auto& stub : m_stubs) {
        if (stub.used || stub.method != request.method ||
            !url_matches(request.url, stub.url_suffix)) {
            continue;
        }
        stub.used = true;
        if (stub.check) {
            stub.check(request);
        }
        if (stub.failure) {
            const auto url = techpass::http::parse_url(request.url);
            throw techpass::http::TransportFailure(
                {url ? url->host : request.url, stub.cause, stub.certainly_not_sent});
        }
        return stub.response;
    }
    FAIL_CHECK("FakeTransport: no stub for " << request.method << " " << request.url);
    throw std::logic_error("FakeTransport: unexpected request " + request.method + " " +
                           request.url);
}

void FakeTransport::verify() {
    for (const auto& stub : m_stubs) {
        if (!stub.used) {
            FAIL_CHECK("FakeTransport: stub never used: " << stub.method << " " << stub.url_suffix);
        }
    }
    m_stubs.clear();
    m_verified = true;
}

std::string header_of(const techpass::http::Request& request, std::string_view name) {
    for (const auto& [key, value] : request.headers) {
        if (iequals(key, name)) {
            return value;
        }
    }
    return {};
}

} // namespace testsupport
