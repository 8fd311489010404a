#include "db.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

namespace emu {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

} // namespace

// Statements kept for reuse: far more than the emulator's distinct queries,
// but a bound on those built at run time.
constexpr std::size_t k_max_cached_statements = 1024;

Stmt::~Stmt() {
    if (m_stmt != nullptr) {
        m_db->give_back(m_stmt, std::move(m_sql));
    }
}

void Stmt::fail(std::string_view what) const {
    emu::fail(m_db->m_db, what);
}

Stmt::Stmt(Stmt&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_sql(std::move(other.m_sql)) {
    other.m_stmt = nullptr;
}

Stmt& Stmt::bind(int index, std::string_view value) {
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        fail("SQL bind failed");
    }
    return *this;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) {
        fail("SQL bind failed");
    }
    return *this;
}

Stmt& Stmt::bind(int index, std::nullopt_t) {
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) {
        fail("SQL bind failed");
    }
    return *this;
}

Stmt& Stmt::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind(index, std::nullopt);
}

bool Stmt::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail("SQL step failed");
}

void Stmt::run() {
    while (step()) {
    }
}

std::string Stmt::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    if (p == nullptr) {
        return {};
    }
    return {reinterpret_cast<const char*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::optional<std::string> Stmt::opt_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return text(column);
}

std::int64_t Stmt::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

bool Stmt::is_null(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Db::Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        throw std::runtime_error("cannot open database " + path + ": " + message);
    }
    sqlite3_busy_timeout(m_db, 5000);
    if (path != ":memory:") {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
    }
    exec("PRAGMA foreign_keys=ON");
}

Db::~Db() {
    for (const auto& entry : m_cache) {
        sqlite3_finalize(entry.second);
    }
    sqlite3_close(m_db);
}

void Db::exec(std::string_view sql) {
    char* error = nullptr;
    const std::string statement(sql);
    if (sqlite3_exec(m_db, statement.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error("SQL failed: " + message);
    }
}

Stmt Db::prepare(std::string_view sql) {
    std::string key(sql);
    {
        const std::lock_guard lock(m_cache_mutex);
        const auto found = m_cache.find(key);
        if (found != m_cache.end()) {
            sqlite3_stmt* stmt = found->second;
            m_cache.erase(found);
            return Stmt(*this, stmt, std::move(key));
        }
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, key.c_str(), static_cast<int>(key.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        fail(m_db, "SQL prepare failed");
    }
    return Stmt(*this, stmt, std::move(key));
}

void Db::give_back(sqlite3_stmt* stmt, std::string sql) {
    // A failed step is reported again by reset: it was dealt with already.
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    {
        const std::lock_guard lock(m_cache_mutex);
        if (m_cache.size() < k_max_cached_statements) {
            m_cache.emplace(std::move(sql), stmt);
            return;
        }
    }
    sqlite3_finalize(stmt);
}

std::int64_t Db::changes() const {
    return sqlite3_changes(m_db);
}

Transaction::Transaction(Db& db) : m_db(db), m_lock(db.mutex()) {
    m_db.prepare("BEGIN IMMEDIATE").run();
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.prepare("ROLLBACK").run();
        } catch (...) {
            // Nothing more can be done while unwinding.
        }
    }
}

void Transaction::commit() {
    m_db.prepare("COMMIT").run();
    m_done = true;
}

} // namespace emu
