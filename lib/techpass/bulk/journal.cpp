#include "techpass/bulk/journal.hpp"

#include "techpass/error.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/text.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

namespace techpass::bulk {

namespace {

using Json = nlohmann::ordered_json;
constexpr int k_version = 1;

[[noreturn]] void io_failure(const std::string& what, const std::string& path) {
    if (errno == ELOOP) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} {}: it is a symbolic link, which techpass does not write "
                                "through",
                                what, path),
                    "remove the link, or name another journal with --journal PATH");
    }
    throw Error(ErrorKind::Unexpected, fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

Error damaged(const std::string& path, std::size_t line, const std::string& why) {
    return Error(ErrorKind::Usage,
                 fmt::format("{}:{}: the import journal is damaged: {}", path, line, why),
                 "delete the journal to start the import over; people already onboarded are then "
                 "reported as already-exists");
}

template <typename T>
T field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) {
        throw std::invalid_argument(fmt::format("no \"{}\"", key));
    }
    return it->get<T>();
}

std::string optional_string(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

JournalHeader parse_header(const nlohmann::json& line) {
    if (field<std::string>(line, "event") != "header" || field<int>(line, "version") != k_version) {
        throw std::invalid_argument("the first line is not a version 1 header");
    }
    JournalHeader header;
    header.input = field<std::string>(line, "input");
    header.fingerprint.size = field<std::uint64_t>(line, "size");
    header.fingerprint.sha256 = field<std::string>(line, "sha256");
    const auto kind = kind_from_name(field<std::string>(line, "kind"));
    if (!kind) {
        throw std::invalid_argument("unknown kind");
    }
    header.kind = *kind;
    header.created = field<std::string>(line, "created");
    return header;
}

void apply_event(JournalState& state, std::map<std::size_t, std::size_t>& index,
                 const nlohmann::json& line, std::uint64_t offset) {
    const auto event = field<std::string>(line, "event");
    if (event == "sent") {
        const auto number = field<std::size_t>(line, "batch");
        if (index.count(number) == 0) {
            index[number] = state.batches.size();
            state.batches.push_back({number,
                                     field<std::vector<std::size_t>>(line, "rows"),
                                     field<std::string>(line, "key"),
                                     std::nullopt,
                                     {}});
        }
    } else if (event == "result") {
        const auto it = index.find(field<std::size_t>(line, "batch"));
        if (it == index.end()) {
            throw std::invalid_argument("a result for a batch that was never sent");
        }
        JournalBatch& batch = state.batches[it->second];
        batch.result_offset = offset;
        batch.outcomes.clear();
        for (const auto& result : line.at("results")) {
            const auto outcome = outcome_from_name(field<std::string>(result, "outcome"));
            if (!outcome) {
                throw std::invalid_argument("unknown outcome");
            }
            batch.outcomes.emplace_back(field<std::size_t>(result, "row"), *outcome);
        }
    } else if (event == "finished") {
        state.finished = true;
    } else {
        throw std::invalid_argument(fmt::format("unknown event \"{}\"", event));
    }
}

std::string absolute_path(const std::string& path) {
    return std::filesystem::absolute(path).lexically_normal().string();
}

} // namespace

InputFingerprint fingerprint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Usage,
                    fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        throw Error(ErrorKind::Unexpected, "SHA-256 is unavailable");
    }
    InputFingerprint result;
    std::vector<char> buffer(64 * 1024);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        result.size += n;
        EVP_DigestUpdate(ctx.get(), buffer.data(), n);
    }
    if (in.bad()) {
        throw Error(ErrorKind::Usage, fmt::format("cannot read {}", path));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    result.sha256 =
        util::hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
    return result;
}

std::string journal_path(const std::string& input) {
    return input + ".techpass-journal";
}

std::optional<JournalState> read_journal(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    JournalState state;
    std::map<std::size_t, std::size_t> index;
    std::string text;
    std::uint64_t offset = 0;
    std::size_t number = 0;
    while (std::getline(in, text)) {
        ++number;
        const bool complete = !in.eof();
        nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
        const bool last = !complete || in.peek() == std::char_traits<char>::eof();
        if (!complete || line.is_discarded()) {
            if (!last) {
                throw damaged(path, number, "a line is not JSON");
            }
            state.torn = true; // a write cut short by a kill: never acted upon
            break;
        }
        try {
            if (number == 1) {
                state.header = parse_header(line);
            } else {
                apply_event(state, index, line, offset);
            }
        } catch (const std::exception& e) {
            throw damaged(path, number, e.what());
        }
        offset += text.size() + 1;
        state.valid_length = offset;
    }
    if (state.valid_length == 0) {
        return std::nullopt; // not even a whole header: nothing was sent
    }
    return state;
}

JournalWriter::JournalWriter(std::string path, int fd, std::uint64_t size)
    : m_path(std::move(path)), m_fd(fd), m_size(size) {}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size) {}

JournalWriter::~JournalWriter() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

