// The import verb of users and vendors: users/import.cpp and vendors/import.cpp
// say what differs.

#include "commands/bulk/import.hpp"

#include "app/application.hpp"
#include "commands/bulk/progress.hpp"
#include "commands/bulk/senders.hpp"
#include "commands/bulk/summary.hpp"
#include "techpass/bulk/columns.hpp"
#include "techpass/bulk/engine.hpp"
#include "techpass/bulk/report.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace techpass::cli {

namespace bulk_import_cmd {
namespace {

struct ImportFlags {
    std::string file;
    std::string report;
    bool template_only = false;
    bool resume = false;
    std::size_t batch_size = 100;
    std::size_t concurrency = 1;
};

CommandDoc import_doc(const ImportVerb& verb) {
    const std::string noun = verb.noun;
    return CommandDoc{
        verb.summary,
        verb.what +
            "\n\n"
            "FILE is CSV (RFC 4180, UTF-8 with or without BOM, CRLF or LF, a header line)\n"
            "or JSON Lines (.jsonl, one object per line); another extension is decided by\n"
            "the content. Header names ignore case, spaces, '_', '-' and '.'; unknown\n"
            "columns are reported and ignored. --template prints the documented header.\n\n"
            "Every row is checked before anything is sent; each problem is reported by row\n"
            "and column, and so is the same person twice in the file. --dry-run stops\n"
            "there (exit 2 when any row is invalid). Otherwise the valid rows go out at the\n"
            "profile's pace (rate_limit), --concurrency batches at a time for an unpaced\n"
            "profile, with a progress bar on a terminal.\n\n"
            "A journal beside FILE (FILE.techpass-journal) records every batch before and\n"
            "after it is sent: after a Ctrl-C (the batch in flight is finished first), a\n"
            "lost connection or a killed process, the same command with --resume continues\n"
            "where it stopped, without onboarding anyone twice or skipping anyone. People\n"
            "who are already " +
            verb.existing +
            " are reported as already-exists,\n"
            "so running a finished import again changes nothing.\n\n"
            "--report FILE (.csv or .json) lists every input row: row, email, outcome\n"
            "(created, already-exists, invalid, failed, pending), id, message, traceId.\n"
            "Exit status 7 when any row failed or was invalid; -o json prints a summary.",
        {{"the columns to fill in", "techpass " + noun + " import --template > " + noun + ".csv"},
         {"check a file without sending anything",
          "techpass " + noun + " import " + verb.example + " --dry-run"},
         {"import, with a report of every row",
          "techpass " + noun + " import " + verb.example + " --report report.csv"},
         {"continue an import that was interrupted or killed",
          "techpass " + noun + " import " + verb.example + " --resume --report report.csv"},
         {"the summary as JSON, for a pipeline",
          "techpass " + noun + " import " + noun + ".jsonl -o json --jq .summary"}},
        {}};
}

// Refuses what would go wrong later, before anything is read or sent.
void check_flags(Factory& factory, const ImportFlags& flags, const ImportVerb& verb) {
    if (flags.file.empty()) {
        throw Error(
            ErrorKind::Usage, "missing FILE: the CSV or JSON Lines file to import",
            fmt::format("print the columns with: techpass {} import --template", verb.noun));
    }
    if (!flags.report.empty()) {
        bulk::report_format(flags.report);
    }
    if (flags.concurrency > 1 && !factory.globals().dry_run) {
        const config::Profile& profile = factory.profile();
        if (profile.rate_limit() > 0) {
            throw Error(ErrorKind::Usage,
                        fmt::format("--concurrency {} needs an unpaced profile, but profile "
                                    "\"{}\" is paced at {} requests per second",
                                    flags.concurrency, profile.name(), profile.rate_limit()),
                        "the portal asks for one request at a time; use --concurrency only "
                        "against a local emulator or with rate_limit = 0");
        }
    }
}

void run(Factory& factory, const ImportFlags& flags, const ImportVerb& verb) {
    const bulk::Kind kind = verb.kind;
    Terminal& terminal = factory.terminal();
    if (flags.template_only) {
        terminal.out << bulk::csv_template(kind);
        return;
    }
    check_flags(factory, flags, verb);

    bulk::ImportOptions options;
    options.input = flags.file;
    options.kind = kind;
    options.resume = flags.resume;
    options.dry_run = factory.globals().dry_run;
    options.batch_size = flags.batch_size;
    options.concurrency = flags.concurrency;

    const std::unique_ptr<bulk::BatchSender> sender = make_sender(factory, kind, flags.concurrency);
    ProgressBar bar(terminal, factory.interactivity().progress);
    const bulk::ImportResult result = [&] {
        InterruptGuard guard;
        return bulk::run_import(
            options, *sender, factory.clock(),
            [&bar](const bulk::Progress& progress) { bar.draw(progress); }, guard.stop_requested());
    }();
    bar.clear();

    if (!flags.report.empty()) {
        bulk::write_report(flags.report, result);
    }
    write_summary(factory, result, flags.report);
    if (const auto kind_of_exit = bulk::exit_kind(result)) {
        throw summary_error(result, *kind_of_exit, flags.report);
    }
}

} // namespace
} // namespace bulk_import_cmd

void add_import(Application& app, CLI::App& noun, const ImportVerb& verb) {
    using namespace bulk_import_cmd;
    auto flags = std::make_shared<ImportFlags>();
    CLI::App& command =
        app.tree().add_command(noun, "import", import_doc(verb),
                               [&app, flags, verb] { run(app.factory(), *flags, verb); });
    const CLI::Option* file =
        command.add_option("file", flags->file, "The CSV or JSON Lines file to import");
    app.tree().set_takes_path(*file);
    command.add_flag("--template", flags->template_only,
                     "Print an empty CSV file with the documented header, and stop");
    command.add_flag("--resume", flags->resume,
                     "Continue the import that the journal beside FILE records");
    CLI::Option* report = command.add_option(
        "--report", flags->report, "Write one line per input row to this .csv or .json file");
    report->type_name("FILE");
    app.tree().set_takes_path(*report);
    command
        .add_option("--batch-size", flags->batch_size,
                    "Rows per batch call, 1 to 1000 (default 100)")
        ->type_name("N");
    command
        .add_option("--concurrency", flags->concurrency,
                    "Batches in flight at once, for unpaced profiles only (default 1)")
        ->type_name("N");
}

} // namespace techpass::cli
