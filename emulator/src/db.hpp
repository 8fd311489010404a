#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace emu {

class Db;

// A prepared statement, borrowed from its Db's cache: when it goes out of
// scope it is reset and goes back for the next prepare() of the same SQL.
// Columns count from 0, parameters from 1.
class Stmt {
public:
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& other) noexcept;
    Stmt& operator=(Stmt&&) = delete;

    Stmt& bind(int index, std::string_view value);
    Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Stmt& bind(int index, std::int64_t value);
    Stmt& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Stmt& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
    Stmt& bind(int index, std::nullopt_t);
    Stmt& bind(int index, const std::optional<std::string>& value);

    // Binds every argument in order, starting at parameter 1.
    template <typename... Args>
    Stmt& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Runs one step; true while a row is available.
    bool step();
    // Runs to completion (for statements that return no rows).
    void run();

    std::string text(int column) const;
    std::optional<std::string> opt_text(int column) const;
    std::int64_t integer(int column) const;
    bool boolean(int column) const { return integer(column) != 0; }
    bool is_null(int column) const;

private:
    friend class Db;
    Stmt(Db& db, sqlite3_stmt* stmt, std::string sql)
        : m_db(&db), m_stmt(stmt), m_sql(std::move(sql)) {}
    [[noreturn]] void fail(std::string_view what) const;

    Db* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_sql; // the cache's key
};

// One SQLite connection, in WAL mode for files, with foreign keys on.
// Requests are serialised through mutex(): one transaction per request.
class Db {
public:
    explicit Db(const std::string& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql);

    // Convenience: prepare, bind, run a statement that returns no rows.
    template <typename... Args>
    void run(std::string_view sql, const Args&... args) {
        prepare(sql).bind_all(args...).run();
    }

    std::int64_t changes() const;
    std::recursive_mutex& mutex() { return m_mutex; }

private:
    friend class Stmt;
    void give_back(sqlite3_stmt* stmt, std::string sql);

    sqlite3* m_db = nullptr;
    std::recursive_mutex m_mutex;
    // Prepared statements not in use, by their SQL. Parsing and planning a
    // statement costs more than running most of the emulator's queries. The
    // same SQL may be in use more than once (a query inside a loop over
    // another), so each borrower takes its own statement out of the cache.
    std::mutex m_cache_mutex;
    std::unordered_multimap<std::string, sqlite3_stmt*> m_cache;
};

// Holds a transaction open for its scope; rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Db& m_db;
    std::lock_guard<std::recursive_mutex> m_lock;
    bool m_done = false;
};

} // namespace emu
