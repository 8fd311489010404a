// techpass users register|invite|list|get|disable|enable|delete, and the
// account lifecycle (emulator clock + lifecycle sweep).

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_users {

using e2e::Cli;
using e2e::contains;
using e2e::json_of;

namespace {

constexpr int k_day = 86400;

std::vector<std::string> kinds_to(const Cli& cli, const std::string& recipient) {
    std::vector<std::string> result;
    const nlohmann::json outbox = cli.control("GET", "outbox");
    for (const auto& message : outbox["messages"]) {
        if (message["recipient"] == recipient) {
            result.push_back(message["kind"].get<std::string>());
        }
    }
    return result;
}

std::string status_of(const Cli& cli, const std::string& user) {
    return json_of(cli.run({"users", "get", user, "-o", "json"}))["status"].get<std::string>();
}

void advance_and_sweep(const Cli& cli, int days) {
    cli.control("POST", "clock/advance", {{"seconds", days * k_day}});
    cli.control("POST", "lifecycle/sweep");
}

// A product (test/training) account: exempt from the lifecycle rules.
constexpr const char* k_product_account = R"(
[[users]]
email = "training.01@tech.gov.sg"
first_name = "Training"
last_name = "One"
mobile = "+6591239999"
account_type = "product"
status = "active"
)";

} // namespace

TEST_CASE("users register: the officer's account is pending and the onboarding mail is sent") {
    const Cli cli;
    const auto user = json_of(cli.run({"users", "register", "Mei.Lim@tech.gov.sg", "--mobile",
                                       "9876 5432", "--seed", "-o", "json"}));
    CHECK(user["email"] == "mei.lim@tech.gov.sg");
    CHECK(user["username"] == "mei.lim@tech.gov.sg");
    CHECK(user["mobile"] == "+6598765432");
    CHECK(user["accountType"] == "account:public_officer");
    CHECK(user["status"] == "pending");
    CHECK(user["agency"] == "GovTech");
    CHECK(user["sponsor"]["id"] == "SHIP");
    CHECK(kinds_to(cli, "mei.lim@tech.gov.sg") ==
          std::vector<std::string>{"onboarding", "seed-onboarding"});

    // On a terminal it says what happens next; without --seed, one mail.
    auto result = cli.run_tty({"users", "register", "ravi.kumar@mom.gov.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Registered ravi.kumar@mom.gov.sg: the account is pending until "
                               "their first sign-in"));
    CHECK(contains(result.out, "An onboarding email, valid for 30 days, was sent to "
                               "ravi.kumar@mom.gov.sg"));
    CHECK_FALSE(contains(result.out, "SEED was requested"));
    CHECK(kinds_to(cli, "ravi.kumar@mom.gov.sg") == std::vector<std::string>{"onboarding"});

    // Piped: the account, no chatter.
    result = cli.run({"users", "register", "tan.ah.kow@hdb.gov.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "tan.ah.kow@hdb.gov.sg"));
    CHECK(contains(result.out, "pending"));
    CHECK(result.err.empty());

    // Twice: the account exists.
    result = cli.run({"users", "register", "mei.lim@tech.gov.sg"});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "already exists"));

    result = cli.run({"users", "register", "lim.bee@tech.gov.sg", "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "Would send POST /iam/users/registrations"));
    CHECK(kinds_to(cli, "lim.bee@tech.gov.sg").empty());
}

TEST_CASE("users register checks eligibility before sending and says which path applies") {
    const Cli cli;
    SUBCASE("a personal mail domain") {
        const auto result = cli.run({"users", "register", "mei.lim@gmail.com"});
        CHECK(result.exit_code == 2);
        CHECK(result.err == "techpass: error: cannot register mei.lim@gmail.com: gmail.com is a "
                            "personal mail domain, which TechPass never accepts: use the "
                            "person's organisational email address\n"
                            "hint: nothing was sent\n");
    }
    SUBCASE("a government domain that must be invited") {
        const auto result = cli.run({"users", "register", "lee.kh@mindef.gov.sg"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "cannot register lee.kh@mindef.gov.sg: mindef.gov.sg accounts "
                                   "cannot be registered directly: invite them instead "
                                   "(techpass users invite)"));
    }
    SUBCASE("a subdomain of one") {
        const auto result = cli.run({"users", "register", "ops@hq.dsta.gov.sg"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "techpass users invite"));
    }
    SUBCASE("a company's domain") {
        const auto result = cli.run({"users", "register", "ahmad@acme.com.sg"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "invite vendors and other users instead (techpass vendors "
                                   "invite, techpass users invite)"));
    }
    SUBCASE("not an email") {
        const auto result = cli.run({"users", "register", "mei.lim"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "is not a valid email address"));
    }
    SUBCASE("a bad mobile number") {
        const auto result =
            cli.run({"users", "register", "mei.lim@tech.gov.sg", "--mobile", "6123 4567"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "cannot register mei.lim@tech.gov.sg: --mobile \"6123 4567\" "
                                   "is not a mobile number"));
    }
    CHECK_FALSE(contains(cli.emulator_log(), "/iam/users/registrations"));
    CHECK(cli.control("GET", "outbox")["count"] == 0);
}

TEST_CASE("users invite: officers of excluded domains and other account types") {
    const Cli cli;
    const std::vector<std::string> fields{"--first-name", "Kok Hwa",  "--last-name", "Lee",
                                          "--mobile",     "91112222", "--company",   "DSTA",
                                          "--department", "C3",       "--agency",    "MINDEF",
                                          "--onshore",    "-o",       "json"};
    auto args = std::vector<std::string>{"users", "invite", "lee.kh@dsta.gov.sg"};
    args.insert(args.end(), fields.begin(), fields.end());
    auto invitation = json_of(cli.run(args));
    CHECK(invitation["accountType"] == "vendor");
    CHECK(invitation["email"] == "lee.kh@dsta.gov.sg");

    args = {"users", "invite",   "nur@temps.com.sg", "--account-type",
            "temp",  "--mobile", "81113333"};
    args.insert(args.end(), fields.begin() + 6, fields.end());
    args.insert(args.end(), {"--first-name", "Nur", "--last-name", "Aisyah"});
    invitation = json_of(cli.run(args));
    CHECK(invitation["accountType"] == "temp");
    CHECK(kinds_to(cli, "nur@temps.com.sg") == std::vector<std::string>{"vendor-invitation"});

    args = {"users", "invite", "x@temps.com.sg", "--account-type", "boss"};
    auto result = cli.run(args);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "--account-type: \"boss\" is not vendor, temp or other"));

    args = {"users", "invite", "mei.lim@tech.gov.sg"};
    args.insert(args.end(), fields.begin(), fields.end());
    result = cli.run(args);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "techpass users register mei.lim@tech.gov.sg"));
}

