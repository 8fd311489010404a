// techpass vendors import / users import: template, validation, dry run,
// real imports of the examples, re-runs, reports and the summary.

#include "import_support.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace test_import {

using e2e::Cli;
using e2e::contains;
using namespace e2e::import;

namespace {

const std::string k_vendor_problems =
    "vendors.csv: 4 of 25 rows are invalid:\n"
    "  row 5 (line 6): mobile: \"6123 4567\" is not a mobile number (expected +65 and 8 digits "
    "starting with 8 or 9, e.g. +65 9123 4567)\n"
    "  row 10 (line 11): last_name: is required\n"
    "  row 17 (line 18): seed: is mandatory for offshore users: set it to yes\n"
    "  row 22 (line 23): email: \"muhammad.faizal@acme.example\" is also on row 2: each person "
    "is onboarded once\n";

} // namespace

TEST_CASE("import --template prints the documented header, no FILE needed") {
    const Cli cli;
    auto result = cli.run({"vendors", "import", "--template"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == k_vendor_header);
    CHECK(result.err.empty());
    result = cli.run({"users", "import", "--template"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "email,mobile,seed\n");
}

TEST_CASE("import without FILE or with a bad --report is a usage error, nothing sent") {
    const Cli cli;
    auto result = cli.run({"vendors", "import"});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "techpass: error: missing FILE: the CSV or JSON Lines file to import\n"
                        "hint: print the columns with: techpass vendors import --template\n");
    testsupport::TempDir dir;
    const std::string input = copy_example(dir, "vendors.csv");
    result = cli.run({"vendors", "import", input, "--report", dir.file("out.xlsx")});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "unknown report format \".xlsx\""));
    CHECK(invited(cli).empty());
}

TEST_CASE("vendors import --dry-run reports every bad row by row, column and reason") {
    const Cli cli;
    testsupport::TempDir dir;
    const std::string input = copy_example(dir, "vendors.csv");
    const auto result = cli.run({"vendors", "import", input, "--dry-run"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err ==
          k_vendor_problems +
              "Checked 25 rows of vendors.csv: 21 valid, 4 invalid. Nothing was sent (--dry-run).\n"
              "techpass: error: 4 of 25 rows are invalid; nothing was sent\n"
              "hint: fix the rows above, or import without --dry-run to send the valid rows "
              "(the invalid ones are reported, exit status 7)\n");
    CHECK(invited(cli).empty());
    CHECK_FALSE(contains(cli.emulator_log(), "/iam/invitations"));
}

TEST_CASE("users import --dry-run names the ineligible domains") {
    const Cli cli;
    testsupport::TempDir dir;
    const std::string input = copy_example(dir, "users.csv");
    const auto result = cli.run({"users", "import", input, "--dry-run"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "users.csv: 2 of 9 rows are invalid:\n"
                               "  row 6 (line 7): email: mindef.gov.sg accounts cannot be "
                               "registered directly"));
    CHECK(contains(result.err, "  row 8 (line 9): email: gmail.com is a personal mail domain"));
    CHECK(officers(cli).count("tan_wei_ming@tech.gov.sg") == 0);
}

TEST_CASE(
    "vendors import of the example: 21 invited, 4 invalid, exit 7, and a re-run changes nothing") {
    const Cli cli;
    testsupport::TempDir dir;
    const std::string input = copy_example(dir, "vendors.csv");
    const std::string report = dir.file("report.csv");
    auto result = cli.run({"vendors", "import", input, "--report", report});
    CHECK(result.exit_code == 7);
    CHECK(result.out.empty());
    CHECK(contains(result.err, k_vendor_problems));
    CHECK(contains(result.err, "Imported vendors.csv: 21 created, 0 already existed, 4 invalid, "
                               "0 failed, 0 not sent (25 rows, 1 batch sent in "));
    CHECK(contains(result.err, "Report: " + report +
                                   "\n"
                                   "techpass: error: 4 rows were invalid\n"));
    auto emails = invited(cli);
    CHECK(emails.size() == 21);
    for (const auto& entry : emails) {
        CHECK_MESSAGE(entry.second == 1, entry.first);
    }
    CHECK(emails.count("benjamin.sim@tanlim.example") == 1);
    CHECK(emails.count("rachel.teo@changi-cloud.example") == 0);

    // Every input row is accounted for, in order.
    auto rows = report_rows(testsupport::read_file(report));
    REQUIRE(rows.size() == 25);
    std::map<std::string, int> outcomes;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() >= 3);
        CHECK(rows[i][0] == std::to_string(i + 1));
        ++outcomes[rows[i][2]];
    }
    CHECK(outcomes == std::map<std::string, int>{{"created", 21}, {"invalid", 4}});
    CHECK(rows[0][1] == "weiling.tan@acme.example");
    CHECK(rows[0][3].size() == 36); // the invitation's id
    CHECK(rows[4][2] == "invalid");
    CHECK(contains(testsupport::read_file(report),
                   "10,rachel.teo@changi-cloud.example,invalid,,last_name: is required,\n"));

    // Running the same import again invites nobody twice.
    result = cli.run({"vendors", "import", input, "--report", report});
    CHECK(result.exit_code == 7);
    CHECK(contains(result.err, "Imported vendors.csv: 0 created, 21 already existed, 4 invalid"));
    CHECK(invited(cli) == emails);
    rows = report_rows(testsupport::read_file(report));
    REQUIRE(rows.size() == 25);
    CHECK(rows[0][2] == "already-exists");
    CHECK(contains(testsupport::read_file(report), "already has a pending invitation"));

    // --resume of the finished import sends nothing at all.
    const auto before = cli.emulator_log();
    result = cli.run({"vendors", "import", input, "--resume"});
    CHECK(result.exit_code == 7);
    CHECK(contains(result.err, "Resumed the import of vendors.csv: 0 created, 21 already "
                               "existed, 4 invalid, 0 failed, 0 not sent (25 rows, 0 batches"));
    CHECK(invited(cli) == emails);
}

