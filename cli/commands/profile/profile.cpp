// techpass profile list|show|use|remove (set and add: profile_edit.cpp)

#include "commands/profile/profile.hpp"

#include "commands/commands.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/config/config_file.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace techpass::cli {

namespace profile_cmd {
namespace {

const output::Resource& profile_resource() {
    static const output::Resource resource{
        "profile",
        "profiles",
        "profiles",
        "name",
        {{"name", "Profile name"},
         {"default", "Whether it is the default_profile"},
         {"api_url", "Base URL of the Automation API"},
         {"namespace", "Tenant namespace it acts on"},
         {"auth", "Auth method, when set"}},
        {{"NAME", "name"},
         {"DEFAULT", "default",
          [](const api::Json& item) {
              return output::field_value(item, "default") == api::Json(true) ? std::string("*")
                                                                             : std::string();
          }},
         {"API URL", "api_url"},
         {"NAMESPACE", "namespace"}},
    };
    return resource;
}

const output::Resource& setting_resource() {
    static const output::Resource resource{
        "setting",
        "settings",
        "settings",
        "key",
        {{"key", "Configuration key"},
         {"value", "Its value; secrets masked or shown as their source"},
         {"origin", "Where it came from: flag, env VAR, file:line, default"}},
        {{"KEY", "key"}, {"VALUE", "value"}, {"ORIGIN", "origin"}},
    };
    return resource;
}

std::string file_value(const config::FileProfile& profile, std::string_view key) {
    const auto it = profile.values.find(key);
    return it == profile.values.end() ? std::string() : it->second.text;
}

void add_list(Application& app, CLI::App& noun) {
    CommandDoc doc{"List the profiles of the config file",
                   "Lists the profiles of the config file; DEFAULT marks default_profile.",
                   {{"", "techpass profile list"},
                    {"their names, one a line", "techpass profile list -o name"}},
                   {}};
    app.tree().add_command(noun, "list", with_fields(std::move(doc), profile_resource()), [&app] {
        Factory& factory = app.factory();
        const config::ConfigFile file = load_config_file(factory);
        api::Json profiles = api::Json::array();
        for (const auto& name : file.profile_names()) {
            const config::FileProfile& profile = file.get(name);
            profiles.push_back({{"name", name},
                                {"default", name == file.default_profile()},
                                {"api_url", file_value(profile, "api_url")},
                                {"namespace", file_value(profile, "namespace")},
                                {"auth", file_value(profile, "auth")}});
        }
        factory.printer().print(
            api::Json{{"configFile", file.shown_path()}, {"profiles", profiles}},
            profile_resource());
    });
}

void add_show(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Show a profile's settings and where each comes from",
        "Shows every setting of a profile (the argument, else the run's) after the\n"
        "environment and flags are applied, with its origin. Secrets are masked, or shown\n"
        "as their source (env VAR, file PATH, command).",
        {{"", "techpass profile show"},
         {"another profile", "techpass profile show staging"},
         {"where api_url comes from",
          "techpass profile show --jq '.settings[] | select(.key == \"api_url\") | .origin'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "show", with_fields(std::move(doc), setting_resource()), [&app, name] {
            Factory& factory = app.factory();
            config::LoadOptions options = factory.load_options();
            if (!name->empty()) {
                options.profile = *name;
            }
            const config::Profile profile = config::load_profile(factory.env(), options);
            api::Json settings = api::Json::array();
            for (const auto& setting : profile.show()) {
                settings.push_back(
                    {{"key", setting.key}, {"value", setting.value}, {"origin", setting.origin}});
            }
            factory.printer().print(
                api::Json{
                    {"profile", profile.name()},
                    {"configFile", config::display_path(profile.config_path(), factory.env())},
                    {"settings", settings}},
                setting_resource());
        });
    auto* argument =
        command.add_option("profile", *name, "Profile name (default: the run's profile)");
    app.tree().set_values_command(*argument, k_profile_names);
}

void add_use(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{"Make a profile the default",
                   "Sets default_profile in the config file, keeping its comments and layout.",
                   {{"", "techpass profile use staging"}},
                   {}};
    CLI::App& command = app.tree().add_command(noun, "use", std::move(doc), [&app, name] {
        Factory& factory = app.factory();
        config::ConfigFile file = load_config_file(factory);
        file.use(*name);
        file.save();
        note_done(factory, "Default profile is now " + *name);
    });
    auto* argument = command.add_option("profile", *name, "Profile name")->required();
    app.tree().set_values_command(*argument, k_profile_names);
}

void add_remove(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Remove a profile from the config file",
        "Removes the profile's table (and default_profile when it named it), with the\n"
        "comment lines right above it. Asks first on a terminal; elsewhere --yes is required.\n"
        "Its cached token is not touched: run techpass auth logout -p NAME first.",
        {{"", "techpass profile remove old-staging"},
         {"in a script", "techpass profile remove old-staging --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "remove", std::move(doc), [&app, name] {
        Factory& factory = app.factory();
        config::ConfigFile file = load_config_file(factory);
        file.get(*name); // an unknown profile fails before the question
        confirm_change(factory, "remove",
                       fmt::format("Remove profile {} from {}?", *name, file.shown_path()));
        file.remove(*name);
        file.save();
        note_done(factory, "Removed profile " + *name);
    });
    auto* argument = command.add_option("profile", *name, "Profile name")->required();
    app.tree().set_values_command(*argument, k_profile_names);
}

} // namespace
} // namespace profile_cmd

config::ConfigFile load_config_file(Factory& factory) {
    return config::ConfigFile::load(
        config::config_file_path(factory.env(), factory.load_options().config_path), factory.env());
}

std::string target_profile(Factory& factory, const config::ConfigFile& file) {
    if (!factory.globals().profile.empty()) {
        return factory.globals().profile;
    }
    if (const auto name = factory.env().get(std::string(config::k_profile_env));
        name && !name->empty()) {
        return *name;
    }
    if (!file.default_profile().empty()) {
        return file.default_profile();
    }
    const auto names = file.profile_names();
    if (names.size() == 1) {
        return names.front();
    }
    std::string listed;
    for (const auto& name : names) {
        listed += (listed.empty() ? "" : ", ") + name;
    }
    throw Error(ErrorKind::Usage, "which profile? " + file.shown_path() + " has no default_profile",
                names.empty()
                    ? "add one: techpass profile add NAME --api-url URL"
                    : "pass -p NAME (profiles: " + listed + "), or run: techpass profile use NAME");
}

void register_profile(Application& app) {
    using namespace profile_cmd;
    CommandDoc doc{
        "Manage the profiles of the config file",
        "Profiles hold endpoints, credentials and settings (see techpass-config(5)). Edits\n"
        "are validated first, written atomically, and keep the file's comments.",
        {{"", "techpass profile list"},
         {"", "techpass profile add staging --api-url https://api.stg.techpass.suite.gov.sg"},
         {"", "techpass profile set client_secret env:SHIP_CLIENT_SECRET"},
         {"", "techpass profile show"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "profile", std::move(doc));
    add_list(app, noun);
    add_show(app, noun);
    add_use(app, noun);
    register_profile_set(app, noun);
    register_profile_add(app, noun);
    add_remove(app, noun);
}

} // namespace techpass::cli
