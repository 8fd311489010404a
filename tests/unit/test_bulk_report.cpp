#include "support/temp_dir.hpp"
#include "techpass/bulk/journal.hpp"
#include "techpass/bulk/report.hpp"
#include "test_bulk_support.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace test_bulk_report {

using namespace techpass::bulk;
using bulktest::FakePortal;

namespace {

// Five rows: created, already-exists, failed, invalid (with a comma and a
// quote in its message), created.
const std::string k_csv =
    std::string(bulktest::k_header) + bulktest::vendor_row(1) + bulktest::vendor_row(2) +
    bulktest::vendor_row(3) +
    "Bad@Acme.com.sg,\"Tan, \"\"Ah\"\" Kow\",,9123,Acme Pte Ltd,Ops,MOM,onshore,,,,\n" +
    bulktest::vendor_row(5);

struct Fixture {
    testsupport::TempDir dir;
    techpass::FakeClock clock;
    std::atomic<bool> stop{false};
    FakePortal portal;

    Fixture() {
        portal.existing = {"vendor2@acme.com.sg"};
        portal.refused = {"vendor3@acme.com.sg"};
        portal.on_call = [this](std::size_t) {
            clock.advance(std::chrono::milliseconds(1500));
        };
    }

    ImportResult run(bool dry_run = false) {
        ImportOptions options;
        options.input = dir.write("vendors.csv", k_csv);
        options.batch_size = 2;
        options.dry_run = dry_run;
        return run_import(options, portal, clock, nullptr, stop);
    }

    std::string report(const ImportResult& result, ReportFormat format) {
        std::ostringstream out;
        write_report(out, format, result);
        return out.str();
    }
};

} // namespace

TEST_CASE("bulk: report_format by extension") {
    CHECK(report_format("out.csv") == ReportFormat::Csv);
    CHECK(report_format("OUT.JSON") == ReportFormat::Json);
    CHECK_THROWS_WITH(report_format("out.txt"), "--report out.txt: unknown report format \".txt\"");
    CHECK_THROWS_WITH(report_format("out"), "--report out: unknown report format \"\"");
}

TEST_CASE("bulk: CSV report, one line per input row in input order") {
    Fixture fixture;
    const ImportResult result = fixture.run();
    CHECK(
        fixture.report(result, ReportFormat::Csv) ==
        "row,email,outcome,id,message,traceId\n"
        "1,vendor1@acme.com.sg,created,inv-1,,\n"
        "2,vendor2@acme.com.sg,already-exists,,this person already has an account or a pending "
        "invitation,trace-2\n"
        "3,vendor3@acme.com.sg,failed,,the sponsoring agency is unknown,trace-3\n"
        "4,bad@acme.com.sg,invalid,,\"last_name: is required; mobile: \"\"9123\"\" does not have 8 "
        "digits after +65 (expected +65 and 8 digits starting with 8 or 9, e.g. +65 9123 "
        "4567)\",\n"
        "5,vendor5@acme.com.sg,created,inv-5,,\n");
}

TEST_CASE("bulk: JSON report with the summary") {
    Fixture fixture;
    const ImportResult result = fixture.run();
    CHECK(
        fixture.report(result, ReportFormat::Json) ==
        "{\"rows\":[\n"
        R"j({"row":1,"email":"vendor1@acme.com.sg","outcome":"created","id":"inv-1","message":"","traceId":""},)j"
        "\n"
        R"j({"row":2,"email":"vendor2@acme.com.sg","outcome":"already-exists","id":"","message":"this person already has an account or a pending invitation","traceId":"trace-2"},)j"
        "\n"
        R"j({"row":3,"email":"vendor3@acme.com.sg","outcome":"failed","id":"","message":"the sponsoring agency is unknown","traceId":"trace-3"},)j"
        "\n"
        R"j({"row":4,"email":"bad@acme.com.sg","outcome":"invalid","id":"","message":"last_name: is required; mobile: \"9123\" does not have 8 digits after +65 (expected +65 and 8 digits starting with 8 or 9, e.g. +65 9123 4567)","traceId":""},)j"
        "\n"
        R"j({"row":5,"email":"vendor5@acme.com.sg","outcome":"created","id":"inv-5","message":"","traceId":""})j"
        "\n],\n"
        R"j("summary":{"rows":5,"created":2,"alreadyExists":1,"invalid":1,"failed":1,"pending":0,"batchesSent":2,"elapsedMs":3000}})j"
        "\n");
}

TEST_CASE("bulk: a dry-run report marks valid rows pending") {
    Fixture fixture;
    const ImportResult result = fixture.run(true);
    const std::string report = fixture.report(result, ReportFormat::Csv);
    CHECK(report.find("\n1,vendor1@acme.com.sg,pending,,valid; not sent (dry run),\n") !=
          std::string::npos);
    CHECK(report.find("\n4,bad@acme.com.sg,invalid,,") != std::string::npos);
}

TEST_CASE("bulk: a resumed run's report combines both runs' answers") {
    Fixture fixture;
    fixture.portal.fail_before = {{2, techpass::ErrorKind::Network}};
    ImportOptions options;
    options.input = fixture.dir.write("vendors.csv", k_csv);
    options.batch_size = 2;
    const ImportResult first =
        run_import(options, fixture.portal, fixture.clock, nullptr, fixture.stop);
    REQUIRE(first.failure);
    CHECK(fixture.report(first, ReportFormat::Csv)
              .find("\n3,vendor3@acme.com.sg,pending,,not sent: the import stopped first; run it "
                    "again with "
                    "--resume,\n") != std::string::npos);
    options.resume = true;
    const ImportResult second =
        run_import(options, fixture.portal, fixture.clock, nullptr, fixture.stop);
    const std::string report = fixture.report(second, ReportFormat::Csv);
    CHECK(report.find("\n1,vendor1@acme.com.sg,created,inv-1,,\n") != std::string::npos);
    CHECK(report.find("\n5,vendor5@acme.com.sg,created,inv-5,,\n") != std::string::npos);
    CHECK(
        report.find("\n3,vendor3@acme.com.sg,failed,,the sponsoring agency is unknown,trace-3\n") !=
        std::string::npos);
}

TEST_CASE("bulk: write_report to a file, by extension") {
    Fixture fixture;
    const ImportResult result = fixture.run();
    const std::string csv = fixture.dir.file("out.csv");
    write_report(csv, result);
    CHECK(testsupport::read_file(csv) == fixture.report(result, ReportFormat::Csv));
    const std::string json = fixture.dir.file("out.json");
    write_report(json, result);
    const auto parsed = nlohmann::json::parse(testsupport::read_file(json));
    CHECK(parsed.at("rows").size() == 5);
    CHECK(parsed.at("summary").at("created").get<int>() == 2);
    CHECK_THROWS_AS(write_report(fixture.dir.file("out.xml"), result), techpass::Error);
}

} // namespace test_bulk_report
