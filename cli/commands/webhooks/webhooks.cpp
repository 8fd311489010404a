// techpass webhooks list|get|create|update|delete|test (listen and verify:
// listen.cpp, verify.cpp)

#include "techpass/api/webhooks.hpp"

#include "commands/commands.hpp"
#include "commands/shared/one_time.hpp"
#include "commands/shared/verb.hpp"
#include "commands/webhooks/webhooks.hpp"
#include "techpass/api/apps.hpp"
#include "techpass/api/naming.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace techpass::cli {

namespace webhooks_cmd {
namespace {

using namespace api::webhooks;

constexpr const char* k_challenge_note =
    "The portal challenges the receiver first: it sends GET <url>?challengeToken=... and\n"
    "expects {\"challengeToken\": \"...\"} back within 10 seconds (techpass webhooks listen\n"
    "answers it); otherwise nothing is saved and techpass says what the receiver did.";

void add_list(Application& app, CLI::App& noun) {
    auto flags = std::make_shared<ListFlags>();
    CommandDoc doc{"List the webhooks of a namespace",
                   "Lists the namespace's webhooks, oldest first: receiver URL, events and\n"
                   "description. Signing secrets are never listed.",
                   {{"", "techpass webhooks list"},
                    {"the URLs only", "techpass webhooks list --jq '.webhooks[].url'"}},
                   {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), webhook_resource()), [&app, flags] {
            Factory& factory = app.factory();
            const std::string code = api::checked_namespace(factory.namespace_code());
            factory.printer().print(list_webhooks(factory.client(), code, flags->max_items()),
                                    webhook_resource());
        });
    add_list_flags(command, *flags, "webhooks");
}

void add_get(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{"Show a webhook",
                   "Shows one webhook, named by its id or its URL, with its custom headers.",
                   {{"", "techpass webhooks get 39afde14-fcbd-4874-bbeb-b5a6ff611f5c"},
                    {"by URL", "techpass webhooks get https://hooks.ship.gov.sg/techpass -o json"}},
                   {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), webhook_resource()), [&app, name] {
            Factory& factory = app.factory();
            const std::string code = api::checked_namespace(factory.namespace_code());
            print_object(factory, find_webhook(factory.client(), code, *name), webhook_resource());
        });
    command.add_option("webhook", *name, "The webhook: its id or URL")->required();
}

struct CreateOptions {
    std::string url;
    std::vector<std::string> events;
    std::vector<std::string> headers;
    std::string description;
    std::string out;
};

