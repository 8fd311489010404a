// techpass vendors invite|list|get|update|request-seed: the invitation rules,
// prompts, the mails the emulator sends, expiry, registration and SEED.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_vendors {

using e2e::Cli;
using e2e::contains;
using e2e::json_of;

namespace {

// A complete onshore invitation of email.
std::vector<std::string> invite(const std::string& email, const std::string& mobile = "8111 2222") {
    return {
        "vendors",          "invite",   email,     "--first-name", "Ahmad",        "--last-name",
        "bin Ismail",       "--mobile", mobile,    "--company",    "Acme Pte Ltd", "--department",
        "Digital Delivery", "--agency", "GovTech", "--onshore"};
}

nlohmann::json mails_to(const Cli& cli, const std::string& recipient) {
    nlohmann::json result = nlohmann::json::array();
    const nlohmann::json outbox = cli.control("GET", "outbox");
    for (const auto& message : outbox["messages"]) {
        if (message["recipient"] == recipient) {
            result.push_back(message);
        }
    }
    return result;
}

std::vector<std::string> kinds(const nlohmann::json& messages) {
    std::vector<std::string> result;
    for (const auto& message : messages) {
        result.push_back(message["kind"].get<std::string>());
    }
    return result;
}

std::size_t invitations_in_state(const Cli& cli) {
    return cli.control("GET", "state/invitations")["rows"].size();
}

} // namespace

TEST_CASE("vendors invite with every field, piped: the invitation and the vendor's mail") {
    const Cli cli;
    auto args = invite("Ahmad@Acme.com.sg");
    args.insert(args.end(), {"--seed", "-o", "json"});
    const auto result = cli.run(args);
    CHECK(result.err.empty());
    const auto invitation = json_of(result);
    CHECK(invitation["email"] == "ahmad@acme.com.sg");
    CHECK(invitation["firstName"] == "Ahmad");
    CHECK(invitation["lastName"] == "bin Ismail");
    CHECK(invitation["mobile"] == "+6581112222");
    CHECK(invitation["company"] == "Acme Pte Ltd");
    CHECK(invitation["department"] == "Digital Delivery");
    CHECK(invitation["sponsoringAgency"] == "GovTech");
    CHECK(invitation["businessOperation"] == "onshore");
    CHECK(invitation["seed"] == true);
    CHECK(invitation["accountType"] == "vendor");
    CHECK(invitation["status"] == "pending");
    CHECK(invitation["replaced"].is_null());

    const auto mails = mails_to(cli, "ahmad@acme.com.sg");
    REQUIRE(mails.size() == 1);
    CHECK(mails[0]["kind"] == "vendor-invitation");
    CHECK(mails[0]["channel"] == "email");
    // Nobody else was written to.
    CHECK(cli.control("GET", "outbox")["count"] == 1);
}

TEST_CASE("vendors invite on a terminal says what happens next") {
    const Cli cli;
    const auto result = cli.run_tty(invite("ahmad@acme.com.sg"));
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Invited ahmad@acme.com.sg (vendor)"));
    // The note is filled to the terminal's width: read it as one line.
    std::string note = result.out;
    for (std::size_t at = note.find("\n  "); at != std::string::npos; at = note.find("\n  ")) {
        note.replace(at, 3, " ");
    }
    CHECK(contains(note, "registration link valid for 5 days"));
    CHECK(contains(note, "pending until their first sign-in"));
    CHECK(contains(result.out, "techpass invitations get "));
    // Nothing runs past the terminal's 80 columns (code points counted).
    std::size_t start = 0;
    while (start < result.out.size()) {
        std::size_t end = result.out.find('\n', start);
        end = end == std::string::npos ? result.out.size() : end;
        const std::string line = result.out.substr(start, end - start);
        std::size_t columns = 0;
        for (const char c : line) {
            columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
        }
        CAPTURE(line);
        CHECK(columns <= 80);
        start = end + 1;
    }
}

