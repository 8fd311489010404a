#pragma once

// Reading a group named on the command line; the naming rules themselves
// (grn, namespace codes, ids) are the library's (techpass/api/naming.hpp).

#include "techpass/api/naming.hpp"

#include <string>
#include <string_view>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace techpass::cli {

class CommandTree;
class Factory;

using api::checked_namespace;
using api::grn;
using api::GroupRef;
using api::looks_like_id;

// Parses a group argument. "ship:billing" names its namespace, which must
// agree with an explicit -n; a bare name or id takes the run's namespace.
GroupRef parse_group_ref(Factory& factory, std::string_view text);

// The optional NAMESPACE argument of the commands that act on one namespace
// (namespaces get/update/admins, export): `techpass namespaces admins list SHIP`.
void add_namespace_argument(CommandTree& tree, CLI::App& command, std::string& code);

// The required APP argument ("its name or app id") and GROUP argument (NAME,
// NAMESPACE:NAME or id) of the commands that act on one app or group.
// Completions offer the names of the namespace's apps and groups (and the
// NAMESPACE argument the namespaces) when a cached token allows it: see
// `techpass __complete` (commands/completion.cpp).
CLI::Option& add_app_argument(CommandTree& tree, CLI::App& command, std::string& app,
                              const std::string& description = "The app: its name or app id");
CLI::Option& add_group_argument(CommandTree& tree, CLI::App& command, std::string& group);

// The namespace such a command acts on: its argument, else -n, else the
// profile's. An argument and a different -n are refused (exit 2).
std::string target_namespace(Factory& factory, const std::string& argument);

} // namespace techpass::cli
