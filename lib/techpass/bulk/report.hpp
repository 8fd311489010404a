#pragma once

// The --report file: one line per input row, valid or not, in input order,
// then (JSON only) the summary. Written by streaming the input once more and
// reading the portal's answers back from the journal, so memory stays flat.
//
// CSV columns: row,email,outcome,id,message,traceId
// JSON: {"rows":[{"row","email","outcome","id","message","traceId"},...],
//        "summary":{"rows","created","alreadyExists","invalid","failed","pending",
//                   "batchesSent","elapsedMs"}}

#include "techpass/bulk/engine.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace techpass::bulk {

// The formats a report can take.
enum class ReportFormat { Csv, Json };

// The format for a report path by its extension (.csv or .json, any case);
// Error(Usage) otherwise. The CLI calls it before run_import so that a typo
// fails before anything is sent.
ReportFormat report_format(const std::string& path);

// One line of a report: the input row, its key (the email of an import, the
// value of a whitelist entry) and what happened to it.
struct ReportLine {
    std::size_t row = 0;
    std::string key;
    Outcome outcome = Outcome::Pending;
    std::string id;
    std::string message;
    std::string trace_id;
};

// Writes a report of any per-row operation: the lines next() yields (false
// at the end), the key column named key_column, and (JSON only) summary.
void write_report_lines(std::ostream& out, ReportFormat format, std::string_view key_column,
                        const std::function<bool(ReportLine&)>& next,
                        const nlohmann::ordered_json& summary);

// Writes a file through write(out), via a temporary file and a rename so
// that a reader never sees half of it.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

// Writes the report of result to out.
void write_report(std::ostream& out, ReportFormat format, const ImportResult& result);

// Writes the report to path (via a temporary file and a rename, so a reader
// never sees half a report).
void write_report(const std::string& path, const ImportResult& result);

} // namespace techpass::bulk
