#include "techpass/util/openssl.hpp"

#include <openssl/pem.h>

#include <stdexcept>

namespace techpass::util::openssl {

BioPtr memory_bio(std::string_view data) {
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    if (!bio) {
        throw std::runtime_error("out of memory");
    }
    return bio;
}

PkeyPtr read_private_key(std::string_view pem) {
    auto bio = memory_bio(pem);
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        throw std::runtime_error("not a PEM private key");
    }
    return key;
}

} // namespace techpass::util::openssl
