#include "fake_transport.hpp"
#include "techpass/api/client.hpp"
#include "techpass/auth/token_provider.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace test_api_client {

using namespace techpass;
using namespace techpass::api;
using std::chrono::milliseconds;

namespace {

struct Fixture {
    FakeClock clock;
    testsupport::FakeTransport transport;
    auth::StaticTokenProvider tokens{"tok-123", "app ship-automation (app-1)"};
    std::ostringstream debug;

    ApiClient client(double rate_limit = 0, bool with_debug = false) {
        ClientOptions options;
        options.base_url = "https://api.example";
        options.api_key = [] {
            return std::string("key-456");
        };
        options.rate_limit = rate_limit;
        options.namespace_code = "SHIP";
        options.debug = with_debug ? &debug : nullptr;
        options.random01 = [] {
            return 0.5;
        };
        return ApiClient(transport, clock, tokens, options);
    }
};

template <typename F>
Error error_of(F&& action) {
    try {
        action();
    } catch (const Error& error) {
        return error;
    }
    FAIL("no error");
    return Error(ErrorKind::Unexpected, "");
}

const char* const k_groups = "/iam/namespace/SHIP/groups";

} // namespace

TEST_CASE("ApiClient: headers and JSON in received order") {
    Fixture f;
    auto client = f.client();
    f.transport.json(
        "GET", "/iam/namespace/SHIP/groups?size=5", 200, R"({"groups":[],"lastKey":"","count":0})",
        [](const http::Request& request) {
            CHECK(request.url == "https://api.example/iam/namespace/SHIP/groups?size=5");
            CHECK(testsupport::header_of(request, "x-api-key") == "key-456");
            CHECK(testsupport::header_of(request, "Authorization") == "Bearer tok-123");
            CHECK(testsupport::header_of(request, "Accept") == "application/json");
            CHECK(testsupport::header_of(request, "User-Agent").rfind("techpass/", 0) == 0);
            CHECK(request.body.empty());
        });
    const auto body = client.get(k_groups, {{"size", "5"}});
    CHECK(body.dump() == R"({"groups":[],"lastKey":"","count":0})");
}

TEST_CASE("ApiClient: JSON bodies, 204 and non-JSON answers") {
    Fixture f;
    auto client = f.client();
    f.transport.json("PUT", "/x", 204, "", [](const http::Request& request) {
        CHECK(request.body == R"({"b":1,"a":2})");
        CHECK(testsupport::header_of(request, "Content-Type") == "application/json");
    });
    Json body = Json::object();
    body["b"] = 1;
    body["a"] = 2;
    CHECK(client.put("/x", body).is_null());
    f.transport.on("GET", "/html", 200, "<html>");
    const Error error = error_of([&] { client.get("/html"); });
    CHECK(std::string(error.what()) ==
          "the answer to GET /html (HTTP 200, no Content-Type) is not valid JSON");
    // A server failure (exit 8), not an unexpected error of techpass.
    CHECK(error.kind() == ErrorKind::Network);
    CHECK(error.hint().find("api_url") != std::string::npos);
}

TEST_CASE("ApiClient: an action POST sends no body and no Content-Type") {
    Fixture f;
    auto client = f.client();
    int calls = 0;
    f.transport.json("POST", "/iam/users/u1/disable", 200, R"({"id":"u1"})",
                     [&](const http::Request& request) {
                         ++calls;
                         CHECK(request.body.empty());
                         CHECK(testsupport::header_of(request, "Content-Type").empty());
                     });
    CHECK(client.post("/iam/users/u1/disable").at("id") == "u1");
    CHECK(calls == 1);
}

