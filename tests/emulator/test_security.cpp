// What the server does around every API handler: credentials, the error
// envelope and trace ids, body limits, JSON, idempotency, the request log.

#include "client.hpp"

#include <doctest/doctest.h>

#include <regex>

namespace test_security {

using namespace emutest;

namespace {

// The demo seed plus a second namespace PORT with its own admin, app and key.
std::string two_namespace_seed(const testsupport::TempDir& dir) {
    std::string seed = testsupport::read_file(testsupport::source_path("examples/seed.toml"));
    const std::string relative = "certificate = \"certs/";
    seed.replace(seed.find(relative), relative.size(),
                 "certificate = \"" + testsupport::source_path("examples/certs/"));
    seed += R"(
[[users]]
email = "port.admin@mpa.gov.sg"
first_name = "Port"
last_name = "Admin"

[[namespaces]]
code = "PORT"
display_name = "Port Services"
admins = ["port.admin@mpa.gov.sg"]

[[api_keys]]
namespace = "PORT"
key = "port-api-key-for-tests"
)";
    return dir.write("seed.toml", seed);
}

bool is_trace_id(const std::string& text) {
    return std::regex_match(text, std::regex("[0-9a-f]{32}"));
}

void check_envelope(const Reply& reply, int status) {
    CHECK(reply.status == status);
    REQUIRE(reply.body.is_object());
    CHECK(reply.body.at("error").at("code") == status);
    CHECK(is_trace_id(reply.body.at("error").at("traceId").get<std::string>()));
    CHECK(reply.body.at("error").at("traceId") == reply.header("x-trace-id"));
}

std::string message(const Reply& reply) {
    return reply.body.at("error").at("message").get<std::string>();
}

} // namespace

TEST_CASE("API authentication") {
    Portal portal;
    const std::string token = portal.app_token();

    SUBCASE("valid credentials pass") {
        const Reply reply = portal.get("/iam/namespace/SHIP", portal.api_headers(token));
        CHECK_MESSAGE(reply.status == 200, reply.text);
        CHECK(is_trace_id(reply.header("x-trace-id")));
    }
    SUBCASE("missing API key") {
        const Reply reply =
            portal.get("/iam/namespace/SHIP", {{"Authorization", "Bearer " + token}});
        check_envelope(reply, 401);
        CHECK(message(reply) == "missing x-api-key header");
    }
    SUBCASE("wrong API key") {
        const Reply reply = portal.get("/iam/namespace/SHIP", portal.api_headers(token, "nope"));
        check_envelope(reply, 401);
    }
    SUBCASE("missing token") {
        const Reply reply = portal.get("/iam/namespace/SHIP", {{"x-api-key", k_api_key}});
        check_envelope(reply, 401);
        CHECK(reply.header("WWW-Authenticate").rfind("Bearer", 0) == 0);
    }
    SUBCASE("alg none token") {
        auto jwt = techpass::util::decode_jwt(token);
        const std::string forged =
            techpass::util::base64url_encode(json{{"alg", "none"}, {"typ", "JWT"}}.dump()) + "." +
            jwt.signing_input.substr(jwt.signing_input.find('.') + 1) + ".";
        const Reply reply = portal.get("/iam/namespace/SHIP", portal.api_headers(forged));
        check_envelope(reply, 401);
        CHECK(message(reply).find("alg 'none'") != std::string::npos);
        CHECK(reply.header("WWW-Authenticate").find("invalid_token") != std::string::npos);
    }
    SUBCASE("token signed by an unknown key") {
        const auto other = techpass::util::generate_self_signed("other", 1);
        const auto jwt = techpass::util::decode_jwt(token);
        const std::string forged = techpass::util::sign_jwt({{"kid", jwt.header.at("kid")}},
                                                            jwt.claims, other.private_key_pem);
        const Reply reply = portal.get("/iam/namespace/SHIP", portal.api_headers(forged));
        check_envelope(reply, 401);
        CHECK(message(reply).find("signature") != std::string::npos);
    }
    SUBCASE("expired token (clock moved 20 minutes on)") {
        REQUIRE(
            portal.send("PUT", "/_emulator/clock", json{{"offsetSeconds", 1200}}.dump()).status ==
            200);
        const Reply reply = portal.get("/iam/namespace/SHIP", portal.api_headers(token));
        check_envelope(reply, 401);
        CHECK(message(reply) == "the access token has expired");
    }
}

TEST_CASE("API keys and namespaces") {
    testsupport::TempDir dir;
    Portal portal({"--seed", two_namespace_seed(dir)}, true, false);
    const std::string token = portal.app_token();

    SUBCASE("an API key of another namespace than the path's is a 403") {
        const Reply reply =
            portal.get("/iam/namespace/SHIP", portal.api_headers(token, "port-api-key-for-tests"));
        check_envelope(reply, 403);
        CHECK(message(reply) == "the API key sent belongs to namespace PORT, not SHIP");
    }
    SUBCASE("acting on a namespace the caller does not administer is a 403") {
        const Reply reply =
            portal.get("/iam/namespace/PORT", portal.api_headers(token, "port-api-key-for-tests"));
        check_envelope(reply, 403);
    }
    SUBCASE("an automation app uses its own namespace's key outside namespaces") {
        const Reply reply =
            portal.get("/iam/users", portal.api_headers(token, "port-api-key-for-tests"));
        check_envelope(reply, 403);
    }
}

