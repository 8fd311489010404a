// techpass whitelists list|add|update|delete against the emulator.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

namespace test_whitelists {

using e2e::Cli;
using e2e::contains;

namespace {

constexpr const char* k_app = "ship-automation";
constexpr const char* k_app_id = "3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34";

// The app's live entries as the portal lists them (through `techpass api`,
// one page of 50 at a time), value -> expiresAt.
std::map<std::string, std::string> entries_of(const Cli& cli) {
    std::map<std::string, std::string> entries;
    std::string last_key;
    do {
        std::string path = fmt::format("/otp/namespace/SHIP/apps/{}/whitelists?size=50", k_app_id);
        if (!last_key.empty()) {
            path += "&lastKey=" + last_key;
        }
        const auto result = cli.run({"api", "GET", path});
        REQUIRE(result.exit_code == 0);
        const auto page = nlohmann::json::parse(result.out);
        for (const auto& entry : page["whitelists"]) {
            entries[entry["whitelistValue"].get<std::string>()] =
                entry["expiresAt"].get<std::string>();
        }
        last_key = page["lastKey"].get<std::string>();
    } while (!last_key.empty());
    return entries;
}

// How many requests of this method and path start the settled log holds.
std::size_t count_requests(const std::string& log, const std::string& method_and_path) {
    std::size_t count = 0;
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) {
        if (contains(line, method_and_path)) {
            ++count;
        }
    }
    return count;
}

std::string whitelist_path() {
    return fmt::format("/otp/namespace/SHIP/apps/{}/whitelists", k_app_id);
}

} // namespace