TEST_CASE("ApiClient: retries with exponential backoff and full jitter") {
    Fixture f;
    auto client = f.client();
    SUBCASE("503, 502, then 200") {
        f.transport.json("GET", k_groups, 503, "{}");
        f.transport.json("GET", k_groups, 502, "{}");
        f.transport.json("GET", k_groups, 200, R"({"groups":[]})");
        client.get(k_groups);
        // random 0.5: half of 500 ms, then half of 1 s.
        CHECK(f.clock.slept() == milliseconds(250 + 500));
    }
    SUBCASE("still failing after 5 attempts: Network") {
        for (int i = 0; i < 5; ++i) {
            f.transport.json(
                "GET", k_groups, 504,
                R"({"error":{"code":504,"message":"upstream timed out","traceId":"t5"}})");
        }
        const auto error = error_of([&] { client.get(k_groups); });
        CHECK(error.kind() == ErrorKind::Network);
        CHECK(std::string(error.what()) == "the portal failed GET /iam/namespace/SHIP/groups "
                                           "(after 5 attempts): upstream timed out");
        CHECK(error.trace_id() == "t5");
        CHECK(f.clock.slept() == milliseconds(250 + 500 + 1000 + 2000));
        CHECK(client.requests_sent() == 5);
    }
    SUBCASE("429 honours Retry-After in seconds") {
        f.transport.on("GET", k_groups, 429, "{}", {{"Retry-After", "7"}});
        f.transport.json("GET", k_groups, 200, R"({"groups":[]})");
        client.get(k_groups);
        CHECK(f.clock.slept() == milliseconds(7000));
    }
    SUBCASE("Retry-After as an HTTP date") {
        f.clock.advance(milliseconds(0));
        const auto now = std::chrono::system_clock::to_time_t(f.clock.now());
        char date[64];
        std::tm tm{};
        gmtime_r(&now, &tm);
        tm.tm_sec += 3;
        const auto later = timegm(&tm);
        gmtime_r(&later, &tm);
        std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        f.transport.on("GET", k_groups, 503, "{}", {{"Retry-After", date}});
        f.transport.json("GET", k_groups, 200, R"({"groups":[]})");
        client.get(k_groups);
        CHECK(f.clock.slept() == milliseconds(3000));
    }
    SUBCASE("still rate-limited: RateLimited (exit 9)") {
        for (int i = 0; i < 5; ++i) {
            f.transport.on("GET", k_groups, 429,
                           R"({"error":{"code":429,"message":"too many requests","traceId":"t"}})",
                           {{"Retry-After", "1"}});
        }
        const auto error = error_of([&] { client.get(k_groups); });
        CHECK(error.kind() == ErrorKind::RateLimited);
        CHECK(exit_code(error.kind()) == 9);
        CHECK(f.clock.slept() == milliseconds(4000));
    }
    SUBCASE("connection failures are retried for GET") {
        f.transport.fail("GET", k_groups, "connection dropped (Connection reset by peer)");
        f.transport.json("GET", k_groups, 200, R"({"groups":[]})");
        client.get(k_groups);
        CHECK(f.clock.slept() == milliseconds(250));
    }
    SUBCASE("connection failures after retries: Network naming host and cause") {
        for (int i = 0; i < 5; ++i) {
            f.transport.fail("DELETE", "/x", "timed out (connect limit 10 s, total limit 60 s)");
        }
        const auto error = error_of([&] { client.del("/x"); });
        CHECK(error.kind() == ErrorKind::Network);
        CHECK(std::string(error.what()) ==
              "cannot reach api.example: timed out (connect limit 10 s, total limit 60 s)");
    }
    SUBCASE("400 is not retried") {
        f.transport.json("GET", k_groups, 400,
                         R"({"error":{"code":400,"message":"bad size","traceId":"t"}})");
        CHECK(error_of([&] { client.get(k_groups); }).kind() == ErrorKind::Usage);
        CHECK(f.clock.slept() == milliseconds(0));
    }
}

TEST_CASE("ApiClient: creations are retried only with an Idempotency-Key") {
    Fixture f;
    auto client = f.client();
    const Json body = Json::parse(R"({"name":"billing"})");
    SUBCASE("POST with a key: the same key and body on every attempt") {
        const auto key = IdempotencyKey::generate();
        CHECK(key.value().size() == 36);
        std::vector<std::string> keys;
        const auto record = [&](const http::Request& request) {
            keys.push_back(testsupport::header_of(request, "Idempotency-Key"));
            CHECK(request.body == R"({"name":"billing"})");
        };
        f.transport.fail("POST", k_groups, "connection dropped", false);
        f.transport.json("POST", k_groups, 503, "{}", record);
        f.transport.json("POST", k_groups, 201, R"({"id":"g1"})", record);
        CHECK(client.post(k_groups, body, key).at("id") == "g1");
        CHECK(keys == std::vector<std::string>{key.value(), key.value()});
        CHECK(testsupport::header_of(f.transport.requests().front(), "Idempotency-Key") ==
              key.value());
    }
    SUBCASE("POST without a key: never retried") {
        f.transport.json("POST", k_groups, 503, "{}", [](const http::Request& request) {
            CHECK(testsupport::header_of(request, "Idempotency-Key").empty());
        });
        CHECK(error_of([&] { client.post(k_groups, body); }).kind() == ErrorKind::Network);
        CHECK(f.transport.requests().size() == 1);
    }
    SUBCASE("POST without a key: a dropped connection is not retried") {
        f.transport.fail("POST", k_groups, "connection dropped");
        CHECK(error_of([&] { client.post(k_groups, body); }).kind() == ErrorKind::Network);
        CHECK(f.transport.requests().size() == 1);
    }
    SUBCASE("POST without a key: retried when it certainly was not sent") {
        f.transport.fail("POST", k_groups, "connection refused", true);
        f.transport.json("POST", k_groups, 201, "{}");
        client.post(k_groups, body);
        CHECK(f.transport.requests().size() == 2);
    }
    SUBCASE("PATCH without a key: never retried") {
        f.transport.json("PATCH", "/iam/namespace/SHIP", 502, "{}");
        CHECK(error_of([&] { client.patch("/iam/namespace/SHIP", body); }).kind() ==
              ErrorKind::Network);
    }
}

