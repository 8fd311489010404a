// techpass users register|invite|import (accounts: user_accounts.cpp)

#include "commands/users/users.hpp"

#include "app/application.hpp"
#include "commands/commands.hpp"
#include "commands/invitations/invitation_fields.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/invitations.hpp"
#include "techpass/api/users.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/validate/request.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace techpass::cli {

namespace users_cmd {
namespace {

using validate::Field;
using validate::RequestKind;

struct RegisterOptions {
    std::string email;
    std::string mobile;
    bool seed = false;
};

// The registration's body, or a Usage error saying which path applies instead.
api::Json registration_body(const RegisterOptions& options) {
    validate::FieldValues values{};
    value_of(values, Field::Email) = options.email;
    value_of(values, Field::Mobile) = options.mobile;
    value_of(values, Field::Seed) = options.seed ? "true" : "";
    const auto problems = validate::check_request(RequestKind::Registration, values);
    if (problems.empty()) {
        return validate::request_json(RequestKind::Registration, values);
    }
    std::string reasons;
    for (const auto& problem : problems) {
        reasons += reasons.empty() ? "" : "; ";
        reasons +=
            problem.field == "email" ? problem.reason : "--" + problem.field + " " + problem.reason;
    }
    throw Error(ErrorKind::Usage, fmt::format("cannot register {}: {}", options.email, reasons),
                "nothing was sent");
}

void add_register(Application& app, CLI::App& noun) {
    auto options = std::make_shared<RegisterOptions>();
    CommandDoc doc{
        "Register a public officer with a government email",
        "Registers a public officer who has a working Whole-of-Government account (a *.gov.sg\n"
        "email with a mailbox and MFA set up). The account is created at once, pending until\n"
        "their first sign-in, and an onboarding email valid for 30 days is sent; --seed also\n"
        "requests SEED provisioning, which sends a second email.\n\n"
        "The email is checked before anything is sent: personal mail domains (gmail.com and\n"
        "the like) are never eligible, other domains are invited instead (techpass vendors\n"
        "invite, techpass users invite), and some government domains (mindef.gov.sg,\n"
        "dsta.gov.sg, dsta-wog.gov.sg, defence.gov.sg, gebiz.gov.sg, sps.gov.sg) cannot\n"
        "register directly and must be invited (techpass users invite). Exit status 2 then.",
        {{"", "techpass users register mei.lim@tech.gov.sg"},
         {"with a mobile number and SEED",
          "techpass users register mei.lim@tech.gov.sg --mobile '+65 9876 5432' --seed"},
         {"see what would be sent", "techpass users register mei.lim@tech.gov.sg --dry-run"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "register", with_fields(std::move(doc), api::users::user_resource()),
        [&app, options] {
            Factory& factory = app.factory();
            const api::Json body = registration_body(*options);
            if (dry_run(factory, {"POST", api::users::k_registrations_path, body})) {
                return;
            }
            const api::Json user = api::users::register_officer(factory.client(), body);
            print_object(factory, user, api::users::user_detail_resource());
            const std::string email = output::cell_text(user["email"]);
            note_done(factory, "Registered " + email +
                                   ": the account is pending until their "
                                   "first sign-in");
            if (factory.terminal().err_tty) {
                std::ostream& err = factory.terminal().err;
                err << "  An onboarding email, valid for 30 days, was sent to " << email
                    << ":\n  they accept the invitation, set up MFA and accept the terms of "
                       "use.\n";
                if (options->seed) {
                    err << "  SEED was requested: a second email explains how to enrol their "
                           "device.\n";
                }
            }
        });
    command.add_option("email", options->email, "The officer's *.gov.sg email")->required();
    command.add_option("--mobile", options->mobile, "Singapore mobile number, e.g. +6591234567")
        ->type_name("NUMBER");
    command.add_flag("--seed", options->seed, "Also request SEED provisioning (a second email)");
}

void add_invite(Application& app, CLI::App& noun) {
    auto args = std::make_shared<InvitationArgs>();
    CommandDoc doc{
        "Invite a non-integrated user (vendor, temp or other)",
        "Invites someone who cannot register directly: a vendor, a temp or another\n"
        "non-integrated user (--account-type), including officers of the government domains\n"
        "that must be invited (mindef.gov.sg, dsta.gov.sg, ...). They get a registration link\n"
        "valid for 5 days; inviting the same email again before they register replaces the\n"
        "earlier invitation.\n\n"
        "Every field is a flag. On a terminal, the missing ones are asked for and checked as\n"
        "they are typed; elsewhere (a pipe, --no-input, CI) a missing field is an error that\n"
        "lists all of them (exit status 2, nothing sent). Offshore users need --odc (or\n"
        "--odc Others with --offshore-company) and --seed.",
        {{"", "techpass users invite lee.kh@dsta.gov.sg --first-name 'Kok Hwa' --last-name Lee "
              "--mobile 91234567 --company DSTA --department 'C3 Development' --agency MINDEF "
              "--onshore"},
         {"a temp, asked for the rest on a terminal",
          "techpass users invite nur.aisyah@temps.com.sg --account-type temp"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "invite", with_fields(std::move(doc), api::invitations::invitation_resource()),
        [&app, args] { send_invitation(app.factory(), *args); });
    add_invitation_flags(command, *args, true);
}

} // namespace
} // namespace users_cmd

void register_users(Application& app) {
    using namespace users_cmd;
    CommandDoc doc{"Register public officers and manage user accounts",
                   "Public officers with a government email register themselves into TechPass;\n"
                   "other non-integrated users are invited. Accounts are listed, shown, disabled,\n"
                   "enabled and deleted here.",
                   {{"", "techpass users register jane_tan@tech.gov.sg"},
                    {"", "techpass users list --status pending"},
                    {"", "techpass users import officers.csv"}},
                   {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "users", std::move(doc));
    add_register(app, noun);
    add_invite(app, noun);
    register_user_accounts(app, noun);
    add_users_import(app, noun);
}

} // namespace techpass::cli
