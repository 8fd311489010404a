#include "techpass/util/encoding.hpp"
#include "techpass/util/jwt.hpp"
#include "techpass/util/x509.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

namespace test_util_jwt {

using namespace techpass::util;
using nlohmann::json;

namespace {

const KeyAndCertificate& signer() {
    static const KeyAndCertificate pair = generate_self_signed("jwt-signer", 30);
    return pair;
}

const KeyAndCertificate& other_signer() {
    static const KeyAndCertificate pair = generate_self_signed("someone-else", 30);
    return pair;
}

const json k_claims = {{"iss", "client"}, {"sub", "client"}, {"exp", 1700000000.5}};

} // namespace

TEST_CASE("sign_jwt and verify_jwt_signature round trip") {
    const Certificate cert = parse_certificate(signer().certificate_pem);
    for (const char* alg : {"RS256", "PS256"}) {
        CAPTURE(alg);
        const std::string token =
            sign_jwt({{"x5t", cert.x5t()}}, k_claims, signer().private_key_pem, alg);
        const Jwt jwt = decode_jwt(token);
        CHECK(jwt.header.at("alg").get<std::string>() == alg);
        CHECK(jwt.header.at("typ").get<std::string>() == "JWT");
        CHECK(jwt.header.at("x5t").get<std::string>() == cert.x5t());
        CHECK(jwt.claims == k_claims);
        CHECK(token.rfind(jwt.signing_input + ".", 0) == 0);
        CHECK(verify_jwt_signature(jwt, signer().certificate_pem));
        CHECK(verify_jwt_signature(jwt, cert.public_key_pem));
        CHECK_FALSE(verify_jwt_signature(jwt, other_signer().certificate_pem));
    }
}

TEST_CASE("verify_jwt_signature refuses tampering") {
    const std::string token = sign_jwt({}, k_claims, signer().private_key_pem);
    SUBCASE("tampered signature") {
        Jwt jwt = decode_jwt(token);
        jwt.signature[10] = static_cast<char>(jwt.signature[10] ^ 1);
        CHECK_FALSE(verify_jwt_signature(jwt, signer().certificate_pem));
    }
    SUBCASE("tampered claims") {
        Jwt jwt = decode_jwt(token);
        const std::string forged = base64url_encode(json{{"iss", "attacker"}}.dump());
        jwt.signing_input = jwt.signing_input.substr(0, jwt.signing_input.find('.') + 1) + forged;
        CHECK_FALSE(verify_jwt_signature(jwt, signer().certificate_pem));
    }
    SUBCASE("RS256 signature relabelled as PS256") {
        Jwt jwt = decode_jwt(token);
        jwt.header["alg"] = "PS256";
        CHECK_FALSE(verify_jwt_signature(jwt, signer().certificate_pem));
    }
}

TEST_CASE("verify_jwt_signature refuses alg none and other algorithms") {
    const std::string claims = base64url_encode(k_claims.dump());
    for (const char* alg : {"none", "HS256", "ES256", "None"}) {
        CAPTURE(alg);
        const std::string header = base64url_encode(json{{"alg", alg}, {"typ", "JWT"}}.dump());
        const Jwt jwt = decode_jwt(header + "." + claims + ".");
        CHECK(jwt.signature.empty());
        CHECK_FALSE(verify_jwt_signature(jwt, signer().certificate_pem));
    }
    const Jwt no_alg = decode_jwt(base64url_encode("{}") + "." + claims + ".");
    CHECK_FALSE(verify_jwt_signature(no_alg, signer().certificate_pem));
    CHECK_THROWS_AS(sign_jwt({}, k_claims, signer().private_key_pem, "none"),
                    std::invalid_argument);
}

TEST_CASE("decode_jwt, malformed tokens") {
    const std::string part = base64url_encode("{}");
    CHECK_THROWS_WITH_AS(decode_jwt("abc"), "not three parts separated by dots",
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(decode_jwt(part + "." + part + "." + part + "." + part),
                         "not three parts separated by dots", std::runtime_error);
    CHECK_THROWS_WITH_AS(decode_jwt("!!." + part + "."), "header is not base64url",
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(decode_jwt(part + "." + base64url_encode("[1]") + "."),
                         "claims is not a JSON object", std::runtime_error);
    CHECK_THROWS_WITH_AS(decode_jwt(part + "." + part + ".a+b="), "signature is not base64url",
                         std::runtime_error);
}

TEST_CASE("rsa_jwk_components") {
    const auto [n, e] = rsa_jwk_components(signer().certificate_pem);
    CHECK(e == "AQAB");
    const auto modulus = base64_decode(n);
    REQUIRE(modulus.has_value());
    CHECK(modulus->size() == 256);
    const Certificate cert = parse_certificate(signer().certificate_pem);
    CHECK(rsa_jwk_components(cert.public_key_pem) == std::pair{n, e});
}

} // namespace test_util_jwt