TEST_CASE("vendors invite refuses what the portal would, before sending") {
    const Cli cli;
    SUBCASE("a mobile number that is not Singapore's") {
        const auto result = cli.run(invite("ahmad@acme.com.sg", "12345"));
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "techpass: error: cannot invite ahmad@acme.com.sg: --mobile: "
                                   "\"12345\" does not have 8 digits after +65"));
    }
    SUBCASE("a foreign mobile number") {
        const auto result = cli.run(invite("ahmad@acme.com.sg", "+44 7700 900123"));
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "is not a Singapore number"));
    }
    SUBCASE("a personal mail domain") {
        const auto result = cli.run(invite("ahmad.ismail@gmail.com"));
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "gmail.com is a personal mail domain, which TechPass never "
                                   "accepts"));
    }
    SUBCASE("a public officer who can register directly") {
        const auto result = cli.run(invite("mei.lim@tech.gov.sg"));
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "register the officer instead (techpass users register "
                                   "mei.lim@tech.gov.sg)"));
    }
    SUBCASE("offshore without SEED") {
        auto args = invite("priya@acme.in");
        args.back() = "--offshore";
        args.insert(args.end(), {"--odc", "Bangalore ODC"});
        const auto result = cli.run(args);
        CHECK(result.exit_code == 2);
        CHECK(result.err == "techpass: error: cannot invite priya@acme.in: missing --seed\n"
                            "hint: nothing was sent; pass the missing flags, or run it on a "
                            "terminal without --no-input to be asked for them\n");
    }
    SUBCASE("offshore without a centre, and Others without the company") {
        auto args = invite("priya@acme.in");
        args.back() = "--offshore";
        args.push_back("--seed");
        auto result = cli.run(args);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "missing --odc"));
        args.insert(args.end(), {"--odc", "Others"});
        result = cli.run(args);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "missing --offshore-company"));
    }
    SUBCASE("offshore details for an onshore vendor") {
        auto args = invite("ahmad@acme.com.sg");
        args.insert(args.end(), {"--odc", "Bangalore ODC"});
        const auto result = cli.run(args);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "--odc: applies only to offshore users"));
    }
    SUBCASE("--onshore and --offshore together") {
        auto args = invite("ahmad@acme.com.sg");
        args.push_back("--offshore");
        CHECK(cli.run(args).exit_code == 2);
    }
    SUBCASE("missing fields under --no-input are all listed at once") {
        const auto result = cli.run(
            {"vendors", "invite", "ahmad@acme.com.sg", "--mobile", "81112222", "--no-input"});
        CHECK(result.exit_code == 2);
        CHECK(result.err == "techpass: error: cannot invite ahmad@acme.com.sg: missing "
                            "--first-name, --last-name, --company, --department, --agency, "
                            "--onshore or --offshore\n"
                            "hint: nothing was sent; pass the missing flags, or run it on a "
                            "terminal without --no-input to be asked for them\n");
    }
    SUBCASE("missing fields on a terminal with --no-input, and without an email") {
        const auto result = cli.run_tty({"vendors", "invite", "--no-input"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.out, "cannot invite without an email: missing EMAIL, --first-name, "
                                   "--last-name, --mobile, --company, --department, --agency, "
                                   "--onshore or --offshore"));
    }
    SUBCASE("missing fields with CI set, on a terminal") {
        const auto result =
            cli.run_tty({"vendors", "invite", "ahmad@acme.com.sg"}, {{{"CI", "true"}}, ""});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.out, "missing --first-name"));
        CHECK_FALSE(contains(result.out, "? First name"));
    }
    CHECK(invitations_in_state(cli) == 0);
    CHECK(cli.control("GET", "outbox")["count"] == 0);
    CHECK_FALSE(contains(cli.emulator_log(), "POST /iam/invitations"));
}

TEST_CASE("vendors invite prompts for the missing fields on a terminal, re-asking bad answers") {
    const Cli cli;
    SUBCASE("onshore") {
        const auto result =
            cli.run_tty({"vendors", "invite", "ahmad@acme.com.sg"},
                        {{},
                         "Ahmad\nbin Ismail\n12345\n+65 8123 9876\nAcme Pte Ltd\nDigital Delivery\n"
                         "GovTech\nsideways\nonshore\n"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "? First name: "));
        CHECK(contains(result.out, "? Last name: "));
        CHECK(contains(result.out, "mobile \"12345\" does not have 8 digits after +65"));
        CHECK(contains(result.out, "? Sponsoring agency (the agency they work for): "));
        CHECK(contains(result.out, "business_operation \"sideways\" is not onshore or offshore"));
        CHECK(contains(result.out, "Invited ahmad@acme.com.sg (vendor)"));
        // Not asked: optional onshore.
        CHECK_FALSE(contains(result.out, "? Request SEED"));
        const auto rows = cli.control("GET", "state/invitations")["rows"];
        REQUIRE(rows.size() == 1);
        CHECK(rows[0]["mobile"] == "+6581239876");
        CHECK(rows[0]["last_name"] == "bin Ismail");
        CHECK(rows[0]["business_operation"] == "onshore");
    }
    SUBCASE("offshore asks for the centre, the company and SEED") {
        const auto result =
            cli.run_tty({"vendors", "invite", "priya@acme.in", "--first-name", "Priya",
                         "--last-name", "Nair", "--mobile", "91239876", "--company", "Acme India",
                         "--department", "Engineering", "--agency", "GovTech", "--offshore"},
                        {{}, "Others\nAcme India Pvt Ltd\nno\nyes\n"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "? Offshore Development Centre (or Others): "));
        CHECK(contains(result.out, "? Offshore company: "));
        CHECK(contains(result.out, "seed is mandatory for offshore users"));
        const auto rows = cli.control("GET", "state/invitations")["rows"];
        REQUIRE(rows.size() == 1);
        CHECK(rows[0]["offshore_development_centre"] == "Others");
        CHECK(rows[0]["offshore_company"] == "Acme India Pvt Ltd");
        CHECK(rows[0]["seed"] == 1);
    }
    SUBCASE("the email too, and end of input cancels") {
        const auto result = cli.run_tty({"vendors", "invite"},
                                        {{}, "ahmad@gmail.com\nahmad@acme.com.sg\nAhmad\n\x04"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.out, "? Email: "));
        CHECK(contains(result.out, "gmail.com is a personal mail domain"));
        CHECK(contains(result.out, "cancelled; no invitation was sent"));
        CHECK(invitations_in_state(cli) == 0);
    }
}

