#include "support/temp_dir.hpp"
#include "techpass/bulk/engine.hpp"
#include "techpass/bulk/journal.hpp"
#include "test_bulk_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

namespace test_bulk_engine {

using namespace techpass::bulk;
using bulktest::FakePortal;
using techpass::ErrorKind;
using techpass::FakeClock;

namespace {

struct Run {
    testsupport::TempDir dir;
    FakeClock clock;
    std::atomic<bool> stop{false};
    std::vector<Progress> progress;

    ImportOptions options(const std::string& csv, std::size_t batch_size = 100) {
        ImportOptions result;
        result.input = dir.write("vendors.csv", csv);
        result.batch_size = batch_size;
        return result;
    }

    ImportResult operator()(const ImportOptions& options, FakePortal& portal) {
        return run_import(
            options, portal, clock, [this](const Progress& p) { progress.push_back(p); }, stop);
    }
};

std::size_t count(const ImportResult& result, Outcome outcome) {
    return static_cast<std::size_t>(
        std::count(result.ledger.outcomes.begin(), result.ledger.outcomes.end(), outcome));
}

void check_each_processed_once(const FakePortal& portal, std::size_t valid) {
    CHECK(portal.processed.size() == valid);
    for (const auto& entry : portal.processed) {
        CAPTURE(entry.first);
        CHECK(entry.second == 1);
    }
}

} // namespace

TEST_CASE("bulk: run_import sends the valid rows in batches and journals them") {
    Run run;
    FakePortal portal;
    const auto options = run.options(bulktest::vendor_csv(250, 50), 100);
    const ImportResult result = run(options, portal);
    REQUIRE_FALSE(result.failure);
    CHECK(result.summary.rows == 255);
    CHECK(result.summary.created == 250);
    CHECK(result.summary.invalid == 5);
    CHECK(result.summary.batches_sent == 3);
    CHECK(exit_kind(result) == ErrorKind::Partial);
    REQUIRE(portal.calls.size() == 3);
    CHECK(portal.calls[0].rows.size() == 100);
    CHECK(portal.calls[0].rows.front() == 1);
    CHECK(portal.calls[0].rows.back() == 101); // row 51 was invalid
    CHECK(portal.calls[2].rows.size() == 50);
    CHECK(portal.calls[0].key != portal.calls[1].key);
    check_each_processed_once(portal, 250);
    CHECK(result.journal == options.input + ".techpass-journal");
    const auto journal = read_journal(result.journal);
    REQUIRE(journal);
    CHECK(journal->finished);
    CHECK(journal->batches.size() == 3);
    CHECK(journal->batches[1].key == portal.calls[1].key);
    CHECK_FALSE(result.interrupted);
}

TEST_CASE("bulk: run_import maps 207 answers to row outcomes") {
    Run run;
    FakePortal portal;
    portal.existing = {"vendor2@acme.com.sg"};
    portal.refused = {"vendor3@acme.com.sg"};
    const ImportResult result = run(run.options(bulktest::vendor_csv(4)), portal);
    CHECK(result.ledger.outcomes == std::vector<Outcome>{Outcome::Created, Outcome::AlreadyExists,
                                                         Outcome::Failed, Outcome::Created});
    CHECK(result.summary.already_exists == 1);
    CHECK(result.summary.failed == 1);
    CHECK(exit_kind(result) == ErrorKind::Partial);
    SUBCASE("already-exists alone is success") {
        FakePortal again;
        again.existing = {"vendor1@acme.com.sg", "vendor2@acme.com.sg"};
        Run other;
        const ImportResult second = other(other.options(bulktest::vendor_csv(2)), again);
        CHECK(second.summary.already_exists == 2);
        CHECK(exit_kind(second) == std::nullopt);
    }
}

TEST_CASE("bulk: entries the portal leaves out of its answer fail") {
    struct Silent : BatchSender {
        BatchResult send(const std::vector<Entry>&, const std::string&) override { return {}; }
    } silent;
    Run run;
    const ImportResult result =
        run_import(run.options(bulktest::vendor_csv(2)), silent, run.clock, nullptr, run.stop);
    CHECK(result.summary.failed == 2);
}

TEST_CASE("bulk: a dry run validates and sends nothing") {
    Run run;
    FakePortal portal;
    auto options = run.options(bulktest::vendor_csv(10, 5));
    options.dry_run = true;
    const ImportResult result = run(options, portal);
    CHECK(portal.calls.empty());
    CHECK(result.journal.empty());
    CHECK_FALSE(std::filesystem::exists(journal_path(options.input)));
    CHECK(result.summary.pending == 10);
    CHECK(result.summary.invalid == 2);
    CHECK(exit_kind(result) == ErrorKind::Usage);
    options.input = run.dir.write("clean.csv", bulktest::vendor_csv(3));
    CHECK(exit_kind(run(options, portal)) == std::nullopt);
}

TEST_CASE("bulk: options are checked") {
    Run run;
    FakePortal portal;
    auto options = run.options(bulktest::vendor_csv(1));
    options.batch_size = 1001;
    CHECK_THROWS_WITH(run(options, portal), "--batch-size must be between 1 and 1000 (got 1001)");
    options.batch_size = 0;
    CHECK_THROWS_AS(run(options, portal), techpass::Error);
    options.batch_size = 10;
    options.concurrency = 0;
    CHECK_THROWS_WITH(run(options, portal), "--concurrency must be between 1 and 64 (got 0)");
}

TEST_CASE("bulk: re-running a finished import changes nothing") {
    Run run;
    FakePortal portal;
    auto options = run.options(bulktest::vendor_csv(30), 10);
    REQUIRE(run(options, portal).summary.created == 30);
    SUBCASE("without --resume: a new journal, and the portal answers already-exists") {
        const ImportResult again = run(options, portal);
        CHECK(portal.calls.size() == 6);
        CHECK(again.summary.already_exists == 30);
        CHECK(again.summary.created == 0);
        CHECK(exit_kind(again) == std::nullopt);
        CHECK(portal.created.size() == 30);
    }
    SUBCASE("with --resume: nothing is sent") {
        options.resume = true;
        const ImportResult again = run(options, portal);
        CHECK(portal.calls.size() == 3);
        CHECK(again.resumed);
        CHECK(again.summary.created == 30);
        CHECK(again.summary.batches_sent == 0);
    }
}

namespace {

enum class Kill { AnswerLost, NeverArrived, JournalTorn };

// Runs an import that dies at its third batch the way `mode` says, then
// resumes it; every valid row must reach the portal exactly once.
void kill_and_resume(Kill mode) {
    Run run;
    FakePortal portal;
    auto options = run.options(bulktest::vendor_csv(100, 20), 20);
    if (mode == Kill::NeverArrived) {
        portal.fail_before = {{3, ErrorKind::Network}};
    } else {
        portal.lose_answer = 3;
    }
    if (mode == Kill::JournalTorn) {
        portal.on_call = [&](std::size_t call) {
            if (call == 3) {
                std::ofstream(journal_path(options.input), std::ios::app) << R"({"event":"res)";
            }
        };
    }
    const ImportResult first = run(options, portal);
    REQUIRE(first.failure);
    CHECK(first.failure->kind() == ErrorKind::Network);
    CHECK(std::string(first.failure->what()).starts_with("batch 3 (rows 43-62) failed: "));
    CHECK(first.failure->hint().starts_with("run the same command with --resume"));
    CHECK(exit_kind(first) == ErrorKind::Network);
    CHECK(first.summary.created == 40);
    CHECK(first.summary.pending == 60);
    REQUIRE(portal.calls.size() == 3);
    const std::string interrupted_key = portal.calls[2].key;

