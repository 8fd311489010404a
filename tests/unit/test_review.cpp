// The access review's file and plan (lib/techpass/api/review): rows read
// back from CSV, checks, and what applying decisions does against the live
// access, without a portal.

#include "techpass/api/review.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace test_review {

using namespace techpass::api::review;
using techpass::api::Json;

namespace {

Json row(const std::string& app, const std::string& email, const std::string& access,
         const std::string& via) {
    Json r = Json::object();
    for (const auto& field : review_fields()) {
        r[field] = "";
    }
    r["namespace"] = "SHIP";
    r["app"] = app;
    r["appId"] = "id-" + app;
    r["email"] = email;
    r["access"] = access;
    r["via"] = via;
    r["check"] = row_check(r);
    return r;
}

Json live_of(const std::vector<Json>& rows) {
    Json live = {{"namespace", "SHIP"}, {"rows", Json::array()}};
    for (const auto& r : rows) {
        live["rows"].push_back(r);
    }
    return live;
}

// Review lines from rows with decisions; line numbers from 2 (after the header).
std::vector<ReviewLine> lines_of(const std::vector<std::pair<Json, std::string>>& decided) {
    std::vector<ReviewLine> lines;
    std::size_t line = 2;
    for (const auto& [r, decision] : decided) {
        Json copy = r;
        copy["decision"] = decision;
        lines.push_back({line++, copy});
    }
    return lines;
}

const Json jane = row("portal", "jane@tech.gov.sg", "assigned", "");
const Json wei_portal = row("portal", "wei@tech.gov.sg", "group", "users");
const Json wei_billing = row("billing", "wei@tech.gov.sg", "group", "users");
const Json siti = row("portal", "siti@tech.gov.sg", "not reached", "users > nested");
const Json open_app = row("open", "", "everyone", "");

} // namespace

TEST_CASE("review: row_check changes with what identifies the row, not with the decision") {
    Json changed = jane;
    changed["decision"] = "revoke";
    changed["lastSignIn"] = "2026-01-01T00:00:00Z";
    CHECK(row_check(changed) == row_check(jane));
    changed["email"] = "JANE@tech.gov.sg";
    CHECK(row_check(changed) == row_check(jane)); // emails compare without case
    changed["email"] = "jane2@tech.gov.sg";
    CHECK(row_check(changed) != row_check(jane));
    changed = jane;
    changed["access"] = "group";
    CHECK(row_check(changed) != row_check(jane));
}

TEST_CASE("review: the CSV reads back into the same rows") {
    const Json review = {{"namespace", "SHIP"}, {"rows", {jane, wei_portal, siti, open_app}}};
    std::istringstream in(review_csv(review));
    const auto lines = read_review(in, "review.csv");
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].line == 2);
    CHECK(lines[3].line == 5);
    CHECK(lines[1].row == wei_portal);
    CHECK(lines[2].row.at("via") == "users > nested");

    std::istringstream other("email,decision\nx@y.z,revoke\n");
    CHECK_THROWS_AS(read_review(other, "other.csv"), techpass::Error);
    std::istringstream empty("");
    CHECK_THROWS_AS(read_review(empty, "empty.csv"), techpass::Error);
}

TEST_CASE("plan_apply: revocations, what else a membership ends, keeps and re-applies") {
    const Json live = live_of({jane, wei_portal, wei_billing, siti, open_app});
    const auto lines = lines_of({{jane, "revoke"},
                                 {wei_portal, " REVOKE "},
                                 {wei_billing, ""},
                                 {siti, "keep"},
                                 {open_app, ""}});
    const ApplyPlan plan = plan_apply(lines, live);
    CHECK(plan.problems.empty());
    REQUIRE(plan.revocations.size() == 2);
    CHECK(plan.revocations[0].kind == "assignment");
    CHECK(plan.revocations[0].email == "jane@tech.gov.sg");
    CHECK(plan.revocations[0].lines == std::vector<std::size_t>{2});
    CHECK(plan.revocations[1].kind == "membership");
    CHECK(plan.revocations[1].group == "users");
    CHECK(plan.revocations[1].also_ends == std::vector<std::string>{"billing"});
    CHECK(plan.kept == std::vector<std::size_t>{4, 5, 6});
    CHECK(plan.already_done.empty());

    // After the apply: jane and both of wei's rows are gone; the same file
    // is done, not stale (wei's billing row ended with his membership).
    const Json after = live_of({siti, open_app});
    const ApplyPlan again = plan_apply(lines, after);
    CHECK(again.problems.empty());
    CHECK(again.revocations.empty());
    CHECK(again.already_done == std::vector<std::size_t>{2, 3});
    CHECK(again.kept == std::vector<std::size_t>{4, 5, 6});

    // Revoking the same membership from two rows removes it once.
    const ApplyPlan both =
        plan_apply(lines_of({{wei_portal, "revoke"}, {wei_billing, "revoke"}}), live);
    REQUIRE(both.revocations.size() == 1);
    CHECK(both.revocations[0].lines == std::vector<std::size_t>{2, 3});
}

TEST_CASE("plan_apply: what refuses a review") {
    const Json live = live_of({wei_portal, siti, open_app});
    Json edited = jane;
    edited["email"] = "boss@tech.gov.sg";
    const ApplyPlan plan = plan_apply(lines_of({{jane, ""},           // gone since: stale
                                                {edited, "revoke"},   // changed by hand
                                                {siti, "revoke"},     // nothing to revoke
                                                {open_app, "revoke"}, // not row by row
                                                {wei_portal, "delete"}}),
                                      live);
    REQUIRE(plan.problems.size() == 5);
    CHECK(plan.problems[0].find("line 3: boss@tech.gov.sg on app portal: changed by hand") == 0);
    CHECK(plan.problems[1].find("line 4: siti@tech.gov.sg is not let in") == 0);
    CHECK(plan.problems[2].find("line 5: app open lets every TechPass user in") == 0);
    CHECK(plan.problems[3].find("line 6: decision 'delete'") == 0);
    CHECK(plan.problems[4].find("line 2: jane@tech.gov.sg on app portal (assigned) no longer "
                                "matches the live access") == 0);

    Json elsewhere = jane;
    elsewhere["namespace"] = "PORT";
    elsewhere["check"] = row_check(elsewhere);
    CHECK(
        plan_apply(lines_of({{elsewhere, "revoke"}}), live).problems.at(0).find("namespace PORT") !=
        std::string::npos);
}

} // namespace test_review
