#pragma once

// Users and groups named on a command line, for the verbs that add or remove
// them (group members, app assignments): arguments whose kind is inferred
// (an email or username is a user, NAME or NAMESPACE:NAME a group) and
// explicit --user/--group for ids.

#include "techpass/api/groups.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace techpass::cli {

class CommandTree;

struct PrincipalArgs {
    std::vector<std::string> names;
    std::vector<std::string> users;
    std::vector<std::string> groups;

    // Each principal named, in order (Usage error when none, or when a bare
    // id could be either kind).
    std::vector<api::groups::MemberSpec> specs(const std::string& namespace_code) const;
};

// Adds the `member`-style arguments and --user/--group to command (verb:
// "add", "assign", ...).
void add_principal_flags(CommandTree& tree, CLI::App& command, PrincipalArgs& args,
                         const std::string& verb);

} // namespace techpass::cli
