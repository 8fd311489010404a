#pragma once

// The fields of one invitation on the command line, shared by `vendors
// invite` and `users invite`: one flag per validate::Field (named after
// validate::field_name), prompts for what is missing on a terminal, and one
// usage error listing every missing or bad field elsewhere.

#include "techpass/validate/fields.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace techpass::cli {

class Factory;

// What the flags of an invite command hold.
struct InvitationArgs {
    validate::FieldValues values{};
    bool onshore = false;
    bool offshore = false;
    bool seed = false;
    bool account_type_flag = false; // whether the command offers --account-type
};

// "--first-name" for validate::Field::FirstName.
std::string flag_of(validate::Field field);

// Adds EMAIL and the field flags; with_account_type adds --account-type
// (users invite), else the invitation is for a vendor.
void add_invitation_flags(CLI::App& command, InvitationArgs& args, bool with_account_type);

// The checked and normalised request body: prompts for each missing field on
// a terminal (re-asking on a bad answer), else throws Error(Usage) naming
// every missing and invalid field at once. Nothing is sent before this.
nlohmann::ordered_json collect_invitation(Factory& factory, InvitationArgs& args);

} // namespace techpass::cli

namespace techpass::cli {

// Collects the invitation (collect_invitation), sends it (or shows it with
// --dry-run), prints it and says what happens next, and whether it replaced
// an earlier invitation to the same email.
void send_invitation(Factory& factory, InvitationArgs& args);

} // namespace techpass::cli
