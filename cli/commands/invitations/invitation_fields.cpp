#include "commands/invitations/invitation_fields.hpp"

#include "app/factory.hpp"
#include "app/help.hpp"
#include "app/interactivity.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/invitations.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"
#include "techpass/validate/email.hpp"
#include "techpass/validate/flag.hpp"
#include "techpass/validate/request.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <istream>
#include <ostream>

namespace techpass::cli {

namespace invitation_fields_cmd {
namespace {

using validate::Field;
using validate::RequestKind;

constexpr RequestKind k_kind = RequestKind::Invitation;

// How a field is asked for on a terminal.
std::string label_of(Field field) {
    switch (field) {
    case Field::Email:
        return "Email";
    case Field::FirstName:
        return "First name";
    case Field::LastName:
        return "Last name";
    case Field::Mobile:
        return "Mobile (Singapore, e.g. +65 9123 4567)";
    case Field::Company:
        return "Company";
    case Field::Department:
        return "Department";
    case Field::SponsoringAgency:
        return "Sponsoring agency (the agency they work for)";
    case Field::BusinessOperation:
        return "Business operation (onshore or offshore)";
    case Field::OffshoreDevelopmentCentre:
        return "Offshore Development Centre (or Others)";
    case Field::OffshoreCompany:
        return "Offshore company";
    case Field::Seed:
        return "Request SEED, mandatory for offshore users (yes or no)";
    case Field::AccountType:
        return "Account type (vendor, temp or other)";
    }
    return std::string(validate::field_name(field));
}

// The flag a person types for a field, as errors name it.
std::string shown_flag(Field field) {
    switch (field) {
    case Field::Email:
        return "EMAIL";
    case Field::SponsoringAgency:
        return "--agency";
    case Field::BusinessOperation:
        return "--onshore or --offshore";
    case Field::OffshoreDevelopmentCentre:
        return "--odc";
    default:
        return flag_of(field);
    }
}

std::optional<Field> field_named(std::string_view name) {
    for (const Field field : validate::request_fields(k_kind)) {
        if (validate::field_name(field) == name) {
            return field;
        }
    }
    return std::nullopt;
}

// Invitations are for people who cannot register: never a personal mailbox,
// and not a public officer who can register directly.
std::optional<std::string> invitee_problem(std::string_view email) {
    const std::string domain = validate::email_domain(email);
    if (validate::is_personal_domain(domain)) {
        return fmt::format("{} is a personal mail domain, which TechPass never accepts: use the "
                           "person's work email address",
                           domain);
    }
    if (!validate::registration_problem(email)) {
        return fmt::format("{} is a Whole-of-Government email that can register directly: "
                           "register the officer instead (techpass users register {})",
                           validate::normalise_email(email), validate::normalise_email(email));
    }
    return std::nullopt;
}

std::optional<std::string> answer_problem(const validate::FieldValues& values, Field field,
                                          const std::string& answer) {
    if (auto problem = validate::field_problem(k_kind, field, answer)) {
        return problem;
    }
    if (field == Field::Email) {
        return invitee_problem(answer);
    }
    const std::string& operation = value_of(values, Field::BusinessOperation);
    if (field == Field::Seed && util::to_lower(operation) == "offshore" &&
        validate::parse_flag(answer) != true) {
        return std::string("is mandatory for offshore users: answer yes, or invite them as "
                           "onshore");
    }
    if (util::trim(answer).empty()) {
        return std::string("is required");
    }
    return std::nullopt;
}

bool is_others(const std::string& odc) {
    return util::to_lower(util::trim(odc)) == "others";
}

// The next field a complete invitation still needs, in documented order.
std::optional<Field> next_missing(const validate::FieldValues& values) {
    for (const Field field : validate::request_fields(k_kind)) {
        if (!value_of(values, field).empty()) {
            continue;
        }
        const bool offshore =
            util::to_lower(value_of(values, Field::BusinessOperation)) == "offshore";
        const bool needed = validate::is_required(k_kind, field) ||
                            (offshore && field == Field::OffshoreDevelopmentCentre) ||
                            (offshore && field == Field::Seed) ||
                            (field == Field::OffshoreCompany &&
                             is_others(value_of(values, Field::OffshoreDevelopmentCentre)));
        if (needed) {
            return field;
        }
    }
    return std::nullopt;
}

void prompt_missing(Factory& factory, validate::FieldValues& values) {
    Terminal& terminal = factory.terminal();
    while (const auto field = next_missing(values)) {
        for (;;) {
            const std::string answer = ask(terminal, label_of(*field));
            if (!terminal.in.good()) {
                throw Error(ErrorKind::Usage, "cancelled; no invitation was sent");
            }
            if (auto problem = answer_problem(values, *field, answer)) {
                terminal.err << "  " << validate::field_name(*field) << " " << *problem << "\n";
                continue;
            }
            value_of(values, *field) = answer;
            break;
        }
    }
}

} // namespace
} // namespace invitation_fields_cmd

std::string flag_of(validate::Field field) {
    std::string name(validate::field_name(field));
    for (char& c : name) {
        c = c == '_' ? '-' : c;
    }
    return "--" + name;
}

void add_invitation_flags(CLI::App& command, InvitationArgs& args, bool with_account_type) {
    using namespace invitation_fields_cmd;
    auto& v = args.values;
    command.add_option("email", value_of(v, Field::Email),
                       "The invitee's work email (asked for on a terminal when left out)");
    const auto text = [&](Field field, const std::string& names, const std::string& help,
                          const std::string& type) {
        command.add_option(names, value_of(v, field), help)->type_name(type);
    };
    text(Field::FirstName, flag_of(Field::FirstName), "Given name", "NAME");
    text(Field::LastName, flag_of(Field::LastName), "Family name", "NAME");
    text(Field::Mobile, flag_of(Field::Mobile), "Singapore mobile number, e.g. +6591234567",
         "NUMBER");
    text(Field::Company, flag_of(Field::Company), "Company name", "TEXT");
    text(Field::Department, flag_of(Field::Department), "Department", "TEXT");
    text(Field::SponsoringAgency, "--agency," + flag_of(Field::SponsoringAgency),
         "Sponsoring agency: the agency they work for", "AGENCY");
    auto* onshore = command.add_flag("--onshore", args.onshore, "They work from Singapore");
    auto* offshore = command.add_flag("--offshore", args.offshore,
                                      "They work offshore (needs --odc and --seed)");
    onshore->excludes(offshore);
    text(Field::OffshoreDevelopmentCentre, "--odc," + flag_of(Field::OffshoreDevelopmentCentre),
         "Offshore Development Centre, or Others with --offshore-company", "ODC");
    text(Field::OffshoreCompany, flag_of(Field::OffshoreCompany),
         "The offshore company, when --odc is Others", "TEXT");
    command.add_flag(flag_of(Field::Seed), args.seed,
                     "Request SEED provisioning (mandatory offshore)");
    args.account_type_flag = with_account_type;
    if (with_account_type) {
        text(Field::AccountType, flag_of(Field::AccountType),
             "vendor, temp or other (default: vendor)", "TYPE");
    }
}

nlohmann::ordered_json collect_invitation(Factory& factory, InvitationArgs& args) {
    using namespace invitation_fields_cmd;
    validate::FieldValues& values = args.values;
    if (args.onshore || args.offshore) {
        value_of(values, Field::BusinessOperation) = args.onshore ? "onshore" : "offshore";
    }
    if (args.seed) {
        value_of(values, Field::Seed) = "true";
    }
    if (!args.account_type_flag) {
        value_of(values, Field::AccountType) = "vendor";
    }
    if (factory.interactivity().prompts) {
        factory.check_profile(); // a broken profile is reported before anything is asked
        prompt_missing(factory, values);
    }
    std::vector<validate::Problem> problems = validate::check_request(k_kind, values);
    if (problems.empty() && !value_of(values, Field::Email).empty()) {
        if (auto problem = invitee_problem(value_of(values, Field::Email))) {
            problems.push_back({"email", *problem});
        }
    }
    if (problems.empty()) {
        return validate::request_json(k_kind, values);
    }
    std::vector<std::string> missing;
    std::vector<std::string> invalid;
    for (const auto& problem : problems) {
        const auto field = field_named(problem.field);
        const std::string flag = field ? shown_flag(*field) : problem.field;
        if (problem.reason == "is required" ||
            (field == Field::Seed && value_of(values, Field::Seed) != "true") ||
            (problem.reason.starts_with("is required") &&
             value_of(values, field.value_or(Field::Email)).empty())) {
            missing.push_back(flag);
        } else {
            invalid.push_back(flag + ": " + problem.reason);
        }
    }
    std::string message;
    if (!missing.empty()) {
        message = "missing " + fmt::format("{}", fmt::join(missing, ", "));
    }
    for (const auto& line : invalid) {
        message += (message.empty() ? "" : "\n") + line;
    }
    const std::string email = value_of(values, Field::Email);
    throw Error(
        ErrorKind::Usage,
        fmt::format("cannot invite {}: {}", email.empty() ? "without an email" : email, message),
        missing.empty() ? "nothing was sent; correct the values and run it again"
                        : "nothing was sent; pass the missing flags, or run it on a "
                          "terminal without --no-input to be asked for them");
}

} // namespace techpass::cli