TEST_CASE("users import of the example registers the 7 eligible officers once") {
    const Cli cli;
    testsupport::TempDir dir;
    const std::string input = copy_example(dir, "users.csv");
    const std::string report = dir.file("report.json");
    const std::size_t seeded = officers(cli).size();
    auto result = cli.run({"users", "import", input, "--report", report});
    CHECK(result.exit_code == 7);
    CHECK(contains(result.err, "Imported users.csv: 7 created, 0 already existed, 2 invalid, "
                               "0 failed, 0 not sent (9 rows, 1 batch sent"));
    const auto emails = officers(cli);
    CHECK(emails.size() == seeded + 7);
    CHECK(emails.count("lim_kok_wah@hdb.gov.sg") == 1);
    CHECK(emails.count("goh_chee_keong@mindef.gov.sg") == 0);
    const auto document = nlohmann::json::parse(testsupport::read_file(report));
    REQUIRE(document["rows"].size() == 9);
    CHECK(document["rows"][0]["email"] == "tan_wei_ming@tech.gov.sg");
    CHECK(document["rows"][0]["outcome"] == "created");
    CHECK(document["rows"][5]["outcome"] == "invalid");
    CHECK(document["summary"]["created"] == 7);
    CHECK(document["summary"]["invalid"] == 2);

    result = cli.run({"users", "import", input, "--report", report});
    CHECK(result.exit_code == 7);
    CHECK(contains(result.err, "0 created, 7 already existed, 2 invalid"));
    CHECK(officers(cli) == emails);
    CHECK(nlohmann::json::parse(testsupport::read_file(report))["rows"][0]["outcome"] ==
          "already-exists");
}

