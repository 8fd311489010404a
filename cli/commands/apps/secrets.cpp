// techpass apps secrets list|add|delete|rotate

#include "techpass/api/secrets.hpp"

#include "commands/apps/apps.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/one_time.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace techpass::cli {

namespace apps_secrets_cmd {
namespace {

using namespace api::secrets;

void add_list(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "List an app's client secrets",
        "Lists an app's client secrets, oldest first: id, description, the first three\n"
        "characters (hint), when each was made and when it expires. A secret's value is\n"
        "never listed. Secrets expiring within 30 days are flagged; -o json carries\n"
        "expiresInDays.",
        {{"", "techpass apps secrets list ship-portal"},
         {"the secrets expiring within 30 days",
          "techpass apps secrets list ship-portal --jq '.secrets[] | select(.expiresInDays <= "
          "30) | .id'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), secret_resource()), [&app, name] {
            Factory& factory = app.factory();
            const NamedApp found = resolve_app(factory, *name);
            factory.printer().print(list_secrets(factory.client(), found.namespace_code, found.id,
                                                 factory.clock().now()),
                                    secret_resource());
        });
    add_app_argument(app.tree(), command, *name);
}

struct AddOptions {
    std::string app;
    std::string description;
    std::string out;
    bool delete_old = false;
};

// The app's secrets now, oldest first.
api::Json secrets_of(Factory& factory, const NamedApp& found) {
    return list_secrets(factory.client(), found.namespace_code, found.id,
                        factory.clock().now())["secrets"];
}

// Adds a secret beside existing and delivers its value once; the secret
// without its value.
api::Json add_and_deliver(Factory& factory, const NamedApp& found, const AddOptions& options,
                          const api::Json& existing) {
    const api::Json created =
        add_secret(factory.client(), found.namespace_code, found.id, options.description, existing);
    return deliver_once(factory, options.out,
                        {created, "secret", &secret_resource(),
                         fmt::format("client secret of app {}", found.name)});
}

void add_common_flags(CommandTree& tree, CLI::App& command, AddOptions& options) {
    add_app_argument(tree, command, options.app);
    command.add_option("-d,--description", options.description, "What the secret is for")
        ->type_name("TEXT")
        ->required();
    add_out_flag(command, options.out, "the new secret");
}

void add_add(Application& app, CLI::App& noun) {
    auto options = std::make_shared<AddOptions>();
    CommandDoc doc{
        "Add a client secret to an app",
        "Adds a client secret, valid for one year. Its value is shown once: printed on\n"
        "stdout, or with --out FILE written to a new file (mode 0600; an existing file is\n"
        "never overwritten) and not printed. Adding never removes another secret; an app\n"
        "holds at most 5.",
        {{"into a file for the deployment", "techpass apps secrets add ship-portal -d 'Production "
                                            "(2027)' --out ship-portal.secret"},
         {"straight into a secret manager",
          "techpass apps secrets add ship-portal -d CI | vault kv put secret/ship value=-"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "add", with_fields(std::move(doc), secret_resource()), [&app, options] {
            Factory& factory = app.factory();
            check_description(options->description);
            check_out_file(options->out);
            const NamedApp found = resolve_app(factory, options->app);
            if (dry_run(factory, {"POST", secrets_path(found.namespace_code, found.id),
                                  api::Json{{"description", options->description}}})) {
                return;
            }
            add_and_deliver(factory, found, *options, secrets_of(factory, found));
            note_done(factory, "Added a client secret to app " + found.name);
        });
    add_common_flags(app.tree(), command, *options);
}

void add_delete(Application& app, CLI::App& noun) {
    auto options = std::make_shared<std::pair<std::string, std::string>>();
    CommandDoc doc{
        "Delete a client secret of an app",
        "Deletes a secret: tokens can no longer be obtained with it. Asks first on a\n"
        "terminal; elsewhere --yes is required.",
        {{"", "techpass apps secrets delete ship-portal b80b344d-b2c0-4076-aff6-6579c7e94658"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "delete", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        const NamedApp found = resolve_app(factory, options->first);
        const std::string path = secret_path(found.namespace_code, found.id, options->second);
        if (dry_run(factory, {"DELETE", path, nullptr})) {
            return;
        }
        confirm_change(factory, "delete",
                       fmt::format("Delete secret {} of app {}? Services using it can no longer "
                                   "sign in with it.",
                                   options->second, found.name));
        delete_secret(factory.client(), found.namespace_code, found.id, options->second);
        note_done(factory, fmt::format("Deleted secret {} of app {}", options->second, found.name));
    });
    add_app_argument(app.tree(), command, options->first);
    command.add_option("secret", options->second, "The secret's id (see: apps secrets list)")
        ->required();
}

void add_rotate(Application& app, CLI::App& noun) {
    auto options = std::make_shared<AddOptions>();
    CommandDoc doc{
        "Add a new client secret, and delete the older ones when asked",
        "Rotation that cannot lock a service out: adds a new secret and delivers it like\n"
        "`add` (stdout, or --out FILE). The older secrets stay, so that services keep\n"
        "signing in until they have the new one; --delete-old deletes them, and only after\n"
        "the new secret was delivered (asked first on a terminal; elsewhere --yes).",
        {{"step 1: a new secret beside the old ones",
          "techpass apps secrets rotate ship-portal -d 'Production (2027)' --out new.secret"},
         {"step 2, once services use it: the same, deleting the old ones",
          "techpass apps secrets rotate ship-portal -d 'Production (2027b)' --out new2.secret "
          "--delete-old"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "rotate", with_fields(std::move(doc), secret_resource()), [&app, options] {
            Factory& factory = app.factory();
            check_description(options->description);
            check_out_file(options->out);
            const NamedApp found = resolve_app(factory, options->app);
            const api::Json older = secrets_of(factory, found);
            if (dry_run(factory, {"POST", secrets_path(found.namespace_code, found.id),
                                  api::Json{{"description", options->description}}})) {
                if (options->delete_old && !older.empty()) {
                    factory.terminal().err
                        << fmt::format("and then DELETE {} older secret{}\n", older.size(),
                                       older.size() == 1 ? "" : "s");
                }
                return;
            }
            if (options->delete_old && !older.empty()) {
                confirm_change(factory, "delete",
                               fmt::format("Add a new secret to app {} and then delete its {} "
                                           "older secret{}?",
                                           found.name, older.size(), older.size() == 1 ? "" : "s"));
            }
            add_and_deliver(factory, found, *options, older);
            if (!options->delete_old) {
                note_done(factory,
                          fmt::format("Added a new secret to app {}; {} older secret{} "
                                      "kept (--delete-old deletes them)",
                                      found.name, older.size(), older.size() == 1 ? "" : "s"));
                return;
            }
            for (const api::Json& old : older) {
                delete_secret(factory.client(), found.namespace_code, found.id,
                              old.value("id", ""));
            }
            note_done(factory, fmt::format("Rotated the secrets of app {}: 1 added, {} deleted",
                                           found.name, older.size()));
        });
    add_common_flags(app.tree(), command, *options);
    command.add_flag("--delete-old", options->delete_old,
                     "After the new secret is delivered, delete the older ones");
}

} // namespace
} // namespace apps_secrets_cmd

void register_app_secrets(Application& app, CLI::App& apps) {
    using namespace apps_secrets_cmd;
    CommandDoc doc{
        "Manage an app's client secrets",
        "Client secrets let a service sign in as the app (client credentials). Each is\n"
        "valid for one year and its value is shown only once, when it is added. A\n"
        "certificate (techpass apps certs) is the safer choice where the service can use\n"
        "one.",
        {{"", "techpass apps secrets list ship-portal"},
         {"", "techpass apps secrets rotate ship-portal -d 'Production (2027)' --out new.secret"}},
        {}};
    CLI::App& noun = app.tree().add_group(apps, "secrets", std::move(doc));
    add_list(app, noun);
    add_add(app, noun);
    add_delete(app, noun);
    add_rotate(app, noun);
}

} // namespace techpass::cli
