// techpass apikeys list|create|revoke

#include "techpass/api/apikeys.hpp"

#include "commands/commands.hpp"
#include "commands/shared/one_time.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/naming.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace techpass::cli {

namespace apikeys_cmd {
namespace {

using namespace api::apikeys;

void add_list(Application& app, CLI::App& noun) {
    CommandDoc doc{
        "List the API keys of a namespace",
        "Lists the namespace's API keys: name, prefix (the first 8 characters), when each\n"
        "was created and last used. A key's value is never listed.",
        {{"", "techpass apikeys list"},
         {"keys never used", "techpass apikeys list --jq '.apiKeys[] | select(.lastUsedAt == "
                             "null) | .name'"}},
        {}};
    app.tree().add_command(noun, "list", with_fields(std::move(doc), apikey_resource()), [&app] {
        Factory& factory = app.factory();
        const std::string code = api::checked_namespace(factory.namespace_code());
        factory.printer().print(list_keys(factory.client(), code), apikey_resource());
    });
}

struct CreateOptions {
    std::string name;
    std::string out;
};

void add_create(Application& app, CLI::App& noun) {
    auto options = std::make_shared<CreateOptions>();
    CommandDoc doc{
        "Create an API key",
        "Creates an API key, sent as x-api-key on every Automation API call. Its value is\n"
        "shown once: printed on stdout, or with --out FILE written to a new file (mode\n"
        "0600; an existing file is never overwritten) and not printed. A namespace holds at\n"
        "most 4 keys, to allow rotation: when it is full, techpass says which key to revoke\n"
        "before sending anything.",
        {{"into a file, for a CI variable", "techpass apikeys create ci-2027 --out ci-2027.key"},
         {"then use it in the profile", "techpass profile set api_key \"$(cat ci-2027.key)\""}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "create", with_fields(std::move(doc), apikey_resource()), [&app, options] {
            Factory& factory = app.factory();
            check_key_name(options->name);
            check_out_file(options->out);
            const std::string code = api::checked_namespace(factory.namespace_code());
            if (dry_run(factory,
                        {"POST", apikeys_path(code), api::Json{{"name", options->name}}})) {
                return;
            }
            const api::Json created = create_key(factory.client(), code, options->name);
            deliver_once(factory, options->out,
                         {created, "key", &apikey_resource(),
                          fmt::format("API key {} of namespace {}", options->name, code)});
            note_done(factory,
                      fmt::format("Created API key {} in namespace {}", options->name, code));
        });
    command.add_option("name", options->name, "The key's name, unique in the namespace")
        ->required();
    add_out_flag(command, options->out, "the new key");
}

void add_revoke(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Revoke an API key",
        "Revokes a key (named by its name, id or prefix): calls made with it are refused\n"
        "from then on. The namespace's last key cannot be revoked: create its replacement\n"
        "first. Asks first on a terminal, and says so when the key is the one this profile\n"
        "uses; elsewhere --yes is required.",
        {{"", "techpass apikeys revoke ci-2026"},
         {"in a script", "techpass apikeys revoke ci-2026 --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "revoke", std::move(doc), [&app, name] {
        Factory& factory = app.factory();
        const std::string code = api::checked_namespace(factory.namespace_code());
        const api::Json keys = list_keys(factory.client(), code)["apiKeys"];
        const api::Json& key = key_to_revoke(keys, code, *name);
        const std::string id = output::field_text(key, "id");
        const std::string label = output::field_text(key, "name");
        if (dry_run(factory, {"DELETE", apikey_path(code, id), nullptr})) {
            return;
        }
        const std::string own = factory.profile().secret("api_key");
        const bool in_use = !own.empty() && own.rfind(output::field_text(key, "prefix"), 0) == 0;
        confirm_change(factory, "revoke",
                       fmt::format("Revoke API key {} ({}...)?{}", label,
                                   output::field_text(key, "prefix"),
                                   in_use ? " It is the key this profile uses: techpass will "
                                            "stop working until the profile has another."
                                          : ""));
        revoke_key(factory.client(), code, id);
        note_done(factory, fmt::format("Revoked API key {} of namespace {}", label, code));
    });
    command.add_option("key", *name, "The key: its name, id or prefix")->required();
}

} // namespace
} // namespace apikeys_cmd

void register_apikeys(Application& app) {
    using namespace apikeys_cmd;
    CommandDoc doc{
        "Manage the API keys of a namespace",
        "Every Automation API call carries an API key of the namespace (x-api-key); the\n"
        "gateway uses it to throttle. A key's value is shown once, when it is created; a\n"
        "namespace holds at most 4, so that a key can be replaced without a gap.",
        {{"", "techpass apikeys list"},
         {"", "techpass apikeys create ci-2027 --out ci-2027.key"},
         {"", "techpass apikeys revoke ci-2026"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "apikeys", std::move(doc));
    add_list(app, noun);
    add_create(app, noun);
    add_revoke(app, noun);
}

} // namespace techpass::cli
