// JWT and X.509 checked against what techpass did not make itself: the RFC
// 7515 examples and keys, certificates and signatures made by the openssl
// command at test time. The CLI and the emulator share these helpers, so a
// round trip between them proves nothing on its own.

#include "support/process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"
#include "techpass/auth/signin.hpp"
#include "techpass/error.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/jwt.hpp"
#include "techpass/util/x509.hpp"

#include <doctest/doctest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <memory>
#include <string>
#include <utility>

namespace test_util_external_vectors {

using namespace techpass::util;

namespace {

// RFC 7515, Appendix A.2: a JWS using RSASSA-PKCS1-v1_5 SHA-256, and the
// modulus and exponent of its RSA key (A.2.1).
constexpr const char* k_rfc7515_a2_token =
    "eyJhbGciOiJSUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlf"
    "Q"
    ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5"
    "jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1"
    "L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEU"
    "ipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
constexpr const char* k_rfc7515_a2_n =
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4"
    "QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdb"
    "BYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-D"
    "WNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
constexpr const char* k_rfc7515_a2_e = "AQAB";

// A PEM public key from a JWK's n and e, built with OpenSSL directly.
std::string public_key_pem(const std::string& n, const std::string& e) {
    const std::string n_bytes = base64_decode(n).value();
    const std::string e_bytes = base64_decode(e).value();
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_n(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(n_bytes.data()),
                  static_cast<int>(n_bytes.size()), nullptr),
        BN_free);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_e(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(e_bytes.data()),
                  static_cast<int>(e_bytes.size()), nullptr),
        BN_free);
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(),
                                                                          OSSL_PARAM_BLD_free);
    REQUIRE(OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) == 1);
    REQUIRE(OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) == 1);
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
        OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* raw = nullptr;
    REQUIRE(EVP_PKEY_fromdata_init(ctx.get()) == 1);
    REQUIRE(EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) == 1);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    REQUIRE(PEM_write_bio_PUBKEY(bio.get(), key.get()) == 1);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

// Runs openssl with the arguments; its stdout (the test fails on an error).
std::string openssl(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"/usr/bin/openssl"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto result = testsupport::run(argv);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

bool have_openssl() {
    if (testsupport::run({"/bin/sh", "-c", "command -v /usr/bin/openssl"}).exit_code == 0) {
        return true;
    }
    testsupport::skip("/usr/bin/openssl is not installed (Debian package openssl)");
    return false;
}

// A key (key.pem) and a self-signed certificate (cert.pem) made by openssl.
std::pair<std::string, std::string> make_certificate(const testsupport::TempDir& dir,
                                                     const std::string& common_name, int days) {
    const std::string key = dir.file("key.pem");
    const std::string cert = dir.file("cert.pem");
    openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
             std::to_string(days), "-subj", "/CN=" + common_name});
    return {key, cert};
}