    portal.on_call = nullptr;
    options.resume = true;
    const ImportResult second = run(options, portal);
    REQUIRE_FALSE(second.failure);
    CHECK(second.resumed);
    REQUIRE(portal.calls.size() == 6);
    CHECK(portal.calls[3].key == interrupted_key);
    CHECK(portal.calls[3].rows == portal.calls[2].rows);
    CHECK(portal.calls[3].replayed == (mode != Kill::NeverArrived));
    CHECK(portal.calls[4].key != interrupted_key);
    CHECK(second.summary.created == 100);
    CHECK(second.summary.invalid == 5);
    CHECK(second.summary.pending == 0);
    check_each_processed_once(portal, 100);
    const auto journal = read_journal(second.journal);
    REQUIRE(journal);
    CHECK(journal->finished);
    CHECK_FALSE(journal->torn);
    CHECK(journal->batches.size() == 5);
}

} // namespace

TEST_CASE("bulk: resume after a kill, the batch reached the portal but its answer was lost") {
    kill_and_resume(Kill::AnswerLost);
}

TEST_CASE("bulk: resume after a kill, the batch never reached the portal") {
    kill_and_resume(Kill::NeverArrived);
}

TEST_CASE("bulk: resume after a kill that also tore the journal's last line") {
    kill_and_resume(Kill::JournalTorn);
}

TEST_CASE("bulk: an unfinished journal is not overwritten without --resume") {
    Run run;
    FakePortal portal;
    portal.fail_before = {{2, ErrorKind::RateLimited}};
    auto options = run.options(bulktest::vendor_csv(30), 10);
    REQUIRE(run(options, portal).failure);
    try {
        run(options, portal);
        FAIL("no error");
    } catch (const techpass::Error& e) {
        CHECK(e.kind() == ErrorKind::Usage);
        CHECK(std::string(e.what()) == "an unfinished import of " + options.input +
                                           " exists (journal " + options.input +
                                           ".techpass-journal, started 2027-01-15T08:00:00Z)");
        CHECK(e.hint().starts_with("run the same command with --resume to continue it"));
    }
    CHECK(portal.calls.size() == 2);
}

