#include "techpass/util/jwt.hpp"

#include "techpass/util/encoding.hpp"
#include "techpass/util/openssl.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

namespace techpass::util {

namespace {

using namespace openssl;

// A public key from a PEM public key or the public key of a PEM certificate.
PkeyPtr read_public_key(std::string_view pem) {
    if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
        auto bio = memory_bio(pem);
        X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        if (cert == nullptr) {
            throw std::runtime_error("not a PEM certificate");
        }
        PkeyPtr key(X509_get_pubkey(cert));
        X509_free(cert);
        if (!key) {
            throw std::runtime_error("certificate has no readable public key");
        }
        return key;
    }
    auto bio = memory_bio(pem);
    PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        throw std::runtime_error("not a PEM public key or certificate");
    }
    return key;
}

// PS256 uses PSS padding with MGF1-SHA256 and a salt as long as the digest
// (RFC 7518 section 3.5); on verification any salt length is accepted.
void configure_padding(EVP_PKEY_CTX* ctx, bool pss, bool signing) {
    if (!pss) {
        return;
    }
    if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, signing ? RSA_PSS_SALTLEN_DIGEST
                                                      : RSA_PSS_SALTLEN_AUTO) <= 0 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) <= 0) {
        throw std::runtime_error("cannot configure RSA-PSS");
    }
}

nlohmann::json decode_part(std::string_view part, const char* what) {
    auto bytes = base64_decode(part);
    if (!bytes || part.find_first_of("+/=") != std::string_view::npos) {
        throw std::runtime_error(std::string(what) + " is not base64url");
    }
    auto json = nlohmann::json::parse(*bytes, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        throw std::runtime_error(std::string(what) + " is not a JSON object");
    }
    return json;
}

std::string base64url_of_bignum(EVP_PKEY* key, const char* param) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) {
        throw std::runtime_error("not an RSA key");
    }
    BnPtr bn(raw);
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
    BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
    return base64url_encode(bytes);
}

} // namespace

Jwt decode_jwt(std::string_view token) {
    const std::size_t first = token.find('.');
    const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
        throw std::runtime_error("not three parts separated by dots");
    }
    Jwt jwt;
    jwt.header = decode_part(token.substr(0, first), "header");
    jwt.claims = decode_part(token.substr(first + 1, second - first - 1), "claims");
    jwt.signing_input = std::string(token.substr(0, second));
    const std::string_view signature = token.substr(second + 1);
    auto bytes = base64_decode(signature);
    if (!bytes || signature.find_first_of("+/=") != std::string_view::npos) {
        throw std::runtime_error("signature is not base64url");
    }
    jwt.signature = std::move(*bytes);
    return jwt;
}

std::string sign_jwt(nlohmann::json header, const nlohmann::json& claims,
                     std::string_view private_key_pem, std::string_view alg) {
    if (alg != "RS256" && alg != "PS256") {
        throw std::invalid_argument("unsupported JWT algorithm " + std::string(alg));
    }
    header["alg"] = std::string(alg);
    if (!header.contains("typ")) {
        header["typ"] = "JWT";
    }
    const std::string input =
        base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
    auto key = read_private_key(private_key_pem);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key.get()) != 1) {
        throw std::runtime_error("cannot sign with this key");
    }
    configure_padding(pctx, alg == "PS256", true);
    std::size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) != 1) {
        throw std::runtime_error("signing failed");
    }
    std::string signature(length, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                       input.size()) != 1) {
        throw std::runtime_error("signing failed");
    }
    signature.resize(length);
    return input + "." + base64url_encode(signature);
}

bool verify_jwt_signature(const Jwt& jwt, std::string_view public_key_or_certificate_pem) {
    const auto alg_it = jwt.header.find("alg");
    if (alg_it == jwt.header.end() || !alg_it->is_string()) {
        return false;
    }
    const auto alg = alg_it->get<std::string>();
    if (alg != "RS256" && alg != "PS256") {
        return false; // "none", HS256 (key confusion) and everything else
    }
    PkeyPtr key;
    try {
        key = read_public_key(public_key_or_certificate_pem);
    } catch (const std::runtime_error&) {
        return false;
    }
    if (EVP_PKEY_is_a(key.get(), "RSA") != 1) {
        return false;
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key.get()) != 1) {
        return false;
    }
    configure_padding(pctx, alg == "PS256", false);
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(jwt.signature.data()),
                            jwt.signature.size(),
                            reinterpret_cast<const unsigned char*>(jwt.signing_input.data()),
                            jwt.signing_input.size()) == 1;
}

std::pair<std::string, std::string>
rsa_jwk_components(std::string_view public_key_or_certificate_pem) {
    auto key = read_public_key(public_key_or_certificate_pem);
    return {base64url_of_bignum(key.get(), OSSL_PKEY_PARAM_RSA_N),
            base64url_of_bignum(key.get(), OSSL_PKEY_PARAM_RSA_E)};
}

std::string rsa_public_key_pem(std::string_view n, std::string_view e) {
    const auto n_bytes = base64_decode(n);
    const auto e_bytes = base64_decode(e);
    if (!n_bytes || !e_bytes || n_bytes->empty() || e_bytes->empty()) {
        throw std::runtime_error("the key's n or e is not base64url");
    }
    const auto bignum = [](const std::string& bytes) {
        BnPtr value(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                              static_cast<int>(bytes.size()), nullptr));
        if (!value) {
            throw std::runtime_error("out of memory");
        }
        return value;
    };
    const BnPtr modulus = bignum(*n_bytes);
    const BnPtr exponent = bignum(*e_bytes);
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(),
                                                                          OSSL_PARAM_BLD_free);
    if (!build || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
        throw std::runtime_error("out of memory");
    }
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
        OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* raw = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        throw std::runtime_error("not an RSA public key");
    }
    const PkeyPtr key(raw);
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
        throw std::runtime_error("cannot write the public key");
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace techpass::util
