#include "techpass/util/encoding.hpp"
#include "techpass/util/text.hpp"

#include <doctest/doctest.h>

namespace test_util_encoding {

using namespace techpass::util;

TEST_CASE("base64_encode, RFC 4648 section 10 vectors") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foob") == "Zm9vYg==");
    CHECK(base64_encode("fooba") == "Zm9vYmE=");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64url_encode, no padding and url-safe alphabet") {
    CHECK(base64url_encode("f") == "Zg");
    CHECK(base64url_encode("fo") == "Zm8");
    CHECK(base64url_encode("foobar") == "Zm9vYmFy");
    CHECK(base64url_encode(std::string("\xfb\xff\xbf", 3)) == "-_-_");
    CHECK(base64_encode(std::string("\xfb\xff\xbf", 3)) == "+/+/");
}

TEST_CASE("base64_decode") {
    SUBCASE("RFC 4648 vectors, padded and unpadded") {
        for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
            CHECK(base64_decode(base64_encode(s)) == s);
            CHECK(base64_decode(base64url_encode(s)) == s);
        }
    }
    SUBCASE("both alphabets") {
        CHECK(base64_decode("-_-_") == std::string("\xfb\xff\xbf", 3));
        CHECK(base64_decode("+/+/") == std::string("\xfb\xff\xbf", 3));
    }
    SUBCASE("white space is ignored, as in x5c values with newlines") {
        CHECK(base64_decode("Zm9v\nYmFy\r\n") == "foobar");
        CHECK(base64_decode(" Zm9vYg = = ") == "foob");
    }
    SUBCASE("malformed input") {
        CHECK_FALSE(base64_decode("Zm9v!").has_value());
        CHECK_FALSE(base64_decode("Z").has_value());
        CHECK_FALSE(base64_decode("Zg=").has_value());
        CHECK_FALSE(base64_decode("Zg===").has_value());
        CHECK_FALSE(base64_decode("Zg==Zg==").has_value());
    }
}

TEST_CASE("hex") {
    CHECK(hex_lower(std::string("\x00\x7f\xab", 3)) == "007fab");
    CHECK(hex_upper(std::string("\x00\x7f\xab", 3)) == "007FAB");
    CHECK(hex_decode("007fAB") == std::string("\x00\x7f\xab", 3));
    CHECK_FALSE(hex_decode("abc").has_value());
    CHECK_FALSE(hex_decode("zz").has_value());
}

TEST_CASE("url_encode and url_decode") {
    CHECK(url_encode("a b&c=d/é~") == "a%20b%26c%3Dd%2F%C3%A9~");
    CHECK(url_decode("a%20b%26c%3Dd%2F%C3%A9~") == "a b&c=d/é~");
    CHECK(url_decode("a+b") == "a+b");
    CHECK(url_decode("a+b", true) == "a b");
    CHECK(url_decode("100%") == "100%");
    CHECK(url_decode("%zz%4") == "%zz%4");
}

TEST_CASE("quoted: short values whole, long ones cut with their length") {
    // Qualified: std::quoted (<iomanip>) would be found for a std::string by ADL.
    CHECK(techpass::util::quoted("billing") == "\"billing\"");
    CHECK(techpass::util::quoted(std::string(60, 'x')) == "\"" + std::string(60, 'x') + "\"");
    CHECK(techpass::util::quoted(std::string(10240, 'x')) ==
          "\"" + std::string(60, 'x') + "\u2026\" (10240 characters)");
    // Characters, not bytes: a multi-byte character is never cut in two.
    CHECK(techpass::util::quoted("\u00e9\u00e9\u00e9", 2) ==
          "\"\u00e9\u00e9\u2026\" (3 characters)");
}

TEST_CASE("printable: control characters from the portal are escaped") {
    using techpass::util::printable;
    CHECK(printable("plain caf\u00e9") == "plain caf\u00e9");
    CHECK(printable("\x1b]0;owned\x07red\x1b[31m") == "\\x1b]0;owned\\x07red\\x1b[31m");
    CHECK(printable("a\tb\nc\rd\x7f") == "a\\tb\\nc\\rd\\x7f");
    CHECK(printable("\u009b31m") == "\\u009b31m"); // C1 CSI, as UTF-8
    CHECK(printable("two\nlines\x1b", true) == "two\nlines\\x1b");
}

TEST_CASE("util: RFC 3339 date-times are read, other text is not") {
    using namespace std::chrono;
    const auto at = [](std::string_view text) {
        return techpass::util::parse_rfc3339(text);
    };
    const sys_seconds noon = sys_days{2026y / December / 3} + 12h;
    CHECK(at("2026-12-03T12:00:00Z") == noon);
    CHECK(at("2026-12-03t12:00:00z") == noon);
    CHECK(at("2026-12-03T20:00:00+08:00") == noon);
    CHECK(at("2026-12-03T09:30:00-02:30") == noon);
    CHECK(at("2026-12-03T12:00:00.250Z") == noon);
    CHECK(techpass::util::rfc3339(*at("2028-02-29T00:00:00Z")) == "2028-02-29T00:00:00Z");
    for (const char* bad :
         {"2026-12-03", "2026-12-03T12:00:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
          "2026-12-03T24:00:00Z", "2026-12-03 12:00:00Z", "2026-12-03T12:00:00.Z",
          "2026-12-03T12:00:00+0800", "", "tomorrow", "2026-12-03T12:00:00Zjunk"}) {
        CAPTURE(bad);
        CHECK_FALSE(at(bad).has_value());
    }
}

// Found by fuzz_tenant_file: a year the system clock cannot hold (its
// nanoseconds overflow 64 bits after 2262) was converted with signed overflow,
// undefined behaviour that UBSan reports.
TEST_CASE("util: RFC 3339 times beyond what the system clock holds are refused") {
    CHECK_FALSE(techpass::util::parse_rfc3339("4060-03-01T00:00:00Z"));
    CHECK_FALSE(techpass::util::parse_rfc3339("9999-12-31T23:59:59Z"));
    CHECK_FALSE(techpass::util::parse_rfc3339("0001-01-01T00:00:00Z"));
    CHECK(techpass::util::parse_rfc3339("2261-12-31T23:59:59Z"));
    CHECK(techpass::util::parse_rfc3339("1700-01-01T00:00:00+08:00"));
}

} // namespace test_util_encoding