// "SHA1 Fingerprint=AB:CD:..." -> "ABCD..."
std::string fingerprint_hex(const std::string& line) {
    std::string hex;
    for (const char c : line.substr(line.find('=') + 1)) {
        if (std::isxdigit(static_cast<unsigned char>(c))) {
            hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return hex;
}

bool contains_text(const std::string& text, const std::string& needle) {
    INFO(text);
    return text.find(needle) != std::string::npos;
}

std::string utc(std::int64_t seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&time, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%SZ", &tm);
    return text;
}

} // namespace

TEST_CASE("RFC 7515 A.2: the example RS256 JWS verifies with the example key") {
    const std::string pem = public_key_pem(k_rfc7515_a2_n, k_rfc7515_a2_e);
    const Jwt jwt = decode_jwt(k_rfc7515_a2_token);
    CHECK(jwt.header.dump() == R"({"alg":"RS256"})");
    CHECK(jwt.claims.at("iss") == "joe");
    CHECK(jwt.claims.at("exp") == 1300819380);
    CHECK(jwt.claims.at("http://example.com/is_root") == true);
    CHECK(verify_jwt_signature(jwt, pem));
    // The key's JWK components come back as the RFC gives them.
    const auto [n, e] = rsa_jwk_components(pem);
    CHECK(n == k_rfc7515_a2_n);
    CHECK(e == k_rfc7515_a2_e);

    Jwt tampered = jwt;
    tampered.signature[10] = static_cast<char>(tampered.signature[10] ^ 1);
    CHECK_FALSE(verify_jwt_signature(tampered, pem));
    Jwt other_input = jwt;
    other_input.signing_input += "x";
    CHECK_FALSE(verify_jwt_signature(other_input, pem));
    Jwt none = jwt;
    none.header["alg"] = "none";
    CHECK_FALSE(verify_jwt_signature(none, pem));
}

TEST_CASE("a certificate made by openssl: subject, validity and thumbprints agree") {
    if (!have_openssl()) {
        return;
    }
    testsupport::TempDir dir;
    const auto [key, cert] = make_certificate(dir, "techpass vectors", 30);
    const Certificate parsed = parse_certificate(testsupport::read_file(cert));
    CHECK(parsed.subject == "CN=techpass vectors");
    CHECK(parsed.thumbprint() ==
          fingerprint_hex(openssl({"x509", "-in", cert, "-noout", "-fingerprint", "-sha1"})));
    CHECK(parsed.thumbprint_sha256() ==
          fingerprint_hex(openssl({"x509", "-in", cert, "-noout", "-fingerprint", "-sha256"})));
    CHECK("notBefore=" + utc(parsed.not_before) + "\n" ==
          openssl({"x509", "-in", cert, "-noout", "-startdate", "-dateopt", "iso_8601"}));
    CHECK("notAfter=" + utc(parsed.not_after) + "\n" ==
          openssl({"x509", "-in", cert, "-noout", "-enddate", "-dateopt", "iso_8601"}));
    CHECK(parsed.x5t() == base64url_encode(hex_decode(parsed.thumbprint()).value()));
    // The public key is the certificate's, as openssl extracts it.
    CHECK(parsed.public_key_pem == openssl({"x509", "-in", cert, "-noout", "-pubkey"}));
}

TEST_CASE("JWT signatures: techpass's verify openssl's, openssl verifies techpass's") {
    if (!have_openssl()) {
        return;
    }
    testsupport::TempDir dir;
    const auto [key, cert] = make_certificate(dir, "techpass signer", 1);
    const std::string public_key = dir.file("public.pem");
    dir.write("public.pem", openssl({"x509", "-in", cert, "-noout", "-pubkey"}));
    const nlohmann::json claims = {{"aud", "https://login.example/token"}, {"iss", "c"}};

    SUBCASE("RS256 signed by openssl") {
        const std::string input = base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + "." +
                                  base64url_encode(claims.dump());
        const std::string input_file = dir.write("input.txt", input);
        const std::string signature = dir.file("signature.bin");
        openssl({"dgst", "-sha256", "-sign", key, "-out", signature, input_file});
        const std::string token = input + "." + base64url_encode(testsupport::read_file(signature));
        CHECK(verify_jwt_signature(decode_jwt(token), testsupport::read_file(cert)));
    }
    for (const std::string alg : {"RS256", "PS256"}) {
        SUBCASE(("signed by techpass, verified by openssl: " + alg).c_str()) {
            const std::string token =
                sign_jwt({{"typ", "JWT"}}, claims, testsupport::read_file(key), alg);
            const Jwt jwt = decode_jwt(token);
            CHECK(jwt.header.at("alg") == alg);
            const std::string input_file = dir.write("input.txt", jwt.signing_input);
            const std::string signature = dir.write("signature.bin", jwt.signature);
            std::vector<std::string> args{"dgst",     "-sha256",    "-verify",
                                          public_key, "-signature", signature};
            if (alg == "PS256") {
                // RFC 7518 3.5: MGF1 with SHA-256 and a salt as long as the hash.
                args.insert(args.end(), {"-sigopt", "rsa_padding_mode:pss", "-sigopt",
                                         "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256"});
            }
            args.push_back(input_file);
            CHECK(openssl(args) == "Verified OK\n");
        }
    }
}

TEST_CASE("RFC 7515 A.2: rsa_public_key_pem makes the example key from its n and e") {
    const std::string pem = rsa_public_key_pem(k_rfc7515_a2_n, k_rfc7515_a2_e);
    CHECK(pem == public_key_pem(k_rfc7515_a2_n, k_rfc7515_a2_e));
    CHECK(verify_jwt_signature(decode_jwt(k_rfc7515_a2_token), pem));
    CHECK_THROWS(rsa_public_key_pem("not base64 !", k_rfc7515_a2_e));
    CHECK_THROWS(rsa_public_key_pem("", k_rfc7515_a2_e));
}

TEST_CASE("RFC 7636 appendix B: the S256 challenge of the example verifier") {
    CHECK(techpass::auth::s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
          "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("ID tokens signed by openssl: every check of verify_id_token") {
    if (!have_openssl()) {
        return;
    }
    testsupport::TempDir dir;
    // Named, not bound: lambdas below use it (clang 14 cannot capture bindings).
    const std::string key = make_certificate(dir, "directory signing key", 1).first;
    // The JWKS entry of the key, its modulus as openssl prints it.
    const std::string modulus_line = openssl({"rsa", "-in", key, "-noout", "-modulus"});
    std::string modulus;
    const std::string hex = modulus_line.substr(modulus_line.find('=') + 1);
    for (std::size_t i = 0; i + 1 < hex.size() && std::isxdigit(static_cast<unsigned char>(hex[i]));
         i += 2) {
        modulus += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    const nlohmann::json jwks = {
        {"keys",
         {{{"kty", "RSA"}, {"kid", "other"}, {"n", k_rfc7515_a2_n}, {"e", "AQAB"}},
          {{"kty", "RSA"}, {"kid", "k1"}, {"n", base64url_encode(modulus)}, {"e", "AQAB"}}}}};
    const auto now = std::chrono::system_clock::from_time_t(1'800'000'000);
    const nlohmann::json good = {{"iss", "https://login.example/dir/v2.0"},
                                 {"aud", "app-1"},
                                 {"nonce", "n-1"},
                                 {"iat", 1'800'000'000},
                                 {"nbf", 1'800'000'000},
                                 {"exp", 1'800'003'600},
                                 {"email", "mei.lim@tech.gov.sg"}};
    const auto signed_by_openssl = [&](const nlohmann::json& header, const nlohmann::json& claims) {
        const std::string input =
            base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
        const std::string input_file = dir.write("input.txt", input);
        const std::string signature = dir.file("signature.bin");
        openssl({"dgst", "-sha256", "-sign", key, "-out", signature, input_file});
        return input + "." + base64url_encode(testsupport::read_file(signature));
    };
    const nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "k1"}};
    const techpass::auth::IdTokenExpectations expected{"https://login.example/dir/v2.0", "app-1",
                                                       "n-1", now};
    const auto refusal = [&](const nlohmann::json& h, const nlohmann::json& claims) {
        try {
            techpass::auth::verify_id_token(signed_by_openssl(h, claims), jwks, expected);
        } catch (const techpass::Error& error) {
            CHECK(error.kind() == techpass::ErrorKind::Auth);
            return std::string(error.what());
        }
        return std::string("accepted");
    };

    CHECK(techpass::auth::verify_id_token(signed_by_openssl(header, good), jwks, expected)
              .at("email") == "mei.lim@tech.gov.sg");
    // aud may be a list that holds the client id; times within the leeway pass.
    nlohmann::json listed = good;
    listed["aud"] = {"other-app", "app-1"};
    CHECK(refusal(header, listed) == "accepted");
    nlohmann::json skewed = good;
    skewed["iat"] = 1'800'000'200;
    skewed["nbf"] = 1'800'000'200;
    CHECK(refusal(header, skewed) == "accepted");

    const auto with = [&good](const char* name, const nlohmann::json& value) {
        nlohmann::json claims = good;
        claims[name] = value;
        return claims;
    };
    CHECK(contains_text(refusal(header, with("iss", "https://evil.example/dir/v2.0")), "iss is"));
    CHECK(contains_text(refusal(header, with("aud", "app-2")), "aud is"));
    CHECK(contains_text(refusal(header, with("nonce", "n-2")), "nonce"));
    CHECK(contains_text(refusal(header, with("exp", 1'799'999'000)), "expired"));
    CHECK(contains_text(refusal(header, with("nbf", 1'800'001'000)), "not valid yet"));
    CHECK(contains_text(refusal(header, with("iat", 1'800'001'000)), "issued in the future"));
    nlohmann::json no_exp = good;
    no_exp.erase("exp");
    CHECK(contains_text(refusal(header, no_exp), "'exp'"));
    nlohmann::json other_kid = header;
    other_kid["kid"] = "other";
    CHECK(contains_text(refusal(other_kid, good), "signature does not verify"));
    other_kid["kid"] = "unknown";
    CHECK(contains_text(refusal(other_kid, good), "no signing key"));
    nlohmann::json hs256 = header;
    hs256["alg"] = "HS256";
    CHECK(contains_text(refusal(hs256, good), "not RS256"));

    // A token changed after signing.
    const std::string token = signed_by_openssl(header, good);
    const auto first_dot = token.find('.');
    const auto second_dot = token.find('.', first_dot + 1);
    const std::string forged = token.substr(0, first_dot + 1) +
                               base64url_encode(with("email", "boss@tech.gov.sg").dump()) +
                               token.substr(second_dot);
    CHECK_THROWS_AS(techpass::auth::verify_id_token(forged, jwks, expected), techpass::Error);
    CHECK_THROWS_AS(techpass::auth::verify_id_token("not.a.jwt", jwks, expected), techpass::Error);
}

} // namespace test_util_external_vectors
