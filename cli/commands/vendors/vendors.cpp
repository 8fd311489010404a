// techpass vendors invite|list|get|update|request-seed|import

#include "commands/vendors/vendors.hpp"

#include "app/application.hpp"
#include "commands/commands.hpp"
#include "commands/invitations/invitation_fields.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/invitations.hpp"
#include "techpass/api/vendors.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"
#include "techpass/validate/mobile.hpp"
#include "techpass/validate/request.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

namespace techpass::cli {

namespace vendors_cmd {
namespace {

using namespace api::vendors;
using validate::Field;

void add_invite(Application& app, CLI::App& noun) {
    auto args = std::make_shared<InvitationArgs>();
    CommandDoc doc{
        "Invite a vendor",
        "Invites a vendor: they get a registration link valid for 5 days, choose a username\n"
        "and password, and their account is then pending until their first sign-in. Inviting\n"
        "the same email again before they register replaces the earlier invitation.\n\n"
        "An invitation needs the vendor's name, a Singapore mobile number, company,\n"
        "department, sponsoring agency and business operation (--onshore or --offshore).\n"
        "Offshore vendors also need --odc (the Offshore Development Centre, or --odc Others\n"
        "with --offshore-company) and --seed, which is optional onshore.\n\n"
        "On a terminal, missing fields are asked for and checked as they are typed;\n"
        "elsewhere (a pipe, --no-input, CI) a missing field is an error that lists all of\n"
        "them (exit status 2, nothing sent).",
        {{"", "techpass vendors invite ahmad@acme.com.sg --first-name Ahmad --last-name 'bin "
              "Ismail' --mobile '+65 8123 4567' --company 'Acme Pte Ltd' --department 'Digital "
              "Delivery' --agency GovTech --onshore"},
         {"offshore, with SEED",
          "techpass vendors invite priya@acme.in --first-name Priya --last-name Nair --mobile "
          "91234567 --company 'Acme India' --department Engineering --agency GovTech --offshore "
          "--odc Others --offshore-company 'Acme India Pvt Ltd' --seed"},
         {"asked for the rest on a terminal", "techpass vendors invite ahmad@acme.com.sg"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "invite", with_fields(std::move(doc), api::invitations::invitation_resource()),
        [&app, args] { send_invitation(app.factory(), *args); });
    add_invitation_flags(command, *args, false);
}

void add_list(Application& app, CLI::App& noun) {
    struct Options {
        VendorFilter filter;
        ListFlags list;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{"List vendors and their SEED status",
                   "Lists vendor accounts, newest first, with their SEED status.",
                   {{"", "techpass vendors list"},
                    {"vendors still to enrol a device",
                     "techpass vendors list --seed-status license_assigned"},
                    {"one company's", "techpass vendors list --search acme -o name"}},
                   {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), vendor_resource()), [&app, options] {
            Factory& factory = app.factory();
            factory.printer().print(
                list_vendors(factory.client(), options->filter, options->list.max_items()),
                vendor_resource());
        });
    const std::vector<std::string> statuses{"not_required", "license_assigned", "fully_onboarded"};
    auto* seed = command
                     .add_option("--seed-status", options->filter.seed_status,
                                 "Only vendors in this SEED state")
                     ->type_name("STATUS")
                     ->check(CLI::Validator(CLI::IsMember(statuses)).description(""));
    app.tree().set_choices(*seed, statuses);
    command
        .add_option("--search", options->filter.search,
                    "Part of an email, username, name or company")
        ->type_name("TEXT");
    add_list_flags(command, options->list, "vendors");
}

void add_get(Application& app, CLI::App& noun) {
    auto vendor = std::make_shared<std::string>();
    CommandDoc doc{
        "Show a vendor and their SEED status",
        "Shows one vendor by id, email or username (an account that is not a vendor is "
        "not found).",
        {{"", "techpass vendors get ahmad@acme.com.sg"},
         {"their SEED status only", "techpass vendors get ahmad@acme.com.sg --jq .seedStatus"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), vendor_resource()), [&app, vendor] {
            Factory& factory = app.factory();
            print_object(factory, get_vendor(factory.client(), *vendor), vendor_detail_resource());
        });
    command.add_option("vendor", *vendor, "The vendor: id, email or username")->required();
}

struct UpdateOptions {
    std::string vendor;
    std::optional<std::string> first_name, last_name, mobile, company, department, agency;
};

// The PATCH body: each given flag, checked as an invitation checks it.
api::Json update_body(const UpdateOptions& options) {
    const std::vector<std::tuple<const std::optional<std::string>*, Field, const char*>> fields{
        {&options.first_name, Field::FirstName, "firstName"},
        {&options.last_name, Field::LastName, "lastName"},
        {&options.mobile, Field::Mobile, "mobile"},
        {&options.company, Field::Company, "company"},
        {&options.department, Field::Department, "department"},
        {&options.agency, Field::SponsoringAgency, "agency"}};
    api::Json body = api::Json::object();
    std::vector<std::string> problems;
    for (const auto& [value, field, key] : fields) {
        if (!*value) {
            continue;
        }
        const std::string flag = field == Field::SponsoringAgency ? "--agency" : flag_of(field);
        if (auto problem =
                validate::field_problem(validate::RequestKind::Invitation, field, **value)) {
            problems.push_back(flag + " " + *problem);
            continue;
        }
        const std::string text(util::trim(**value));
        body[key] = field == Field::Mobile ? validate::normalise_mobile(text).value_or(text) : text;
    }
    if (!problems.empty()) {
        throw Error(ErrorKind::Usage,
                    fmt::format("cannot update {}: {}", options.vendor, fmt::join(problems, "; ")),
                    "nothing was sent");
    }
    if (body.empty()) {
        throw Error(
            ErrorKind::Usage, "nothing to change",
            "pass --first-name, --last-name, --mobile, --company, --department or --agency");
    }
    return body;
}

void add_update(Application& app, CLI::App& noun) {
    auto options = std::make_shared<UpdateOptions>();
    CommandDoc doc{
        "Change a vendor's profile",
        "Changes the profile of a vendor you sponsor (the email cannot change). A mobile\n"
        "number that another account uses is a conflict (exit status 6).",
        {{"", "techpass vendors update ahmad@acme.com.sg --department 'Platform Engineering'"},
         {"a new mobile number", "techpass vendors update ahmad@acme.com.sg --mobile 89876543"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "update", with_fields(std::move(doc), vendor_resource()), [&app, options] {
            Factory& factory = app.factory();
            const api::Json body = update_body(*options);
            if (dry_run(factory, {"PATCH", vendor_path(options->vendor), body})) {
                return;
            }
            print_object(factory, update_vendor(factory.client(), options->vendor, body),
                         vendor_detail_resource());
            note_done(factory, "Updated vendor " + options->vendor);
        });
    command.add_option("vendor", options->vendor, "The vendor: id, email or username")->required();
    command.add_option("--first-name", options->first_name, "New given name")->type_name("NAME");
    command.add_option("--last-name", options->last_name, "New family name")->type_name("NAME");
    command.add_option("--mobile", options->mobile, "New Singapore mobile number")
        ->type_name("NUMBER");
    command.add_option("--company", options->company, "New company name")->type_name("TEXT");
    command.add_option("--department", options->department, "New department")->type_name("TEXT");
    command.add_option("--agency", options->agency, "New sponsoring agency")->type_name("AGENCY");
}

void add_request_seed(Application& app, CLI::App& noun) {
    auto vendor = std::make_shared<std::string>();
    CommandDoc doc{
        "Request SEED provisioning for a vendor",
        "Assigns a SEED licence to the vendor and sends them the SEED onboarding email\n"
        "(SEED status not_required -> license_assigned). A vendor who already has a licence\n"
        "is left as they are, without a second email. Disabled and terminated vendors cannot\n"
        "get SEED (exit status 6).",
        {{"", "techpass vendors request-seed ahmad@acme.com.sg"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "request-seed", with_fields(std::move(doc), vendor_resource()), [&app, vendor] {
            Factory& factory = app.factory();
            if (dry_run(factory, {"POST", vendor_path(*vendor) + "/seed", api::Json::object()})) {
                return;
            }
            const api::Json before = get_vendor(factory.client(), *vendor);
            const api::Json after = request_seed(factory.client(), *vendor);
            print_object(factory, after, vendor_detail_resource());
            const std::string email = output::cell_text(after["email"]);
            if (before["seedStatus"] == "not_required") {
                note_done(factory, "Assigned a SEED licence to " + email +
                                       "; the SEED onboarding email is on its way");
            } else {
                factory.terminal().err << email << " already has SEED ("
                                       << output::cell_text(after["seedStatus"])
                                       << "); nothing changed\n";
            }
        });
    command.add_option("vendor", *vendor, "The vendor: id, email or username")->required();
}

} // namespace
} // namespace vendors_cmd

void register_vendors(Application& app) {
    using namespace vendors_cmd;
    CommandDoc doc{
        "Invite and onboard vendors",
        "Vendors are invited by email; each invitation carries the vendor's name, mobile,\n"
        "company and sponsoring agency, and, for offshore vendors, SEED and an ODC or company.",
        {{"", "techpass vendors invite ahmad@acme.com.sg --first-name Ahmad --last-name Ismail"},
         {"", "techpass vendors list --seed-status license_assigned"},
         {"", "techpass vendors import vendors.csv --report report.csv"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "vendors", std::move(doc));
    add_invite(app, noun);
    add_list(app, noun);
    add_get(app, noun);
    add_update(app, noun);
    add_request_seed(app, noun);
    add_vendors_import(app, noun);
}

} // namespace techpass::cli
