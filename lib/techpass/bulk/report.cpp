#include "techpass/bulk/report.hpp"

#include "techpass/bulk/input.hpp"
#include "techpass/bulk/journal.hpp"
#include "techpass/output/formats.hpp"
#include "techpass/util/text.hpp"
#include "techpass/validate/email.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_map>

namespace techpass::bulk {

namespace {

// Produces the report lines in input order.
class LineSource {
public:
    explicit LineSource(const ImportResult& result)
        : m_result(result), m_reader(result.options.input, result.options.kind),
          m_invalid(result.invalid.begin()) {
        if (!result.journal.empty() && !result.ledger.result_offsets.empty()) {
            m_journal.emplace(result.journal);
        }
    }

    bool next(ReportLine& line) {
        if (!m_reader.next(m_row)) {
            return false;
        }
        line = ReportLine{};
        line.row = m_row.row;
        line.key =
            validate::normalise_email(validate::value_of(m_row.values, validate::Field::Email));
        const auto& ledger = m_result.ledger;
        const std::size_t i = m_row.row - 1;
        line.outcome = i < ledger.outcomes.size() ? ledger.outcomes[i] : Outcome::Pending;
        switch (line.outcome) {
        case Outcome::Invalid:
            while (m_invalid != m_result.invalid.end() && m_invalid->row < m_row.row) {
                ++m_invalid;
            }
            if (m_invalid != m_result.invalid.end() && m_invalid->row == m_row.row) {
                line.message = validate::join_problems(m_invalid->problems);
            }
            break;
        case Outcome::Pending:
            line.message = m_result.options.dry_run
                               ? "valid; not sent (dry run)"
                               : "not sent: the import stopped first; run it again with --resume";
            break;
        default:
            fill_from_journal(line, ledger.batches[i]);
            break;
        }
        return true;
    }

private:
    void fill_from_journal(ReportLine& line, std::size_t batch) {
        const auto offset = m_result.ledger.result_offsets.find(batch);
        if (!m_journal || offset == m_result.ledger.result_offsets.end()) {
            return;
        }
        if (batch != m_cached_batch) {
            m_cached.clear();
            for (auto& result : m_journal->read(offset->second)) {
                m_cached.emplace(result.row, std::move(result));
            }
            m_cached_batch = batch;
        }
        const auto it = m_cached.find(line.row);
        if (it != m_cached.end()) {
            line.id = it->second.id;
            line.message = it->second.message;
            line.trace_id = it->second.trace_id;
        }
    }

    const ImportResult& m_result;
    InputReader m_reader;
    InputRow m_row;
    std::vector<InvalidRow>::const_iterator m_invalid;
    std::optional<JournalResultReader> m_journal;
    std::size_t m_cached_batch = 0;
    std::unordered_map<std::size_t, RowResult> m_cached;
};

nlohmann::ordered_json summary_json(const Summary& summary) {
    return {{"rows", summary.rows},
            {"created", summary.created},
            {"alreadyExists", summary.already_exists},
            {"invalid", summary.invalid},
            {"failed", summary.failed},
            {"pending", summary.pending},
            {"batchesSent", summary.batches_sent},
            {"elapsedMs", summary.elapsed.count()}};
}

} // namespace

ReportFormat report_format(const std::string& path) {
    const std::string extension = util::to_lower(std::filesystem::path(path).extension().string());
    if (extension == ".csv") {
        return ReportFormat::Csv;
    }
    if (extension == ".json") {
        return ReportFormat::Json;
    }
    throw Error(ErrorKind::Usage,
                fmt::format("--report {}: unknown report format \"{}\"", path, extension),
                "name the report .csv or .json");
}

void write_report_lines(std::ostream& out, ReportFormat format, std::string_view key_column,
                        const std::function<bool(ReportLine&)>& next,
                        const nlohmann::ordered_json& summary) {
    ReportLine line;
    if (format == ReportFormat::Csv) {
        out << "row," << key_column << ",outcome,id,message,traceId\n";
        while (next(line)) {
            out << line.row << ',' << output::csv_field(line.key) << ','
                << outcome_name(line.outcome) << ',' << output::csv_field(line.id) << ','
                << output::csv_field(line.message) << ',' << output::csv_field(line.trace_id)
                << '\n';
        }
        return;
    }
    out << "{\"rows\":[";
    bool first = true;
    while (next(line)) {
        const nlohmann::ordered_json item = {
            {"row", line.row}, {key_column, line.key},    {"outcome", outcome_name(line.outcome)},
            {"id", line.id},   {"message", line.message}, {"traceId", line.trace_id}};
        out << (first ? "\n" : ",\n") << item.dump();
        first = false;
    }
    out << "\n],\n\"summary\":" << summary.dump() << "}\n";
}

void write_report(std::ostream& out, ReportFormat format, const ImportResult& result) {
    LineSource source(result);
    write_report_lines(
        out, format, "email", [&source](ReportLine& line) { return source.next(line); },
        summary_json(result.summary));
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw Error(ErrorKind::Usage,
                        fmt::format("cannot write {}: {}", path, std::strerror(errno)));
        }
        write(out);
        out.flush();
        if (!out) {
            throw Error(ErrorKind::Unexpected, fmt::format("cannot write {}", path));
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        throw Error(ErrorKind::Unexpected,
                    fmt::format("cannot write {}: {}", path, error.message()));
    }
}

void write_report(const std::string& path, const ImportResult& result) {
    const ReportFormat format = report_format(path);
    write_file_atomically(path, [&](std::ostream& out) { write_report(out, format, result); });
}

} // namespace techpass::bulk
