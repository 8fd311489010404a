#include "techpass/bulk/jsonl_reader.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace test_bulk_jsonl_reader {

using techpass::Error;
using techpass::bulk::JsonLinesReader;
using techpass::bulk::JsonRecord;

namespace {

std::string error_of(const std::string& text) {
    std::istringstream in(text);
    JsonLinesReader reader(in, "v.jsonl");
    JsonRecord record;
    try {
        while (reader.next(record)) {
        }
    } catch (const Error& e) {
        CHECK(e.kind() == techpass::ErrorKind::Usage);
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("bulk: JsonLinesReader, objects, blank lines, BOM and CRLF") {
    std::istringstream in(
        "\xEF\xBB\xBF{\"email\":\"a@b.sg\"}\r\n\n   \n{\"email\":\"c@d.sg\",\"seed\":true}");
    JsonLinesReader reader(in, "v.jsonl");
    JsonRecord record;
    REQUIRE(reader.next(record));
    CHECK(record.object.at("email").get<std::string>() == "a@b.sg");
    CHECK(record.line == 1);
    CHECK(record.row == 1);
    REQUIRE(reader.next(record));
    CHECK(record.object.at("seed").get<bool>());
    CHECK(record.line == 4);
    CHECK(record.row == 2);
    CHECK_FALSE(reader.next(record));
}

TEST_CASE("bulk: JsonLinesReader, errors name the line and the row") {
    CHECK(error_of("{\"a\":1}\n\n{\"a\":\n") == "v.jsonl:3: row 2: not valid JSON (at column 6)");
    CHECK(error_of("[1,2]\n") == "v.jsonl:1: row 1: expected a JSON object, got array");
    CHECK(error_of("\"text\"\n") == "v.jsonl:1: row 1: expected a JSON object, got string");
    CHECK(error_of("{\"a\":1} {\"b\":2}\n").starts_with("v.jsonl:1: row 1: not valid JSON"));
    CHECK(error_of("{\"name\":\"T\xE9o\"}\n") ==
          "v.jsonl:1: row 1: not valid UTF-8 (byte 0xE9 at column 11)");
    CHECK(error_of("{}\n{}\n") == "no error");
}

// Found by fuzz_jsonl: a number a double cannot hold escaped the reader as
// nlohmann's out_of_range, and an import ended as an unexpected error (exit 1)
// instead of naming the line (exit 2).
TEST_CASE("bulk: JsonLinesReader, a number too large is an error naming the line") {
    CHECK(error_of("{\"email\":\"a@b.sg\"}\n4444E44444\n") ==
          "v.jsonl:2: row 2: not valid JSON (a number too large to read)");
    CHECK(error_of("{\"email\":\"a@b.sg\",\"n\":1E400}\n") ==
          "v.jsonl:1: row 1: not valid JSON (a number too large to read)");
}

} // namespace test_bulk_jsonl_reader