TEST_CASE("ApiClient: a 401 drops the token and retries once") {
    Fixture f;
    auto client = f.client();
    const http::Headers challenge = {{"Content-Type", "application/json"},
                                     {"WWW-Authenticate", "Bearer error=\"invalid_token\""}};
    SUBCASE("then succeeds") {
        f.transport.on("POST", k_groups, 401,
                       R"({"error":{"code":401,"message":"token expired","traceId":"t"}})",
                       challenge);
        f.transport.json("POST", k_groups, 201, "{}");
        client.post(k_groups, Json::object()); // even without a key: the first was refused
        CHECK(f.tokens.invalidations() == 1);
        CHECK(f.clock.slept() == milliseconds(0));
    }
    SUBCASE("twice: Auth with the login hint") {
        f.transport.on("GET", k_groups, 401,
                       R"({"error":{"code":401,"message":"token expired","traceId":"t1"}})",
                       challenge);
        f.transport.on("GET", k_groups, 401,
                       R"({"error":{"code":401,"message":"invalid token","traceId":"t2"}})",
                       challenge);
        const auto error = error_of([&] { client.get(k_groups); });
        CHECK(error.kind() == ErrorKind::Auth);
        CHECK(std::string(error.what()) ==
              "the portal refused the access token for GET /iam/namespace/SHIP/groups: invalid "
              "token");
        CHECK(error.hint() == "run: techpass auth login");
        CHECK(f.tokens.invalidations() == 1);
    }
    SUBCASE("without a challenge it is the API key: no new token, the key's hint") {
        f.transport.json(
            "GET", k_groups, 401,
            R"({"error":{"code":401,"message":"the x-api-key is not a live API key"}})");
        const auto error = error_of([&] { client.get(k_groups); });
        CHECK(std::string(error.what()) == "the portal refused the API key for GET "
                                           "/iam/namespace/SHIP/groups: the x-api-key is not a "
                                           "live API key");
        CHECK(error.hint().starts_with("check the profile's api_key"));
        CHECK(f.tokens.invalidations() == 0);
    }
}

TEST_CASE("ApiClient: pacing with a token bucket") {
    Fixture f;
    auto client = f.client(1.0);
    for (int i = 0; i < 3; ++i) {
        f.transport.json("GET", k_groups, 200, R"({"groups":[]})");
    }
    for (int i = 0; i < 3; ++i) {
        client.get(k_groups);
    }
    CHECK(f.clock.slept() == milliseconds(2000));
}