TEST_CASE("whitelists: add, list across page boundaries, update and delete") {
    const Cli cli;
    const testsupport::TempDir dir;
    std::string lines = "# vendors of the SHIP portal\n\n";
    for (int i = 0; i < 110; ++i) {
        lines += fmt::format("vendor{:03}.com.sg\n", i);
    }
    const std::string file = dir.write("vendors.txt", lines);
    auto result = cli.run({"whitelists", "add", k_app, "--file", file, "Ahmad@Globex.example.in",
                           "--expires-at", "2030-06-30T23:59:59+08:00"});
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.err, "111 added, 0 already whitelisted, 0 invalid"));
    auto entries = entries_of(cli);
    REQUIRE(entries.size() == 111);
    // Sent in UTC; the address lower-cased as the portal stores it.
    CHECK(entries["ahmad@globex.example.in"] == "2030-06-30T15:59:59Z");
    CHECK(entries["vendor109.com.sg"] == "2030-06-30T15:59:59Z");

    // Pages of 50 are followed: --all reads three, the default limit stops at 100.
    const auto before = cli.emulator_log();
    result = cli.run({"whitelists", "list", k_app, "--all", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    const auto listed = nlohmann::json::parse(result.out);
    CHECK(listed["count"] == 111);
    CHECK(listed["whitelists"].size() == 111);
    const auto after = cli.emulator_log();
    CHECK(count_requests(after, "GET " + whitelist_path()) -
              count_requests(before, "GET " + whitelist_path()) ==
          3);
    result = cli.run({"whitelists", "list", k_app, "--type", "email"});
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "ahmad@globex.example.in  email"));
    CHECK_FALSE(contains(result.out, "vendor000"));
    result = cli.run({"whitelists", "list", k_app, "-o", "json"});
    CHECK(nlohmann::json::parse(result.out)["whitelists"].size() == 100);

    // update keeps what it does not name.
    result = cli.run({"whitelists", "update", k_app, "vendor000.com.sg", "--value",
                      "vendor000.gov.sg", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    entries = entries_of(cli);
    CHECK(entries.count("vendor000.com.sg") == 0);
    CHECK(entries["vendor000.gov.sg"] == "2030-06-30T15:59:59Z");
    result = cli.run({"whitelists", "update", k_app, "vendor000.gov.sg", "--no-expiry"});
    REQUIRE(result.exit_code == 0);
    CHECK(entries_of(cli)["vendor000.gov.sg"].empty());
    result = cli.run({"whitelists", "update", k_app, "vendor000.gov.sg", "--value", "a@b.gov.sg"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "an entry keeps its kind"));
    result = cli.run({"whitelists", "update", k_app, "nobody.com.sg", "--no-expiry"});
    CHECK(result.exit_code == 5);

    // delete by value, or by id; asks first.
    result = cli.run({"whitelists", "delete", k_app, "vendor001.com.sg"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "--yes"));
    CHECK(entries_of(cli).count("vendor001.com.sg") == 1);
    result = cli.run_tty({"whitelists", "delete", k_app, "vendor001.com.sg"},
                         {.env = {}, .input = "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Remove vendor001.com.sg from the OTP whitelist"));
    const std::string id = listed["whitelists"][5]["whitelistId"].get<std::string>();
    const std::string value = listed["whitelists"][5]["whitelistValue"].get<std::string>();
    CHECK(cli.run({"whitelists", "delete", k_app, id, "--yes"}).exit_code == 0);
    entries = entries_of(cli);
    CHECK(entries.count("vendor001.com.sg") == 0);
    CHECK(entries.count(value) == 0);
    CHECK(entries.size() == 109);
}

TEST_CASE("whitelists: 2,500 entries with duplicates and bad entries are reported per entry, "
          "and a re-run adds nothing twice") {
    const Cli cli;
    const testsupport::TempDir dir;
    std::string csv = "value,expiresAt\n";
    for (int i = 0; i < 2480; ++i) {
        csv += i % 2 == 0 ? fmt::format("user{}@agency{}.com.sg,\n", i, i % 7)
                          : fmt::format("agency{}.example.sg,2031-01-01T00:00:00Z\n", i);
    }
    for (int i = 0; i < 10; ++i) {
        csv += fmt::format("USER{}@agency{}.com.sg,\n", i * 2, (i * 2) % 7); // duplicates
    }
    for (int i = 0; i < 5; ++i) {
        csv += fmt::format("not a domain {},\n", i);
    }
    for (int i = 0; i < 5; ++i) {
        csv += fmt::format("late{}.example.sg,2020-01-01T00:00:00Z\n", i); // expiry in the past
    }
    const std::string file = dir.write("entries.csv", csv);
    const std::string report = dir.file("report.csv");
    const auto before = cli.emulator_log();
    auto result = cli.run({"whitelists", "add", k_app, "--file", file, "--report", report});
    CHECK(result.exit_code == 7);
    CHECK(contains(result.err, "2480 added, 0 already whitelisted, 20 invalid, 0 failed, 0 not "
                               "sent (2500 entries, 3 requests)"));
    CHECK(contains(result.err, "row 2481: \"user0@agency0.com.sg\" repeats row 1"));
    CHECK(contains(result.err, "row 2491: \"not a domain 0\" is neither"));
    // All 20 refused entries are listed (the list stops at 20).
    CHECK_FALSE(contains(result.err, "more (see --report)"));
    CHECK(count_requests(cli.emulator_log(), "POST " + whitelist_path()) -
              count_requests(before, "POST " + whitelist_path()) ==
          3);
    CHECK(entries_of(cli).size() == 2480);

    const std::string text = testsupport::read_file(report);
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    CHECK(line == "row,value,outcome,id,message,traceId");
    std::map<std::string, int> outcomes;
    int rows = 0;
    while (std::getline(lines, line)) {
        ++rows;
        for (const char* outcome : {",created,", ",invalid,", ",already-exists,", ",failed,"}) {
            outcomes[outcome] += contains(line, outcome) ? 1 : 0;
        }
    }
    CHECK(rows == 2500);
    CHECK(outcomes[",created,"] == 2480);
    CHECK(outcomes[",invalid,"] == 20);
    CHECK(contains(text, "2496,late0.example.sg,invalid,,"));
    CHECK(contains(text, "is not in the future"));

    // The same file again: nothing added twice, each entry reported.
    result =
        cli.run({"whitelists", "add", k_app, "--file", file, "--report", report, "-o", "json"});
    CHECK(result.exit_code == 7);
    const auto document = nlohmann::json::parse(result.out);
    CHECK(document["summary"]["created"] == 0);
    CHECK(document["summary"]["alreadyExists"] == 2480);
    CHECK(document["summary"]["invalid"] == 20);
    CHECK(document["summary"]["requests"] == 3);
    CHECK(document["entries"][0]["outcome"] == "already-exists");
    CHECK(document["entries"][0]["message"] == "entry is already whitelisted");
    CHECK(entries_of(cli).size() == 2480);
}

TEST_CASE("whitelists: entries and expiries are checked before anything is sent") {
    const Cli cli;
    const auto before = e2e::requests_in(cli.emulator_log());
    for (const auto& [args, message] :
         std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"acme.com.sg", "--expires-at", "2020-01-01T00:00:00Z"}, "is not in the future"},
             {{"acme.com.sg", "--expires-at", "2030-06-30"}, "is not an RFC 3339 time"},
             {{}, "no entries to add"},
             {{"acme.com.sg", "--report", "report.txt"}, "unknown report format"}}) {
        std::vector<std::string> argv{"whitelists", "add", k_app};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto result = cli.run(argv);
        CHECK(result.exit_code == 2);
        CHECK_MESSAGE(contains(result.err, message), result.err);
    }
    auto result = cli.run({"whitelists", "list", k_app, "--type", "phones"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "use all, domain or email"));
    CHECK(e2e::requests_in(cli.emulator_log()) == before);

    // --dry-run checks and sends no change.
    result = cli.run({"whitelists", "add", k_app, "acme.com.sg", "bad domain", "--dry-run"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "Checked 2 entries for app ship-automation: 1 valid, 1 invalid"));
    result = cli.run({"whitelists", "add", k_app, "acme.com.sg", "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(entries_of(cli).empty());
}

TEST_CASE("whitelists and webhooks over HTTPS: batches, the one-time secret and a delivery") {
    const Cli cli;
    const std::string ca = cli.home().file("emulator-ca.pem");
    testsupport::Emulator tls(
        {"--tls", "--ca-out", ca, "--seed", testsupport::source_path("examples/seed.toml")});
    REQUIRE(tls.url().rfind("https://", 0) == 0);
    cli.write_config("default_profile = \"ship\"\n\n" +
                     cli.profile_toml("ship", "SHIP", tls.url()) +
                     fmt::format("ca_bundle = \"{}\"\n", ca));

    const testsupport::TempDir dir;
    std::string lines;
    for (int i = 0; i < 1200; ++i) {
        lines += fmt::format("vendor{}.example.sg\n", i);
    }
    auto result = cli.run({"whitelists", "add", k_app, "--file", dir.write("entries.txt", lines)});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "1200 added, 0 already whitelisted, 0 invalid, 0 failed, 0 not sent "
                               "(1200 entries, 2 requests)"));
    result = cli.run({"whitelists", "list", k_app, "--all", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["count"] == 1200);

    const std::string secret_file = dir.file("hook.secret");
    auto listener = cli.start({"webhooks", "listen", "--port", "0", "--secret-file", secret_file});
    const std::string url = e2e::listener_url(*listener);
    result = cli.run(
        {"webhooks", "create", "--url", url, "--event", "user-registered", "--out", secret_file});
    REQUIRE(result.exit_code == 0);
    result = cli.run({"webhooks", "test", url});
    REQUIRE(result.exit_code == 0);
    const std::string delivery = result.out.substr(0, result.out.find('\n'));
    CHECK(contains(e2e::wait_for(*listener, delivery, false), "webhook-test  " + delivery));
}

TEST_CASE("whitelists on a terminal: a table, a done note, a question before deleting") {
    const Cli cli;
    auto result =
        cli.run_tty({"whitelists", "add", k_app, "acme.example.sg", "ahmad@initech.example",
                     "--expires-at", "2030-06-30T23:59:59+08:00"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Whitelisted on app ship-automation: 2 added"));
    result = cli.run_tty({"whitelists", "list", k_app});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "VALUE"));
    CHECK(contains(result.out, "acme.example.sg        domain  2030-06-30T15:59:59Z"));
    result = cli.run_tty({"whitelists", "update", k_app, "acme.example.sg", "--no-expiry"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Updated whitelist entry acme.example.sg of app ship-automation "
                               "(never expires)"));
    result = cli.run_tty({"whitelists", "delete", k_app, "acme.example.sg"},
                         {.env = {}, .input = "n\n"});
    CHECK(result.exit_code != 0);
    CHECK(entries_of(cli).count("acme.example.sg") == 1);
}

} // namespace test_whitelists
