#pragma once

// Owning handles for OpenSSL objects and the two readers that the JWT and
// X.509 code share. Internal to lib/techpass/util: include it from .cpp files
// only, so that OpenSSL's headers stay out of everyone else's.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string_view>

namespace techpass::util::openssl {

struct BioFree {
    void operator()(BIO* p) const { BIO_free(p); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BnFree {
    void operator()(BIGNUM* p) const { BN_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

// A read-only memory BIO over data (which must outlive it); throws when out of memory.
BioPtr memory_bio(std::string_view data);

// The private key of a PEM text (PKCS#8 or traditional); throws std::runtime_error.
PkeyPtr read_private_key(std::string_view pem);

} // namespace techpass::util::openssl