TEST_CASE("ApiClient::paginate merges pages") {
    Fixture f;
    auto client = f.client();
    SUBCASE("all pages") {
        f.transport.json(
            "GET", "/whitelists?whitelistType=all&size=2", 200,
            R"({"count":2,"lastKey":"k1","whitelists":[{"whitelistId":"1"},{"whitelistId":"2"}]})");
        f.transport.json(
            "GET", "/whitelists?whitelistType=all&size=2&lastKey=k1", 200,
            R"({"count":2,"lastKey":"k/2","whitelists":[{"whitelistId":"3"},{"whitelistId":"4"}]})");
        f.transport.json("GET", "/whitelists?whitelistType=all&size=2&lastKey=k%2F2", 200,
                         R"({"count":1,"lastKey":"","whitelists":[{"whitelistId":"5"}]})");
        const auto merged = client.paginate("/whitelists", {{"whitelistType", "all"}}, "whitelists",
                                            std::nullopt, 2);
        CHECK(
            merged.dump() ==
            R"({"whitelists":[{"whitelistId":"1"},{"whitelistId":"2"},{"whitelistId":"3"},{"whitelistId":"4"},{"whitelistId":"5"}],"count":5})");
    }
    SUBCASE("--limit stops early") {
        f.transport.json("GET", k_groups, 200,
                         R"({"count":2,"lastKey":"k1","groups":[{"id":"1"},{"id":"2"}]})");
        f.transport.json("GET", "/groups?lastKey=k1", 200,
                         R"({"count":2,"lastKey":"k2","groups":[{"id":"3"},{"id":"4"}]})");
        const auto merged = client.paginate(k_groups, {}, "groups", 3);
        CHECK(merged.dump() == R"({"groups":[{"id":"1"},{"id":"2"},{"id":"3"}],"count":3})");
    }
    SUBCASE("a missing list") {
        f.transport.json("GET", k_groups, 200, R"({"items":[]})");
        const Error error = error_of([&] { client.paginate(k_groups, {}, "groups"); });
        CHECK(std::string(error.what()) ==
              "the portal's answer to GET /iam/namespace/SHIP/groups has no 'groups' list");
        CHECK(error.kind() == ErrorKind::Network); // a server failure: exit 8
    }
    SUBCASE("a cursor that does not move") {
        f.transport.json("GET", k_groups, 200, R"({"lastKey":"same","groups":[]})");
        f.transport.json("GET", "?lastKey=same", 200, R"({"lastKey":"same","groups":[]})");
        CHECK(error_of([&] { client.paginate(k_groups, {}, "groups"); }).kind() ==
              ErrorKind::Network);
    }
}

TEST_CASE("ApiClient::raw") {
    Fixture f;
    auto client = f.client();
    f.transport.json("GET", "/iam/users/x?lastSignIn=true", 404,
                     R"({"error":{"code":404,"message":"user 'x' not found","traceId":"t"}})");
    const auto response = client.raw("get", "/iam/users/x?lastSignIn=true");
    CHECK(response.status == 404);
    CHECK(Json::parse(response.body).at("error").at("code") == 404);
    f.transport.json("DELETE", "/iam/users/x", 404,
                     R"({"error":{"code":404,"message":"user 'x' not found","traceId":"t"}})");
    const auto error = error_of([&] { client.raw("DELETE", "/iam/users/x", {}, {}, true); });
    CHECK(error.kind() == ErrorKind::NotFound);
    CHECK(std::string(error.what()) == "user 'x' not found");
    SUBCASE("POST retried only with an Idempotency-Key header") {
        f.transport.json("POST", "/a", 503, "{}");
        f.transport.json("POST", "/a", 201, "{}");
        CHECK(client.raw("POST", "/a", "{}", {{"Idempotency-Key", "k"}}).status == 201);
        f.transport.json("POST", "/b", 503, "{}");
        CHECK(client.raw("POST", "/b", "{}").status == 503);
    }
}

TEST_CASE("ApiClient: --debug shows exchanges with credentials redacted") {
    Fixture f;
    auto client = f.client(0, true);
    f.transport.json("POST", "/iam/namespace/SHIP/apikeys", 503, "{}");
    f.transport.json("POST", "/iam/namespace/SHIP/apikeys", 201,
                     R"({"id":"k1","value":"brand-new-key"})");
    client.post("/iam/namespace/SHIP/apikeys", Json::parse(R"({"description":"ci"})"),
                IdempotencyKey("idem-1"));
    const auto text = f.debug.str();
    CHECK(text.find("tok-123") == std::string::npos);
    CHECK(text.find("key-456") == std::string::npos);
    CHECK(text.find("brand-new-key") == std::string::npos);
    CHECK(text.find("> POST https://api.example/iam/namespace/SHIP/apikeys\n") !=
          std::string::npos);
    CHECK(text.find("> Authorization: Bearer ***\n") != std::string::npos);
    CHECK(text.find("> x-api-key: ***\n") != std::string::npos);
    CHECK(text.find("> Idempotency-Key: idem-1\n") != std::string::npos);
    CHECK(text.find("* HTTP 503; retry 1 of 4 in 0.2 s\n") != std::string::npos);
    CHECK(text.find("< 201\n") != std::string::npos);
    CHECK(text.find("\"value\": \"***\"") != std::string::npos);
}

} // namespace test_api_client
