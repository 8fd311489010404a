// techpass completion bash|zsh|fish, and the hidden `techpass __complete
// KIND` that the scripts run for the names of namespaces, apps and groups.

#include "app/application.hpp"
#include "app/completion_script.hpp"
#include "app/factory.hpp"
#include "commands/commands.hpp"
#include "techpass/api/apps.hpp"
#include "techpass/api/client.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/api/namespaces.hpp"
#include "techpass/auth/authenticator.hpp"
#include "techpass/auth/token_provider.hpp"
#include "techpass/output/resource.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <chrono>
#include <exception>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

namespace techpass::cli {

namespace completion_cmd {
namespace {

// Enough names for a completion menu, in one request.
constexpr std::size_t k_most_names = 200;
// A completion that waits longer than this is worse than none.
constexpr std::chrono::milliseconds k_completion_timeout{3000};

// Where the names of each kind come from, and the field a user types.
struct NameSource {
    std::string_view kind;
    api::Json (*list)(api::ApiClient& client, Factory& factory);
    const output::Resource& (*resource)();
    std::string_view field;
};

constexpr std::array<NameSource, 3> k_name_sources{{
    {"namespaces",
     [](api::ApiClient& client, Factory&) {
         return api::namespaces::list_namespaces(client, k_most_names);
     },
     &api::namespaces::namespace_resource, "code"},
    {"apps",
     [](api::ApiClient& client, Factory& factory) {
         return api::apps::list_apps(client, factory.namespace_code(), k_most_names);
     },
     &api::apps::app_resource, "name"},
    // The name, not the grn: the commands read a bare name in the run's namespace.
    {"groups",
     [](api::ApiClient& client, Factory& factory) {
         return api::groups::list_groups(client, factory.namespace_code(), k_most_names);
     },
     &api::groups::group_resource, "name"},
}};

// Prints the names of the namespaces, apps or groups the run's profile can
// see, one a line. Only with a valid cached token: it never signs in (no
// browser, no device code, no client credentials sent), never prompts, sends
// one request without retries, and prints nothing at all when anything fails,
// so that a completion never shows an error in the middle of a command line.
void print_names(Factory& factory, const NameSource& source) {
    try {
        const auto token = factory.authenticator().cached();
        if (!token) {
            return;
        }
        auth::StaticTokenProvider tokens(token->access_token);
        auto options = api::client_options(factory.profile());
        options.retry.max_attempts = 1;
        options.timeout = k_completion_timeout;
        api::ApiClient client(factory.transport(), factory.clock(), tokens, std::move(options));
        const api::Json page = source.list(client, factory);
        const auto list = page.find(std::string(source.resource().list_key));
        if (list == page.end() || !list->is_array()) {
            return;
        }
        std::string names;
        for (const auto& item : *list) {
            const std::string name = output::field_text(item, source.field);
            if (!name.empty()) {
                names += name + "\n";
            }
        }
        factory.terminal().out << names;
    } catch (const std::exception& error) {
        // Nothing to offer; --debug says why.
        if (factory.globals().debug) {
            factory.terminal().err << "techpass: no names to complete: " << error.what() << "\n";
        }
    }
}

} // namespace
} // namespace completion_cmd

void register_completion(Application& app) {
    using namespace completion_cmd;
    CommandDoc doc{
        "Print a shell completion script",
        "Prints the completion script of techpass for bash, zsh or fish, generated from the\n"
        "command tree (the same scripts are installed from completions/).\n\n"
        "Besides commands, flags and fixed values, the scripts complete profile names (from\n"
        "the config file) and the names of namespaces, apps and groups. Those come from the\n"
        "API, and only when the profile has a valid cached token (after `techpass auth login`\n"
        "or any command): completing never signs in or prompts, and offers nothing when the\n"
        "API does not answer within 3 seconds. -p, -n and --config on the command line apply.",
        {
            {"complete techpass in this bash session", "source <(techpass completion bash)"},
            {"install for zsh (a directory on $fpath)",
             "techpass completion zsh > ~/.zfunc/_techpass"},
            {"install for fish",
             "techpass completion fish > ~/.config/fish/completions/techpass.fish"},
        },
        {},
    };
    auto shell = std::make_shared<std::string>();
    CLI::App& command =
        app.tree().add_command(app.tree().root(), "completion", std::move(doc), [&app, shell] {
            app.factory().terminal().out << completion_script(app.tree(), parse_shell(*shell));
        });
    auto* positional = command.add_option("shell", *shell, "bash, zsh or fish")->required();
    app.tree().set_choices(*positional, {"bash", "zsh", "fish"});

    auto kind = std::make_shared<std::string>();
    CLI::App& names = app.tree().add_command(app.tree().root(), "__complete",
                                             {"Print names for the completion scripts", "", {}, {}},
                                             [&app, kind] {
                                                 for (const NameSource& source : k_name_sources) {
                                                     if (source.kind == *kind) {
                                                         print_names(app.factory(), source);
                                                     }
                                                 }
                                             });
    std::vector<std::string> kinds;
    for (const NameSource& source : k_name_sources) {
        kinds.emplace_back(source.kind);
    }
    names.add_option("kind", *kind, "namespaces, apps or groups")
        ->required()
        ->check(CLI::IsMember(kinds));
    app.tree().hide(names);
}

} // namespace techpass::cli
