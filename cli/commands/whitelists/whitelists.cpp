// techpass whitelists list|add|update|delete

#include "techpass/api/whitelists.hpp"

#include "commands/apps/apps.hpp"
#include "commands/commands.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/bulk/report.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <ostream>

namespace techpass::cli {

namespace whitelists_cmd {
namespace {

using namespace api::whitelists;

// At most this many refused entries are listed on stderr; the report has all.
constexpr std::size_t k_listed = 20;

constexpr const char* k_app_help = "The OTP app: its name or app id";

struct ListOptions {
    std::string app;
    std::string type = "all";
    ListFlags list;
};

void add_list(Application& app, CLI::App& noun) {
    auto options = std::make_shared<ListOptions>();
    CommandDoc doc{
        "List the OTP whitelist of an app",
        "Lists the email domains and email addresses allowed to receive one-time passwords\n"
        "through an OTP-as-a-Service app, by value, with their expiry. Expired entries are\n"
        "not listed. Pages of 50 are followed for you (--limit, --all).",
        {{"", "techpass whitelists list ship-otp"},
         {"only addresses, every page", "techpass whitelists list ship-otp --type email --all"},
         {"entries that expire", "techpass whitelists list ship-otp --all --jq "
                                 "'.whitelists[] | select(.expiresAt != \"\") | .whitelistValue'"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), whitelist_resource()), [&app, options] {
            Factory& factory = app.factory();
            const std::string type = whitelist_type(options->type);
            const NamedApp found = resolve_app(factory, options->app);
            factory.printer().print(list_entries(factory.client(), found.namespace_code, found.id,
                                                 type, options->list.max_items()),
                                    whitelist_resource());
        });
    add_app_argument(app.tree(), command, options->app, k_app_help);
    command.add_option("--type", options->type, "Which entries: all, domain or email")
        ->default_str("all");
    add_list_flags(command, options->list, "entries");
}

struct AddOptions {
    std::string app;
    std::vector<std::string> values;
    std::string file;
    std::string expires_at;
    std::string report;
};

struct Tally {
    std::size_t created = 0;
    std::size_t already = 0;
    std::size_t invalid = 0;
    std::size_t failed = 0;
    std::size_t pending = 0;
};

Tally tally(const std::vector<EntryOutcome>& entries) {
    Tally t;
    for (const EntryOutcome& entry : entries) {
        switch (entry.outcome) {
        case bulk::Outcome::Created:
            ++t.created;
            break;
        case bulk::Outcome::AlreadyExists:
            ++t.already;
            break;
        case bulk::Outcome::Invalid:
            ++t.invalid;
            break;
        case bulk::Outcome::Failed:
            ++t.failed;
            break;
        case bulk::Outcome::Pending:
            ++t.pending;
            break;
        }
    }
    return t;
}

api::Json summary_json(const Tally& t, std::size_t entries, std::size_t requests,
                       std::chrono::milliseconds elapsed) {
    return {{"entries", entries},   {"created", t.created},        {"alreadyExists", t.already},
            {"invalid", t.invalid}, {"failed", t.failed},          {"pending", t.pending},
            {"requests", requests}, {"elapsedMs", elapsed.count()}};
}

void write_outcome_report(const std::string& path, const std::vector<EntryOutcome>& entries,
                          const api::Json& summary, bool dry_run) {
    const bulk::ReportFormat format = bulk::report_format(path);
    bulk::write_file_atomically(path, [&](std::ostream& out) {
        std::size_t next = 0;
        bulk::write_report_lines(
            out, format, "value",
            [&](bulk::ReportLine& line) {
                if (next == entries.size()) {
                    return false;
                }
                const EntryOutcome& entry = entries[next++];
                line = {entry.row, entry.value,   entry.outcome,
                        entry.id,  entry.message, entry.trace_id};
                if (entry.outcome == bulk::Outcome::Pending) {
                    line.message = dry_run ? "valid; not sent (dry run)"
                                           : "not sent: the run stopped first; run it again";
                }
                return true;
            },
            summary);
    });
}

// The refused entries (invalid, failed) on stderr, at most k_listed.
void write_refused(std::ostream& err, const std::vector<EntryOutcome>& entries) {
    std::size_t refused = 0;
    for (const EntryOutcome& entry : entries) {
        if (entry.outcome != bulk::Outcome::Invalid && entry.outcome != bulk::Outcome::Failed) {
            continue;
        }
        if (++refused > k_listed) {
            continue;
        }
        err << fmt::format("  row {}: {}{}\n", entry.row, util::printable(entry.message),
                           entry.trace_id.empty() ? "" : " (traceId " + entry.trace_id + ")");
    }
    if (refused > k_listed) {
        err << fmt::format("  ... and {} more (see --report)\n", refused - k_listed);
    }
}

std::vector<NewEntry> gather(const AddOptions& options) {
    std::vector<NewEntry> entries;
    for (const std::string& value : options.values) {
        entries.push_back({entries.size() + 1, value, {}});
    }
    if (!options.file.empty()) {
        auto from_file = read_entries(options.file, entries.size() + 1);
        entries.insert(entries.end(), std::make_move_iterator(from_file.begin()),
                       std::make_move_iterator(from_file.end()));
    }
    if (entries.empty()) {
        throw Error(ErrorKind::Usage, "no entries to add",
                    "name domains or emails, or --file FILE (one per line, or CSV)");
    }
    return entries;
}

void run_add(Factory& factory, const AddOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    if (!options.report.empty()) {
        bulk::report_format(options.report);
    }
    const auto now = factory.clock().now();
    const std::string default_expiry = checked_expiry(options.expires_at, now);
    std::vector<EntryOutcome> entries = check_entries(gather(options), default_expiry, now);
    const NamedApp found = resolve_app(factory, options.app);
    const bool dry = factory.globals().dry_run;
    SendResult sent;
    if (!dry) {
        std::ostream& err = factory.terminal().err;
        const bool show_progress = factory.terminal().err_tty;
        sent = send_entries(factory.client(), found.namespace_code, found.id, entries,
                            [&](std::size_t done, std::size_t total) {
                                if (show_progress) {
                                    err << fmt::format("\r{} of {} entries sent", done, total)
                                        << std::flush;
                                }
                            });
        if (show_progress && sent.requests > 0) {
            err << "\r\x1b[K";
        }
    }
    const Tally t = tally(entries);
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    const api::Json summary = summary_json(t, entries.size(), sent.requests, elapsed);
    if (!options.report.empty()) {
        write_outcome_report(options.report, entries, summary, dry);
    }

    std::ostream& err = factory.terminal().err;
    write_refused(err, entries);
    if (dry) {
        err << fmt::format("Checked {} entries for app {}: {} valid, {} invalid. Nothing was "
                           "sent (--dry-run).\n",
                           entries.size(), found.name, entries.size() - t.invalid, t.invalid);
    } else {
        err << fmt::format("Whitelisted on app {}: {} added, {} already whitelisted, {} invalid, "
                           "{} failed, {} not sent ({} entries, {} request{}).\n",
                           found.name, t.created, t.already, t.invalid, t.failed, t.pending,
                           entries.size(), sent.requests, sent.requests == 1 ? "" : "s");
    }
    if (!options.report.empty()) {
        err << "Report: " << options.report << "\n";
    }
    err.flush();
    if (!factory.printer().options().human_table()) {
        api::Json rows = api::Json::array();
        for (const EntryOutcome& entry : entries) {
            rows.push_back(outcome_json(entry));
        }
        factory.printer().print_document({{"app", found.name},
                                          {"entries", rows},
                                          {"summary", summary},
                                          {"report", options.report}});
    }
    if (sent.stopped) {
        throw *sent.stopped;
    }
    if (t.invalid > 0 || t.failed > 0) {
        const std::string where = options.report.empty()
                                      ? std::string("pass --report FILE for every entry's outcome")
                                      : "see " + options.report + " for every entry's outcome";
        if (dry) {
            throw Error(ErrorKind::Usage,
                        fmt::format("{} of {} entries are invalid; nothing was sent", t.invalid,
                                    entries.size()),
                        "fix them, or add without --dry-run to send the valid ones\n" + where);
        }
        std::string what;
        if (t.invalid > 0) {
            what = fmt::format("{} of {} entries were invalid", t.invalid, entries.size());
        }
        if (t.failed > 0) {
            what += fmt::format("{}{} failed", what.empty() ? "" : " and ", t.failed);
        }
        throw Error(ErrorKind::Partial, what,
                    "fix them and add the same entries again: those already whitelisted are "
                    "reported as already-exists\n" +
                        where);
    }
}

void add_add(Application& app, CLI::App& noun) {
    auto options = std::make_shared<AddOptions>();
    CommandDoc doc{
        "Add email domains and addresses to an app's OTP whitelist",
        "Adds entries from the command line and/or --file (one domain or email per line, #\n"
        "comments allowed, or a CSV with a value column and an optional expiresAt column).\n"
        "Every entry is checked before anything is sent: a value that is neither a domain\n"
        "nor an address, a bad or past expiry and a repeated value are reported as invalid\n"
        "and not sent. The rest go out at most 1000 per request. Each entry's outcome\n"
        "(created, already-exists, invalid, failed) goes to --report FILE (.csv or .json);\n"
        "the exit status is 7 when any entry was invalid or failed. Entries already\n"
        "whitelisted are reported as already-exists, so the same command can be run again.\n"
        "Expiries are RFC 3339 (any offset; sent in UTC) and must be in the future.",
        {{"", "techpass whitelists add ship-otp acme.com.sg ahmad@globex.example.in"},
         {"until the end of June (Singapore time)",
          "techpass whitelists add ship-otp vendor.com.sg --expires-at 2027-06-30T23:59:59+08:00"},
         {"thousands from a file, with a report",
          "techpass whitelists add ship-otp --file vendors.txt --report whitelist-report.csv"},
         {"check a file without sending", "techpass whitelists add ship-otp --file vendors.csv "
                                          "--dry-run"}},
        {}};
    CLI::App& command =
        app.tree().add_command(noun, "add", with_fields(std::move(doc), outcome_resource()),
                               [&app, options] { run_add(app.factory(), *options); });
    add_app_argument(app.tree(), command, options->app, k_app_help);
    command.add_option("values", options->values, "Email domains and email addresses to add");
    command.add_option("-f,--file", options->file,
                       "Read entries from FILE: one per line, or CSV (value, expiresAt)");
    command.add_option("--expires-at", options->expires_at,
                       "Expiry (RFC 3339) of the entries that have none of their own");
    command.add_option("--report", options->report,
                       "Write every entry's outcome to FILE (.csv or .json)");
}

struct UpdateOptions {
    std::string app;
    std::string entry;
    std::string value;
    std::string expires_at;
    bool no_expiry = false;
};

void add_update(Application& app, CLI::App& noun) {
    auto options = std::make_shared<UpdateOptions>();
    CommandDoc doc{
        "Change an OTP whitelist entry's expiry or value",
        "Sets (--expires-at) or removes (--no-expiry) an entry's expiry, or changes its value\n"
        "(--value, of the same kind: a domain stays a domain). The entry is named by its\n"
        "value or id; what is not named stays as it is.",
        {{"extend a vendor's access",
          "techpass whitelists update ship-otp ahmad@globex.example.in --expires-at "
          "2027-12-31T23:59:59+08:00"},
         {"never expire", "techpass whitelists update ship-otp acme.com.sg --no-expiry"},
         {"rename a domain", "techpass whitelists update ship-otp acme.com.sg --value "
                             "acme.gov.sg"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "update", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        if (options->value.empty() && options->expires_at.empty() && !options->no_expiry) {
            throw Error(ErrorKind::Usage, "nothing to change",
                        "name --expires-at TIME, --no-expiry or --value VALUE");
        }
        std::string expiry = checked_expiry(options->expires_at, factory.clock().now());
        const std::string value = util::to_lower(util::trim(options->value));
        if (!value.empty()) {
            const auto checked = check_entries({{1, value, {}}}, "", factory.clock().now());
            if (checked.front().outcome == bulk::Outcome::Invalid) {
                throw Error(ErrorKind::Usage, "--value: " + checked.front().message);
            }
        }
        const NamedApp found = resolve_app(factory, options->app);
        const api::Json current =
            find_entry(factory.client(), found.namespace_code, found.id, options->entry);
        const std::string id = output::field_text(current, "whitelistId");
        const std::string old_value = output::field_text(current, "whitelistValue");
        if (!value.empty() && kind_of(value) != kind_of(old_value)) {
            throw Error(ErrorKind::Usage,
                        fmt::format("--value {}: {} is {}; an entry keeps its kind",
                                    util::quoted(value), old_value,
                                    kind_of(old_value) == "userEmail" ? "an email address"
                                                                      : "an email domain"),
                        "delete it and add the new value instead");
        }
        if (options->expires_at.empty() && !options->no_expiry) {
            expiry = output::field_text(current, "expiresAt");
        }
        const std::string new_value = value.empty() ? old_value : value;
        if (dry_run(factory, {"PUT", whitelist_path(found.namespace_code, found.id, id),
                              api::Json{{"whitelistValue", new_value}, {"expiresAt", expiry}}})) {
            return;
        }
        update_entry(factory.client(), found.namespace_code, found.id, id, new_value, expiry);
        const api::Json updated = {
            {"whitelistId", id}, {"whitelistValue", new_value}, {"expiresAt", expiry}};
        note_done(factory,
                  fmt::format("Updated whitelist entry {} of app {} ({})", new_value, found.name,
                              expiry.empty() ? "never expires" : "expires " + expiry));
        print_object(factory, updated, whitelist_resource());
    });
    add_app_argument(app.tree(), command, options->app, k_app_help);
    command.add_option("entry", options->entry, "The entry: its value or whitelist id")->required();
    auto* expires = command.add_option("--expires-at", options->expires_at,
                                       "New expiry, RFC 3339 (any offset; sent in UTC)");
    command.add_flag("--no-expiry", options->no_expiry, "Remove the expiry")->excludes(expires);
    command.add_option("--value", options->value, "New value, of the same kind");
}

struct DeleteOptions {
    std::string app;
    std::vector<std::string> entries;
};

void add_delete(Application& app, CLI::App& noun) {
    auto options = std::make_shared<DeleteOptions>();
    CommandDoc doc{
        "Remove entries from an app's OTP whitelist",
        "Removes entries, each named by its value or whitelist id: their addresses can no\n"
        "longer receive one-time passwords through the app. Asks first on a terminal;\n"
        "elsewhere --yes is required.",
        {{"", "techpass whitelists delete ship-otp acme.com.sg"},
         {"in a script", "techpass whitelists delete ship-otp ahmad@globex.example.in --yes"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "delete", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        const NamedApp found = resolve_app(factory, options->app);
        std::vector<std::string> entries;
        for (const std::string& entry : options->entries) {
            entries.push_back(util::to_lower(util::trim(entry)));
        }
        if (factory.globals().dry_run) {
            for (const std::string& entry : entries) {
                dry_run(factory,
                        {"DELETE", whitelist_path(found.namespace_code, found.id, entry), nullptr});
            }
            return;
        }
        confirm_change(factory, "delete",
                       fmt::format("Remove {} from the OTP whitelist of app {}?",
                                   entries.size() == 1 ? entries.front()
                                                       : fmt::format("{} entries", entries.size()),
                                   found.name));
        for (const std::string& entry : entries) {
            delete_entry(factory.client(), found.namespace_code, found.id, entry);
            note_done(factory, fmt::format("Removed {} from the OTP whitelist of app {}", entry,
                                           found.name));
        }
    });
    add_app_argument(app.tree(), command, options->app, k_app_help);
    command.add_option("entries", options->entries, "Entries: values or whitelist ids")->required();
}

} // namespace
} // namespace whitelists_cmd

void register_whitelists(Application& app) {
    using namespace whitelists_cmd;
    CommandDoc doc{
        "Manage the OTP whitelists of OTP-as-a-Service apps",
        "An OTP-as-a-Service app sends one-time passwords only to whitelisted email domains\n"
        "and addresses. Entries may expire (RFC 3339, kept in UTC); expired entries stop\n"
        "applying and are no longer listed.",
        {{"", "techpass whitelists list ship-otp"},
         {"",
          "techpass whitelists add ship-otp acme.com.sg --expires-at 2027-06-30T23:59:59+08:00"},
         {"", "techpass whitelists add ship-otp --file vendors.txt --report report.csv"},
         {"", "techpass whitelists delete ship-otp acme.com.sg"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "whitelists", std::move(doc));
    add_list(app, noun);
    add_add(app, noun);
    add_update(app, noun);
    add_delete(app, noun);
}

} // namespace techpass::cli