TEST_CASE("routing, envelope, body limit and JSON") {
    Portal portal;
    SUBCASE("unknown path: 404") {
        const Reply reply = portal.get("/no/such/path");
        check_envelope(reply, 404);
    }
    SUBCASE("known path, other method: 405 with Allow") {
        const Reply reply = portal.send("PUT", "/" + k_directory + "/oauth2/v2.0/token", "");
        check_envelope(reply, 405);
        CHECK(reply.header("Allow") == "POST");
    }
    SUBCASE("body over 1 MiB: 413") {
        const std::string big(1024 * 1024 + 10, 'x');
        const Reply reply =
            portal.send("POST", "/iam/namespace/SHIP/groups", big, portal.api_headers());
        check_envelope(reply, 413);
        CHECK(message(reply) == "request body exceeds 1048576 bytes");
    }
    SUBCASE("malformed JSON: 400") {
        const Reply reply =
            portal.send("POST", "/iam/namespace/SHIP/groups", "{\"name\": ", portal.api_headers());
        check_envelope(reply, 400);
        CHECK(message(reply).rfind("request body is not valid JSON: ", 0) == 0);
    }
}

TEST_CASE("answers of 1,000 bytes or more are compressed, smaller ones are not") {
    Portal portal;
    for (const std::string encoding : {"gzip", "br"}) {
        CAPTURE(encoding);
        const httplib::Headers accept{{"Accept-Encoding", encoding}};
        const Reply small = portal.get("/no/such/path", accept);
        REQUIRE(small.text.size() < 1000);
        CHECK(small.header("Content-Encoding").empty());
        check_envelope(small, 404);

        const Reply keys = portal.get("/" + k_directory + "/discovery/v2.0/keys", accept);
        REQUIRE(keys.text.size() >= 1000);
        CHECK(keys.header("Content-Encoding") == encoding);
        CHECK(keys.status == 200);
        CHECK(keys.body.at("keys").size() >= 1);
    }
    // gzip rather than brotli, when the client takes both: brotli at
    // httplib's quality is far slower.
    const Reply keys = portal.get("/" + k_directory + "/discovery/v2.0/keys",
                                  {{"Accept-Encoding", "br, gzip, deflate"}});
    CHECK(keys.header("Content-Encoding") == "gzip");
    CHECK(keys.body.at("keys").size() >= 1);
}

TEST_CASE("Idempotency-Key on creations") {
    Portal portal;
    auto headers = portal.api_headers();
    headers.emplace("Idempotency-Key", "create-billing-1");
    const json body = {{"name", "billing"}, {"description", "Billing team"}};

    const Reply first = portal.post_json("/iam/namespace/SHIP/groups", body, headers);
    REQUIRE_MESSAGE(first.status == 201, first.text);
    CHECK(first.header("Idempotent-Replayed").empty());

    const Reply replay = portal.post_json("/iam/namespace/SHIP/groups", body, headers);
    CHECK(replay.status == 201);
    CHECK(replay.text == first.text);
    CHECK(replay.header("Idempotent-Replayed") == "true");

    const Reply list = portal.get("/iam/namespace/SHIP/groups", portal.api_headers());
    REQUIRE(list.status == 200);
    CHECK(list.body.at("groups").size() == 1);

    const Reply other =
        portal.post_json("/iam/namespace/SHIP/groups", {{"name", "billing-2"}}, headers);
    check_envelope(other, 422);

    auto bad_key = portal.api_headers();
    bad_key.emplace("Idempotency-Key", std::string(256, 'k'));
    check_envelope(portal.post_json("/iam/namespace/SHIP/groups", body, bad_key), 400);
}

TEST_CASE("the request log names method, path, status, duration and trace id, never a secret") {
    Portal portal;
    const Reply token = portal.token_by_secret();
    REQUIRE(token.status == 200);
    const std::string access_token = token.body.at("access_token").get<std::string>();
    const Reply reply =
        portal.get("/iam/namespace/SHIP?lastKey=secret-cursor", portal.api_headers(access_token));
    const std::string log = portal.log_with("traceId=" + reply.header("x-trace-id"));
    CHECK(log.find("GET /iam/namespace/SHIP " + std::to_string(reply.status)) != std::string::npos);
    CHECK(log.find("traceId=" + reply.header("x-trace-id")) != std::string::npos);
    CHECK(log.find("POST /" + k_directory + "/oauth2/v2.0/token 200 ") != std::string::npos);
    CHECK(log.find(k_client_secret) == std::string::npos);
    CHECK(log.find(k_api_key) == std::string::npos);
    CHECK(log.find(access_token.substr(0, 40)) == std::string::npos);
    CHECK(log.find("secret-cursor") == std::string::npos);
}

} // namespace test_security
