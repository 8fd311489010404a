// techpass plan (diff) | apply | export: declarative provisioning of a
// namespace from a tenant file (techpass-tenant(5)). The engine is in
// lib/techpass/tenant/; these verbs read flags, ask, and show.

#include "commands/commands.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/one_time.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/naming.hpp"
#include "techpass/bulk/report.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/output/resource.hpp"
#include "techpass/tenant/apply.hpp"
#include "techpass/tenant/export.hpp"
#include "techpass/tenant/file.hpp"
#include "techpass/tenant/live.hpp"
#include "techpass/tenant/plan.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace techpass::cli {

namespace provision_cmd {
namespace {

struct PlanOptions {
    std::string file;
    bool prune = false;
    bool detailed_exitcode = false;
    std::string secrets_out;
};

// The file read and checked, the namespace read, the plan made: nothing is
// sent that changes anything.
struct Planned {
    tenant::TenantFile file;
    tenant::LiveState live;
    tenant::Plan plan;
};

Planned make_plan(Factory& factory, const PlanOptions& options) {
    Planned planned;
    planned.file = tenant::read_tenant_file(options.file, factory.clock().now());
    const auto certificates = tenant::read_certificates(planned.file);
    const std::string& ns = planned.file.namespace_code;
    const std::string chosen = factory.globals().namespace_code;
    if (!chosen.empty() && api::checked_namespace(chosen) != ns) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} describes namespace {}, not {}", options.file, ns, chosen),
                    "drop -n, or use the file of that namespace");
    }
    factory.check_profile();
    planned.live =
        tenant::read_live(factory.client(), ns, tenant::read_options(planned.file, options.prune));
    tenant::PlanOptions plan_options;
    plan_options.prune = options.prune;
    if (options.prune) {
        plan_options.own_key_prefix = factory.profile().secret("api_key");
        plan_options.own_client_id = factory.profile().client_id();
    }
    planned.plan = tenant::make_plan(planned.file, certificates, planned.live, plan_options);
    return planned;
}

void show_plan(Factory& factory, const Planned& planned, const std::string& path) {
    if (factory.printer().options().human_table()) {
        tenant::write_plan_text(factory.terminal().out, planned.plan, path,
                                factory.interactivity().colour);
        factory.terminal().out.flush();
    } else {
        factory.printer().print_document(tenant::plan_json(planned.plan));
    }
}

void add_file_flags(CLI::App& command, PlanOptions& options) {
    command.add_option("-f,--file", options.file, "The tenant file (techpass-tenant(5))")
        ->required()
        ->type_name("FILE");
    command.add_flag("--prune", options.prune,
                     "Also delete what the file does not mention (never without this flag)");
}

void run_plan(Factory& factory, const PlanOptions& options) {
    const Planned planned = make_plan(factory, options);
    show_plan(factory, planned, options.file);
    if (options.detailed_exitcode && !planned.plan.empty()) {
        throw Error(ErrorKind::PlanChanges, "the plan has changes");
    }
}

// Where one-time secrets go: appended to --secrets-out FILE (0600), one JSON
// object per line, on disk as soon as each is answered; or stdout on a
// terminal.
void keep_secret(Factory& factory, const std::string& path, const tenant::OneTimeSecret& secret) {
    api::Json line{{"type", secret.change.type}, {"name", secret.change.name}};
    if (!secret.change.parent_type.empty()) {
        line[secret.change.parent_type] = secret.change.parent_name;
    }
    for (const char* field : {"id", "secret", "key", "expiresAt", "prefix"}) {
        if (secret.answer.is_object() && secret.answer.contains(field)) {
            line[field] = secret.answer[field];
        }
    }
    if (path.empty()) {
        factory.terminal().out << line.dump() << "\n";
        factory.terminal().out.flush();
        return;
    }
    append_private(path, line.dump() + "\n");
}

