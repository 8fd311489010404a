#include "techpass/bulk/csv_reader.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <sstream>
#include <streambuf>

namespace test_bulk_csv_reader {

// Sanitizers slow the reader down and keep freed memory in quarantine, so the
// time and memory bounds apply to normal builds only.
#if defined(__SANITIZE_ADDRESS__)
#define BULK_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BULK_SANITIZED 1
#endif
#endif
#ifndef BULK_SANITIZED
#define BULK_SANITIZED 0
#endif

using techpass::Error;
using techpass::bulk::CsvReader;
using techpass::bulk::CsvRecord;

namespace {

using Records = std::vector<std::vector<std::string>>;

Records read_all(const std::string& text, bool has_header = false) {
    std::istringstream in(text);
    CsvReader reader(in, "t.csv", has_header);
    CsvRecord record;
    Records out;
    while (reader.next(record)) {
        out.push_back(record.fields);
    }
    return out;
}

std::string error_of(const std::string& text) {
    try {
        read_all(text, true);
    } catch (const Error& e) {
        CHECK(e.kind() == techpass::ErrorKind::Usage);
        return e.what();
    }
    return "no error";
}

// Generates a header and n data rows on demand, so that a huge CSV flows
// through the reader without ever existing in memory.
class GeneratedCsv : public std::streambuf {
public:
    explicit GeneratedCsv(std::size_t rows) : m_rows(rows) {
        m_chunk = "email,first_name,mobile\r\n";
    }

protected:
    int_type underflow() override {
        if (gptr() != nullptr && gptr() < egptr()) {
            return traits_type::to_int_type(*gptr());
        }
        if (m_chunk.empty()) {
            while (m_next <= m_rows && m_chunk.size() < 8192) {
                m_chunk += fmt::format("person{}@acme.com.sg,\"Tan, Wei \"\"{}\"\"\",9{:07}\n",
                                       m_next, m_next, m_next);
                ++m_next;
            }
            if (m_chunk.empty()) {
                return traits_type::eof();
            }
        }
        m_current.swap(m_chunk);
        m_chunk.clear();
        setg(m_current.data(), m_current.data(), m_current.data() + m_current.size());
        return traits_type::to_int_type(*gptr());
    }

private:
    std::size_t m_rows;
    std::size_t m_next = 1;
    std::string m_chunk;
    std::string m_current;
};

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

TEST_CASE("bulk: CsvReader, plain records") {
    CHECK(read_all("a,b,c\n1,2,3\n") == Records{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(read_all("a,b,c") == Records{{"a", "b", "c"}});
    CHECK(read_all("") == Records{});
}

TEST_CASE("bulk: CsvReader, empty fields") {
    CHECK(read_all("a,,c\n,b,\n") == Records{{"a", "", "c"}, {"", "b", ""}});
    CHECK(read_all("\"\",x\n") == Records{{"", "x"}});
}

TEST_CASE("bulk: CsvReader, BOM, CRLF, LF, lone CR, mixed") {
    CHECK(read_all("\xEF\xBB\xBF"
                   "email,name\r\nx@a.sg,Tan\r\n") ==
          Records{{"email", "name"}, {"x@a.sg", "Tan"}});
    CHECK(read_all("a,b\r\nc,d\ne,f\rg,h") ==
          Records{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}});
    SUBCASE("a BOM only at the very start is removed") {
        CHECK(read_all("a\n\xEF\xBB\xBF"
                       "b\n") == Records{{"a"},
                                         {"\xEF\xBB\xBF"
                                          "b"}});
    }
}

TEST_CASE("bulk: CsvReader, quoted fields") {
    CHECK(read_all("\"Tan, Wei Ling\",\"say \"\"hi\"\"\"\n") ==
          Records{{"Tan, Wei Ling", "say \"hi\""}});
    CHECK(read_all("\"line one\nline two\",x\r\n\"crlf\r\ninside\",y\n") ==
          Records{{"line one\nline two", "x"}, {"crlf\r\ninside", "y"}});
    CHECK(read_all("\"\"\"\"\n") == Records{{"\""}});
}

TEST_CASE("bulk: CsvReader, blank records are skipped and not counted") {
    std::istringstream in("h1,h2\n\na,b\r\n,\n\r\nc,d\n\n\n");
    CsvReader reader(in, "t.csv");
    CsvRecord record;
    REQUIRE(reader.next(record));
    CHECK(record.row == 0);
    REQUIRE(reader.next(record));
    CHECK(record.fields == std::vector<std::string>{"a", "b"});
    CHECK(record.row == 1);
    CHECK(record.line == 3);
    REQUIRE(reader.next(record));
    CHECK(record.fields == std::vector<std::string>{"c", "d"});
    CHECK(record.row == 2);
    CHECK(record.line == 6);
    CHECK_FALSE(reader.next(record));
    CHECK_FALSE(reader.next(record));
}

TEST_CASE("bulk: CsvReader, physical lines count embedded line breaks") {
    std::istringstream in("h\n\"a\nb\r\nc\rd\"\nnext\n");
    CsvReader reader(in, "t.csv");
    CsvRecord record;
    REQUIRE(reader.next(record));
    REQUIRE(reader.next(record));
    CHECK(record.line == 2);
    REQUIRE(reader.next(record));
    CHECK(record.fields[0] == "next");
    CHECK(record.line == 6);
    CHECK(record.row == 2);
}

TEST_CASE("bulk: CsvReader, errors name the line and the row") {
    CHECK(error_of("h\nok\n\"never closed,\nmore\n") ==
          "t.csv:3: row 2: the quote that opens field 1 is never closed");
    CHECK(error_of("a,b\nx,y\"z\n") ==
          "t.csv:2: row 1: a quote inside unquoted field 2: quote the whole field and double the "
          "quotes inside it");
    CHECK(error_of("a,b\n\"x\"y,z\n") ==
          "t.csv:2: row 1: unexpected text after the closing quote of field 1");
    CHECK(error_of("a,\"b\nc\"d\n") ==
          "t.csv:2: header: unexpected text after the closing quote of field 2");
    CHECK(error_of("h\nok\nT\xE9o,x\n") == "t.csv:3: row 2: field 1 is not valid UTF-8 (byte 0xE9 "
                                           "at offset 1); save the file as CSV UTF-8");
    CHECK(error_of("h\n\xC0\xAF\n").find("not valid UTF-8") != std::string::npos);     // overlong
    CHECK(error_of("h\n\xED\xA0\x80\n").find("not valid UTF-8") != std::string::npos); // surrogate
    CHECK(read_all("\xE6\x9D\x8E,\xF0\x9F\x98\x80\n") == Records{{"李", "😀"}});
    SUBCASE("the hint says nothing was sent") {
        try {
            read_all("\"", true);
            FAIL("no error");
        } catch (const Error& e) {
            CHECK(e.hint() == "fix the file and run the import again; nothing was sent");
        }
    }
}

TEST_CASE("bulk: CsvReader, very long fields cross chunk boundaries") {
    const std::string big(300 * 1024, 'x');
    const std::string quoted =
        std::string(200 * 1024, 'q') + "\"\"," + std::string(100 * 1024, 'r');
    const Records records = read_all(big + ",\"" + quoted + "\"\nend\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0][0] == big);
    CHECK(records[0][1] == std::string(200 * 1024, 'q') + "\"," + std::string(100 * 1024, 'r'));
    CHECK(records[1] == std::vector<std::string>{"end"});
    SUBCASE("but a record over 1 MiB is refused, pointing at a quote left open") {
        CHECK(error_of("h\n\"" + std::string(2 << 20, 'x')) ==
              "t.csv:2: row 1: the record is longer than 1 MiB; is a quote left open?");
    }
}

TEST_CASE("bulk: CsvReader, CRLF split across chunks") {
    // Put the CR as the last byte of the first 64 KiB chunk.
    const std::string first(64 * 1024 - 1, 'a');
    const Records records =
        read_all(first + "\r\nb\r\n\"" + std::string(64 * 1024, 'c') + "\r\nd\"\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0][0] == first);
    CHECK(records[1][0] == "b");
    CHECK(records[2][0] == std::string(64 * 1024, 'c') + "\r\nd");
}

TEST_CASE("bulk: CsvReader streams a 100,000-row file in flat memory") {
    constexpr std::size_t k_rows = 100'000;
    GeneratedCsv generated(k_rows);
    std::istream in(&generated);
    CsvReader reader(in, "big.csv");
    CsvRecord record;
    const long rss_before = peak_rss_kib();
    const std::clock_t cpu_before = std::clock();
    std::size_t rows = 0;
    std::size_t bytes = 0;
    bool numbered = true;
    REQUIRE(reader.next(record)); // header
    while (reader.next(record)) {
        ++rows;
        bytes += record.fields[0].size() + record.fields[1].size() + record.fields[2].size();
        numbered = numbered && record.row == rows;
    }
    CHECK(numbered);
    CHECK(rows == k_rows);
    CHECK(record.fields[0] == "person100000@acme.com.sg");
    CHECK(record.fields[1] == "Tan, Wei \"100000\"");
    CHECK(record.line == k_rows + 1);
    CHECK(bytes > 4'000'000);
    // The text read (over 4 MB) never accumulates: the peak grows by far less.
    if (!BULK_SANITIZED) {
        CHECK(peak_rss_kib() - rss_before < 2048);
        // CPU time, not wall time: a loaded machine must not fail the test.
        CHECK(static_cast<double>(std::clock() - cpu_before) / CLOCKS_PER_SEC < 2.0);
    }
}

} // namespace test_bulk_csv_reader
