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

#include <iosfwd>
#include <string>

namespace techpass::bulk {

// The formats a report can take.
enum class ReportFormat { Csv, Json };

// The format for a report path by its extension (.csv or .json, any case);
// Error(Usage) otherwise. The CLI calls it before run_import so that a typo
// fails before anything is sent.
ReportFormat report_format(const std::string& path);

// Writes the report of result to out.
void write_report(std::ostream& out, ReportFormat format, const ImportResult& result);

// Writes the report to path (via a temporary file and a rename, so a reader
// never sees half a report).
void write_report(const std::string& path, const ImportResult& result);

} // namespace techpass::bulk