void run_apply(Factory& factory, const PlanOptions& options) {
    if (!options.secrets_out.empty()) {
        check_append_file(options.secrets_out);
    }
    const Planned planned = make_plan(factory, options);
    show_plan(factory, planned, options.file);
    const tenant::Plan& plan = planned.plan;
    if (plan.empty() || factory.globals().dry_run) {
        if (factory.globals().dry_run && !plan.empty()) {
            factory.terminal().err << "Nothing was changed (--dry-run).\n";
        }
        return;
    }
    std::vector<std::string> secrets;
    for (const tenant::Change& change : plan.changes) {
        if (change.makes_secret && change.action == tenant::Action::Create) {
            secrets.push_back(tenant::change_line(change));
        }
    }
    if (!secrets.empty() && options.secrets_out.empty() && !factory.terminal().out_tty) {
        std::string list;
        for (const std::string& line : secrets) {
            list += "\n  " + line;
        }
        throw Error(ErrorKind::Usage,
                    fmt::format("the plan creates {} one-time secret{}, and there is nowhere to "
                                "keep {}; nothing was changed:{}",
                                secrets.size(), secrets.size() == 1 ? "" : "s",
                                secrets.size() == 1 ? "it" : "them", list),
                    "add --secrets-out FILE (created with mode 0600), or run apply at a terminal "
                    "to see them once");
    }
    confirm_change(factory, "apply",
                   fmt::format("Apply these changes to namespace {}?", plan.namespace_code));

    std::ostream& err = factory.terminal().err;
    tenant::ApplyHooks hooks;
    hooks.done = [&](const tenant::Change& change) {
        err << "  " << tenant::change_line(change) << ": done\n";
    };
    hooks.secret = [&](const tenant::OneTimeSecret& secret) {
        keep_secret(factory, options.secrets_out, secret);
    };
    const tenant::ApplyResult result = tenant::apply_plan(factory.client(), plan, hooks);
    err.flush();
    if (result.failed) {
        const std::size_t left = plan.changes.size() - result.done;
        std::string not_done;
        for (std::size_t i = result.done; i < plan.changes.size() && i < result.done + 10; ++i) {
            not_done += "\n  " + tenant::change_line(plan.changes[i]);
        }
        if (left > 10) {
            not_done += fmt::format("\n  ... and {} more", left - 10);
        }
        err << fmt::format("Apply stopped: {} of {} changes done. Not done:{}\n", result.done,
                           plan.changes.size(), not_done);
        Error error = *result.failed;
        error.with_hint((error.hint().empty() ? "" : error.hint() + "\n") +
                        "fix the cause and run the same apply again: what is done is not "
                        "done twice");
        throw error;
    }
    factory.terminal().out << fmt::format(
        "Applied: {} created, {} updated, {} deleted in namespace {}.\n",
        plan.count(tenant::Action::Create), plan.count(tenant::Action::Update),
        plan.count(tenant::Action::Delete), plan.namespace_code);
    if (!options.secrets_out.empty() && !secrets.empty()) {
        factory.terminal().out << fmt::format("New secrets: {} (mode 0600)\n", options.secrets_out);
    }
}

struct ExportOptions {
    std::string code;
    std::string out_path;
};

void run_export(Factory& factory, const ExportOptions& options) {
    const std::string ns = target_namespace(factory, options.code);
    const std::string& out_path = options.out_path;
    factory.check_profile();
    tenant::ReadOptions read;
    read.everything = true;
    const tenant::LiveState live = tenant::read_live(factory.client(), ns, read);
    const std::string text = tenant::export_tenant_file(live, factory.clock().now());
    if (out_path.empty() || out_path == "-") {
        factory.terminal().out << text;
        return;
    }
    bulk::write_file_atomically(out_path, [&](std::ostream& out) { out << text; });
    note_done(factory, fmt::format("Exported namespace {} to {}", ns, out_path));
}

} // namespace
} // namespace provision_cmd