void add_create(Application& app, CLI::App& noun) {
    auto options = std::make_shared<CreateOptions>();
    CommandDoc doc{
        "Register a webhook",
        std::string("Registers a receiver for the named events. Its signing secret is shown once:\n"
                    "printed on stdout, or with --out FILE written to a new file (mode 0600) and\n"
                    "not printed; receivers need it to check each delivery's signature.\n\n") +
            k_challenge_note,
        {{"", "techpass webhooks create --url https://hooks.ship.gov.sg/techpass --event "
              "user-registered --event user-deleted --out hook.secret"},
         {"with a custom header",
          "techpass webhooks create --url https://hooks.ship.gov.sg/techpass --event "
          "user-invited --header 'X-Ship-Env: production' --out hook.secret"},
         {"to a local receiver", "techpass webhooks create --url http://127.0.0.1:8787/ --event "
                                 "user-registered --out hook.secret"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "create", with_fields(std::move(doc), webhook_resource()), [&app, options] {
            Factory& factory = app.factory();
            api::apps::check_url(options->url, "webhook URL");
            api::Json body = {{"url", options->url}, {"events", checked_events(options->events)}};
            if (!options->headers.empty()) {
                body["headers"] = checked_headers(options->headers);
            }
            check_description(options->description);
            if (!options->description.empty()) {
                body["description"] = options->description;
            }
            check_out_file(options->out);
            const std::string code = api::checked_namespace(factory.namespace_code());
            if (dry_run(factory, {"POST", webhooks_path(code), body})) {
                return;
            }
            const api::Json created = create_webhook(factory.client(), code, body);
            deliver_once(factory, options->out,
                         {created, "secret", &webhook_resource(),
                          fmt::format("signing secret of the webhook to {}", options->url)});
            note_done(factory, fmt::format("Registered webhook {} to {}",
                                           output::field_text(created, "id"), options->url));
        });
    command.add_option("--url", options->url, "Receiver URL: https (http for localhost only)")
        ->required();
    command.add_option("-e,--event", options->events, "An event to deliver: " + events_text())
        ->required();
    command.add_option("-H,--header", options->headers,
                       "A custom header 'Name: value' sent with each delivery (up to 5)");
    command.add_option("-d,--description", options->description, "What the webhook is for");
    add_out_flag(command, options->out, "the signing secret");
}

struct UpdateOptions {
    std::string webhook;
    std::string url;
    std::vector<std::string> events;
    std::vector<std::string> add_events;
    std::vector<std::string> remove_events;
    std::vector<std::string> headers;
    bool clear_headers = false;
    std::optional<std::string> description;
};

// The PATCH body an update names, against the webhook as it is.
api::Json update_body(const UpdateOptions& options, const api::Json& current) {
    api::Json changes = api::Json::object();
    if (!options.url.empty()) {
        api::apps::check_url(options.url, "webhook URL");
        changes["url"] = options.url;
    }
    if (!options.events.empty() || !options.add_events.empty() || !options.remove_events.empty()) {
        std::vector<std::string> events = options.events;
        if (events.empty()) {
            for (const auto& event : output::field_value(current, "events")) {
                events.push_back(event.is_string() ? event.get<std::string>() : "");
            }
        }
        events.insert(events.end(), options.add_events.begin(), options.add_events.end());
        if (!options.remove_events.empty()) {
            const auto removed = checked_events(options.remove_events);
            std::erase_if(events, [&](const std::string& event) {
                return std::find(removed.begin(), removed.end(), util::to_lower(event)) !=
                       removed.end();
            });
        }
        if (events.empty()) {
            throw Error(ErrorKind::Usage, "a webhook needs at least one event",
                        "delete the webhook instead: techpass webhooks delete " + options.webhook);
        }
        changes["events"] = checked_events(events);
    }
    if (options.clear_headers) {
        changes["headers"] = api::Json::object();
    } else if (!options.headers.empty()) {
        changes["headers"] = checked_headers(options.headers);
    }
    if (options.description) {
        check_description(*options.description);
        changes["description"] = *options.description;
    }
    return changes;
}

void add_update(Application& app, CLI::App& noun) {
    auto options = std::make_shared<UpdateOptions>();
    CommandDoc doc{
        "Change a webhook",
        std::string("Changes only what is named: the URL, the events (--event replaces them all;\n"
                    "--add-event and --remove-event change some), the custom headers (--header\n"
                    "replaces them all, --clear-headers removes them) or the description. The\n"
                    "signing secret stays the same. A new URL is challenged:\n\n") +
            k_challenge_note,
        {{"add an event", "techpass webhooks update 39afde14-fcbd-4874-bbeb-b5a6ff611f5c "
                          "--add-event user-disabled"},
         {"move the receiver", "techpass webhooks update https://hooks.ship.gov.sg/techpass --url "
                               "https://hooks2.ship.gov.sg/techpass"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "update", with_fields(std::move(doc), webhook_resource()), [&app, options] {
            Factory& factory = app.factory();
            if (options->url.empty() && options->events.empty() && options->add_events.empty() &&
                options->remove_events.empty() && options->headers.empty() &&
                !options->clear_headers && !options->description) {
                throw Error(ErrorKind::Usage, "nothing to change",
                            "name --url, --event, --add-event, --remove-event, --header, "
                            "--clear-headers or --description");
            }
            const std::string code = api::checked_namespace(factory.namespace_code());
            const api::Json current = find_webhook(factory.client(), code, options->webhook);
            const std::string id = output::field_text(current, "id");
            const api::Json changes = update_body(*options, current);
            if (dry_run(factory, {"PATCH", webhook_path(code, id), changes})) {
                return;
            }
            const api::Json updated = update_webhook(factory.client(), code, id, changes);
            note_done(factory, "Updated webhook " + id);
            print_object(factory, updated, webhook_resource());
        });
    command.add_option("webhook", options->webhook, "The webhook: its id or URL")->required();
    command.add_option("--url", options->url, "New receiver URL (challenged first)");
    command.add_option("-e,--event", options->events, "Deliver exactly these events");
    command.add_option("--add-event", options->add_events, "Also deliver this event");
    command.add_option("--remove-event", options->remove_events, "Stop delivering this event");
    auto* headers = command.add_option("-H,--header", options->headers,
                                       "Replace the custom headers ('Name: value', up to 5)");
    command.add_flag("--clear-headers", options->clear_headers, "Remove every custom header")
        ->excludes(headers);
    command.add_option("-d,--description", options->description, "New description");
}

void add_delete(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{"Delete a webhook",
                   "Deletes a webhook; deliveries still waiting to be retried are dropped. Asks\n"
                   "first on a terminal; elsewhere --yes is required.",
                   {{"", "techpass webhooks delete 39afde14-fcbd-4874-bbeb-b5a6ff611f5c"},
                    {"in a script", "techpass webhooks delete https://hooks.ship.gov.sg/techpass "
                                    "--yes"}},
                   {}};
    CLI::App& command = app.tree().add_command(noun, "delete", std::move(doc), [&app, name] {
        Factory& factory = app.factory();
        const std::string code = api::checked_namespace(factory.namespace_code());
        const api::Json hook = find_webhook(factory.client(), code, *name);
        const std::string id = output::field_text(hook, "id");
        if (dry_run(factory, {"DELETE", webhook_path(code, id), nullptr})) {
            return;
        }
        confirm_change(factory, "delete",
                       fmt::format("Delete the webhook to {} ({})? Its receiver gets no more "
                                   "deliveries.",
                                   output::field_text(hook, "url"), id));
        delete_webhook(factory.client(), code, id);
        note_done(factory, "Deleted webhook " + id);
    });
    command.add_option("webhook", *name, "The webhook: its id or URL")->required();
}

void add_test(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "Send a test delivery to a webhook",
        "Asks the portal to send a webhook-test delivery (empty data), signed and retried\n"
        "like any other, whatever events the webhook subscribes to. Prints its delivery id\n"
        "(its X-TECHPASS-DELIVERY header); run techpass webhooks listen to watch it arrive.",
        {{"", "techpass webhooks test 39afde14-fcbd-4874-bbeb-b5a6ff611f5c"},
         {"by URL", "techpass webhooks test http://127.0.0.1:8787/"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "test", std::move(doc), [&app, name] {
        Factory& factory = app.factory();
        const std::string code = api::checked_namespace(factory.namespace_code());
        const api::Json hook = find_webhook(factory.client(), code, *name);
        const std::string id = output::field_text(hook, "id");
        if (dry_run(factory, {"POST", webhook_path(code, id) + "/test", nullptr})) {
            return;
        }
        const std::string delivery = test_webhook(factory.client(), code, id);
        if (!factory.printer().options().human_table()) {
            factory.printer().print_document(
                {{"deliveryId", delivery}, {"webhookId", id}, {"url", hook["url"]}});
            return;
        }
        factory.terminal().out << delivery << "\n";
        note_done(factory, fmt::format("Queued test delivery {} to {}", delivery,
                                       output::field_text(hook, "url")));
    });
    command.add_option("webhook", *name, "The webhook: its id or URL")->required();
}

} // namespace
} // namespace webhooks_cmd

void register_webhooks(Application& app) {
    using namespace webhooks_cmd;
    CommandDoc doc{
        "Manage the webhooks of a namespace, and receive and check deliveries",
        "A webhook delivers the namespace's events (user-registered, user-deleted, ...) to an\n"
        "HTTPS receiver, each signed with the webhook's secret: X-TECHPASS-SIGNATURE:\n"
        "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>:<body>\">. Receivers reject deliveries\n"
        "whose signature does not match or that are older than 5 minutes. listen is such a\n"
        "receiver on this machine; verify checks one captured delivery.",
        {{"", "techpass webhooks list"},
         {"", "techpass webhooks listen --port 8787 --secret-file hook.secret"},
         {"", "techpass webhooks create --url http://127.0.0.1:8787/ --event user-registered "
              "--out hook.secret"},
         {"", "techpass webhooks test http://127.0.0.1:8787/"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "webhooks", std::move(doc));
    add_list(app, noun);
    add_get(app, noun);
    add_create(app, noun);
    add_update(app, noun);
    add_delete(app, noun);
    add_test(app, noun);
    register_webhook_listen(app, noun);
    register_webhook_verify(app, noun);
}

} // namespace techpass::cli
