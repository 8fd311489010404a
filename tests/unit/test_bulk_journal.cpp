#include "support/temp_dir.hpp"
#include "techpass/bulk/journal.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace test_bulk_journal {

using namespace techpass::bulk;

namespace {

JournalHeader header_for(const std::string& input) {
    return {input, fingerprint(input), Kind::Invitation, "2027-01-15T01:00:00Z"};
}

void append_raw(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::app | std::ios::binary) << text;
}

} // namespace

TEST_CASE("bulk: fingerprint is the size and SHA-256 of the input") {
    testsupport::TempDir dir;
    const InputFingerprint print = fingerprint(dir.write("v.csv", "abc"));
    CHECK(print.size == 3);
    CHECK(print.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(journal_path("/data/vendors.csv") == "/data/vendors.csv.techpass-journal");
    CHECK_THROWS_AS(fingerprint(dir.file("missing.csv")), techpass::Error);
}

TEST_CASE("bulk: journal written and read back") {
    testsupport::TempDir dir;
    const std::string input = dir.write("v.csv", "email\n");
    const std::string path = journal_path(input);
    std::uint64_t offset = 0;
    {
        JournalWriter writer = JournalWriter::create(path, header_for(input));
        writer.sent(1, {1, 2, 4}, "key-1");
        offset = writer.result(1, {{1, Outcome::Created, "inv-1", "", ""},
                                   {2, Outcome::AlreadyExists, "", "already invited", "t-2"},
                                   {4, Outcome::Failed, "", "refused, \"why\"", "t-4"}});
        writer.sent(2, {5}, "key-2");
    }
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    const auto state = read_journal(path);
    REQUIRE(state);
    CHECK(state->header.input == input);
    CHECK(state->header.fingerprint.size == 6);
    CHECK(state->header.kind == Kind::Invitation);
    CHECK(state->header.created == "2027-01-15T01:00:00Z");
    CHECK_FALSE(state->finished);
    CHECK_FALSE(state->torn);
    CHECK(state->valid_length == std::filesystem::file_size(path));
    REQUIRE(state->batches.size() == 2);
    CHECK(state->batches[0].number == 1);
    CHECK(state->batches[0].rows == std::vector<std::size_t>{1, 2, 4});
    CHECK(state->batches[0].key == "key-1");
    CHECK(state->batches[0].result_offset == offset);
    CHECK(state->batches[0].outcomes ==
          std::vector<std::pair<std::size_t, Outcome>>{
              {1, Outcome::Created}, {2, Outcome::AlreadyExists}, {4, Outcome::Failed}});
    CHECK(state->batches[1].key == "key-2");
    CHECK_FALSE(state->batches[1].result_offset);

    JournalResultReader reader(path);
    const auto results = reader.read(offset);
    REQUIRE(results.size() == 3);
    CHECK(results[0].id == "inv-1");
    CHECK(results[1].message == "already invited");
    CHECK(results[2].message == "refused, \"why\"");
    CHECK(results[2].trace_id == "t-4");
}

TEST_CASE("bulk: a torn last line is dropped and cut away on resume") {
    testsupport::TempDir dir;
    const std::string input = dir.write("v.csv", "email\n");
    const std::string path = journal_path(input);
    {
        JournalWriter writer = JournalWriter::create(path, header_for(input));
        writer.sent(1, {1, 2}, "key-1");
    }
    const auto good_length = std::filesystem::file_size(path);
    SUBCASE("a line without its newline") {
        append_raw(path, R"({"event":"result","batch":1,"results":[{"row":1,"outc)");
    }
    SUBCASE("a complete-looking line cut short by garbage") {
        append_raw(path, std::string("\0\0\0\0\n", 5)); // power loss: zeros
    }
    const auto state = read_journal(path);
    REQUIRE(state);
    CHECK(state->torn);
    CHECK(state->valid_length == good_length);
    REQUIRE(state->batches.size() == 1);
    CHECK_FALSE(state->batches[0].result_offset);
    {
        JournalWriter writer = JournalWriter::resume(path, state->valid_length);
        writer.result(
            1, {{1, Outcome::Created, "inv-1", "", ""}, {2, Outcome::Created, "inv-2", "", ""}});
        writer.finished("2027-01-15T02:00:00Z");
    }
    const auto resumed = read_journal(path);
    REQUIRE(resumed);
    CHECK_FALSE(resumed->torn);
    CHECK(resumed->finished);
    CHECK(resumed->batches[0].outcomes.size() == 2);
}

TEST_CASE("bulk: a journal without a whole header counts as none") {
    testsupport::TempDir dir;
    CHECK_FALSE(read_journal(dir.file("absent.techpass-journal")));
    CHECK_FALSE(read_journal(dir.write("torn.techpass-journal", R"({"event":"header","vers)")));
    CHECK_FALSE(read_journal(dir.write("empty.techpass-journal", "")));
}

TEST_CASE("bulk: a damaged journal is refused with its line") {
    testsupport::TempDir dir;
    const std::string input = dir.write("v.csv", "email\n");
    const std::string path = journal_path(input);
    { JournalWriter::create(path, header_for(input)).sent(1, {1}, "k"); }
    const auto error_after = [&](const std::string& text) {
        append_raw(path, text);
        try {
            read_journal(path);
        } catch (const techpass::Error& e) {
            CHECK(e.kind() == techpass::ErrorKind::Usage);
            CHECK(e.hint().starts_with("delete the journal to start the import over"));
            return std::string(e.what());
        }
        return std::string("no error");
    };
    SUBCASE("a bad line in the middle") {
        CHECK(error_after("not json\n{\"event\":\"finished\",\"at\":\"x\"}\n") ==
              path + ":3: the import journal is damaged: a line is not JSON");
    }
    SUBCASE("a result for a batch never sent") {
        CHECK(error_after(R"({"event":"result","batch":9,"results":[]})"
                          "\n") ==
              path + ":3: the import journal is damaged: a result for a batch that was never sent");
    }
    SUBCASE("not a journal") {
        std::ofstream(path, std::ios::trunc) << "{\"hello\":1}\n";
        CHECK(error_after("").starts_with(path + ":1: the import journal is damaged: "));
    }
}

TEST_CASE("bulk: one import at a time holds a journal") {
    testsupport::TempDir dir;
    const std::string path = dir.file("v.csv.techpass-journal");
    {
        const JournalLock held(path);
        CHECK(std::filesystem::exists(path + ".lock"));
        try {
            const JournalLock second(path);
            FAIL("a second lock was granted");
        } catch (const techpass::Error& error) {
            CHECK(error.kind() == techpass::ErrorKind::Conflict);
            CHECK(std::string(error.what()) == "another import is using the journal " + path +
                                                   " (process " + std::to_string(getpid()) + ")");
        }
    }
    // Released: the lock file is gone and the journal can be taken again.
    CHECK_FALSE(std::filesystem::exists(path + ".lock"));
    CHECK_NOTHROW(JournalLock{path});
}

TEST_CASE("bulk: a symbolic link at the journal's path is never written through") {
    testsupport::TempDir dir;
    const std::string input = dir.write("v.csv", "email\n");
    const std::string target = dir.write("precious.txt", "keep me\n");
    const std::string path = journal_path(input);
    std::filesystem::create_symlink(target, path);
    try {
        JournalWriter::create(path, header_for(input));
        FAIL("the journal was created through a link");
    } catch (const techpass::Error& error) {
        CHECK(error.kind() == techpass::ErrorKind::Usage);
        CHECK(std::string(error.what()).find("it is a symbolic link") != std::string::npos);
    }
    CHECK(testsupport::read_file(target) == "keep me\n");
    CHECK_THROWS_AS(JournalWriter::resume(path, 0), techpass::Error);
    CHECK(testsupport::read_file(target) == "keep me\n");
}

} // namespace test_bulk_journal
