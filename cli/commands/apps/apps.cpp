// techpass apps list|get|create|update|delete (secrets: secrets.cpp)

#include "techpass/api/apps.hpp"

#include "commands/apps/apps.hpp"
#include "commands/commands.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/naming.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace techpass::cli {

namespace apps_cmd {
namespace {

using namespace api::apps;

AppRef app_ref(Factory& factory, const std::string& text) {
    return {api::checked_namespace(factory.namespace_code()), text};
}

void add_list(Application& app, CLI::App& noun) {
    auto flags = std::make_shared<ListFlags>();
    CommandDoc doc{
        "List the apps of a namespace",
        "Lists the OIDC client apps of the namespace (-n, else the profile's), by name.",
        {{"", "techpass apps list"},
         {"apps still waiting for consent",
          "techpass apps list -o json --jq '.apps[] | select(.consentGranted | not) | .name'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), app_resource()), [&app, flags] {
            Factory& factory = app.factory();
            const std::string code = api::checked_namespace(factory.namespace_code());
            factory.printer().print(list_apps(factory.client(), code, flags->max_items()),
                                    app_resource());
        });
    add_list_flags(command, *flags, "apps");
}

void print_details(std::ostream& out, const api::Json& app) {
    out << "\nRedirect URLs:\n";
    for (const api::Json& url : output::field_value(app, "redirectUrls")) {
        out << "  " << (url.is_string() ? url.get<std::string>() : url.dump()) << "\n";
    }
    const api::Json sign_in = output::field_value(app, "signIn");
    if (sign_in.is_object()) {
        out << "\nSign-in endpoints:\n";
        for (const auto& [label, field] :
             {std::pair{"authorize", "authorize"}, std::pair{"token", "token"},
              std::pair{"OpenID configuration", "openidConfiguration"}}) {
            out << fmt::format("  {:<22}{}\n", label, sign_in[field].get<std::string>());
        }
    }
}

void add_get(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Show an app, with its sign-in endpoints",
        "Shows an app, named by its name or its app (client) id, with the endpoints its\n"
        "users sign in through: the directory's authorize and token endpoints and its\n"
        "OpenID Connect discovery document (signIn in -o json).",
        {{"", "techpass apps get ship-registry-portal"},
         {"the discovery URL, for the service's configuration",
          "techpass apps get ship-registry-portal --jq .signIn.openidConfiguration"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), app_resource()), [&app, name] {
            Factory& factory = app.factory();
            api::Json found = resolve_app(factory, *name).object;
            const config::Profile& profile = factory.profile();
            if (!profile.directory_id().empty()) {
                found["signIn"] = sign_in_endpoints(profile.authority(), profile.directory_id());
            }
            output::Printer& printer = factory.printer();
            printer.print(found, app_resource());
            if (printer.options().human_table() && printer.options().fields.empty()) {
                print_details(factory.terminal().out, found);
            }
        });
    add_app_argument(app.tree(), command, *name);
}

// The settings create and update share.
void add_settings(CLI::App& command, AppSettings& settings) {
    add_switch(command, "sign-in", settings.sign_in_enabled,
               "Let users sign in (default on; --no-sign-in stops it)");
    add_switch(command, "assignment-required", settings.assignment_required,
               "Only assigned users and groups may sign in (default on)");
    add_switch(command, "published", settings.published, "List the app in the users' app launcher");
    add_switch(command, "seed-required", settings.seed_required,
               "Sign-in needs a SEED-managed device (needs assignment required)");
}

void add_create(Application& app, CLI::App& noun) {
    auto spec = std::make_shared<AppSpec>();
    CommandDoc doc{
        "Register an app",
        "Registers an OIDC client app in the namespace. It needs at least one redirect URL:\n"
        "https, or plain http only for localhost, 127.0.0.1 and [::1]; no wildcards and no\n"
        "fragment. Every URL is checked before anything is sent.\n\n"
        "A new app starts without consent for the default scopes (openid, email, profile,\n"
        "offline_access): sign-in fails until it is granted with\n"
        "`techpass apps update APP --grant-consent`. Assignment is required unless\n"
        "--no-assignment-required: only assigned users and groups can then sign in.",
        {{"", "techpass apps create ship-registry-portal --redirect-url "
              "https://ship.gov.sg/auth/callback --homepage-url https://ship.gov.sg/"},
         {"with a local development callback and a co-owner",
          "techpass apps create ship-registry-portal --redirect-url "
          "https://ship.gov.sg/auth/callback --redirect-url http://localhost:3000/callback "
          "--owner mei_lim@tech.gov.sg"},
         {"see what would be sent",
          "techpass apps create ship-dev --redirect-url http://localhost:3000/cb --dry-run"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "create", with_fields(std::move(doc), app_resource()), [&app, spec] {
            Factory& factory = app.factory();
            const std::string code = api::checked_namespace(factory.namespace_code());
            spec->check();
            if (dry_run(factory, {"POST", apps_path(code), spec->body()})) {
                return;
            }
            const api::Json created = create_app(factory.client(), code, *spec);
            print_object(factory, created, app_resource());
            note_done(factory,
                      fmt::format("Registered app {} ({}); grant consent before "
                                  "sign-in: techpass apps update {} --grant-consent",
                                  app_label(created), app_id_of(created), app_id_of(created)));
        });
    command.add_option("name", spec->name, "The app's display name, unique across TechPass")
        ->required();
    command.add_option("--redirect-url", spec->redirect_urls, "A redirect URL (repeat for more)")
        ->type_name("URL");
    command.add_option("--homepage-url", spec->homepage_url, "The app's home page")
        ->type_name("URL");
    command.add_option("--logout-url", spec->logout_url, "Its front-channel logout URL")
        ->type_name("URL");
    add_settings(command, spec->settings);
    command
        .add_option("--owner", spec->owners,
                    "An owner, by email or user id (repeat; you are always one)")
        ->type_name("USER");
}

struct UpdateOptions {
    std::string app;
    AppChanges changes;
    bool grant = false;
    bool revoke = false;
};

void add_update(Application& app, CLI::App& noun) {
    auto options = std::make_shared<UpdateOptions>();
    CommandDoc doc{
        "Change an app's settings",
        "Changes only what is named; everything else stays as it is. Redirect URLs are\n"
        "added and removed one by one (an app keeps at least one); --homepage-url '' and\n"
        "--logout-url '' remove those; --owner replaces the list of owners.",
        {{"add a callback", "techpass apps update ship-registry-portal --add-redirect-url "
                            "https://staging.ship.gov.sg/auth/callback"},
         {"grant consent, so that users can sign in",
          "techpass apps update ship-registry-portal --grant-consent"},
         {"open it to every TechPass user",
          "techpass apps update ship-registry-portal --no-assignment-required"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "update", with_fields(std::move(doc), app_resource()), [&app, options] {
            Factory& factory = app.factory();
            AppChanges& changes = options->changes;
            if (options->grant || options->revoke) {
                changes.consent_granted = options->grant;
            }
            changes.check();
            const NamedApp current = resolve_app(factory, options->app);
            const api::Json body = changes.body(current.object);
            if (dry_run(factory, {"PATCH", app_path(current.namespace_code, current.id), body})) {
                return;
            }
            const api::Json updated =
                update_app(factory.client(), current.namespace_code, current.id, body);
            print_object(factory, updated, app_resource());
            note_done(factory, "Updated app " + app_label(updated));
        });
    add_app_argument(app.tree(), command, options->app);
    command.add_option("--name", options->changes.name, "A new display name")->type_name("NAME");
    command
        .add_option("--homepage-url", options->changes.homepage_url, "New home page ('' removes)")
        ->type_name("URL");
    command.add_option("--logout-url", options->changes.logout_url, "New logout URL ('' removes)")
        ->type_name("URL");
    command
        .add_option("--add-redirect-url", options->changes.add_redirect_urls,
                    "Add a redirect URL (repeat for more)")
        ->type_name("URL");
    command
        .add_option("--remove-redirect-url", options->changes.remove_redirect_urls,
                    "Remove a redirect URL (repeat for more)")
        ->type_name("URL");
    add_settings(command, options->changes.settings);
    CLI::Option* grant = command.add_flag("--grant-consent", options->grant,
                                          "Grant consent for the default OIDC scopes");
    command.add_flag("--revoke-consent", options->revoke, "Withdraw that consent")->excludes(grant);
    command
        .add_option("--owner", options->changes.owners,
                    "Replace the owners with these (repeat), by email or user id")
        ->type_name("USER");
}

void add_delete(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Delete an app",
        "Deletes an app with its client secrets, certificates, assignments and OTP\n"
        "whitelist. This cannot be undone: on a terminal the app's name must be typed to\n"
        "confirm; elsewhere --yes is required.",
        {{"", "techpass apps delete ship-dev"},
         {"in a script", "techpass apps delete ship-dev --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "delete", std::move(doc), [&app, name] {
        Factory& factory = app.factory();
        const NamedApp found = resolve_app(factory, *name);
        if (dry_run(factory, {"DELETE", app_path(found.namespace_code, found.id), nullptr})) {
            return;
        }
        confirm_change(factory, "delete",
                       fmt::format("Delete app {} ({}) with its secrets, certificates and "
                                   "assignments? This cannot be undone.",
                                   found.name, found.id),
                       found.name);
        delete_app(factory.client(), found.namespace_code, found.id);
        note_done(factory, "Deleted app " + found.name);
    });
    add_app_argument(app.tree(), command, *name);
}

} // namespace
} // namespace apps_cmd

std::string app_label(const api::Json& app) {
    const std::string name = output::field_text(app, "name");
    return name.empty() ? std::string("app") : name;
}

std::string app_id_of(const api::Json& app) {
    return output::field_text(app, "appId");
}

NamedApp resolve_app(Factory& factory, const std::string& text) {
    using namespace apps_cmd;
    const AppRef ref = app_ref(factory, text);
    api::Json found = find_app(factory.client(), ref);
    return {ref.namespace_code, app_id_of(found), app_label(found), std::move(found)};
}

void register_apps(Application& app) {
    using namespace apps_cmd;
    CommandDoc doc{
        "Register and manage the OIDC apps of a namespace",
        "Apps are the OIDC clients through which users sign in with TechPass. Each has an\n"
        "app (client) id, a unique name, redirect URLs, and settings: sign-in enabled,\n"
        "assignment required (only assigned users and groups may sign in), published,\n"
        "SEED required, and consent for the default scopes. An app is named by its name or\n"
        "its app id.",
        {{"", "techpass apps list"},
         {"", "techpass apps create ship-registry-portal --redirect-url "
              "https://ship.gov.sg/auth/callback"},
         {"", "techpass apps get ship-registry-portal"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "apps", std::move(doc));
    add_list(app, noun);
    add_get(app, noun);
    add_create(app, noun);
    add_update(app, noun);
    add_delete(app, noun);
    register_app_secrets(app, noun);
    register_app_certs(app, noun);
    register_app_assignments(app, noun);
    register_app_try_signin(app, noun);
}

} // namespace techpass::cli
