// lib/techpass/api/whitelists: entries read, checked and classified before
// anything is sent.

#include "support/temp_dir.hpp"
#include "techpass/api/whitelists.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <doctest/doctest.h>

namespace test_api_whitelists {

using namespace techpass;
using namespace techpass::api::whitelists;

namespace {

const auto k_now = *util::parse_rfc3339("2026-12-04T00:00:00Z");

} // namespace

TEST_CASE("whitelists: expiries are RFC 3339, in the future, sent in UTC") {
    CHECK(checked_expiry("", k_now).empty());
    CHECK(checked_expiry("2027-06-30T23:59:59+08:00", k_now) == "2027-06-30T15:59:59Z");
    CHECK(checked_expiry("2027-06-30T15:59:59.750Z", k_now) == "2027-06-30T15:59:59Z");
    for (const char* bad :
         {"2027-06-30", "tomorrow", "2026-12-03T23:59:59Z", "2027-02-30T00:00:00Z"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(checked_expiry(bad, k_now), Error);
    }
}

TEST_CASE("whitelists: entries are classified, lower-cased and checked, duplicates named") {
    const std::vector<NewEntry> entries = {{1, "Acme.com.SG", ""},
                                           {2, "Ahmad@Globex.example.in", "2027-01-01T00:00:00Z"},
                                           {3, "acme.com.sg", ""},
                                           {4, "not a domain", ""},
                                           {5, "x.com", "2020-01-01T00:00:00Z"},
                                           {6, "bad@", ""}};
    const auto checked = check_entries(entries, "2028-01-01T00:00:00Z", k_now);
    REQUIRE(checked.size() == 6);
    CHECK(checked[0].value == "acme.com.sg");
    CHECK(checked[0].kind == "emailDomain");
    CHECK(checked[0].outcome == bulk::Outcome::Pending);
    CHECK(checked[0].expires_at == "2028-01-01T00:00:00Z");
    CHECK(checked[1].kind == "userEmail");
    CHECK(checked[1].expires_at == "2027-01-01T00:00:00Z");
    CHECK(checked[2].outcome == bulk::Outcome::Invalid);
    CHECK(checked[2].message == "\"acme.com.sg\" repeats row 1");
    CHECK(checked[3].outcome == bulk::Outcome::Invalid);
    CHECK(checked[4].outcome == bulk::Outcome::Invalid);
    CHECK(checked[4].message.find("not in the future") != std::string::npos);
    CHECK(checked[5].outcome == bulk::Outcome::Invalid);
}

TEST_CASE("whitelists: files are lines or CSV with a value column") {
    const testsupport::TempDir dir;
    auto entries = read_entries(
        dir.write("lines.txt",
                  "\xEF\xBB\xBF# vendors\nacme.com.sg\r\n\n  ahmad@globex.example.in \n"),
        1);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].value == "acme.com.sg");
    CHECK(entries[0].row == 1);
    CHECK(entries[1].value == "ahmad@globex.example.in");
    CHECK(entries[1].row == 2);

    entries = read_entries(dir.write("entries.csv",
                                     "note,userEmail,expiresAt\nx,a@b.com.sg,2027-01-01T00:00:00Z\n"
                                     "\"y, z\",c@d.com.sg,\n"),
                           5);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].value == "a@b.com.sg");
    CHECK(entries[0].expires_at == "2027-01-01T00:00:00Z");
    CHECK(entries[0].row == 5);
    CHECK(entries[1].value == "c@d.com.sg");
    CHECK(entries[1].expires_at.empty());

    CHECK_THROWS_AS(read_entries(dir.write("bad.csv", "name,expiresAt\nacme,\n"), 1), Error);
    CHECK_THROWS_AS(read_entries(dir.file("missing.txt"), 1), Error);
    // A file in a legacy code page is refused with its line, not sent.
    try {
        read_entries(dir.write("latin1.txt", "acme.com.sg\ncaf\xE9.example\n"), 1);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(std::string(error.what()).find("latin1.txt:2: invalid UTF-8") != std::string::npos);
    }
}

TEST_CASE("whitelists: --type takes the API's words and short ones") {
    CHECK(whitelist_type("all") == "all");
    CHECK(whitelist_type("domain") == "emailDomain");
    CHECK(whitelist_type("emails") == "userEmail");
    CHECK(whitelist_type("userEmail") == "userEmail");
    CHECK_THROWS_AS(whitelist_type("phones"), Error);
}

TEST_CASE("whitelists: examples/otp-whitelist.csv has 5 valid entries and the 3 documented "
          "mistakes") {
    const auto entries =
        read_entries(std::string(TECHPASS_SOURCE_DIR) + "/examples/otp-whitelist.csv", 1);
    REQUIRE(entries.size() == 8);
    const auto checked = check_entries(entries, "", k_now);
    std::vector<std::size_t> invalid;
    for (const auto& entry : checked) {
        if (entry.outcome == bulk::Outcome::Invalid) {
            invalid.push_back(entry.row);
        }
    }
    CHECK(invalid == std::vector<std::size_t>{6, 7, 8});
    CHECK(checked[1].expires_at == "2030-06-30T15:59:59Z");
    CHECK(checked[4].value == "mei.lim@umbrella.example.sg");
}

} // namespace test_api_whitelists
