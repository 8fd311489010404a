#pragma once

// The bulk import: validate every row, then send the valid ones in batches,
// journaling each batch so that a killed run can be resumed.
//
// How the CLI calls it (cli/commands/bulk/import.cpp, run()):
//   bulk::report_format(flags.report);          // refuse a bad --report before any work
//   auto sender = make_sender(factory, kind, concurrency);  // a BatchSender over the API
//   ImportResult result = bulk::run_import(options, *sender, factory.clock(), draw_progress,
//                                          interrupt_guard.stop_requested());
//   bulk::write_report(flags.report, result);   // when --report was given
//   then the summary, and exit with bulk::exit_kind(result) when it has one.

#include "techpass/bulk/batch.hpp"
#include "techpass/bulk/columns.hpp"
#include "techpass/bulk/outcome.hpp"
#include "techpass/bulk/validation.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace techpass::bulk {

// The most entries the batch endpoint takes in one call.
inline constexpr std::size_t k_max_batch_size = 1000;

// What to import and how.
struct ImportOptions {
    std::string input; // the CSV or JSON Lines file
    Kind kind = Kind::Invitation;
    std::size_t batch_size = 100; // rows per batch call, 1..k_max_batch_size
    std::size_t concurrency = 1;  // batches in flight; >1 only for unpaced profiles
    bool resume = false;          // continue the journal's import (--resume)
    bool dry_run = false;         // validate only (--dry-run): no journal, nothing sent
    std::string default_account_type = "vendor"; // for invitation rows without account_type
    std::string journal;                         // default: journal_path(input)
};

// Where the sending stands, after each batch (and once before the first).
struct Progress {
    std::size_t done = 0;                    // valid rows with an outcome, earlier runs included
    std::size_t total = 0;                   // valid rows
    double rate = 0;                         // rows per second in this run
    std::optional<std::chrono::seconds> eta; // unknown until a batch completes
};

// Called on the importing thread; draws the progress bar.
using ProgressCallback = std::function<void(const Progress&)>;

// Counts per outcome, for the summary line and the report.
struct Summary {
    std::size_t rows = 0;
    std::size_t created = 0;
    std::size_t already_exists = 0;
    std::size_t invalid = 0;
    std::size_t failed = 0;
    std::size_t pending = 0;              // not sent: dry run, Ctrl-C or a stop on failure
    std::size_t batches_sent = 0;         // in this run
    std::chrono::milliseconds elapsed{0}; // of this run
};

// Per-row bookkeeping that lets a report be written without holding the
// portal's answers in memory (they stay in the journal).
struct Ledger {
    std::vector<Outcome> outcomes;                       // by row - 1
    std::vector<std::uint32_t> batches;                  // by row - 1; 0 = never sent
    std::map<std::size_t, std::uint64_t> result_offsets; // batch -> its result line
};

// Everything a run found and did.
struct ImportResult {
    ImportOptions options;
    Summary summary;
    std::vector<InvalidRow> invalid;     // in row order
    std::vector<ColumnWarning> warnings; // unknown columns
    Ledger ledger;
    std::string journal;          // its path ("" on a dry run)
    bool resumed = false;         // an earlier run's journal was continued
    bool interrupted = false;     // stop_requested ended the run early
    std::optional<Error> failure; // the error that stopped the run (resume continues)
};

// How the command should exit: nullopt for success; failure's kind when a
// batch failure stopped the run; Interrupted after Ctrl-C; Partial when any
// row failed or was invalid (Usage on a dry run: nothing was sent).
std::optional<ErrorKind> exit_kind(const ImportResult& result);

// Runs an import. Throws Error(Usage) for bad options, an unreadable file,
// a changed input on --resume, or an unfinished journal without --resume;
// batch failures are reported in the result, not thrown. stop_requested
// (set by the CLI's SIGINT handler) ends the run after the batches in flight.
ImportResult run_import(const ImportOptions& options, BatchSender& sender, Clock& clock,
                        const ProgressCallback& progress, std::atomic<bool>& stop_requested);

} // namespace techpass::bulk
