// techpass invitations list|get|resend|revoke, and the help of the
// onboarding commands.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>

namespace test_invitations {

using e2e::Cli;
using e2e::contains;
using e2e::json_of;

namespace {

// Invites email (onshore, all fields) and returns the invitation.
nlohmann::json invite(const Cli& cli, const std::string& email, const std::string& mobile) {
    return json_of(cli.run({"vendors", "invite", email, "--first-name", "Ahmad", "--last-name",
                            "Ismail", "--mobile", mobile, "--company", "Acme", "--department",
                            "Delivery", "--agency", "GovTech", "--onshore", "-o", "json"}));
}

std::size_t invitation_mails(const Cli& cli, const std::string& email) {
    std::size_t count = 0;
    const nlohmann::json outbox = cli.control("GET", "outbox");
    for (const auto& message : outbox["messages"]) {
        if (message["recipient"] == email && message["kind"] == "vendor-invitation") {
            ++count;
        }
    }
    return count;
}

std::string status_of(const Cli& cli, const std::string& id) {
    return json_of(cli.run({"invitations", "get", id, "-o", "json"}))["status"].get<std::string>();
}

} // namespace

TEST_CASE("invitations list and get") {
    const Cli cli;
    auto result = cli.run({"invitations", "list"});
    CHECK(result.exit_code == 0);
    CHECK(result.err == "No invitations found\n");

    const auto ahmad = invite(cli, "ahmad@acme.com.sg", "81110001");
    const auto bala = invite(cli, "bala@acme.com.sg", "81110002");
    const std::string ahmad_id = ahmad["id"].get<std::string>();
    const std::string bala_id = bala["id"].get<std::string>();

    result = cli.run({"invitations", "list", "-o", "name"});
    CHECK(result.out == bala_id + "\n" + ahmad_id + "\n");
    result = cli.run({"invitations", "list", "--email", "AHMAD@acme.com.sg", "-o", "name"});
    CHECK(result.out == ahmad_id + "\n");
    result = cli.run({"invitations", "list", "--status", "pending", "-L", "1", "-o", "name"});
    CHECK(result.out == bala_id + "\n");
    result = cli.run({"invitations", "list", "--status", "registered"});
    CHECK(result.err == "No invitations found\n");
    CHECK(cli.run({"invitations", "list", "--status", "lost"}).exit_code == 2);
    result = cli.run({"invitations", "list"});
    CHECK(contains(result.out, "EMAIL"));
    CHECK(contains(result.out, "Ahmad Ismail"));
    CHECK(contains(result.out, "pending"));

    CHECK(json_of(cli.run({"invitations", "get", ahmad_id, "-o", "json"}))["email"] ==
          "ahmad@acme.com.sg");
    CHECK(json_of(cli.run({"invitations", "get", "bala@acme.com.sg", "-o", "json"}))["id"] ==
          bala_id);
    result = cli.run_tty({"invitations", "get", ahmad_id});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "EXPIRES:"));
    result = cli.run({"invitations", "get", "00000000-0000-4000-8000-000000000000"});
    CHECK(result.exit_code == 5);
    result = cli.run({"invitations", "get", "nobody@acme.com.sg"});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "no invitation to nobody@acme.com.sg"));
}

TEST_CASE("invitations resend: a new link, also for an expired invitation") {
    const Cli cli;
    const auto invitation = invite(cli, "ahmad@acme.com.sg", "81110001");
    const std::string id = invitation["id"].get<std::string>();

    auto result = cli.run_tty({"invitations", "resend", "ahmad@acme.com.sg"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Sent a new registration link to ahmad@acme.com.sg, valid until"));
    CHECK(invitation_mails(cli, "ahmad@acme.com.sg") == 2);

    cli.control("POST", "clock/advance", {{"seconds", 6 * 86400}});
    CHECK(status_of(cli, id) == "expired");
    const auto resent = json_of(cli.run({"invitations", "resend", id, "-o", "json"}));
    CHECK(resent["status"] == "pending");
    CHECK(resent["id"] == id);
    CHECK(resent["expiresAt"] != invitation["expiresAt"]);
    CHECK(invitation_mails(cli, "ahmad@acme.com.sg") == 3);

    result = cli.run({"invitations", "resend", id, "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "Would send POST /iam/invitations/" + id + "/resend"));
    CHECK(invitation_mails(cli, "ahmad@acme.com.sg") == 3);
}

TEST_CASE("invitations revoke asks first, or takes --yes") {
    const Cli cli;
    const std::string id = invite(cli, "ahmad@acme.com.sg", "81110001")["id"].get<std::string>();

    auto result = cli.run({"invitations", "revoke", id});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "techpass: error: refusing to revoke without --yes when not on a "
                        "terminal\nhint: pass --yes to confirm\n");
    result = cli.run_tty({"invitations", "revoke", id}, {{}, "n\n"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.out, "? Revoke the invitation to ahmad@acme.com.sg (" + id + ")? [y/N]"));
    CHECK(contains(result.out, "cancelled; nothing was revoked"));
    CHECK(status_of(cli, id) == "pending");

    result = cli.run_tty({"invitations", "revoke", "ahmad@acme.com.sg"}, {{}, "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Revoked the invitation to ahmad@acme.com.sg"));
    CHECK(status_of(cli, id) == "revoked");
    // Again: nothing changes.
    result = cli.run({"invitations", "revoke", id, "--yes", "-o", "json"});
    CHECK(json_of(result)["status"] == "revoked");
    // A revoked invitation cannot be resent; the registration link is gone.
    result = cli.run({"invitations", "resend", id});
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "only pending or expired invitations can be resent"));
    CHECK_THROWS(cli.control("POST", "registrations",
                             {{"invitationId", id},
                              {"username", "ahmad_ismail@techpass.gov.sg"},
                              {"password", "a-long-demo-password"}}));
}

TEST_CASE("the onboarding commands have help that ends with examples") {
    const Cli cli;
    for (const std::string path :
         {"users register", "users invite", "users list", "users get", "users disable",
          "users enable", "users delete", "vendors invite", "vendors list", "vendors get",
          "vendors update", "vendors request-seed", "invitations list", "invitations get",
          "invitations resend", "invitations revoke"}) {
        CAPTURE(path);
        const auto space = path.find(' ');
        const auto result = cli.run({path.substr(0, space), path.substr(space + 1), "--help"});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Usage:\n  techpass " + path));
        CHECK(contains(result.out, "\nExamples:\n  $ techpass " + path.substr(0, space)));
    }
    const auto result = cli.run({"vendors", "invite", "--help"});
    for (const char* flag :
         {"--first-name", "--last-name", "--mobile", "--company", "--department", "--agency",
          "--onshore", "--offshore", "--odc", "--offshore-company", "--seed"}) {
        CHECK(contains(result.out, flag));
    }
    CHECK(contains(cli.run({"users", "invite", "--help"}).out, "--account-type"));
}

} // namespace test_invitations