void register_export(Application& app) {
    using namespace provision_cmd;
    auto options = std::make_shared<ExportOptions>();
    CommandDoc doc{
        "Write a namespace as a tenant file",
        "Reads the namespace (the argument, else -n, else the profile's) and writes it as a\n"
        "tenant file (techpass-tenant(5)) to standard output or --out FILE: its settings,\n"
        "admins, groups and members, apps with their redirect URLs, settings, owners,\n"
        "assignments and secrets (by description), API keys (by name), webhooks and OTP\n"
        "whitelists.\n"
        "`techpass plan -f` on the file reports no changes. Secrets are never written.\n"
        "Certificates are listed as comments with their thumbprints: the portal does not\n"
        "keep their files, so add each file's path to the app's certificates.",
        {{"", "techpass export SHIP --out ship.toml"},
         {"then check it", "techpass plan -f ship.toml"},
         {"the profile's namespace, to standard output", "techpass export"}},
        {}};
    CLI::App& command =
        app.tree().add_command(app.tree().root(), "export", std::move(doc),
                               [&app, options] { run_export(app.factory(), *options); });
    add_namespace_argument(app.tree(), command, options->code);
    command
        .add_option("--out", options->out_path,
                    "Write the tenant file to FILE (replaced if it exists)")
        ->type_name("FILE");
}

void register_plan(Application& app) {
    using namespace provision_cmd;
    auto options = std::make_shared<PlanOptions>();
    CommandDoc doc{
        "Show what apply would change to make a namespace match a tenant file",
        "Reads the tenant file (techpass-tenant(5)) and checks all of it before anything is\n"
        "sent, then reads the namespace it names (one listing per collection, at the largest\n"
        "page size) and prints what `techpass apply` would change: each object to create,\n"
        "update (each field `before -> after`) or delete (only with --prune), grouped by the\n"
        "object it belongs to, and a summary line. Nothing is changed.\n"
        "\n"
        "-o json prints the plan as a document (docs/tenant-plan.schema.json). With\n"
        "--detailed-exitcode the exit status is 0 when there is nothing to change and 10 when\n"
        "there is; errors keep their own codes.",
        {{"", "techpass plan -f tenant.toml"},
         {"in CI: fail the job on drift", "techpass plan -f tenant.toml --detailed-exitcode"},
         {"what --prune would delete", "techpass plan -f tenant.toml --prune"},
         {"the plan for a program", "techpass plan -f tenant.toml -o json"}},
        {}};
    CLI::App& command =
        app.tree().add_command(app.tree().root(), "plan", std::move(doc),
                               [&app, options] { run_plan(app.factory(), *options); });
    command.alias("diff");
    add_file_flags(command, *options);
    command.add_flag("--detailed-exitcode", options->detailed_exitcode,
                     "Exit 0 when there is nothing to change, 10 when there is");
}

void register_apply(Application& app) {
    using namespace provision_cmd;
    auto options = std::make_shared<PlanOptions>();
    CommandDoc doc{
        "Make a namespace what a tenant file says",
        "Shows the plan (as `techpass plan` does), asks on a terminal (--yes for CI), then\n"
        "makes the changes in dependency order: groups before their members and\n"
        "assignments, apps before their certificates, secrets and assignments; deletions\n"
        "(only with --prune) last, in reverse. Each creation carries an Idempotency-Key\n"
        "derived from the object, so a retried or re-run apply never creates anything twice.\n"
        "It stops at the first failure and says what was done and what was not; running it\n"
        "again completes the rest. Applying the same file twice changes nothing the second\n"
        "time.\n"
        "\n"
        "Client secrets, API keys and webhook signing secrets that apply creates are shown\n"
        "once: they go to --secrets-out FILE (created with mode 0600, one JSON object per\n"
        "line), or to the terminal. Without either, apply refuses to create them. --dry-run\n"
        "is `techpass plan`.",
        {{"", "techpass apply -f tenant.toml"},
         {"in CI", "techpass apply -f tenant.toml --yes --secrets-out new-secrets.jsonl"},
         {"also delete what the file does not mention", "techpass apply -f tenant.toml --prune"}},
        {}};
    CLI::App& command =
        app.tree().add_command(app.tree().root(), "apply", std::move(doc),
                               [&app, options] { run_apply(app.factory(), *options); });
    add_file_flags(command, *options);
    command
        .add_option("--secrets-out", options->secrets_out,
                    "Add the one-time secrets apply creates to FILE (0600, a JSON object a line)")
        ->type_name("FILE");
}

} // namespace techpass::cli
