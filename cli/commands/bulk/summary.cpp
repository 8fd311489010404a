#include "commands/bulk/summary.hpp"

#include "app/factory.hpp"
#include "techpass/bulk/journal.hpp"
#include "techpass/output/printer.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <ostream>
#include <set>

namespace techpass::cli {

namespace bulk_summary_cmd {
namespace {

// At most this many refused rows are listed on stderr; the report has all.
constexpr std::size_t k_failed_listed = 20;

std::string plural(std::size_t count, const char* one, const char* many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
}

// "4 of 25 rows are invalid"
std::string invalid_count(std::size_t invalid, std::size_t rows) {
    return fmt::format("{} of {} rows {} invalid", invalid, rows, invalid == 1 ? "is" : "are");
}

std::string file_name(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

void write_problems(std::ostream& err, const bulk::ImportResult& result) {
    for (const auto& warning : result.warnings) {
        err << "warning: " << warning.message << "\n";
    }
    if (result.invalid.empty()) {
        return;
    }
    err << fmt::format("{}: {}:\n", file_name(result.options.input),
                       invalid_count(result.invalid.size(), result.summary.rows));
    for (const auto& invalid : result.invalid) {
        for (const auto& problem : invalid.problems) {
            err << fmt::format("  row {} (line {}): ", invalid.row, invalid.line);
            if (!problem.field.empty()) {
                err << problem.field << ": ";
            }
            err << problem.reason << "\n";
        }
    }
}

// The rows the portal refused, read back from the journal.
void write_failed(std::ostream& err, const bulk::ImportResult& result) {
    if (result.summary.failed == 0 || result.journal.empty()) {
        return;
    }
    const auto& ledger = result.ledger;
    std::set<std::size_t> batches;
    for (std::size_t i = 0; i < ledger.outcomes.size(); ++i) {
        if (ledger.outcomes[i] == bulk::Outcome::Failed) {
            batches.insert(ledger.batches[i]);
        }
    }
    err << fmt::format("The portal refused {}:\n", plural(result.summary.failed, "row", "rows"));
    bulk::JournalResultReader reader(result.journal);
    std::size_t listed = 0;
    for (const std::size_t batch : batches) {
        const auto offset = ledger.result_offsets.find(batch);
        if (offset == ledger.result_offsets.end()) {
            continue;
        }
        for (const auto& row : reader.read(offset->second)) {
            if (row.outcome != bulk::Outcome::Failed || listed == k_failed_listed) {
                continue;
            }
            ++listed;
            err << fmt::format("  row {}: {}", row.row, row.message);
            if (!row.trace_id.empty()) {
                err << fmt::format(" (traceId {})", row.trace_id);
            }
            err << "\n";
        }
    }
    if (result.summary.failed > listed) {
        err << fmt::format("  ... and {} more (see --report)\n", result.summary.failed - listed);
    }
}

std::string seconds_text(std::chrono::milliseconds elapsed) {
    return fmt::format("{:.1f} s", static_cast<double>(elapsed.count()) / 1000.0);
}

void write_summary_line(std::ostream& err, const bulk::ImportResult& result,
                        const std::string& report) {
    const bulk::Summary& s = result.summary;
    const std::string input = file_name(result.options.input);
    if (result.options.dry_run) {
        err << fmt::format(
            "Checked {} of {}: {} valid, {} invalid. Nothing was sent (--dry-run).\n",
            plural(s.rows, "row", "rows"), input, s.rows - s.invalid, s.invalid);
    } else {
        err << fmt::format(
            "{} {}: {} created, {} already existed, {} invalid, {} failed, {} not sent "
            "({}, {} sent in {}).\n",
            result.resumed ? "Resumed the import of" : "Imported", input, s.created,
            s.already_exists, s.invalid, s.failed, s.pending, plural(s.rows, "row", "rows"),
            plural(s.batches_sent, "batch", "batches"), seconds_text(s.elapsed));
    }
    if (!report.empty()) {
        err << "Report: " << report << "\n";
    }
}

} // namespace
} // namespace bulk_summary_cmd

nlohmann::ordered_json summary_document(const bulk::ImportResult& result,
                                        const std::string& report) {
    const bulk::Summary& s = result.summary;
    nlohmann::ordered_json invalid = nlohmann::ordered_json::array();
    for (const auto& row : result.invalid) {
        nlohmann::ordered_json problems = nlohmann::ordered_json::array();
        for (const auto& problem : row.problems) {
            problems.push_back({{"column", problem.field}, {"reason", problem.reason}});
        }
        invalid.push_back(
            {{"row", row.row}, {"line", row.line}, {"email", row.email}, {"problems", problems}});
    }
    nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
    for (const auto& warning : result.warnings) {
        warnings.push_back({{"column", warning.name},
                            {"suggestion", warning.suggestion},
                            {"message", warning.message}});
    }
    return {{"input", result.options.input},
            {"kind", bulk::kind_name(result.options.kind)},
            {"dryRun", result.options.dry_run},
            {"resumed", result.resumed},
            {"interrupted", result.interrupted},
            {"journal", result.journal},
            {"report", report},
            {"summary",
             {{"rows", s.rows},
              {"created", s.created},
              {"alreadyExists", s.already_exists},
              {"invalid", s.invalid},
              {"failed", s.failed},
              {"pending", s.pending},
              {"batchesSent", s.batches_sent},
              {"elapsedMs", s.elapsed.count()}}},
            {"invalid", invalid},
            {"warnings", warnings}};
}

void write_summary(Factory& factory, const bulk::ImportResult& result, const std::string& report) {
    using namespace bulk_summary_cmd;
    std::ostream& err = factory.terminal().err;
    write_problems(err, result);
    write_failed(err, result);
    write_summary_line(err, result, report);
    err.flush();
    if (!factory.printer().options().human_table()) {
        factory.printer().print_document(summary_document(result, report));
    }
}

Error summary_error(const bulk::ImportResult& result, ErrorKind kind, const std::string& report) {
    using namespace bulk_summary_cmd;
    if (result.failure) {
        return *result.failure;
    }
    const bulk::Summary& s = result.summary;
    const std::string where = report.empty()
                                  ? std::string("pass --report FILE for the outcome of every row")
                                  : "see " + report + " for the outcome of every row";
    if (kind == ErrorKind::Interrupted) {
        return Error(kind,
                     fmt::format("interrupted: {} not sent yet", plural(s.pending, "row", "rows")),
                     "run the same command with --resume to continue where it stopped");
    }
    if (result.options.dry_run) {
        return Error(kind, invalid_count(s.invalid, s.rows) + "; nothing was sent",
                     "fix the rows above, or import without --dry-run to send the valid rows "
                     "(the invalid ones are reported, exit status 7)");
    }
    std::string what;
    if (s.failed > 0) {
        what = plural(s.failed, "row", "rows") + " failed";
    }
    if (s.invalid > 0) {
        what +=
            (what.empty() ? "" : " and ") + plural(s.invalid, "row was", "rows were") + " invalid";
    }
    return Error(kind, what,
                 "fix them and import the same file again: rows already onboarded are reported "
                 "as already-exists\n" +
                     where);
}

} // namespace techpass::cli