namespace techpass::cli {

void send_invitation(Factory& factory, InvitationArgs& args) {
    const nlohmann::ordered_json body = collect_invitation(factory, args);
    if (dry_run(factory, {"POST", api::invitations::k_invitations_path, body})) {
        return;
    }
    const api::Json invitation = api::invitations::create_invitation(factory.client(), body);
    print_object(factory, invitation, api::invitations::invitation_resource());
    const std::string email = output::cell_text(invitation["email"]);
    std::ostream& err = factory.terminal().err;
    if (!invitation["replaced"].is_null()) {
        err << "This invitation replaces the earlier one to " << email << " ("
            << output::cell_text(invitation["replaced"]) << "), whose link no longer works.\n";
    }
    note_done(factory,
              "Invited " + email + " (" + output::cell_text(invitation["accountType"]) + ")");
    if (factory.terminal().err_tty) {
        // Filled to 80 columns, as help is.
        std::string next = "They get a registration link valid for 5 days (until " +
                           output::cell_text(invitation["expiresAt"]) +
                           "); on registration they choose a username and password, and their "
                           "account is pending until their first sign-in.";
        if (invitation["seed"] == true) {
            next += " SEED was requested: the SEED onboarding email follows their registration.";
        }
        err << "  " << wrap(next, k_help_width - 2, 2) << "\n";
        err << "  Follow it up: techpass invitations get " << output::cell_text(invitation["id"])
            << "\n";
    }
}

} // namespace techpass::cli