TEST_CASE("bulk: resume refuses a changed input") {
    Run run;
    FakePortal portal;
    portal.fail_before = {{1, ErrorKind::Network}};
    auto options = run.options(bulktest::vendor_csv(5));
    REQUIRE(run(options, portal).failure);
    run.dir.write("vendors.csv", bulktest::vendor_csv(6));
    options.resume = true;
    try {
        run(options, portal);
        FAIL("no error");
    } catch (const techpass::Error& e) {
        CHECK(e.kind() == ErrorKind::Usage);
        CHECK(std::string(e.what()) ==
              options.input + " has changed since the import that --resume would continue (started "
                              "2027-01-15T08:00:00Z): resuming could onboard the wrong people");
        CHECK(e.hint().starts_with("restore the file as it was to resume, or delete " +
                                   options.input + ".techpass-journal"));
    }
}

TEST_CASE("bulk: --resume without a journal starts from the beginning") {
    Run run;
    FakePortal portal;
    auto options = run.options(bulktest::vendor_csv(3));
    options.resume = true;
    const ImportResult result = run(options, portal);
    CHECK_FALSE(result.resumed);
    CHECK(result.summary.created == 3);
}

TEST_CASE("bulk: a batch the portal refuses for good fails its rows and the run goes on") {
    Run run;
    FakePortal portal;
    portal.fail_before = {{2, ErrorKind::Usage}};
    const ImportResult result = run(run.options(bulktest::vendor_csv(30), 10), portal);
    REQUIRE_FALSE(result.failure);
    CHECK(result.summary.failed == 10);
    CHECK(result.summary.created == 20);
    CHECK(exit_kind(result) == ErrorKind::Partial);
    CHECK(read_journal(result.journal)->finished);
}

TEST_CASE("bulk: Ctrl-C stops after the batch in flight, and --resume finishes") {
    Run run;
    FakePortal portal;
    portal.on_call = [&](std::size_t call) {
        if (call == 2) {
            run.stop = true;
        }
    };
    auto options = run.options(bulktest::vendor_csv(50), 10);
    const ImportResult first = run(options, portal);
    CHECK(first.interrupted);
    CHECK(exit_kind(first) == ErrorKind::Interrupted);
    CHECK(portal.calls.size() == 2);
    CHECK(first.summary.created == 20);
    CHECK(first.summary.pending == 30);
    run.stop = false;
    portal.on_call = nullptr;
    options.resume = true;
    const ImportResult second = run(options, portal);
    CHECK(second.summary.created == 50);
    CHECK(portal.calls.size() == 5);
    check_each_processed_once(portal, 50);
}

TEST_CASE("bulk: progress reports rows done, rate and ETA from the clock") {
    Run run;
    FakePortal portal;
    portal.on_call = [&](std::size_t) {
        run.clock.advance(std::chrono::seconds(2));
    };
    run(run.options(bulktest::vendor_csv(40, 10), 10), portal);
    REQUIRE(run.progress.size() == 5);
    CHECK(run.progress[0].done == 0);
    CHECK(run.progress[0].total == 40);
    CHECK_FALSE(run.progress[0].eta);
    CHECK(run.progress[1].done == 10);
    CHECK(run.progress[1].rate == doctest::Approx(5.0));
    CHECK(run.progress[1].eta == std::chrono::seconds(6));
    CHECK(run.progress[4].done == 40);
    CHECK(run.progress[4].eta == std::chrono::seconds(0));
}

TEST_CASE("bulk: concurrent batches keep the journal consistent") {
    Run run;
    FakePortal portal;
    portal.existing = {"vendor7@acme.com.sg"};
    auto options = run.options(bulktest::vendor_csv(1000, 100), 10);
    options.concurrency = 4;
    SUBCASE("a whole run") {
        const ImportResult result = run(options, portal);
        REQUIRE_FALSE(result.failure);
        CHECK(portal.calls.size() == 100);
        CHECK(result.summary.created == 999);
        CHECK(result.summary.already_exists == 1);
        CHECK(result.summary.invalid == 10);
        check_each_processed_once(portal, 1000);
        CHECK(run.progress.back().done == 1000);
    }
    SUBCASE("a failure midway, then --resume") {
        portal.lose_answer = 37;
        const ImportResult first = run(options, portal);
        REQUIRE(first.failure);
        CHECK(count(first, Outcome::Pending) > 0);
        options.resume = true;
        const ImportResult second = run(options, portal);
        REQUIRE_FALSE(second.failure);
        CHECK(second.summary.created == 999);
        check_each_processed_once(portal, 1000);
    }
    const auto journal = read_journal(journal_path(options.input));
    REQUIRE(journal);
    CHECK(journal->finished);
    std::vector<int> seen(1011, 0);
    for (const auto& batch : journal->batches) {
        REQUIRE(batch.result_offset);
        CHECK(batch.outcomes.size() == batch.rows.size());
        for (const std::size_t row : batch.rows) {
            ++seen[row];
        }
    }
    CHECK(std::count(seen.begin(), seen.end(), 1) == 1000);
    CHECK(std::count(seen.begin(), seen.end(), 0) == 11); // index 0 and the 10 invalid rows
}

} // namespace test_bulk_engine
