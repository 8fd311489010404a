#include "techpass/error.hpp"
#include "techpass/http/transport.hpp"
#include "techpass/http/url.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

namespace test_http_url {

using namespace techpass;
using namespace techpass::http;

TEST_CASE("parse_url") {
    const auto url = parse_url("https://User@API.example.com:8443/iam/users?x=1");
    REQUIRE(url);
    CHECK(url->scheme == "https");
    CHECK(url->host == "api.example.com");
    CHECK(url->port == 8443);
    CHECK(url->path == "/iam/users?x=1");
    CHECK(parse_url("http://[::1]:9/")->host == "::1");
    CHECK(parse_url("http://[::1]:9/")->port == 9);
    CHECK(!parse_url("ftp://x/"));
    CHECK(!parse_url("no-scheme"));
    CHECK(!parse_url("http://:80/"));
    CHECK(!parse_url("http://x:99999/"));
}

TEST_CASE("is_loopback_host") {
    for (const char* host :
         {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1"}) {
        CHECK_MESSAGE(is_loopback_host(host), host);
    }
    for (const char* host :
         {"128.0.0.1", "10.0.0.1", "localhost.example.com", "::2", "api.techpass.suite.gov.sg"}) {
        CHECK_MESSAGE(!is_loopback_host(host), host);
    }
}

TEST_CASE("check_url_allowed: http only to loopback") {
    CHECK_NOTHROW(check_url_allowed("https://api.example.com/x"));
    CHECK_NOTHROW(check_url_allowed("http://127.0.0.1:8080/x"));
    CHECK_NOTHROW(check_url_allowed("http://localhost/x"));
    CHECK_NOTHROW(check_url_allowed("http://[::1]:1/x"));
    try {
        check_url_allowed("http://api.example.com/x");
        FAIL("no throw");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Config);
        CHECK(std::string(error.what()) == "refusing plain http:// to api.example.com: only "
                                           "loopback hosts may be reached without TLS");
        CHECK(error.hint() == "use an https:// URL");
    }
}

TEST_CASE("build_url, form_encode, form_decode") {
    CHECK(build_url("https://a.example/", "/iam/users") == "https://a.example/iam/users");
    CHECK(build_url("https://a.example", "iam/users", {{"size", "50"}, {"lastKey", "a b/c+d"}}) ==
          "https://a.example/iam/users?size=50&lastKey=a%20b%2Fc%2Bd");
    CHECK(build_url("https://a.example", "/x?y=1", {{"z", "2"}}) == "https://a.example/x?y=1&z=2");
    CHECK(form_encode({{"a", "1 2"}, {"b", "&="}}) == "a=1%202&b=%26%3D");
    CHECK(form_decode("a=1+2&b=%26%3D&c") == Query{{"a", "1 2"}, {"b", "&="}, {"c", ""}});
}

TEST_CASE("Response::header is case-insensitive") {
    Response response;
    response.headers = {{"Retry-After", "3"}, {"x-trace-id", "abc"}};
    CHECK(response.header("retry-after") == "3");
    CHECK(response.header("X-Trace-Id") == "abc");
    CHECK(!response.header("missing"));
}

TEST_CASE("path_segment: encodes a value, refuses one that would change the path") {
    CHECK(path_segment("jane.tan@tech.gov.sg") == "jane.tan@tech.gov.sg");
    CHECK(path_segment("a/b c?d#e%") == "a%2Fb%20c%3Fd%23e%25");
    CHECK(path_segment("...") == "...");
    for (const char* value : {".", "..", ""}) {
        CAPTURE(value);
        try {
            path_segment(value, "user");
            FAIL("no throw");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::Usage);
            CHECK(
                std::string(error.what()) ==
                (*value ? fmt::format("\"{}\" is not a valid user", value) : "the user is empty"));
        }
    }
}

} // namespace test_http_url