TEST_CASE("users list filters, and users get by id, email or username") {
    const Cli cli;
    REQUIRE(cli.run({"users", "register", "mei.lim@tech.gov.sg"}).exit_code == 0);

    auto result = cli.run({"users", "list", "-o", "name"});
    CHECK(result.out == "mei.lim@tech.gov.sg\nalex.wong@acme-consulting.com\n"
                        "siti.rahman@mom.gov.sg\nwei.ming.lim@tech.gov.sg\njane.tan@tech.gov.sg\n");
    result = cli.run({"users", "list", "--status", "pending", "-o", "name"});
    CHECK(result.out == "mei.lim@tech.gov.sg\n");
    result = cli.run({"users", "list", "--type", "vendor", "-o", "name"});
    CHECK(result.out == "alex.wong@acme-consulting.com\n");
    result = cli.run({"users", "list", "--search", "LIM", "-o", "name"});
    CHECK(result.out == "mei.lim@tech.gov.sg\nwei.ming.lim@tech.gov.sg\n");
    result = cli.run({"users", "list", "--limit", "2", "-o", "name"});
    CHECK(result.out == "mei.lim@tech.gov.sg\nalex.wong@acme-consulting.com\n");
    result = cli.run({"users", "list", "--status", "gone"});
    CHECK(result.exit_code == 2);
    result = cli.run({"users", "list"});
    CHECK(contains(result.out, "EMAIL"));
    CHECK(contains(result.out, "public_officer"));
    // The table's column names serve as --fields (NAME is displayName).
    result = cli.run({"users", "list", "--status", "pending", "--fields", "name,EMAIL"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "DISPLAYNAME  EMAIL\nMei Lim      mei.lim@tech.gov.sg\n");

    cli.control("POST", "clock/advance", {{"seconds", 61 * k_day}});
    result = cli.run({"users", "list", "--inactive-days", "60", "-o", "name"});
    CHECK(contains(result.out, "jane.tan@tech.gov.sg\n"));
    cli.control("POST", "signins", {{"user", "jane.tan@tech.gov.sg"}});
    result = cli.run({"users", "list", "--inactive-days", "60", "-o", "name"});
    CHECK_FALSE(contains(result.out, "jane.tan@tech.gov.sg"));

    const auto jane = json_of(cli.run({"users", "get", "jane_tan", "-o", "json"}));
    CHECK(jane["email"] == "jane.tan@tech.gov.sg");
    CHECK(jane["lastSignInAt"].is_string());
    CHECK_FALSE(jane.contains("seedStatus"));
    const auto by_id =
        json_of(cli.run({"users", "get", jane["id"].get<std::string>(), "--seed", "-o", "json"}));
    CHECK(by_id["email"] == "jane.tan@tech.gov.sg");
    CHECK(by_id.contains("seedStatus"));
    CHECK(by_id["seedDevices"].is_array());
    result = cli.run_tty({"users", "get", "jane.tan@tech.gov.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "LAST SIGN-IN:"));
    CHECK(contains(result.out, "Jane Tan"));
    result = cli.run({"users", "get", "nobody@tech.gov.sg"});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "traceId: "));
}

TEST_CASE("users disable, enable and delete ask first, or take --yes") {
    const Cli cli;
    REQUIRE(cli.run({"users", "register", "mei.lim@tech.gov.sg"}).exit_code == 0);

    auto result = cli.run({"users", "disable", "mei.lim@tech.gov.sg"});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "techpass: error: refusing to disable without --yes when not on a "
                        "terminal\nhint: pass --yes to confirm\n");
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "pending");

    result = cli.run_tty({"users", "disable", "mei.lim@tech.gov.sg"}, {{}, "n\n"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.out,
                   "? Disable the account of mei.lim@tech.gov.sg? They can no longer sign in"));
    CHECK(contains(result.out, "cancelled; nothing was disabled"));
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "pending");

    result = cli.run_tty({"users", "disable", "mei.lim@tech.gov.sg"}, {{}, "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Disabled mei.lim@tech.gov.sg"));
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "disabled");
    result = cli.run({"users", "disable", "mei.lim@tech.gov.sg", "--yes", "-o", "json"});
    CHECK(json_of(result)["status"] == "disabled");

    result = cli.run({"users", "enable", "mei.lim@tech.gov.sg", "-o", "json"});
    CHECK(json_of(result)["status"] == "active");

    // On a terminal, --yes asks nothing: no input is given, none is read.
    result = cli.run_tty({"users", "disable", "mei.lim@tech.gov.sg", "--yes"});
    CHECK(result.exit_code == 0);
    CHECK_FALSE(contains(result.out, "? "));
    CHECK(contains(result.out, "Disabled mei.lim@tech.gov.sg"));
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "disabled");
    CHECK(json_of(cli.run({"users", "enable", "mei.lim@tech.gov.sg", "-o", "json"}))["status"] ==
          "active");

    // Only the sponsor may: nobody registered the seeded officers.
    result = cli.run({"users", "disable", "wei.ming.lim@tech.gov.sg", "--yes"});
    CHECK(result.exit_code == 4);

    result = cli.run({"users", "delete", "mei.lim@tech.gov.sg"});
    CHECK(result.exit_code == 2);
    result = cli.run_tty({"users", "delete", "mei.lim@tech.gov.sg"}, {{}, "no\n"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.out, "cancelled; nothing was deleted"));
    result = cli.run({"users", "delete", "mei.lim@tech.gov.sg", "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "Would send DELETE /iam/users/mei.lim@tech.gov.sg"));
    result = cli.run_tty({"users", "delete", "mei.lim@tech.gov.sg"}, {{}, "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Deleted the account of mei.lim@tech.gov.sg"));
    CHECK(cli.run({"users", "get", "mei.lim@tech.gov.sg"}).exit_code == 5);

    // Its email is free again.
    CHECK(cli.run({"users", "register", "mei.lim@tech.gov.sg"}).exit_code == 0);
    CHECK(cli.run({"users", "delete", "mei.lim@tech.gov.sg", "--yes"}).exit_code == 0);
}

TEST_CASE("lifecycle: disabled at 90 days without sign-in, terminated at 180, exemptions") {
    const Cli cli(k_product_account);
    REQUIRE(cli.run({"users", "register", "mei.lim@tech.gov.sg"}).exit_code == 0);
    REQUIRE(cli.run({"users", "register", "ravi.kumar@mom.gov.sg"}).exit_code == 0);
    cli.control("POST", "signins", {{"user", "mei.lim@tech.gov.sg"}});
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "active");

    // Day 29: nothing yet for the officer who never signed in; reminders only.
    advance_and_sweep(cli, 29);
    CHECK(status_of(cli, "ravi.kumar@mom.gov.sg") == "pending");
    // Day 30: never signed in, terminated.
    advance_and_sweep(cli, 1);
    CHECK(status_of(cli, "ravi.kumar@mom.gov.sg") == "terminated");
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "active");

    // Day 89, then 90 without a sign-in: disabled.
    advance_and_sweep(cli, 59);
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "active");
    const auto mails = kinds_to(cli, "mei.lim@tech.gov.sg");
    REQUIRE_FALSE(mails.empty());
    CHECK(mails.back() == "inactivity-reminder");
    advance_and_sweep(cli, 1);
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "disabled");
    auto result = cli.run({"users", "list", "--status", "disabled", "-o", "name"});
    CHECK(contains(result.out, "mei.lim@tech.gov.sg\n"));
    // A product account is exempt.
    CHECK(status_of(cli, "training.01@tech.gov.sg") == "active");

    // Re-enabled by its sponsor: exempt for 5 days although still idle.
    result = cli.run({"users", "enable", "mei.lim@tech.gov.sg"});
    CHECK(result.exit_code == 0);
    advance_and_sweep(cli, 4);
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "active");
    advance_and_sweep(cli, 1);
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "disabled");

    // Day 180 without a sign-in: terminated; it cannot be enabled again.
    advance_and_sweep(cli, 85);
    CHECK(status_of(cli, "mei.lim@tech.gov.sg") == "terminated");
    result = cli.run({"users", "enable", "mei.lim@tech.gov.sg"});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "terminated"));
    CHECK(status_of(cli, "training.01@tech.gov.sg") == "active");
}

} // namespace test_users
