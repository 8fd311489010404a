// techpass vendors import --resume: a run killed with SIGKILL midway (with
// the portal failing now and then) or stopped with Ctrl-C continues exactly
// where it stopped, onboarding every valid row once.

#include "import_support.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <set>
#include <thread>

namespace test_import_resume {

using e2e::Cli;
using e2e::contains;
using namespace e2e::import;

namespace {

// Counts of each event in a journal.
std::map<std::string, int> journal_events(const std::string& path) {
    std::map<std::string, int> events;
    std::istringstream in(testsupport::read_file(path));
    std::string line;
    while (std::getline(in, line)) {
        try {
            ++events[nlohmann::json::parse(line).at("event").get<std::string>()];
        } catch (const std::exception&) {
            ++events["torn"];
        }
    }
    return events;
}

testsupport::RunOptions background_options(const Cli& cli) {
    testsupport::RunOptions options;
    options.env = {{"HOME", cli.home().path()},
                   {"XDG_CONFIG_HOME", cli.home().file("config")},
                   {"XDG_CACHE_HOME", cli.home().file("cache")}};
    options.unset_env = {"TECHPASS_PROFILE", "TECHPASS_CONFIG", "TECHPASS_API_URL",
                         "TECHPASS_RATE_LIMIT", "CI"};
    return options;
}

// Waits until the journal holds at least `results` result lines; false when
// the process ended first or it took too long.
bool wait_for_results(testsupport::Process& process, const std::string& journal, int results) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        if (journal_events(journal)["result"] >= results) {
            return true;
        }
        if (!process.running()) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

// A file of `rows` valid vendors, and an emulator that takes 300 ms over
// each batch, so that an import of it is still running when a test acts.
std::string slow_import(const Cli& cli, testsupport::TempDir& dir, std::size_t rows,
                        const std::string& name) {
    std::string csv = k_vendor_header;
    for (std::size_t n = 1; n <= rows; ++n) {
        csv += vendor_row(n);
    }
    cli.control("PUT", "faults",
                {{"fraction", 1},
                 {"kinds", {"latency"}},
                 {"latencyMs", 300},
                 {"paths", "/iam/invitations/batch"}});
    return dir.write(name, csv);
}

struct Generated {
    std::string csv;
    std::set<std::string> valid; // emails that must end up invited
    std::size_t rows = 0;
};

// `rows` vendors; every 20th row (5%) is wrong in one of four ways.
Generated generate(std::size_t rows) {
    Generated file{k_vendor_header, {}, rows};
    for (std::size_t n = 1; n <= rows; ++n) {
        if (n % 20 != 0) {
            file.csv += vendor_row(n);
            file.valid.insert(fmt::format("vendor{}@acme.example", n));
            continue;
        }
        switch (n / 20 % 4) {
        case 0: // a landline
            file.csv +=
                fmt::format("vendor{}@acme.example,A,B,6{:07},Acme,Ops,MOM,onshore,,,no,\n", n, n);
            break;
        case 1: // no last name
            file.csv +=
                fmt::format("vendor{}@acme.example,A,,8{:07},Acme,Ops,MOM,onshore,,,no,\n", n, n);
            break;
        case 2: // the person on the row before, again
            file.csv += fmt::format("VENDOR{}@acme.example,A,B,8{:07},Acme,Ops,MOM,onshore,,,no,\n",
                                    n - 1, n);
            break;
        default: // offshore without SEED
            file.csv += fmt::format(
                "vendor{}@acme.example,A,B,8{:07},Acme,Ops,MOM,offshore,Bangalore ODC,,no,\n", n,
                n);
            break;
        }
    }
    return file;
}

} // namespace

TEST_CASE("import of 2,000 rows killed with SIGKILL midway, with faults, resumes exactly") {
    const Cli cli;
    testsupport::TempDir dir;
    const Generated file = generate(2000);
    REQUIRE(file.valid.size() == 1900);
    const std::string input = dir.write("vendors-2000.csv", file.csv);
    const std::string journal = input + ".techpass-journal";
    const std::string report = dir.file("report.csv");
    cli.control("PUT", "faults",
                {{"seed", 11},
                 {"fraction", 0.15},
                 {"kinds", {"502", "503", "drop", "latency"}},
                 {"latencyMs", 150},
                 {"paths", "/iam/invitations/batch"}});

    {
        testsupport::Process process(
            {TECHPASS_CLI_PATH, "vendors", "import", input, "--batch-size", "100"},
            background_options(cli));
        REQUIRE(wait_for_results(process, journal, 5));
        process.signal(SIGKILL);
        CHECK(process.wait(10) == 128 + SIGKILL);
    }
    const auto events = journal_events(journal);
    CHECK(events.at("header") == 1);
    CHECK(events.count("finished") == 0);
    const auto invited_before = invited(cli).size();
    CHECK(invited_before > 0);
    CHECK(invited_before < 1900);

    // Without --resume the unfinished import is not started over.
    auto result = cli.run({"vendors", "import", input});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "an unfinished import of " + input + " exists"));
    CHECK(contains(result.err, "--resume"));

    e2e::Run slow;
    slow.timeout_seconds = 120;
    result = cli.run(
        {"vendors", "import", input, "--resume", "--batch-size", "100", "--report", report}, slow);
    CHECK(result.exit_code == 7);
    CHECK(contains(result.err, "Resumed the import of vendors-2000.csv: 1900 created, 0 already "
                               "existed, 100 invalid, 0 failed, 0 not sent (2000 rows"));
    // The portal did fail now and then, in both runs.
    const std::string log = cli.emulator_log();
    const bool faults = contains(log, "/iam/invitations/batch 50");
    const bool drops = contains(log, "/iam/invitations/batch dropped");
    CHECK(faults);
    CHECK(drops);

    // Exactly the valid rows, once each.
    const auto emails = invited(cli);
    CHECK(emails.size() == 1900);
    std::size_t twice = 0;
    std::set<std::string> got;
    for (const auto& [email, count] : emails) {
        twice += count != 1;
        got.insert(email);
    }
    CHECK(twice == 0);
    CHECK(got == file.valid);

    // The report accounts for every input row, in order.
    const auto rows = report_rows(testsupport::read_file(report));
    REQUIRE(rows.size() == 2000);
    std::map<std::string, int> outcomes;
    bool in_order = true;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        in_order = in_order && rows[i].size() >= 3 && rows[i][0] == std::to_string(i + 1);
        if (rows[i].size() >= 3) {
            ++outcomes[rows[i][2]];
        }
    }
    CHECK(in_order);
    CHECK(outcomes == std::map<std::string, int>{{"created", 1900}, {"invalid", 100}});
    CHECK(journal_events(journal).count("finished") == 1);

    // And once more: nothing changes.
    cli.control("DELETE", "faults");
    result = cli.run({"vendors", "import", input, "--resume"});
    CHECK(result.exit_code == 7);
    CHECK(contains(result.err, "0 batches sent"));
    CHECK(invited(cli) == emails);
}

