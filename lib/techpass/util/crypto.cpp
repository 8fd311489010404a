// SHA-256 is computed with OpenSSL's low-level functions, deprecated in
// OpenSSL 3 in favour of EVP but kept for this use: EVP's first digest builds
// OpenSSL's table of algorithm names, about a millisecond, which is a tenth
// of a whole `techpass groups list` that hashes its credentials but
// otherwise needs nothing of OpenSSL over plain HTTP.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "techpass/util/crypto.hpp"

#include "techpass/util/encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>

namespace techpass::util {

namespace {

std::string digest(const EVP_MD* md, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out, &length, md, nullptr) != 1) {
        throw std::runtime_error("digest failed");
    }
    return {reinterpret_cast<const char*>(out), length};
}

} // namespace

std::string sha1(std::string_view data) {
    return digest(EVP_sha1(), data);
}

std::string sha256(std::string_view data) {
    SHA256_CTX context;
    unsigned char out[SHA256_DIGEST_LENGTH];
    if (SHA256_Init(&context) != 1 || SHA256_Update(&context, data.data(), data.size()) != 1 ||
        SHA256_Final(out, &context) != 1) {
        throw std::runtime_error("digest failed");
    }
    return {reinterpret_cast<const char*>(out), sizeof out};
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t length = 0;
    // EVP_Q_mac wants a non-null key pointer even for an empty key.
    static const unsigned char empty = 0;
    const void* key_data = key.empty() ? &empty : static_cast<const void*>(key.data());
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key_data, key.size(),
                  reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, sizeof out,
                  &length) == nullptr) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    return {reinterpret_cast<const char*>(out), length};
}

std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    if (n > 0 &&
        RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
        throw std::runtime_error("the system random generator failed");
    }
    return out;
}

std::string uuid_v4() {
    std::string b = random_bytes(16);
    b[6] = static_cast<char>((static_cast<unsigned char>(b[6]) & 0x0F) | 0x40);
    b[8] = static_cast<char>((static_cast<unsigned char>(b[8]) & 0x3F) | 0x80);
    const std::string h = hex_lower(b);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string random_token(std::size_t n) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    out.reserve(n);
    while (out.size() < n) {
        for (const char c : random_bytes(n)) {
            // Rejection sampling keeps every character equally likely: 248 = 4 * 62.
            const auto b = static_cast<unsigned char>(c);
            if (b < 248 && out.size() < n) {
                out += alphabet[b % alphabet.size()];
            }
        }
    }
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sha256_hex(std::string_view data) {
    return hex_lower(sha256(data));
}

} // namespace techpass::util