TEST_CASE("a repeated invitation before registration replaces the earlier one") {
    const Cli cli;
    auto args = invite("ahmad@acme.com.sg");
    args.insert(args.end(), {"-o", "json"});
    const auto first = json_of(cli.run(args));
    const auto second_run = cli.run(args);
    const auto second = json_of(second_run);
    CHECK(second["replaced"] == first["id"]);
    CHECK(second_run.err == "This invitation replaces the earlier one to ahmad@acme.com.sg (" +
                                first["id"].get<std::string>() +
                                "), whose link no longer works.\n");
    const auto old =
        json_of(cli.run({"invitations", "get", first["id"].get<std::string>(), "-o", "json"}));
    CHECK(old["status"] == "replaced");
    CHECK(old["replacedBy"] == second["id"]);
    CHECK(kinds(mails_to(cli, "ahmad@acme.com.sg")) ==
          std::vector<std::string>{"vendor-invitation", "vendor-invitation"});
}

TEST_CASE("an invitation expires after 5 days of emulator clock, and a re-invite works") {
    const Cli cli;
    auto args = invite("ahmad@acme.com.sg");
    args.insert(args.end(), {"-o", "json"});
    const auto first = json_of(cli.run(args));

    cli.control("POST", "clock/advance", {{"seconds", 4 * 86400}});
    cli.control("POST", "lifecycle/sweep");
    CHECK(json_of(cli.run({"invitations", "get", first["id"].get<std::string>(), "-o",
                           "json"}))["status"] == "pending");

    cli.control("POST", "clock/advance", {{"seconds", 86400}});
    const auto sweep = cli.control("POST", "lifecycle/sweep");
    REQUIRE(sweep["expiredInvitations"].size() == 1);
    CHECK(json_of(cli.run({"invitations", "get", first["id"].get<std::string>(), "-o",
                           "json"}))["status"] == "expired");
    const auto listed = cli.run({"invitations", "list", "--status", "expired", "-o", "name"});
    CHECK(listed.out == first["id"].get<std::string>() + "\n");
    // The inviter (the app's namespace: its admin) hears of it.
    CHECK(kinds(mails_to(cli, "jane.tan@tech.gov.sg")) ==
          std::vector<std::string>{"invitation-expired"});

    const auto again = json_of(cli.run(args));
    CHECK(again["status"] == "pending");
    CHECK(again["id"] != first["id"]);
    CHECK(again["replaced"].is_null()); // an expired invitation is not replaced
    CHECK(kinds(mails_to(cli, "ahmad@acme.com.sg")) ==
          std::vector<std::string>{"vendor-invitation", "vendor-invitation"});
    const auto pending = cli.run({"invitations", "list", "--status", "pending", "-o", "name"});
    CHECK(pending.out == again["id"].get<std::string>() + "\n");
}

