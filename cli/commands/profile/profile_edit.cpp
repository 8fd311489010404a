// techpass profile set|add: the verbs that write the config file.

#include "app/interactivity.hpp"
#include "commands/profile/profile.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/config/config_file.hpp"
#include "techpass/config/keys.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace techpass::cli {

namespace profile_edit_cmd {
namespace {

const char* k_secret_forms = " (env:VAR, file:PATH, command:CMD, or the secret itself)";

// The keys `profile add` asks for on a terminal when their flags are missing.
constexpr std::string_view k_asked_keys[] = {"api_url", "directory_id", "client_id", "namespace"};

struct SetOptions {
    std::string key;
    std::string value;
    bool unset = false;
};

struct AddOptions {
    std::string name;
    std::vector<std::string> values = std::vector<std::string>(config::key_table().size());
    bool make_default = false;
};

} // namespace
} // namespace profile_edit_cmd

void register_profile_set(Application& app, CLI::App& profile) {
    using namespace profile_edit_cmd;
    auto options = std::make_shared<SetOptions>();
    CommandDoc doc{
        "Set or unset one key of a profile",
        "Sets a key of the profile (-p, else the default one) after checking the value.\n"
        "Secrets (client_secret, api_key) are best given as a source: env:VAR, file:PATH or\n"
        "command:CMD; a literal is stored as is, in a file only you may read.",
        {{"", "techpass profile set namespace SHIP"},
         {"a secret from the environment",
          "techpass profile set client_secret env:SHIP_CLIENT_SECRET"},
         {"from a password manager",
          "techpass -p staging profile set api_key 'command:pass show techpass/api-key'"},
         {"", "techpass profile set rate_limit --unset"}},
        {}};
    CLI::App& command = app.tree().add_command(profile, "set", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        config::ConfigFile file = load_config_file(factory);
        const std::string name = target_profile(factory, file);
        const config::KeyInfo* key = config::find_key(options->key);
        if (options->unset) {
            file.unset(name, options->key);
        } else if (options->value.empty() && !options->unset) {
            throw Error(ErrorKind::Usage, "no value for " + options->key,
                        "pass a VALUE, or --unset to remove the key");
        } else if (key != nullptr && key->secret) {
            file.set(name, options->key, config::parse_secret_spec(options->value));
        } else {
            file.set(name, options->key, options->value);
        }
        file.save();
        note_done(factory,
                  (options->unset ? "Unset " : "Set ") + options->key + " of profile " + name);
    });
    std::vector<std::string> keys = config::key_names();
    auto* key =
        command.add_option("key", options->key, "Configuration key (see techpass-config(5))")
            ->required();
    app.tree().set_choices(*key, keys);
    command.add_option("value", options->value, "The new value" + std::string(k_secret_forms));
    command.add_flag("--unset", options->unset, "Remove the key from the profile");
}

void register_profile_add(Application& app, CLI::App& profile) {
    using namespace profile_edit_cmd;
    auto options = std::make_shared<AddOptions>();
    CommandDoc doc{
        "Add a profile to the config file",
        "Adds a [profiles.NAME] table with the keys given as flags, checked first. On a\n"
        "terminal, asks for api_url, directory_id, client_id and namespace when they are not\n"
        "given. The first profile of a file, or one added with --default, becomes the default.",
        {{"",
          "techpass profile add ship --api-url https://api.techpass.suite.gov.sg --directory-id "
          "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11 --client-id 1b2c3d4e-0000-4000-8000-000000000001 "
          "--namespace SHIP --client-secret env:SHIP_CLIENT_SECRET --api-key env:SHIP_API_KEY"},
         {"against a local emulator",
          "techpass profile add local --api-url http://127.0.0.1:8080 --default"}},
        {}};
    CLI::App& command = app.tree().add_command(profile, "add", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        config::ConfigFile file = load_config_file(factory);
        const auto keys = config::key_table();
        std::map<std::string, std::string> values;
        std::map<std::string, config::SecretSource> secrets;
        const Interactivity interactivity = factory.interactivity();
        for (std::size_t i = 0; i < keys.size(); ++i) {
            std::string value = options->values[i];
            const std::string key(keys[i].name);
            const bool asked = std::find(std::begin(k_asked_keys), std::end(k_asked_keys),
                                         keys[i].name) != std::end(k_asked_keys);
            if (value.empty() && asked && interactivity.prompts) {
                value =
                    ask(factory.terminal(), key + " (" + std::string(keys[i].description) + ")");
            }
            if (value.empty()) {
                continue;
            }
            if (keys[i].secret) {
                secrets[key] = config::parse_secret_spec(value);
            } else {
                values[key] = value;
            }
        }
        const bool first = file.profile_names().empty();
        file.add(options->name, values, secrets);
        if (options->make_default || first) {
            file.use(options->name);
        }
        file.save();
        note_done(factory, "Added profile " + options->name + " to " + file.shown_path());
    });
    command
        .add_option("name", options->name, "Name of the new profile (letters, digits, '-', '_')")
        ->required();
    const auto keys = config::key_table();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string description =
            std::string(keys[i].description) + (keys[i].secret ? k_secret_forms : "");
        auto* option =
            command
                .add_option("--" + config::flag_name(keys[i].name), options->values[i], description)
                ->type_name(keys[i].secret ? "SECRET" : "VALUE");
        if (keys[i].type == config::KeyType::Path) {
            app.tree().set_takes_path(*option);
        }
        if (!keys[i].choices.empty()) {
            app.tree().set_choices(*option, {keys[i].choices.begin(), keys[i].choices.end()});
        }
    }
    command.add_flag("--default", options->make_default, "Make it the default profile");
}

} // namespace techpass::cli
