#include "techpass/util/x509.hpp"

#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/openssl.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <stdexcept>

namespace techpass::util {

namespace {

using namespace openssl;

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return {data, static_cast<std::size_t>(length)};
}

std::int64_t to_unix(const ASN1_TIME* time) {
    std::tm tm{};
    if (ASN1_TIME_to_tm(time, &tm) != 1) {
        throw std::runtime_error("certificate has an invalid validity time");
    }
    return static_cast<std::int64_t>(timegm(&tm));
}

PkeyPtr generate_rsa(int bits) {
    if (bits < 2048) {
        throw std::invalid_argument("RSA keys must have at least 2048 bits");
    }
    PkeyPtr key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
    if (!key) {
        throw std::runtime_error("RSA key generation failed");
    }
    return key;
}

std::string private_key_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        throw std::runtime_error("cannot write the private key");
    }
    return bio_text(bio.get());
}

std::string certificate_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
        throw std::runtime_error("cannot write the certificate");
    }
    return bio_text(bio.get());
}

X509Ptr read_certificate(std::string_view pem_or_der) {
    X509Ptr cert;
    if (pem_or_der.find("-----BEGIN") != std::string_view::npos) {
        auto bio = memory_bio(pem_or_der);
        cert.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    } else {
        const auto* p = reinterpret_cast<const unsigned char*>(pem_or_der.data());
        cert.reset(d2i_X509(nullptr, &p, static_cast<long>(pem_or_der.size())));
    }
    if (!cert) {
        throw std::runtime_error("not an X.509 certificate (expected PEM or DER)");
    }
    return cert;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (ext == nullptr) {
        throw std::runtime_error("cannot build certificate extension " + value);
    }
    const int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    if (ok != 1) {
        throw std::runtime_error("cannot add certificate extension " + value);
    }
}

// An unsigned certificate for key, issued by issuer (self-issued when null).
X509Ptr build_certificate(EVP_PKEY* key, std::string_view common_name, int days, X509* issuer) {
    X509Ptr cert(X509_new());
    if (!cert) {
        throw std::runtime_error("out of memory");
    }
    X509_set_version(cert.get(), 2);
    // A random positive 63-bit serial keeps re-generated certificates distinct.
    const std::string serial_bytes = random_bytes(8);
    std::uint64_t serial = 0;
    for (const char c : serial_bytes) {
        serial = (serial << 8) | static_cast<unsigned char>(c);
    }
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial >> 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 86400);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    const std::string cn(common_name);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    add_extension(cert.get(), issuer ? issuer : cert.get(), NID_subject_key_identifier, "hash");
    add_extension(cert.get(), issuer ? issuer : cert.get(), NID_authority_key_identifier,
                  "keyid:always");
    return cert;
}

void sign_certificate(X509* cert, EVP_PKEY* key) {
    if (X509_sign(cert, key, EVP_sha256()) <= 0) {
        throw std::runtime_error("cannot sign the certificate");
    }
}

std::string san_value(const std::vector<std::string>& dns, const std::vector<std::string>& ips) {
    std::string value;
    for (const auto& d : dns) {
        value += (value.empty() ? "DNS:" : ",DNS:") + d;
    }
    for (const auto& ip : ips) {
        value += (value.empty() ? "IP:" : ",IP:") + ip;
    }
    return value;
}

} // namespace

std::string Certificate::thumbprint() const {
    return hex_upper(sha1(der));
}

std::string Certificate::thumbprint_sha256() const {
    return hex_upper(sha256(der));
}

std::string Certificate::x5t() const {
    return base64url_encode(sha1(der));
}

std::string Certificate::x5t_s256() const {
    return base64url_encode(sha256(der));
}

std::string Certificate::pem() const {
    auto cert = read_certificate(der);
    return certificate_pem(cert.get());
}

Certificate parse_certificate(std::string_view pem_or_der) {
    const X509Ptr cert = read_certificate(pem_or_der);
    Certificate out;
    unsigned char* der = nullptr;
    const int der_length = i2d_X509(cert.get(), &der);
    if (der_length <= 0) {
        throw std::runtime_error("cannot encode the certificate");
    }
    out.der.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(der_length));
    OPENSSL_free(der);

    BioPtr subject(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(subject.get(), X509_get_subject_name(cert.get()), 0, XN_FLAG_RFC2253);
    out.subject = bio_text(subject.get());
    out.not_before = to_unix(X509_get0_notBefore(cert.get()));
    out.not_after = to_unix(X509_get0_notAfter(cert.get()));

    EVP_PKEY* key = X509_get0_pubkey(cert.get());
    BioPtr public_key(BIO_new(BIO_s_mem()));
    if (key == nullptr || PEM_write_bio_PUBKEY(public_key.get(), key) != 1) {
        throw std::runtime_error("certificate has no readable public key");
    }
    out.public_key_pem = bio_text(public_key.get());
    return out;
}

KeyAndCertificate generate_self_signed(std::string_view common_name, int days, int bits,
                                       std::string_view dns_san, std::string_view ip_san) {
    auto key = generate_rsa(bits);
    auto cert = build_certificate(key.get(), common_name, days, nullptr);
    add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), cert.get(), NID_key_usage, "critical,digitalSignature");
    std::vector<std::string> dns;
    std::vector<std::string> ips;
    if (!dns_san.empty()) {
        dns.emplace_back(dns_san);
    }
    if (!ip_san.empty()) {
        ips.emplace_back(ip_san);
    }
    if (!dns.empty() || !ips.empty()) {
        add_extension(cert.get(), cert.get(), NID_subject_alt_name, san_value(dns, ips));
    }
    sign_certificate(cert.get(), key.get());
    return {private_key_pem(key.get()), certificate_pem(cert.get())};
}

KeyAndCertificate generate_ca(std::string_view common_name, int days, int bits) {
    auto key = generate_rsa(bits);
    auto cert = build_certificate(key.get(), common_name, days, nullptr);
    add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_extension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    sign_certificate(cert.get(), key.get());
    return {private_key_pem(key.get()), certificate_pem(cert.get())};
}

KeyAndCertificate issue_server_certificate(const KeyAndCertificate& ca,
                                           std::string_view common_name, int days,
                                           const std::vector<std::string>& dns_names,
                                           const std::vector<std::string>& ip_addresses, int bits) {
    auto ca_key = read_private_key(ca.private_key_pem);
    auto ca_cert = read_certificate(ca.certificate_pem);
    auto key = generate_rsa(bits);
    auto cert = build_certificate(key.get(), common_name, days, ca_cert.get());
    add_extension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), ca_cert.get(), NID_key_usage,
                  "critical,digitalSignature,keyEncipherment");
    add_extension(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth");
    if (!dns_names.empty() || !ip_addresses.empty()) {
        add_extension(cert.get(), ca_cert.get(), NID_subject_alt_name,
                      san_value(dns_names, ip_addresses));
    }
    sign_certificate(cert.get(), ca_key.get());
    return {private_key_pem(key.get()), certificate_pem(cert.get())};
}

} // namespace techpass::util
