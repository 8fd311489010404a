#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"

#include <doctest/doctest.h>

#include <set>

namespace test_util_crypto {

using namespace techpass::util;

TEST_CASE("sha1, FIPS 180 vectors") {
    CHECK(hex_lower(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(hex_lower(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(hex_lower(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST_CASE("sha256, FIPS 180 vectors") {
    CHECK(hex_lower(sha256("")) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex_lower(sha256("abc")) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("hmac_sha256, RFC 4231 vectors") {
    SUBCASE("test case 1") {
        CHECK(hex_lower(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }
    SUBCASE("test case 2: key shorter than the output") {
        CHECK(hex_lower(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
    SUBCASE("test case 3") {
        CHECK(hex_lower(hmac_sha256(std::string(20, '\xaa'), std::string(50, '\xdd'))) ==
              "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    }
    SUBCASE("test case 6: key larger than the block size") {
        CHECK(hex_lower(hmac_sha256(std::string(131, '\xaa'),
                                    "Test Using Larger Than Block-Size Key - Hash Key First")) ==
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
    SUBCASE("empty key") {
        CHECK(hex_lower(hmac_sha256("", "")) ==
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }
}

TEST_CASE("random_bytes, uuid_v4 and random_token") {
    CHECK(random_bytes(0).empty());
    CHECK(random_bytes(32).size() == 32);
    CHECK(random_bytes(16) != random_bytes(16));

    const std::string id = uuid_v4();
    REQUIRE(id.size() == 36);
    CHECK(id[8] == '-');
    CHECK(id[13] == '-');
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    CHECK(id.find_first_not_of("0123456789abcdef-") == std::string::npos);

    std::set<char> seen;
    const std::string token = random_token(400);
    CHECK(token.size() == 400);
    for (const char c : token) {
        CHECK(((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')));
        seen.insert(c);
    }
    CHECK(seen.size() > 40);
}

TEST_CASE("constant_time_equal") {
    CHECK(constant_time_equal("", ""));
    CHECK(constant_time_equal("secret", "secret"));
    CHECK_FALSE(constant_time_equal("secret", "secreT"));
    CHECK_FALSE(constant_time_equal("secret", "secrets"));
}

} // namespace test_util_crypto