TEST_CASE("Ctrl-C stops an import after the batch in flight, and --resume finishes it") {
    const Cli cli;
    testsupport::TempDir dir;
    const std::string input = slow_import(cli, dir, 100, "slow.csv");
    const std::string journal = input + ".techpass-journal";
    {
        testsupport::Process process(
            {TECHPASS_CLI_PATH, "vendors", "import", input, "--batch-size", "10"},
            background_options(cli));
        REQUIRE(wait_for_results(process, journal, 2));
        process.signal(SIGINT);
        CHECK(process.wait(10) == 130);
        CHECK(contains(process.err(), "stopping after the batch in flight"));
        CHECK(contains(process.err(), "techpass: error: interrupted: "));
        CHECK(contains(process.err(), "hint: run the same command with --resume"));
    }
    // Nothing was left in flight: every batch sent has its result.
    const auto events = journal_events(journal);
    CHECK(events.at("sent") == events.at("result"));
    CHECK(events.at("result") < 10);
    CHECK(invited(cli).size() == static_cast<std::size_t>(events.at("result")) * 10);

    cli.control("DELETE", "faults");
    const auto result = cli.run({"vendors", "import", input, "--resume", "-o", "json"});
    CHECK(result.exit_code == 0);
    const auto document = nlohmann::json::parse(result.out);
    CHECK(document["resumed"] == true);
    CHECK(document["summary"]["created"] == 100);
    CHECK(invited(cli).size() == 100);
}

TEST_CASE("a second import of the same file at once is refused and names the first") {
    const Cli cli;
    testsupport::TempDir dir;
    // 40 batches of 300 ms: the first import is still running, even in a
    // sanitizer build, while the second two are tried.
    const std::string input = slow_import(cli, dir, 400, "twice.csv");
    const std::string journal = input + ".techpass-journal";
    {
        testsupport::Process first(
            {TECHPASS_CLI_PATH, "vendors", "import", input, "--batch-size", "10"},
            background_options(cli));
        REQUIRE(wait_for_results(first, journal, 1));
        for (const bool resume : {false, true}) {
            CAPTURE(resume);
            std::vector<std::string> args{"vendors", "import", input, "--batch-size", "10"};
            if (resume) {
                args.emplace_back("--resume");
            }
            const auto second = cli.run(args);
            CHECK(second.exit_code == 6);
            CHECK(contains(second.err,
                           fmt::format("techpass: error: another import is using the journal {} "
                                       "(process {})",
                                       journal, first.pid())));
            CHECK_FALSE(contains(second.err, "this is a bug"));
        }
        first.signal(SIGINT);
        CHECK(first.wait(10) == 130);
    }
    CHECK(journal_events(journal).count("torn") == 0);
    cli.control("DELETE", "faults");
    const auto result = cli.run({"vendors", "import", input, "--resume", "-o", "json"});
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["summary"]["created"] == 400);
    CHECK(invited(cli).size() == 400);
    CHECK_FALSE(std::filesystem::exists(journal + ".lock"));
}

} // namespace test_import_resume
