#pragma once

// The import journal: an append-only file of JSON lines beside the input
// (`<input>.techpass-journal`) that lets --resume continue a killed run
// without inviting anyone twice or skipping anyone.
//
//   {"event":"header","version":1,"input":...,"size":...,"sha256":...,"kind":...,"created":...}
//   {"event":"sent","batch":N,"rows":[...],"key":"<Idempotency-Key>"}   before a batch goes out
//   {"event":"result","batch":N,"results":[{"row","outcome","id","message","traceId"}]}
//   {"event":"finished","at":...}                                       every valid row done
//
// Each line is written with one write() and fsync'd, so a SIGKILL can only
// tear the last line, which reading drops.

#include "techpass/bulk/columns.hpp"
#include "techpass/bulk/outcome.hpp"

#include <cstdint>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace techpass::bulk {

// What identifies an input file's content: resuming against changed content
// could send the wrong people.
struct InputFingerprint {
    std::uint64_t size = 0;
    std::string sha256; // lower-case hex
};

// Size and SHA-256 of a file, read in chunks. Error(Usage) when unreadable.
InputFingerprint fingerprint(const std::string& path);

// The journal's first line.
struct JournalHeader {
    std::string input; // absolute path of the input when the import began
    InputFingerprint fingerprint;
    Kind kind = Kind::Invitation;
    std::string created; // RFC 3339 UTC
};

// A batch as the journal knows it.
struct JournalBatch {
    std::size_t number = 0;
    std::vector<std::size_t> rows;
    std::string key;                            // its Idempotency-Key, reused on resend
    std::optional<std::uint64_t> result_offset; // where its result line starts, once done
    std::vector<std::pair<std::size_t, Outcome>> outcomes; // row outcomes from that line
};

// An existing journal, read back.
struct JournalState {
    JournalHeader header;
    std::vector<JournalBatch> batches; // in the order they were first sent
    bool finished = false;
    std::uint64_t valid_length = 0; // bytes up to the end of the last complete line
    bool torn = false;              // a partial last line was dropped
};

// The journal path for an input file.
std::string journal_path(const std::string& input);

// Reads a journal; nullopt when there is none or its header line is torn
// (then nothing was sent). Error(Usage) when a complete line is damaged.
std::optional<JournalState> read_journal(const std::string& path);

// Appends events; every method is thread-safe and syncs before returning.
// One import at a time per journal: an exclusive flock() on <journal>.lock,
// which holds the holder's process id, for the life of the object; the lock
// file is removed when released. A second import of the same journal is
// refused with Error(Conflict) naming the process that holds it.
class JournalLock {
public:
    explicit JournalLock(const std::string& journal);
    ~JournalLock();
    JournalLock(const JournalLock&) = delete;
    JournalLock& operator=(const JournalLock&) = delete;

private:
    std::string m_path;
    int m_fd = -1;
};

class JournalWriter {
public:
    // Starts a new journal at path (replacing any) with its header line.
    static JournalWriter create(const std::string& path, const JournalHeader& header);
    // Continues an existing journal after cutting it back to valid_length
    // (dropping a torn last line, so the next line starts clean).
    static JournalWriter resume(const std::string& path, std::uint64_t valid_length);

    JournalWriter(JournalWriter&& other) noexcept;
    JournalWriter& operator=(JournalWriter&&) = delete;
    JournalWriter(const JournalWriter&) = delete;
    JournalWriter& operator=(const JournalWriter&) = delete;
    ~JournalWriter();

    // Records that a batch is about to go out.
    void sent(std::size_t batch, const std::vector<std::size_t>& rows, const std::string& key);
    // Records a batch's results; returns the offset of the line (for reports).
    std::uint64_t result(std::size_t batch, const std::vector<RowResult>& results);
    // Records that every valid row is done.
    void finished(const std::string& at);

private:
    JournalWriter(std::string path, int fd, std::uint64_t size);
    std::uint64_t append(const std::string& line);

    std::string m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
    std::mutex m_mutex;
};

// Reads result lines back by offset, for writing reports without keeping
// every portal message in memory.
class JournalResultReader {
public:
    explicit JournalResultReader(const std::string& path);
    // The results of the line at offset.
    std::vector<RowResult> read(std::uint64_t offset);

private:
    std::string m_path;
    std::ifstream m_file;
    std::string m_line;
};

} // namespace techpass::bulk