JournalLock::JournalLock(const std::string& journal) : m_path(journal + ".lock") {
    for (;;) {
        m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            io_failure("cannot create the import journal's lock", m_path);
        }
        if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            char text[32] = {0};
            const ssize_t n = ::pread(m_fd, text, sizeof text - 1, 0);
            ::close(m_fd);
            m_fd = -1;
            if (error != EWOULDBLOCK) {
                errno = error;
                io_failure("cannot lock the import journal", m_path);
            }
            const std::string holder(text, n > 0 ? static_cast<std::size_t>(n) : 0);
            throw Error(ErrorKind::Conflict,
                        fmt::format("another import is using the journal {} (process {})", journal,
                                    util::trim(holder).empty() ? std::string("unknown")
                                                               : std::string(util::trim(holder))),
                        "wait for it to finish or stop it, then run the command again (with "
                        "--resume to continue its work)");
        }
        // The file locked must still be the one at the path: a holder that
        // just finished removes it, and a new one may have taken its place.
        struct stat held {};
        struct stat named {};
        if (::fstat(m_fd, &held) == 0 && ::lstat(m_path.c_str(), &named) == 0 &&
            held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
            break;
        }
        ::close(m_fd);
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(m_fd, 0) != 0 ||
        ::pwrite(m_fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        io_failure("cannot write the import journal's lock", m_path);
    }
}

JournalLock::~JournalLock() {
    if (m_fd >= 0) {
        ::unlink(m_path.c_str()); // while still held, so no one waits on a stale file
        ::close(m_fd);
    }
}

JournalWriter JournalWriter::create(const std::string& path, const JournalHeader& header) {
    // 0600: the journal holds people's email addresses. O_NOFOLLOW: a
    // symbolic link planted at the path must not truncate its target.
    const int fd = ::open(path.c_str(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        io_failure("cannot create the import journal", path);
    }
    JournalWriter writer(path, fd, 0);
    Json line = {{"event", "header"},
                 {"version", k_version},
                 {"input", absolute_path(header.input)},
                 {"size", header.fingerprint.size},
                 {"sha256", header.fingerprint.sha256},
                 {"kind", kind_name(header.kind)},
                 {"created", header.created}};
    writer.append(line.dump());
    // Make the new directory entry durable too.
    const std::string directory = std::filesystem::absolute(path).parent_path().string();
    if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return writer;
}

JournalWriter JournalWriter::resume(const std::string& path, std::uint64_t valid_length) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        io_failure("cannot open the import journal", path);
    }
    if (::ftruncate(fd, static_cast<off_t>(valid_length)) != 0 || ::fsync(fd) != 0) {
        ::close(fd);
        io_failure("cannot repair the import journal", path);
    }
    return JournalWriter(path, fd, valid_length);
}

std::uint64_t JournalWriter::append(const std::string& line) {
    const std::string text = line + "\n";
    std::lock_guard lock(m_mutex);
    const std::uint64_t offset = m_size;
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(m_fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            io_failure("cannot write the import journal", m_path);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(m_fd) != 0) {
        io_failure("cannot sync the import journal", m_path);
    }
    m_size += text.size();
    return offset;
}

void JournalWriter::sent(std::size_t batch, const std::vector<std::size_t>& rows,
                         const std::string& key) {
    const Json line = {{"event", "sent"}, {"batch", batch}, {"rows", rows}, {"key", key}};
    append(line.dump());
}

std::uint64_t JournalWriter::result(std::size_t batch, const std::vector<RowResult>& results) {
    Json items = Json::array();
    for (const auto& result : results) {
        Json item = {{"row", result.row}, {"outcome", outcome_name(result.outcome)}};
        if (!result.id.empty()) {
            item["id"] = result.id;
        }
        if (!result.message.empty()) {
            item["message"] = result.message;
        }
        if (!result.trace_id.empty()) {
            item["traceId"] = result.trace_id;
        }
        items.push_back(std::move(item));
    }
    const Json line = {{"event", "result"}, {"batch", batch}, {"results", std::move(items)}};
    return append(line.dump());
}

void JournalWriter::finished(const std::string& at) {
    const Json line = {{"event", "finished"}, {"at", at}};
    append(line.dump());
}

JournalResultReader::JournalResultReader(const std::string& path)
    : m_path(path), m_file(path, std::ios::binary) {
    if (!m_file) {
        io_failure("cannot open the import journal", path);
    }
}

std::vector<RowResult> JournalResultReader::read(std::uint64_t offset) {
    m_file.clear();
    m_file.seekg(static_cast<std::streamoff>(offset));
    if (!std::getline(m_file, m_line)) {
        throw Error(ErrorKind::Unexpected, fmt::format("cannot read {} at {}", m_path, offset));
    }
    const auto line = nlohmann::json::parse(m_line);
    std::vector<RowResult> results;
    for (const auto& item : line.at("results")) {
        RowResult result;
        result.row = item.at("row").get<std::size_t>();
        result.outcome =
            outcome_from_name(item.at("outcome").get<std::string>()).value_or(Outcome::Failed);
        result.id = optional_string(item, "id");
        result.message = optional_string(item, "message");
        result.trace_id = optional_string(item, "traceId");
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace techpass::bulk
