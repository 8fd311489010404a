#pragma once

// What `import` tells its caller when it is done: the unknown columns, every
// problem of every invalid row (row, line, column, reason), the rows the
// portal refused, and a summary, on stderr for people; with -o json (or
// --jq, -o yaml) a summary document on stdout for programs.

#include "techpass/bulk/engine.hpp"
#include "techpass/error.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace techpass::cli {

class Factory;

// The summary document of -o json.
nlohmann::ordered_json summary_document(const bulk::ImportResult& result,
                                        const std::string& report);

// Writes the messages to stderr and, when asked for, the document to stdout.
void write_summary(Factory& factory, const bulk::ImportResult& result, const std::string& report);

// The error that ends a run that did not fully succeed (exit_kind(result)).
Error summary_error(const bulk::ImportResult& result, ErrorKind kind, const std::string& report);

} // namespace techpass::cli