TEST_CASE("a clean import exits 0, and -o json prints the summary document") {
    const Cli cli;
    testsupport::TempDir dir;
    std::string csv = k_vendor_header;
    for (std::size_t n = 1; n <= 5; ++n) {
        csv += vendor_row(n);
    }
    const std::string input = dir.write("clean.csv", csv);
    auto result = cli.run({"vendors", "import", input, "-o", "json", "--batch-size", "2"});
    CHECK(result.exit_code == 0);
    const auto document = nlohmann::json::parse(result.out);
    CHECK(document["kind"] == "invitations");
    CHECK(document["summary"]["rows"] == 5);
    CHECK(document["summary"]["created"] == 5);
    CHECK(document["summary"]["batchesSent"] == 3);
    CHECK(document["invalid"].empty());
    CHECK(invited(cli).size() == 5);

    result = cli.run({"vendors", "import", input, "--jq", ".summary.alreadyExists"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "5\n");
}

TEST_CASE("import reads JSON Lines and reports unknown columns") {
    const Cli cli;
    testsupport::TempDir dir;
    const std::string input =
        dir.write("people.jsonl",
                  "{\"email\":\"mei.lim@tech.gov.sg\",\"mobile\":\"9123 4567\",\"seed\":true}\n"
                  "{\"email\":\"ali@mom.gov.sg\",\"notes\":\"x\"}\n");
    auto result = cli.run({"users", "import", input});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err,
                   "warning: key \"notes\" (first on line 2) is not used by registrations"));
    CHECK(officers(cli).count("ali@mom.gov.sg") == 1);

    const std::string csv = dir.write("v.csv", std::string(k_vendor_header).insert(6, "colour,"));
    result = cli.run({"vendors", "import", csv, "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "warning: "));
    CHECK(contains(result.err, "\"colour\""));
}

TEST_CASE("import draws a progress bar on a terminal only") {
    const Cli cli;
    testsupport::TempDir dir;
    std::string csv = k_vendor_header;
    for (std::size_t n = 1; n <= 30; ++n) {
        csv += vendor_row(n);
    }
    const std::string input = dir.write("bar.csv", csv);
    auto result = cli.run_tty({"vendors", "import", input, "--batch-size", "10"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "/30 rows"));
    CHECK(contains(result.out, "Imported bar.csv: 30 created"));

    const std::string again = dir.write("bar2.csv", csv);
    result = cli.run({"vendors", "import", again, "--batch-size", "10"});
    CHECK(result.exit_code == 0);
    CHECK_FALSE(contains(result.err, "rows/s"));
    CHECK_FALSE(contains(result.err, "\r"));
}

TEST_CASE("--concurrency needs an unpaced profile") {
    const Cli cli;
    cli.write_config("default_profile = \"ship\"\n\n" + cli.profile_toml("ship") +
                     "rate_limit = 5\n");
    testsupport::TempDir dir;
    const std::string input = copy_example(dir, "vendors.csv");
    const auto result = cli.run({"vendors", "import", input, "--concurrency", "4"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "--concurrency 4 needs an unpaced profile"));
    CHECK(invited(cli).empty());
}

TEST_CASE("--concurrency sends batches in parallel to an unpaced emulator") {
    const Cli cli;
    testsupport::TempDir dir;
    std::string csv = k_vendor_header;
    for (std::size_t n = 1; n <= 200; ++n) {
        csv += vendor_row(n);
    }
    const std::string input = dir.write("many.csv", csv);
    // Each of the 20 batches takes the emulator 400 ms: one after another
    // they need at least 8 s, so finishing sooner proves they overlapped.
    cli.control("PUT", "faults",
                {{"fraction", 1},
                 {"kinds", {"latency"}},
                 {"latencyMs", 400},
                 {"paths", "/iam/invitations/batch"}});
    const auto started = std::chrono::steady_clock::now();
    const auto result =
        cli.run({"vendors", "import", input, "--concurrency", "4", "--batch-size", "10"});
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "200 created"));
    CHECK(took < std::chrono::milliseconds(20 * 400));
    const auto emails = invited(cli);
    CHECK(emails.size() == 200);
}

TEST_CASE("import --help explains the file, the journal and the report, with the examples") {
    const Cli cli;
    for (const std::string noun : {"vendors", "users"}) {
        CAPTURE(noun);
        const auto result = cli.run({noun, "import", "--help"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Usage:\n  techpass " + noun + " import"));
        CHECK(contains(result.out, "--resume"));
        CHECK(contains(result.out, "--report"));
        CHECK(contains(result.out,
                       "  $ techpass " + noun + " import examples/" + noun + ".csv --dry-run"));
    }
}

} // namespace test_import
