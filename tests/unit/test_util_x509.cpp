#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/x509.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

namespace test_util_x509 {

using namespace techpass::util;

namespace {

// One key pair for the whole file: RSA generation is the slow part.
const KeyAndCertificate& test_pair() {
    static const KeyAndCertificate pair = generate_self_signed("ship-automation", 730);
    return pair;
}

} // namespace

TEST_CASE("generate_self_signed and parse_certificate") {
    const auto& pair = test_pair();
    CHECK(pair.private_key_pem.find("-----BEGIN PRIVATE KEY-----") == 0);
    CHECK(pair.certificate_pem.find("-----BEGIN CERTIFICATE-----") == 0);

    const Certificate cert = parse_certificate(pair.certificate_pem);
    CHECK(cert.subject == "CN=ship-automation");
    CHECK(cert.not_after - cert.not_before >= 730 * 86400);
    CHECK(cert.not_after - cert.not_before <= 730 * 86400 + 120);
    CHECK(cert.public_key_pem.find("-----BEGIN PUBLIC KEY-----") == 0);
    CHECK(cert.pem() == pair.certificate_pem);
}

TEST_CASE("Certificate thumbprints are digests of the DER") {
    const Certificate cert = parse_certificate(test_pair().certificate_pem);
    CHECK(cert.x5t() == base64url_encode(sha1(cert.der)));
    CHECK(cert.x5t_s256() == base64url_encode(sha256(cert.der)));
    CHECK(cert.thumbprint() == hex_upper(sha1(cert.der)));
    CHECK(cert.thumbprint().size() == 40);
    CHECK(cert.thumbprint_sha256() == hex_upper(sha256(cert.der)));
    CHECK(cert.x5t().find('=') == std::string::npos);
}

TEST_CASE("parse_certificate from DER and from an x5c value with newlines") {
    const Certificate cert = parse_certificate(test_pair().certificate_pem);
    CHECK(parse_certificate(cert.der).thumbprint() == cert.thumbprint());

    const std::string flat = base64_encode(cert.der);
    std::string x5c;
    for (std::size_t i = 0; i < flat.size(); i += 64) {
        x5c += flat.substr(i, 64) + "\r\n";
    }
    const auto der = base64_decode(x5c);
    REQUIRE(der.has_value());
    CHECK(parse_certificate(*der).x5t() == cert.x5t());
}

TEST_CASE("parse_certificate, errors") {
    CHECK_THROWS_WITH_AS(parse_certificate("hello"),
                         "not an X.509 certificate (expected PEM or DER)", std::runtime_error);
    CHECK_THROWS_AS(parse_certificate(test_pair().private_key_pem), std::runtime_error);
}

TEST_CASE("generate_ca and issue_server_certificate") {
    const KeyAndCertificate ca = generate_ca("techpass-emulator test CA", 30);
    const KeyAndCertificate server =
        issue_server_certificate(ca, "localhost", 30, {"localhost"}, {"127.0.0.1"});
    const Certificate ca_cert = parse_certificate(ca.certificate_pem);
    const Certificate server_cert = parse_certificate(server.certificate_pem);
    CHECK(ca_cert.subject == "CN=techpass-emulator test CA");
    CHECK(server_cert.subject == "CN=localhost");
    CHECK(server_cert.thumbprint() != ca_cert.thumbprint());
    CHECK_THROWS_AS(generate_self_signed("weak", 1, 1024), std::invalid_argument);
}

} // namespace test_util_x509
