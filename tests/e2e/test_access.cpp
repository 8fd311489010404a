// techpass access review | apply against the emulator: the rows of a
// namespace with direct, group and nested-group assignments; an applied
// review removes exactly the revoked access, a re-apply changes nothing;
// stale and hand-edited reviews are refused before anything changes.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace test_access {

using e2e::Cli;
using e2e::contains;
using nlohmann::json;

namespace {

// ship-portal requires assignment: Jane directly, group portal-users (Wei,
// and nested group portal-nested with Siti); ship-open does not.
void make_namespace(const Cli& cli) {
    const std::vector<std::vector<std::string>> steps = {
        {"apps", "create", "ship-portal", "--redirect-url", "https://portal.ship.example/cb"},
        {"apps", "create", "ship-open", "--redirect-url", "https://open.ship.example/cb",
         "--no-assignment-required"},
        {"apps", "create", "ship-billing", "--redirect-url", "https://billing.ship.example/cb"},
        {"groups", "create", "ship:portal-users"},
        {"groups", "create", "ship:portal-nested"},
        {"groups", "members", "add", "ship:portal-users", "wei.ming.lim@tech.gov.sg",
         "ship:portal-nested"},
        {"groups", "members", "add", "ship:portal-nested", "siti.rahman@mom.gov.sg"},
        {"apps", "assignments", "add", "ship-portal", "jane.tan@tech.gov.sg", "ship:portal-users"},
        {"apps", "assignments", "add", "ship-billing", "ship:portal-users"},
    };
    for (const auto& step : steps) {
        const auto result = cli.run(step);
        REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    }
}

using Row =
    std::tuple<std::string, std::string, std::string, std::string>; // app, email, access, via

std::set<Row> rows_of(const json& review) {
    std::set<Row> rows;
    for (const json& row : review.at("rows")) {
        rows.emplace(row.at("app"), row.at("email"), row.at("access"), row.at("via"));
    }
    return rows;
}

json review_of(const Cli& cli) {
    const auto result = cli.run({"access", "review", "-o", "json"});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    return json::parse(result.out);
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The review file with decisions written in: email -> decision, for the
// rows of app (all apps when empty).
std::string decide(const std::string& csv, const std::map<std::string, std::string>& decisions,
                   const std::string& app = "ship-portal") {
    std::istringstream in(csv);
    std::string out;
    std::string line;
    while (std::getline(in, line)) {
        for (const auto& [email, decision] : decisions) {
            // ...,<email>,... ,<decision>,<check>: the decision is the second-last field.
            if (line.find("," + email + ",") != std::string::npos &&
                line.rfind("SHIP," + app + ",", 0) == 0) {
                const auto last = line.rfind(',');
                const auto before = line.rfind(',', last - 1);
                line = line.substr(0, before + 1) + decision + line.substr(last);
            }
        }
        out += line + "\n";
    }
    return out;
}

std::size_t count_in(const std::string& log, const std::string& what) {
    std::size_t count = 0;
    for (auto at = log.find(what); at != std::string::npos; at = log.find(what, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("access review: direct, group, nested and open apps yield exactly the expected rows") {
    const Cli cli;
    make_namespace(cli);
    const json review = review_of(cli);
    CHECK(review.at("namespace") == "SHIP");
    const std::set<Row> expected = {
        {"ship-portal", "jane.tan@tech.gov.sg", "assigned", ""},
        {"ship-portal", "wei.ming.lim@tech.gov.sg", "group", "portal-users"},
        {"ship-portal", "siti.rahman@mom.gov.sg", "not reached", "portal-users > portal-nested"},
        {"ship-billing", "wei.ming.lim@tech.gov.sg", "group", "portal-users"},
        {"ship-billing", "siti.rahman@mom.gov.sg", "not reached", "portal-users > portal-nested"},
        {"ship-open", "", "everyone", ""},
        {"ship-automation", "", "everyone", ""},
    };
    CHECK(rows_of(review) == expected);
    CHECK(review.at("rows").size() == expected.size());
    for (const json& row : review.at("rows")) {
        CAPTURE(row.dump());
        CHECK(row.at("decision") == "");
        CHECK(row.at("check").get<std::string>().size() == 12);
        if (row.at("email") == "jane.tan@tech.gov.sg") {
            CHECK(row.at("status") == "active");
            CHECK(row.at("accountType") == "account:public_officer");
            CHECK(row.at("disableInDays") == 90);
            CHECK(row.at("terminateInDays") == 180);
            CHECK_FALSE(row.at("lastSignIn").get<std::string>().empty());
        }
    }

    // One app, as CSV with the file's header; --out writes the same.
    const auto csv = cli.run({"access", "review", "--app", "ship-portal", "-o", "csv"});
    REQUIRE_MESSAGE(csv.exit_code == 0, csv.err);
    CHECK(csv.out.rfind("namespace,app,appId,email,name,accountType,status,lastSignIn,access,"
                        "via,disableInDays,terminateInDays,decision,check\r\n",
                        0) == 0);
    CHECK(count_in(csv.out, "\r\n") == 4);
    const std::string file = cli.home().file("review.csv");
    const auto written = cli.run({"access", "review", "--app", "ship-portal", "--out", file});
    REQUIRE_MESSAGE(written.exit_code == 0, written.err);
    CHECK(contains(written.err, "Wrote 3 rows of namespace SHIP to " + file));
    CHECK(read(file) == csv.out);
}

TEST_CASE("access apply: exactly the revoked access goes, and applying again changes nothing") {
    const Cli cli;
    make_namespace(cli);
    const std::string file = cli.home().file("review.csv");
    REQUIRE(cli.run({"access", "review", "--out", file}).exit_code == 0);
    const std::string decided = cli.home().file("decided.csv");
    cli.home().write("decided.csv", decide(read(file), {{"jane.tan@tech.gov.sg", "revoke"},
                                                        {"wei.ming.lim@tech.gov.sg", "Revoke"}}));

    // Not on a terminal: --yes is required, and nothing changes without it.
    const auto refused = cli.run({"access", "apply", decided});
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "--yes"));
    CHECK(rows_of(review_of(cli)).size() == 7);

    const auto dry = cli.run({"access", "apply", decided, "--dry-run"});
    CHECK(dry.exit_code == 0);
    CHECK(contains(dry.err, "2 to revoke, 5 kept, 0 already revoked"));
    CHECK(contains(dry.err, "remove jane.tan@tech.gov.sg's assignment to app ship-portal"));
    CHECK(contains(dry.err, "remove wei.ming.lim@tech.gov.sg from group portal-users (their "
                            "access to app ship-portal, and to app ship-billing)"));
    CHECK(contains(dry.err, "Nothing was changed (--dry-run)."));

    const std::size_t deletes_before = count_in(cli.emulator_log(), "DELETE ");
    const auto applied = cli.run({"access", "apply", decided, "--yes", "-o", "json"});
    REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);
    CHECK(contains(applied.err,
                   "Applied " + decided + ": 2 revoked, 0 failed, 0 already revoked, 5 kept."));
    // -o json accounts for every line of the review, in its order.
    const auto outcomes = [](const json& report) {
        std::map<std::string, std::set<std::string>> found;
        std::size_t previous = 0;
        for (const json& row : report.at("rows")) {
            const auto line = row.at("line").get<std::size_t>();
            CHECK(line > previous);
            previous = line;
            found[row.at("outcome").get<std::string>()].insert(
                row.at("email").get<std::string>() + " " + row.at("app").get<std::string>() + " " +
                row.at("decision").get<std::string>());
        }
        return found;
    };
    const json report = json::parse(applied.out);
    CHECK(report.at("rows").size() == 7);
    const auto applied_rows = outcomes(report);
    CHECK(applied_rows.size() == 2);
    CHECK(applied_rows.at("revoked") ==
          std::set<std::string>{"jane.tan@tech.gov.sg ship-portal revoke",
                                "wei.ming.lim@tech.gov.sg ship-portal Revoke"});
    CHECK(applied_rows.at("kept").size() == 5);
    CHECK(count_in(cli.emulator_log(), "DELETE ") - deletes_before == 2);
    // Exactly those two grants are gone (Wei from both apps: he left the group).
    const std::set<Row> left = {
        {"ship-portal", "siti.rahman@mom.gov.sg", "not reached", "portal-users > portal-nested"},
        {"ship-billing", "siti.rahman@mom.gov.sg", "not reached", "portal-users > portal-nested"},
        {"ship-open", "", "everyone", ""},
        {"ship-automation", "", "everyone", ""},
    };
    CHECK(rows_of(review_of(cli)) == left);
    const auto members = cli.run({"groups", "members", "list", "ship:portal-users", "-o", "json"});
    CHECK_FALSE(contains(members.out, "wei.ming.lim@tech.gov.sg"));

    // Again: nothing to do, nothing sent that changes anything.
    const std::size_t deletes_after = count_in(cli.emulator_log(), "DELETE ");
    const auto again = cli.run({"access", "apply", decided, "--yes", "-o", "json"});
    CHECK_MESSAGE(again.exit_code == 0, again.err);
    CHECK(contains(again.err, "0 to revoke, 5 kept, 2 already revoked"));
    const auto again_rows = outcomes(json::parse(again.out));
    CHECK(again_rows.size() == 2);
    CHECK(again_rows.at("already revoked") == applied_rows.at("revoked"));
    CHECK(again_rows.at("kept") == applied_rows.at("kept"));
    CHECK(count_in(cli.emulator_log(), "DELETE ") == deletes_after);
}

TEST_CASE("access apply: a removal whose answer was lost is reported done, not failed") {
    const Cli cli;
    make_namespace(cli);
    const std::string file = cli.home().file("review.csv");
    REQUIRE(cli.run({"access", "review", "--out", file}).exit_code == 0);
    const std::string decided = cli.home().file("decided.csv");
    cli.home().write("decided.csv", decide(read(file), {{"jane.tan@tech.gov.sg", "revoke"}}));
    std::string app_id;
    const json review = review_of(cli);
    for (const json& row : review.at("rows")) {
        if (row.at("app") == "ship-portal") {
            app_id = row.at("appId").get<std::string>();
        }
    }
    REQUIRE_FALSE(app_id.empty());
    // The DELETE of Jane's assignment is carried out, its answer lost; the
    // retry finds it gone.
    cli.control("PUT", "faults",
                {{"fraction", 1},
                 {"kinds", {"lost"}},
                 {"paths", "/iam/namespace/SHIP/apps/" + app_id + "/assignments/"}});
    const auto applied = cli.run({"access", "apply", decided, "--yes", "-o", "json"});
    CHECK_MESSAGE(applied.exit_code == 0, applied.err);
    CHECK(contains(applied.err, "Already gone: remove jane.tan@tech.gov.sg's assignment to app "
                                "ship-portal"));
    CHECK(contains(applied.err, "0 revoked, 0 failed, 1 already revoked, 6 kept."));
    std::size_t jane_rows = 0;
    const json report = json::parse(applied.out);
    for (const json& row : report.at("rows")) {
        if (row.at("email") == "jane.tan@tech.gov.sg") {
            ++jane_rows;
            CHECK(row.at("outcome") == "already revoked");
        }
    }
    CHECK(jane_rows == 1);
    cli.control("DELETE", "faults");
    for (const Row& row : rows_of(review_of(cli))) {
        CHECK(std::get<1>(row) != "jane.tan@tech.gov.sg");
    }
}

TEST_CASE("access apply: a stale or hand-edited review is refused with its rows named") {
    const Cli cli;
    make_namespace(cli);
    const std::string file = cli.home().file("review.csv");
    REQUIRE(cli.run({"access", "review", "--out", file}).exit_code == 0);
    const std::string review = read(file);

    // Edited by hand: an email changed in a row.
    std::string edited = review;
    const auto at = edited.find("jane.tan@tech.gov.sg");
    edited.replace(at, std::string("jane.tan").size(), "jane.tam");
    cli.home().write("edited.csv", decide(edited, {{"wei.ming.lim@tech.gov.sg", "revoke"}}));
    const std::size_t deletes_before = count_in(cli.emulator_log(), "DELETE ");
    auto result = cli.run({"access", "apply", cli.home().file("edited.csv"), "--yes"});
    CHECK(result.exit_code == 2);
    // Its line in the file: the header is line 1.
    const std::size_t jane_line = 1 + count_in(review.substr(0, at), "\n");
    CHECK(contains(result.err, "line " + std::to_string(jane_line) +
                                   ": jane.tam@tech.gov.sg on app ship-portal: changed by hand"));
    CHECK(contains(result.err, "nothing was applied"));

    // A decision that is neither keep nor revoke.
    cli.home().write("typo.csv", decide(review, {{"jane.tan@tech.gov.sg", "remove"}}));
    result = cli.run({"access", "apply", cli.home().file("typo.csv"), "--yes"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "decision 'remove': write keep, revoke or nothing"));

    // Revoking what the platform does not grant row by row.
    cli.home().write("open.csv", decide(review, {{"", "revoke"}}, "ship-open"));
    result = cli.run({"access", "apply", cli.home().file("open.csv"), "--yes"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "app ship-open lets every TechPass user in"));

    // Access changed since the review: Jane's assignment removed by hand.
    REQUIRE(
        cli.run({"apps", "assignments", "remove", "ship-portal", "jane.tan@tech.gov.sg", "--yes"})
            .exit_code == 0);
    const std::size_t deletes_manual = count_in(cli.emulator_log(), "DELETE ");
    CHECK(deletes_manual == deletes_before + 1);
    cli.home().write("stale.csv", decide(review, {{"wei.ming.lim@tech.gov.sg", "revoke"}}));
    result = cli.run({"access", "apply", cli.home().file("stale.csv"), "--yes"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "jane.tan@tech.gov.sg on app ship-portal (assigned) no longer "
                               "matches the live access: it changed since the review"));
    // Nothing was removed by any of the refused files.
    CHECK(count_in(cli.emulator_log(), "DELETE ") == deletes_manual);

    // Not a review at all.
    cli.home().write("other.csv", "email,decision\njane.tan@tech.gov.sg,revoke\n");
    result = cli.run({"access", "apply", cli.home().file("other.csv"), "--yes"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "no column 'namespace': not an access review"));
}

} // namespace test_access
