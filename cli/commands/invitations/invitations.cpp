// techpass invitations list|get|resend|revoke

#include "techpass/api/invitations.hpp"

#include "app/application.hpp"
#include "commands/commands.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace techpass::cli {

namespace invitations_cmd {
namespace {

using namespace api::invitations;

const char* const k_argument_help = "The invitation: its id, or an email (its newest invitation)";

void add_list(Application& app, CLI::App& noun) {
    struct Options {
        InvitationFilter filter;
        ListFlags list;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{
        "List the invitations you sent",
        "Lists the invitations you (or your namespace) sent, newest first. A pending\n"
        "invitation whose 5 days have passed is shown as expired.",
        {{"", "techpass invitations list"},
         {"still waiting", "techpass invitations list --status pending"},
         {"the invitations to one person", "techpass invitations list --email ahmad@acme.com.sg"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), invitation_resource()), [&app, options] {
            Factory& factory = app.factory();
            factory.printer().print(
                list_invitations(factory.client(), options->filter, options->list.max_items()),
                invitation_resource());
        });
    const std::vector<std::string> statuses{"pending", "registered", "expired", "revoked",
                                            "replaced"};
    auto* status =
        command.add_option("--status", options->filter.status, "Only invitations in this state")
            ->type_name("STATUS")
            ->check(CLI::Validator(CLI::IsMember(statuses)).description(""));
    app.tree().set_choices(*status, statuses);
    command.add_option("--email", options->filter.email, "Only invitations to this email")
        ->type_name("EMAIL");
    add_list_flags(command, options->list, "invitations");
}

void add_get(Application& app, CLI::App& noun) {
    auto target = std::make_shared<std::string>();
    CommandDoc doc{"Show an invitation",
                   "Shows an invitation: its status (pending, registered, expired, revoked or\n"
                   "replaced), when its link expires, and the account made on registration.",
                   {{"", "techpass invitations get c77e06c4-eb94-4289-bd19-ff704d7c8208"},
                    {"the newest to an email", "techpass invitations get ahmad@acme.com.sg"}},
                   {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), invitation_resource()), [&app, target] {
            Factory& factory = app.factory();
            print_object(factory, get_invitation(factory.client(), *target), invitation_resource());
        });
    command.add_option("invitation", *target, k_argument_help)->required();
}

void add_resend(Application& app, CLI::App& noun) {
    auto target = std::make_shared<std::string>();
    CommandDoc doc{
        "Send an invitation's registration link again",
        "Sends a new registration link, valid for another 5 days (the old link stops\n"
        "working). Pending and expired invitations can be resent; registered, revoked and\n"
        "replaced ones cannot (exit status 6).",
        {{"", "techpass invitations resend ahmad@acme.com.sg"},
         {"by id", "techpass invitations resend c77e06c4-eb94-4289-bd19-ff704d7c8208"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "resend", with_fields(std::move(doc), invitation_resource()), [&app, target] {
            Factory& factory = app.factory();
            const api::Json invitation = get_invitation(factory.client(), *target);
            const std::string id = output::cell_text(invitation["id"]);
            if (dry_run(factory, {"POST", invitation_path(id) + "/resend", api::Json::object()})) {
                return;
            }
            const api::Json resent = invitation_action(factory.client(), id, "resend");
            print_object(factory, resent, invitation_resource());
            note_done(factory, "Sent a new registration link to " +
                                   output::cell_text(resent["email"]) + ", valid until " +
                                   output::cell_text(resent["expiresAt"]));
        });
    command.add_option("invitation", *target, k_argument_help)->required();
}

void add_revoke(Application& app, CLI::App& noun) {
    auto target = std::make_shared<std::string>();
    CommandDoc doc{
        "Withdraw an invitation",
        "Revokes a pending or expired invitation: its registration link stops working.\n"
        "Asks first on a terminal; elsewhere --yes is required.",
        {{"", "techpass invitations revoke ahmad@acme.com.sg"},
         {"in a script", "techpass invitations revoke c77e06c4-eb94-4289-bd19-ff704d7c8208 --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "revoke", with_fields(std::move(doc), invitation_resource()), [&app, target] {
            Factory& factory = app.factory();
            const api::Json invitation = get_invitation(factory.client(), *target);
            const std::string id = output::cell_text(invitation["id"]);
            const std::string email = output::cell_text(invitation["email"]);
            if (dry_run(factory, {"POST", invitation_path(id) + "/revoke", api::Json::object()})) {
                return;
            }
            confirm_change(factory, "revoke",
                           "Revoke the invitation to " + email + " (" + id + ")?");
            print_object(factory, invitation_action(factory.client(), id, "revoke"),
                         invitation_resource());
            note_done(factory, "Revoked the invitation to " + email);
        });
    command.add_option("invitation", *target, k_argument_help)->required();
}

} // namespace
} // namespace invitations_cmd

void register_invitations(Application& app) {
    using namespace invitations_cmd;
    CommandDoc doc{"Follow up the invitations sent to vendors and other users",
                   "Invitations are sent by `techpass vendors invite` and `techpass users "
                   "invite`;\nhere they are listed, shown, resent and revoked.",
                   {{"", "techpass invitations list --status pending"},
                    {"", "techpass invitations resend ahmad@acme.com.sg"}},
                   {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "invitations", std::move(doc));
    add_list(app, noun);
    add_get(app, noun);
    add_resend(app, noun);
    add_revoke(app, noun);
}

} // namespace techpass::cli
