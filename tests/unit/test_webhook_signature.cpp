// lib/techpass/webhook: delivery signatures, checked against vectors made
// outside techpass (the contract's worked example; Python's hmac module).

#include "techpass/webhook/signature.hpp"

#include <doctest/doctest.h>

namespace test_webhook_signature {

using namespace techpass::webhook;

namespace {

// docs/api/openapi.yaml, createWebhook, delivery callback: the worked example.
constexpr const char* k_spec_secret = "whsec_8fK2mQ7xL4pZ9wR1tV6nB3cY0dH5gJ2s";
constexpr std::int64_t k_spec_t = 1795772400;
constexpr const char* k_spec_body =
    R"({"id":"3c8c418b-7916-4f04-a734-2098a6d4f8a1","event":"webhook-test","namespace":"SHIP","occurredAt":"2026-11-27T09:40:00Z","data":{}})";
constexpr const char* k_spec_header =
    "t=1795772400,v1=25cdc36e53b6e818a611a3ed55e6708361a9387d851cb695d5ecccda1308225e";

} // namespace

TEST_CASE("webhook signature: the contract's worked example") {
    CHECK(sign(k_spec_secret, k_spec_t, k_spec_body) == k_spec_header);
    const Verdict verdict = verify(k_spec_secret, k_spec_header, k_spec_body, k_spec_t + 10);
    CHECK(verdict.accepted());
    CHECK(verdict.reason.empty());
    REQUIRE(verdict.timestamp);
    CHECK(*verdict.timestamp == k_spec_t);
}

TEST_CASE("webhook signature: vectors computed with Python's hmac module") {
    // hmac.new(key, (t + ":" + body).encode(), sha256).hexdigest()
    CHECK(sign("whsec_0123456789abcdefABCDEFghijklmnop", 1767225600,
               R"({"id":"x","data":{"email":"mei.lim@tech.gov.sg"}})") ==
          "t=1767225600,v1=63da190b360d7303e7da8699e9995e6029841740085931a2b0c0116494cee3d1");
    CHECK(sign("whsec_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", 1, "") ==
          "t=1,v1=54c769c786b4efa07f686984cb54e3f46b2be02715f6f78d5de27dd1b24e517d");
}

TEST_CASE("webhook signature: forged, changed, old and malformed deliveries are rejected") {
    const std::int64_t now = k_spec_t + 60;
    SUBCASE("another secret") {
        const Verdict v =
            verify("whsec_XfK2mQ7xL4pZ9wR1tV6nB3cY0dH5gJ2s", k_spec_header, k_spec_body, now);
        CHECK_FALSE(v.signature_ok);
        CHECK(v.reason.find("signature mismatch") == 0);
    }
    SUBCASE("a changed body, even by a final newline") {
        CHECK_FALSE(verify(k_spec_secret, k_spec_header, std::string(k_spec_body) + "\n", now)
                        .signature_ok);
    }
    SUBCASE("a changed timestamp") {
        std::string header = k_spec_header;
        header.replace(2, 10, std::to_string(k_spec_t + 1));
        CHECK_FALSE(verify(k_spec_secret, header, k_spec_body, now).signature_ok);
    }
    SUBCASE("6 minutes old, and 5 minutes in the future plus one second") {
        Verdict v = verify(k_spec_secret, k_spec_header, k_spec_body, k_spec_t + 360);
        CHECK(v.signature_ok);
        CHECK_FALSE(v.fresh);
        CHECK(v.reason == "too old: signed 6 minutes ago; receivers reject deliveries older than "
                          "5 minutes");
        CHECK(verify(k_spec_secret, k_spec_header, k_spec_body, k_spec_t + 300).accepted());
        v = verify(k_spec_secret, k_spec_header, k_spec_body, k_spec_t - 301);
        CHECK_FALSE(v.accepted());
        CHECK(v.reason.find("in the future") != std::string::npos);
    }
    SUBCASE("malformed headers") {
        for (const char* header :
             {"", "t=1795772400",
              "v1=25cdc36e53b6e818a611a3ed55e6708361a9387d851cb695d5ecccda1308225e",
              "t=abc,v1=25cdc36e53b6e818a611a3ed55e6708361a9387d851cb695d5ecccda1308225e",
              "t=1795772400,v1=25CDC36E53B6E818A611A3ED55E6708361A9387D851CB695D5ECCCDA1308225E",
              "t=1795772400,v1=25cd"}) {
            CAPTURE(header);
            const Verdict v = verify(k_spec_secret, header, k_spec_body, now);
            CHECK_FALSE(v.accepted());
            CHECK_FALSE(v.reason.empty());
        }
    }
    SUBCASE("any of several v1 parts may match (a secret being rotated)") {
        const std::string header =
            "t=1795772400,v1=" + std::string(64, '0') +
            ",v1=25cdc36e53b6e818a611a3ed55e6708361a9387d851cb695d5ecccda1308225e";
        CHECK(verify(k_spec_secret, header, k_spec_body, now).accepted());
    }
}

} // namespace test_webhook_signature
