#include "techpass/bulk/engine.hpp"

#include "techpass/bulk/dispatcher.hpp"
#include "techpass/bulk/input.hpp"
#include "techpass/bulk/journal.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <mutex>
#include <unordered_map>

namespace techpass::bulk {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

void check_options(const ImportOptions& options) {
    if (options.batch_size < 1 || options.batch_size > k_max_batch_size) {
        throw Error(ErrorKind::Usage, fmt::format("--batch-size must be between 1 and {} (got {})",
                                                  k_max_batch_size, options.batch_size));
    }
    if (options.concurrency < 1 || options.concurrency > 64) {
        throw Error(ErrorKind::Usage, fmt::format("--concurrency must be between 1 and 64 (got {})",
                                                  options.concurrency));
    }
}

// A portal refusal of the batch itself (malformed, too large, key reused with
// another body): retrying cannot help, so its rows fail and the run goes on.
bool is_rejection(ErrorKind kind) {
    return kind == ErrorKind::Usage || kind == ErrorKind::Conflict || kind == ErrorKind::NotFound;
}

std::vector<RowResult> map_results(const std::vector<Entry>& entries, const BatchResult& answer) {
    std::vector<RowResult> results;
    for (const auto& entry : entries) {
        results.push_back(
            {entry.row, Outcome::Failed, {}, "the portal returned no result for this entry", {}});
    }
    for (const auto& item : answer.entries) {
        if (item.entry_number >= results.size()) {
            continue;
        }
        RowResult& result = results[item.entry_number];
        result.id = item.id;
        result.message = item.message;
        result.trace_id = item.trace_id;
        if (item.status == 200 || item.status == 201) {
            result.outcome = Outcome::Created;
        } else if (item.status == 409) {
            result.outcome = Outcome::AlreadyExists;
        } else {
            result.outcome = Outcome::Failed;
            if (result.message.empty()) {
                result.message = fmt::format("refused with status {}", item.status);
            }
        }
    }
    return results;
}

class Importer {
public:
    Importer(const ImportOptions& options, BatchSender& sender, Clock& clock,
             const ProgressCallback& progress, std::atomic<bool>& stop)
        : m_options(options), m_sender(sender), m_clock(clock), m_progress(progress), m_stop(stop) {
    }

    ImportResult run();

private:
    void open_journal();
    std::vector<Batch> collect_resent();
    void send_all();
    void process(Batch& batch);
    void report_progress();
    void fail(const Batch& batch, const Error& error);
    void summarise();

