#include "techpass/api/client.hpp"

#include <doctest/doctest.h>

namespace test_api_client_errors {

using namespace techpass;
using namespace techpass::api;

namespace {

http::Response response(int status, const std::string& message = "the message") {
    http::Response r;
    r.status = status;
    r.headers = {{"x-trace-id", "header-trace"}};
    if (!message.empty()) {
        r.body = R"({"error":{"code":)" + std::to_string(status) + R"(,"message":")" + message +
                 R"(","traceId":"0123456789abcdef0123456789abcdef"}})";
    }
    return r;
}

const ErrorContext k_context{"GET", "https://api.example/iam/namespace/SHIP/groups?size=5", "SHIP",
                             "app ship-automation (app-1)", 1};

} // namespace

TEST_CASE("error_from_response: every status, in one place") {
    struct Case {
        int status;
        ErrorKind kind;
        int exit;
        std::string message;
        std::string hint;
    };
    const std::vector<Case> cases{
        {400, ErrorKind::Usage, 2,
         "the portal rejected GET /iam/namespace/SHIP/groups?size=5: the message", ""},
        {413, ErrorKind::Usage, 2,
         "the portal rejected GET /iam/namespace/SHIP/groups?size=5: the message", ""},
        {422, ErrorKind::Usage, 2,
         "the portal rejected GET /iam/namespace/SHIP/groups?size=5: the message", ""},
        {401, ErrorKind::Auth, 4,
         "the portal refused the API key for GET /iam/namespace/SHIP/groups?size=5: the message",
         "check the profile's api_key (techpass profile show), or ask a tenant admin for a live "
         "key of the namespace"},
        {403, ErrorKind::Auth, 4,
         "permission denied: app ship-automation (app-1) may not GET "
         "/iam/namespace/SHIP/groups?size=5 in namespace SHIP: the message",
         "ask a tenant admin of SHIP for the right, or use another profile (-p)"},
        {404, ErrorKind::NotFound, 5, "the message", ""},
        {409, ErrorKind::Conflict, 6, "the message", ""},
        {429, ErrorKind::RateLimited, 9,
         "the portal is still rate-limiting GET /iam/namespace/SHIP/groups?size=5: the message",
         "lower rate_limit in the profile, or try again later"},
        {500, ErrorKind::Network, 8,
         "the portal failed GET /iam/namespace/SHIP/groups?size=5: the message",
         "try again later; quote the traceId if it persists"},
        {502, ErrorKind::Network, 8,
         "the portal failed GET /iam/namespace/SHIP/groups?size=5: the message",
         "try again later; quote the traceId if it persists"},
        {503, ErrorKind::Network, 8,
         "the portal failed GET /iam/namespace/SHIP/groups?size=5: the message",
         "try again later; quote the traceId if it persists"},
        {504, ErrorKind::Network, 8,
         "the portal failed GET /iam/namespace/SHIP/groups?size=5: the message",
         "try again later; quote the traceId if it persists"},
        {405, ErrorKind::Usage, 2,
         "the portal rejected GET /iam/namespace/SHIP/groups?size=5: the message", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.status);
        const auto error = error_from_response(response(c.status), k_context);
        CHECK(error.kind() == c.kind);
        CHECK(exit_code(error.kind()) == c.exit);
        CHECK(std::string(error.what()) == c.message);
        CHECK(error.hint() == c.hint);
        CHECK(error.portal_code() == c.status);
        CHECK(error.trace_id() == "0123456789abcdef0123456789abcdef");
    }
}

TEST_CASE("error_from_response: without the portal's envelope") {
    auto r = response(404, "");
    auto error = error_from_response(r, k_context);
    CHECK(std::string(error.what()) == "not found: GET /iam/namespace/SHIP/groups?size=5");
    CHECK(error.trace_id() == "header-trace");
    CHECK(error.portal_code() == 404);
    r = response(409, "");
    CHECK(std::string(error_from_response(r, k_context).what()) ==
          "conflict: GET /iam/namespace/SHIP/groups?size=5");
    r = response(502, "");
    r.body = "<html>Bad gateway</html>";
    CHECK(std::string(error_from_response(r, k_context).what()) ==
          "the portal failed GET /iam/namespace/SHIP/groups?size=5: HTTP 502");
}

TEST_CASE("error_from_response: a 401 with a Bearer challenge is about the token") {
    auto r = response(401, "invalid token");
    r.headers.emplace_back(
        "WWW-Authenticate",
        R"(Bearer error="invalid_token", error_description="the token has expired")");
    const auto error = error_from_response(r, k_context);
    CHECK(error.kind() == ErrorKind::Auth);
    CHECK(std::string(error.what()) ==
          "the portal refused the access token for GET /iam/namespace/SHIP/groups?size=5: invalid "
          "token (the token has expired)");
    CHECK(error.hint() == "run: techpass auth login");
    // The description is not repeated when the message already says it.
    r = response(401, "the token has expired");
    r.headers.emplace_back(
        "www-authenticate",
        R"(Bearer error="invalid_token", error_description="the token has expired")");
    CHECK(std::string(error_from_response(r, k_context).what()) ==
          "the portal refused the access token for GET /iam/namespace/SHIP/groups?size=5: the "
          "token has expired");
}

TEST_CASE("error_from_response: 403 without namespace or identity") {
    const auto error =
        error_from_response(response(403, "not an admin"),
                            {"POST", "https://api.example/iam/users/registrations", "", "", 1});
    CHECK(std::string(error.what()) ==
          "permission denied: this identity may not POST /iam/users/registrations: not an admin");
    CHECK(error.hint() == "ask an admin for the right, or use another profile (-p)");
}

TEST_CASE("error_from_transport") {
    const http::TransportFailure failure({"api.example", "could not resolve the host name", true});
    const auto error = error_from_transport(failure);
    CHECK(error.kind() == ErrorKind::Network);
    CHECK(exit_code(error.kind()) == 8);
    CHECK(std::string(error.what()) == "cannot reach api.example: could not resolve the host name");
    CHECK(error.hint() == "check the network connection and proxy settings, then try again");
}

} // namespace test_api_client_errors