TEST_CASE("a vendor who registers is pending, then active at their first sign-in") {
    const Cli cli;
    auto args = invite("ahmad@acme.com.sg");
    args.insert(args.end(), {"--seed", "-o", "json"});
    const auto invitation = json_of(cli.run(args));

    CHECK(cli.run({"vendors", "get", "ahmad@acme.com.sg"}).exit_code == 5);
    cli.control("POST", "registrations",
                {{"email", "ahmad@acme.com.sg"},
                 {"username", "ahmad_ismail@techpass.gov.sg"},
                 {"password", "a-long-demo-password"}});

    auto vendor = json_of(cli.run({"vendors", "get", "ahmad@acme.com.sg", "-o", "json"}));
    CHECK(vendor["status"] == "pending");
    CHECK(vendor["username"] == "ahmad_ismail@techpass.gov.sg");
    CHECK(vendor["seedStatus"] == "license_assigned");
    CHECK(vendor["sponsor"]["id"] == "SHIP");
    const auto registered =
        json_of(cli.run({"invitations", "get", invitation["id"].get<std::string>(), "-o", "json"}));
    CHECK(registered["status"] == "registered");
    CHECK(registered["userId"] == vendor["id"]);
    CHECK(kinds(mails_to(cli, "ahmad@acme.com.sg")) ==
          std::vector<std::string>{"vendor-invitation", "seed-onboarding"});
    CHECK(kinds(mails_to(cli, "jane.tan@tech.gov.sg")) ==
          std::vector<std::string>{"invitation-registered"});

    // By username too, on a terminal: the SEED status is shown.
    auto result = cli.run_tty({"vendors", "get", "ahmad_ismail@techpass.gov.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "SEED:"));
    CHECK(contains(result.out, "license_assigned"));

    cli.control("POST", "signins", {{"user", "ahmad@acme.com.sg"}});
    vendor = json_of(cli.run({"vendors", "get", vendor["id"].get<std::string>(), "-o", "json"}));
    CHECK(vendor["status"] == "active");

    // Invited again after registering: the account exists.
    result = cli.run(invite("ahmad@acme.com.sg", "8333 4444"));
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "already exists"));
}

TEST_CASE("vendors list, get, update and request-seed") {
    const Cli cli;
    REQUIRE(cli.run(invite("ahmad@acme.com.sg")).exit_code == 0);
    cli.control("POST", "registrations",
                {{"email", "ahmad@acme.com.sg"},
                 {"username", "ahmad_ismail@techpass.gov.sg"},
                 {"password", "a-long-demo-password"}});

    auto result = cli.run({"vendors", "list", "-o", "name"});
    CHECK(result.out == "ahmad@acme.com.sg\nalex.wong@acme-consulting.com\n");
    result = cli.run({"vendors", "list"});
    CHECK(contains(result.out, "SEED"));
    CHECK(contains(result.out, "not_required"));
    result = cli.run({"vendors", "list", "--search", "consulting", "-o", "name"});
    CHECK(result.out == "alex.wong@acme-consulting.com\n");
    result = cli.run({"vendors", "list", "--seed-status", "license_assigned"});
    CHECK(result.exit_code == 0);
    CHECK(result.err == "No vendors found\n");
    CHECK(cli.run({"vendors", "list", "--seed-status", "maybe"}).exit_code == 2);
    CHECK(cli.run({"vendors", "get", "jane.tan@tech.gov.sg"}).exit_code == 5);

    result = cli.run({"vendors", "update", "ahmad@acme.com.sg", "--department", "Platform",
                      "--mobile", "8999 0000", "-o", "json"});
    const auto updated = json_of(result);
    CHECK(updated["department"] == "Platform");
    CHECK(updated["mobile"] == "+6589990000");
    result = cli.run({"vendors", "update", "ahmad@acme.com.sg", "--mobile", "1234"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "cannot update ahmad@acme.com.sg: --mobile \"1234\""));
    result = cli.run({"vendors", "update", "ahmad@acme.com.sg"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "nothing to change"));
    // Only the sponsor may change a vendor: nobody sponsored the seeded one.
    result = cli.run({"vendors", "update", "alex.wong@acme-consulting.com", "--department", "X"});
    CHECK(result.exit_code == 4);

    result = cli.run({"vendors", "request-seed", "ahmad@acme.com.sg", "-o", "json"});
    CHECK(json_of(result)["seedStatus"] == "license_assigned");
    CHECK(kinds(mails_to(cli, "ahmad@acme.com.sg")) ==
          std::vector<std::string>{"vendor-invitation", "seed-onboarding"});
    result = cli.run({"vendors", "request-seed", "ahmad@acme.com.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "ahmad@acme.com.sg already has SEED (license_assigned); nothing "
                               "changed"));
    CHECK(mails_to(cli, "ahmad@acme.com.sg").size() == 2); // no second SEED mail
    result = cli.run({"vendors", "list", "--seed-status", "license_assigned", "-o", "name"});
    CHECK(result.out == "ahmad@acme.com.sg\n");
}

} // namespace test_vendors