    const ImportOptions& m_options;
    BatchSender& m_sender;
    Clock& m_clock;
    const ProgressCallback& m_progress;
    std::atomic<bool>& m_stop;
    ImportResult m_result;
    std::optional<JournalLock> m_lock; // held from before the journal is read to the end
    std::optional<JournalWriter> m_writer;
    std::vector<Batch> m_resent; // batches sent by an earlier run without a result
    std::size_t m_next_batch = 1;
    bool m_was_finished = false;
    std::mutex m_mutex; // guards the ledger, counters and failure
    std::atomic<bool> m_failed{false};
    std::size_t m_total = 0;
    std::size_t m_done = 0;
    std::size_t m_done_before = 0;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_send_start;
};

ImportResult Importer::run() {
    check_options(m_options);
    m_start = m_clock.steady_now();
    m_result.options = m_options;
    Validation validation =
        validate_input(m_options.input, m_options.kind, m_options.default_account_type);
    m_result.invalid = std::move(validation.invalid);
    m_result.warnings = std::move(validation.warnings);
    m_result.ledger.outcomes = std::move(validation.outcomes);
    m_result.ledger.batches.assign(validation.rows, 0);
    m_total = validation.valid;
    if (!m_options.dry_run) {
        open_journal();
        send_all();
    }
    summarise();
    return std::move(m_result);
}

void Importer::open_journal() {
    const std::string path =
        m_options.journal.empty() ? journal_path(m_options.input) : m_options.journal;
    m_result.journal = path;
    m_lock.emplace(path);
    const InputFingerprint current = fingerprint(m_options.input);
    const auto existing = read_journal(path);
    if (existing && !m_options.resume) {
        if (!existing->finished) {
            throw Error(
                ErrorKind::Usage,
                fmt::format("an unfinished import of {} exists (journal {}, started {})",
                            m_options.input, path, existing->header.created),
                "run the same command with --resume to continue it, or delete the journal "
                "to start over (people already onboarded are then reported as already-exists)");
        }
    }
    if (!existing || !m_options.resume) {
        m_writer.emplace(JournalWriter::create(
            path, {m_options.input, current, m_options.kind, util::rfc3339(m_clock.now())}));
        return;
    }
    const JournalHeader& header = existing->header;
    if (header.kind != m_options.kind || header.fingerprint.size != current.size ||
        header.fingerprint.sha256 != current.sha256) {
        throw Error(
            ErrorKind::Usage,
            fmt::format("{} has changed since the import that --resume would continue "
                        "(started {}): resuming could onboard the wrong people",
                        m_options.input, header.created),
            fmt::format("restore the file as it was to resume, or delete {} to start a new "
                        "import (people already onboarded are then reported as already-exists)",
                        path));
    }
    m_result.resumed = true;
    m_was_finished = existing->finished;
    auto& ledger = m_result.ledger;
    for (const auto& batch : existing->batches) {
        m_next_batch = std::max(m_next_batch, batch.number + 1);
        if (batch.result_offset) {
            ledger.result_offsets[batch.number] = *batch.result_offset;
        }
        for (const auto& [row, outcome] : batch.outcomes) {
            if (row >= 1 && row <= ledger.outcomes.size()) {
                ledger.outcomes[row - 1] = outcome;
                ledger.batches[row - 1] = static_cast<std::uint32_t>(batch.number);
            }
        }
        if (!batch.result_offset) {
            Batch resend{batch.number, batch.key, {}, true};
            for (const std::size_t row : batch.rows) {
                if (row >= 1 && row <= ledger.outcomes.size()) {
                    ledger.batches[row - 1] = static_cast<std::uint32_t>(batch.number);
                    resend.entries.push_back({row, {}});
                }
            }
            m_resent.push_back(std::move(resend));
        }
    }
    for (std::size_t i = 0; i < ledger.outcomes.size(); ++i) {
        const Outcome outcome = ledger.outcomes[i];
        m_done_before += outcome == Outcome::Created || outcome == Outcome::AlreadyExists ||
                         outcome == Outcome::Failed;
    }
    m_writer.emplace(JournalWriter::resume(path, existing->valid_length));
}

// Rebuilds the entries of the batches an earlier run sent without a result,
// exactly as they were sent (same rows, same bodies, same key).
std::vector<Batch> Importer::collect_resent() {
    if (m_resent.empty()) {
        return {};
    }
    std::unordered_map<std::size_t, std::pair<std::size_t, std::size_t>>
        where; // row -> batch, entry
    for (std::size_t b = 0; b < m_resent.size(); ++b) {
        for (std::size_t e = 0; e < m_resent[b].entries.size(); ++e) {
            where[m_resent[b].entries[e].row] = {b, e};
        }
    }
    InputReader reader(m_options.input, m_options.kind);
    InputRow row;
    while (reader.next(row)) {
        const auto it = where.find(row.row);
        if (it != where.end()) {
            RowCheck check = check_row(m_options.kind, row, m_options.default_account_type);
            m_resent[it->second.first].entries[it->second.second].body = std::move(check.body);
        }
    }
    return std::move(m_resent);
}

void Importer::send_all() {
    m_send_start = m_clock.steady_now();
    m_done = m_done_before;
    report_progress();
    Dispatcher dispatcher(
        m_options.concurrency, [this](Batch& batch) { process(batch); },
        [this] { return m_stop.load() || m_failed.load(); }, [this] { report_progress(); });
    for (Batch& batch : collect_resent()) {
        if (!dispatcher.submit(std::move(batch))) {
            break;
        }
    }
    InputReader reader(m_options.input, m_options.kind);
    InputRow row;
    Batch batch;
    bool stopped = m_stop.load() || m_failed.load();
    while (!stopped && reader.next(row)) {
        const std::size_t i = row.row - 1;
        if (i >= m_result.ledger.outcomes.size() ||
            m_result.ledger.outcomes[i] != Outcome::Pending || m_result.ledger.batches[i] != 0) {
            continue;
        }
        RowCheck check = check_row(m_options.kind, row, m_options.default_account_type);
        if (!check.problems.empty()) {
            continue; // cannot happen for an unchanged file; never send what failed validation
        }
        batch.entries.push_back({row.row, std::move(check.body)});
        if (batch.entries.size() == m_options.batch_size) {
            batch.number = m_next_batch++;
            batch.key = util::uuid_v4();
            stopped = !dispatcher.submit(std::exchange(batch, Batch{}));
        }
    }
    if (!stopped && !batch.entries.empty()) {
        batch.number = m_next_batch++;
        batch.key = util::uuid_v4();
        dispatcher.submit(std::move(batch));
    }
    dispatcher.finish();
    m_result.interrupted = m_stop.load() && !m_failed.load();
    const bool all_done =
        std::none_of(m_result.ledger.outcomes.begin(), m_result.ledger.outcomes.end(),
                     [](Outcome o) { return o == Outcome::Pending; });
    if (all_done && !m_failed.load() && !m_was_finished) {
        m_writer->finished(util::rfc3339(m_clock.now()));
    }
    if (all_done) {
        m_result.interrupted = false; // nothing was left undone
    }
}

void Importer::process(Batch& batch) {
    std::vector<std::size_t> rows;
    for (const auto& entry : batch.entries) {
        rows.push_back(entry.row);
    }
    if (!batch.journaled) {
        m_writer->sent(batch.number, rows, batch.key);
    }
    std::vector<RowResult> results;
    try {
        results = map_results(batch.entries, m_sender.send(batch.entries, batch.key));
    } catch (const Error& error) {
        if (!is_rejection(error.kind())) {
            fail(batch, error);
            return;
        }
        for (const std::size_t row : rows) {
            results.push_back({row, Outcome::Failed, {}, error.what(), error.trace_id()});
        }
    } catch (const std::exception& error) {
        fail(batch, Error(ErrorKind::Unexpected, error.what()));
        return;
    }
    const std::uint64_t offset = m_writer->result(batch.number, results);
    std::lock_guard lock(m_mutex);
    auto& ledger = m_result.ledger;
    ledger.result_offsets[batch.number] = offset;
    for (const auto& result : results) {
        ledger.outcomes[result.row - 1] = result.outcome;
        ledger.batches[result.row - 1] = static_cast<std::uint32_t>(batch.number);
    }
    m_done += results.size();
    ++m_result.summary.batches_sent;
}

void Importer::fail(const Batch& batch, const Error& error) {
    std::lock_guard lock(m_mutex);
    if (m_failed.exchange(true)) {
        return; // the first failure is the one to report
    }
    const std::size_t first = batch.entries.empty() ? 0 : batch.entries.front().row;
    const std::size_t last = batch.entries.empty() ? 0 : batch.entries.back().row;
    Error stopped(
        error.kind(),
        fmt::format("batch {} (rows {}-{}) failed: {}", batch.number, first, last, error.what()),
        "run the same command with --resume: it sends that batch again with the same "
        "Idempotency-Key, so nobody is onboarded twice");
    stopped.with_portal(error.portal_code(), error.trace_id());
    m_result.failure = std::move(stopped);
}

void Importer::report_progress() {
    if (!m_progress) {
        return;
    }
    Progress progress;
    {
        std::lock_guard lock(m_mutex);
        progress.done = m_done;
    }
    progress.total = m_total;
    const double seconds =
        std::chrono::duration<double>(m_clock.steady_now() - m_send_start).count();
    const std::size_t this_run = progress.done - m_done_before;
    if (seconds > 0 && this_run > 0) {
        progress.rate = static_cast<double>(this_run) / seconds;
        const auto remaining =
            static_cast<double>(progress.total - std::min(progress.done, progress.total));
        progress.eta =
            std::chrono::seconds(static_cast<std::int64_t>(remaining / progress.rate + 0.5));
    }
    m_progress(progress);
}

void Importer::summarise() {
    Summary& summary = m_result.summary;
    summary.rows = m_result.ledger.outcomes.size();
    for (const Outcome outcome : m_result.ledger.outcomes) {
        switch (outcome) {
        case Outcome::Pending:
            ++summary.pending;
            break;
        case Outcome::Invalid:
            ++summary.invalid;
            break;
        case Outcome::Created:
            ++summary.created;
            break;
        case Outcome::AlreadyExists:
            ++summary.already_exists;
            break;
        case Outcome::Failed:
            ++summary.failed;
            break;
        }
    }
    summary.elapsed = duration_cast<milliseconds>(m_clock.steady_now() - m_start);
}

} // namespace

std::optional<ErrorKind> exit_kind(const ImportResult& result) {
    if (result.failure) {
        return result.failure->kind();
    }
    if (result.interrupted) {
        return ErrorKind::Interrupted;
    }
    if (result.summary.invalid > 0 || result.summary.failed > 0) {
        return result.options.dry_run ? ErrorKind::Usage : ErrorKind::Partial;
    }
    return std::nullopt;
}

ImportResult run_import(const ImportOptions& options, BatchSender& sender, Clock& clock,
                        const ProgressCallback& progress, std::atomic<bool>& stop_requested) {
    return Importer(options, sender, clock, progress, stop_requested).run();
}

} // namespace techpass::bulk
