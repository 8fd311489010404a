#include "techpass/http/redact.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace test_http_redact {

using namespace techpass::http;

TEST_CASE("redact_headers") {
    const auto headers = redact_headers({{"Authorization", "Bearer eyJhbGciOi.secret.sig"},
                                         {"x-api-key", "k-123"},
                                         {"X-API-Key", "k-456"},
                                         {"Content-Type", "application/json"},
                                         {"Cookie", "session=1"}});
    CHECK(headers == Headers{{"Authorization", "Bearer ***"},
                             {"x-api-key", "***"},
                             {"X-API-Key", "***"},
                             {"Content-Type", "application/json"},
                             {"Cookie", "***"}});
}

TEST_CASE("redact_body: form fields") {
    CHECK(redact_body("grant_type=client_credentials&client_id=abc&client_secret=s%3Dcret&scope=x%"
                      "2F.default") ==
          "grant_type=client_credentials&client_id=abc&client_secret=***&scope=x%2F.default");
    CHECK(
        redact_body(
            "client_assertion_type=urn&client_assertion=eyJ.x.y&device_code=DC&refresh_token=RT") ==
        "client_assertion_type=urn&client_assertion=***&device_code=***&refresh_token=***");
}

TEST_CASE("redact_body: JSON fields at any depth") {
    const std::string body =
        R"({"token_type":"Bearer","expires_in":1199,"access_token":"eyJ.a.b",)"
        R"("items":[{"id":"1","secret":"s1","clientSecret":"s2","password":"p"}],)"
        R"("apiKey":{"id":"k1","key":"k-value","value":"v"},"refresh_token":"r",)"
        R"("error":{"code":401,"message":"m","traceId":"t"}})";
    CHECK(redact_body(body) == R"({
  "token_type": "Bearer",
  "expires_in": 1199,
  "access_token": "***",
  "items": [
    {
      "id": "1",
      "secret": "***",
      "clientSecret": "***",
      "password": "***"
    }
  ],
  "apiKey": {
    "id": "k1",
    "key": "***",
    "value": "***"
  },
  "refresh_token": "***",
  "error": {
    "code": 401,
    "message": "m",
    "traceId": "t"
  }
})");
}

TEST_CASE("redact_body: a webhook's custom header values") {
    CHECK(
        redact_body(
            R"({"url":"https://h.example","headers":{"X-Receiver-Token":"abc","X-Team":"ship"}})") ==
        "{\n  \"url\": \"https://h.example\",\n  \"headers\": {\n    \"X-Receiver-Token\": "
        "\"***\",\n"
        "    \"X-Team\": \"***\"\n  }\n}");
}

TEST_CASE("redact_body: other bodies") {
    CHECK(redact_body("") == "");
    CHECK(redact_body("plain text, no secrets") == "plain text, no secrets");
    CHECK(redact_body("{broken json client_secret=abc") ==
          "(unparsable JSON body of 30 bytes, not shown)");
}

TEST_CASE("is_secret_field ignores case, '_' and '-'") {
    for (const char* name :
         {"client_secret", "clientSecret", "Client-Secret", "SECRET", "api_key", "apiKey",
          "password", "access_token", "id_token", "device_code", "client_assertion", "key"}) {
        CHECK_MESSAGE(is_secret_field(name), name);
    }
    for (const char* name :
         {"id", "name", "keyId", "grn", "user_code", "whitelistValue", "description"}) {
        CHECK_MESSAGE(!is_secret_field(name), name);
    }
}

TEST_CASE("write_request and write_response") {
    Request request;
    request.method = "POST";
    request.url = "https://api.example/iam/namespace/SHIP/apikeys";
    request.headers = {{"Authorization", "Bearer tok"}, {"x-api-key", "key"}};
    request.body = R"({"description":"ci"})";
    Response response;
    response.status = 201;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = R"({"id":"k1","value":"new-secret-key"})";
    std::ostringstream out;
    write_request(out, request);
    write_response(out, response);
    CHECK(out.str() == "> POST https://api.example/iam/namespace/SHIP/apikeys\n"
                       "> Authorization: Bearer ***\n"
                       "> x-api-key: ***\n"
                       "{\n  \"description\": \"ci\"\n}\n"
                       "< 201\n"
                       "< Content-Type: application/json\n"
                       "{\n  \"id\": \"k1\",\n  \"value\": \"***\"\n}\n");
}

} // namespace test_http_redact
