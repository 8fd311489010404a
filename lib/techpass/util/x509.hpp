#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::util {

// A parsed X.509 certificate (PEM or DER input).
struct Certificate {
    std::string der;             // the DER encoding
    std::string subject;         // one-line subject, e.g. "CN=ship-automation"
    std::int64_t not_before = 0; // unix seconds
    std::int64_t not_after = 0;  // unix seconds
    std::string public_key_pem;  // SubjectPublicKeyInfo PEM

    // SHA-1 of the DER, upper-case hex (the portal's thumbprint).
    std::string thumbprint() const;
    // SHA-256 of the DER, upper-case hex.
    std::string thumbprint_sha256() const;
    // base64url (no padding) of SHA-1 / SHA-256 of the DER: JWT x5t / x5t#S256.
    std::string x5t() const;
    std::string x5t_s256() const;
    // The certificate as PEM (re-encoded from der).
    std::string pem() const;
};

// Parses the first certificate of a PEM text, or a DER blob; throws
// std::runtime_error with a readable reason when it is not a certificate.
Certificate parse_certificate(std::string_view pem_or_der);

// An RSA key pair with a self-signed certificate, for the emulator's token
// signing keys, its --tls certificate and tests. bits >= 2048.
struct KeyAndCertificate {
    std::string private_key_pem; // PKCS#8
    std::string certificate_pem;
};
KeyAndCertificate generate_self_signed(std::string_view common_name, int days, int bits = 2048,
                                       std::string_view dns_san = {}, std::string_view ip_san = {});

// A self-signed CA (basicConstraints CA:TRUE), for the emulator's --tls trust anchor.
KeyAndCertificate generate_ca(std::string_view common_name, int days, int bits = 2048);

// A TLS server certificate signed by ca, with the given subjectAltNames. Strict
// TLS clients refuse a CA certificate used as the server's own, hence two certs.
KeyAndCertificate issue_server_certificate(const KeyAndCertificate& ca,
                                           std::string_view common_name, int days,
                                           const std::vector<std::string>& dns_names,
                                           const std::vector<std::string>& ip_addresses,
                                           int bits = 2048);

} // namespace techpass::util
