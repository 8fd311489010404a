// techpass tenants request; techpass tenants requests list|get

#include "techpass/api/tenants.hpp"

#include "commands/commands.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/output/printer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace techpass::cli {

namespace tenants_cmd {
namespace {

using namespace api::tenants;

void add_request(Application& app, CLI::App& noun) {
    auto spec = std::make_shared<TenantRequestSpec>();
    CommandDoc doc{
        "Ask the TechPass team for a tenant namespace",
        "Asks the TechPass team to onboard an SGTS service as a tenant. Only a person can\n"
        "ask (an active public officer signed in as themself, e.g. with a device_code\n"
        "profile); an automation app cannot. A namespace that exists, or that has a\n"
        "pending request, is a conflict (exit 6). Once the request is approved, the\n"
        "namespace exists with you as its first admin: see techpass namespaces list.",
        {{"", "techpass tenants request SHIP --service 'Ship Registry' --description 'Online "
              "registration of Singapore-flagged ships' --contact jane.tan@tech.gov.sg"},
         {"then follow it", "techpass tenants requests list --status pending"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "request", with_fields(std::move(doc), tenant_request_resource()), [&app, spec] {
            Factory& factory = app.factory();
            spec->check();
            if (dry_run(factory, {"POST", k_requests_path, spec->body()})) {
                return;
            }
            const api::Json sent = request_tenant(factory.client(), *spec);
            print_object(factory, sent, tenant_request_resource());
            note_done(factory, fmt::format("Asked for namespace {}; the TechPass team decides. "
                                           "Follow it: techpass tenants requests get {}",
                                           spec->namespace_code, sent.value("id", "")));
        });
    command
        .add_option("namespace", spec->namespace_code,
                    "The namespace code wanted: 2 to 16 letters and digits, e.g. SHIP")
        ->required();
    command.add_option("--service", spec->service_name, "The service's name")
        ->type_name("NAME")
        ->required();
    command.add_option("--description", spec->description, "What the service does")
        ->type_name("TEXT")
        ->required();
    command.add_option("--contact", spec->contact_email, "Whom the TechPass team should contact")
        ->type_name("EMAIL")
        ->required();
}

void add_list(Application& app, CLI::App& noun) {
    struct Options {
        std::string status;
        ListFlags list;
    };
    auto options = std::make_shared<Options>();
    CommandDoc doc{"List your tenant requests",
                   "Lists the tenant requests you sent, newest first.",
                   {{"", "techpass tenants requests list"},
                    {"the pending ones", "techpass tenants requests list --status pending"}},
                   {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), tenant_request_resource()), [&app, options] {
            Factory& factory = app.factory();
            factory.printer().print(
                list_requests(factory.client(), options->status, options->list.max_items()),
                tenant_request_resource());
        });
    auto* status =
        command.add_option("--status", options->status, "Only requests in this state")
            ->type_name("STATE")
            ->check(
                CLI::Validator(CLI::IsMember({"pending", "approved", "rejected"})).description(""));
    app.tree().set_choices(*status, {"pending", "approved", "rejected"});
    add_list_flags(command, options->list, "requests");
}

void add_get(Application& app, CLI::App& noun) {
    auto id = std::make_shared<std::string>();
    CommandDoc doc{"Show a tenant request and its decision",
                   "",
                   {{"", "techpass tenants requests get e85169f1-667e-416b-894a-5755020fd55b"},
                    {"its state, for a script",
                     "techpass tenants requests get e85169f1-667e-416b-894a-5755020fd55b --jq "
                     ".status"}},
                   {}};
    CLI::App& command = app.tree().add_command(
        noun, "get", with_fields(std::move(doc), tenant_request_resource()), [&app, id] {
            Factory& factory = app.factory();
            print_object(factory, get_request(factory.client(), *id), tenant_request_resource());
        });
    command.add_option("id", *id, "The request's id")->required();
}

} // namespace
} // namespace tenants_cmd

void register_tenants(Application& app) {
    using namespace tenants_cmd;
    CommandDoc doc{
        "Request a tenant namespace, and follow the request",
        "An SGTS service becomes a TechPass tenant by asking; the TechPass team approves,\n"
        "and the namespace is created with the requester as its first admin.",
        {{"", "techpass tenants request SHIP --service 'Ship Registry' --description '...' "
              "--contact jane.tan@tech.gov.sg"},
         {"", "techpass tenants requests list"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "tenants", std::move(doc));
    add_request(app, noun);
    CommandDoc requests_doc{
        "Follow your tenant requests",
        "",
        {{"", "techpass tenants requests list"}, {"", "techpass tenants requests get ID"}},
        {}};
    CLI::App& requests = app.tree().add_group(noun, "requests", std::move(requests_doc));
    add_list(app, requests);
    add_get(app, requests);
}

} // namespace techpass::cli
