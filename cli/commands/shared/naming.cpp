#include "commands/shared/naming.hpp"

#include "app/command_tree.hpp"
#include "app/factory.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace techpass::cli {

namespace shared_naming_cmd {
namespace {

// -n when it names another namespace than code (already checked), else nullptr.
const std::string* other_flag_namespace(Factory& factory, const std::string& code) {
    const std::string& flag = factory.globals().namespace_code;
    return !flag.empty() && util::to_upper(flag) != code ? &flag : nullptr;
}

} // namespace
} // namespace shared_naming_cmd

GroupRef parse_group_ref(Factory& factory, std::string_view text) {
    using namespace shared_naming_cmd;
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return {checked_namespace(factory.namespace_code()), std::string(text)};
    }
    GroupRef ref{checked_namespace(text.substr(0, colon)), std::string(text.substr(colon + 1))};
    if (const std::string* flag = other_flag_namespace(factory, ref.namespace_code)) {
        throw Error(ErrorKind::Usage,
                    fmt::format("group {} is in namespace {}, but -n names {}", text,
                                ref.namespace_code, *flag),
                    "drop -n, or name the group without its namespace prefix");
    }
    if (ref.identifier.empty()) {
        throw Error(ErrorKind::Usage, fmt::format("{} names no group", util::quoted(text)),
                    "write the group as NAME or NAMESPACE:NAME, e.g. ship:billing");
    }
    return ref;
}

void add_namespace_argument(CommandTree& tree, CLI::App& command, std::string& code) {
    auto* option =
        command.add_option("namespace", code, "Namespace code (default: -n, else the profile's)");
    tree.set_values_command(*option, k_namespace_names);
}

CLI::Option& add_app_argument(CommandTree& tree, CLI::App& command, std::string& app,
                              const std::string& description) {
    auto* option = command.add_option("app", app, description)->required();
    tree.set_values_command(*option, k_app_names);
    return *option;
}

CLI::Option& add_group_argument(CommandTree& tree, CLI::App& command, std::string& group) {
    auto* option =
        command.add_option("group", group, "The group: NAME, NAMESPACE:NAME or id")->required();
    tree.set_values_command(*option, k_group_names);
    return *option;
}

std::string target_namespace(Factory& factory, const std::string& argument) {
    using namespace shared_naming_cmd;
    if (argument.empty()) {
        return checked_namespace(factory.namespace_code());
    }
    const std::string code = checked_namespace(argument);
    if (const std::string* flag = other_flag_namespace(factory, code)) {
        throw Error(ErrorKind::Usage,
                    "two namespaces given: " + code + " (the argument) and " + *flag + " (-n)",
                    "name the namespace once");
    }
    return code;
}

} // namespace techpass::cli
