#include "seed.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/x509.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace emu {

namespace {

constexpr std::int64_t k_secret_lifetime = 365 * 24 * 3600;

const std::vector<std::string> k_account_types = {"public_officer", "vendor", "temp", "product",
                                                  "other"};
const std::vector<std::string> k_statuses = {"pending", "active", "disabled", "terminated"};

// Reads one [[table]] entry, refusing keys it does not know (typos would
// otherwise be ignored silently).
class Entry {
public:
    Entry(const toml::table& table, std::string where, std::vector<std::string> known)
        : m_table(table), m_where(std::move(where)) {
        for (const auto& [key, value] : table) {
            if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
                fail(fmt::format("unknown key '{}'", key.str()));
            }
        }
    }

    std::string text(const char* key, std::optional<std::string> fallback = std::nullopt) const {
        const auto* node = m_table.get(key);
        if (node == nullptr) {
            if (!fallback) {
                fail(fmt::format("missing key '{}'", key));
            }
            return *fallback;
        }
        const auto value = node->value<std::string>();
        if (!value) {
            fail(fmt::format("'{}' must be a string", key));
        }
        return *value;
    }

    bool flag(const char* key, bool fallback) const {
        const auto* node = m_table.get(key);
        if (node == nullptr) {
            return fallback;
        }
        const auto value = node->value<bool>();
        if (!value) {
            fail(fmt::format("'{}' must be true or false", key));
        }
        return *value;
    }

    std::vector<std::string> list(const char* key) const {
        std::vector<std::string> out;
        const auto* node = m_table.get(key);
        if (node == nullptr) {
            return out;
        }
        const auto* array = node->as_array();
        if (array == nullptr) {
            fail(fmt::format("'{}' must be an array of strings", key));
        }
        for (const auto& item : *array) {
            const auto value = item.value<std::string>();
            if (!value) {
                fail(fmt::format("'{}' must be an array of strings", key));
            }
            out.push_back(*value);
        }
        return out;
    }

    [[noreturn]] void fail(const std::string& message) const {
        throw std::runtime_error(m_where + ": " + message);
    }

private:
    const toml::table& m_table;
    std::string m_where;
};

template <typename Fn>
void each(const toml::table& root, const char* name, const std::string& file, Fn&& fn) {
    const auto* node = root.get(name);
    if (node == nullptr) {
        return;
    }
    const auto* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
        throw std::runtime_error(
            fmt::format("{}: '{}' must be an array of tables ([[{}]])", file, name, name));
    }
    std::size_t index = 0;
    for (const auto& item : *array) {
        fn(*item.as_table(), fmt::format("{}: [[{}]] #{}", file, name, ++index));
    }
}

bool exists(Db& db, const char* sql, const std::string& a, const std::string& b = {}) {
    auto stmt = db.prepare(sql);
    stmt.bind(1, a);
    if (!b.empty()) {
        stmt.bind(2, b);
    }
    return stmt.step();
}

std::string user_id_of(Db& db, const std::string& email) {
    auto stmt = db.prepare("SELECT id FROM users WHERE email = ? COLLATE NOCASE");
    stmt.bind(1, email);
    return stmt.step() ? stmt.text(0) : std::string();
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void seed_user(Emulator& emulator, const Entry& e) {
    Db& db = emulator.db();
    const std::string email = e.text("email");
    if (!user_id_of(db, email).empty()) {
        return;
    }
    const std::string type = e.text("account_type", "public_officer");
    if (std::find(k_account_types.begin(), k_account_types.end(), type) == k_account_types.end()) {
        e.fail(fmt::format("account_type must be one of {}", fmt::join(k_account_types, ", ")));
    }
    const std::string status = e.text("status", "active");
    if (std::find(k_statuses.begin(), k_statuses.end(), status) == k_statuses.end()) {
        e.fail(fmt::format("status must be one of {}", fmt::join(k_statuses, ", ")));
    }
    const std::string first = e.text("first_name", "");
    const std::string last = e.text("last_name", "");
    const std::string username = e.text("username", "");
    const std::string mobile = e.text("mobile", "");
    const std::string password = e.text("password", "");
    const std::int64_t now = emulator.now_unix();
    const auto optional = [](const std::string& s) {
        return s.empty() ? std::nullopt : std::optional<std::string>(s);
    };
    std::string display = first + (first.empty() || last.empty() ? "" : " ") + last;
    if (display.empty()) {
        display = email.substr(0, email.find('@'));
    }
    db.run("INSERT INTO users(id, email, username, mobile, first_name, last_name, display_name, "
           "account_type, status, company, agency, password_hash, created_at, status_changed_at, "
           "last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           techpass::util::uuid_v4(), email, optional(username), optional(mobile), first, last,
           display, "account:" + type, status, e.text("company", ""), e.text("agency", ""),
           password.empty() ? std::nullopt : std::optional(secret_hash(password)), now, now,
           // Seeded active accounts count as signed in at start, so the lifecycle
           // rules treat them as in use rather than as never activated.
           status == "pending" ? std::nullopt : std::optional(std::to_string(now)));
}

void seed_namespace(Emulator& emulator, const Entry& e) {
    Db& db = emulator.db();
    const std::string code = e.text("code");
    const std::int64_t now = emulator.now_unix();
    if (!exists(db, "SELECT 1 FROM namespaces WHERE code = ?", code)) {
        db.run("INSERT INTO namespaces(code, display_name, description, directory_id, "
               "created_at) VALUES (?, ?, ?, ?, ?)",
               code, e.text("display_name", code), e.text("description", ""),
               emulator.options().directory_id, now);
    }
    for (const auto& email : e.list("admins")) {
        const std::string id = user_id_of(db, email);
        if (id.empty()) {
            e.fail(fmt::format("admin {} is not a seeded user (add a [[users]] entry)", email));
        }
        db.run("INSERT OR IGNORE INTO namespace_admins(namespace, user_id, added_at) "
               "VALUES (?, ?, ?)",
               code, id, now);
    }
}

void seed_app(Emulator& emulator, const Entry& e, const std::filesystem::path& base) {
    Db& db = emulator.db();
    const std::string ns = e.text("namespace");
    const std::string name = e.text("name");
    if (!exists(db, "SELECT 1 FROM namespaces WHERE code = ?", ns)) {
        e.fail(fmt::format("namespace {} is not seeded (add a [[namespaces]] entry)", ns));
    }
    const std::int64_t now = emulator.now_unix();
    std::string app_id;
    {
        auto stmt = db.prepare("SELECT app_id FROM apps WHERE namespace = ? AND name = ?");
        stmt.bind_all(ns, name);
        if (stmt.step()) {
            app_id = stmt.text(0);
        }
    }
    if (app_id.empty()) {
        app_id = e.text("client_id", techpass::util::uuid_v4());
        const nlohmann::json redirects = e.list("redirect_urls");
        const nlohmann::json roles = e.list("roles");
        db.run("INSERT INTO apps(app_id, namespace, name, redirect_urls, automation, roles, "
               "consent_granted, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
               app_id, ns, name, redirects.dump(), e.flag("automation", false), roles.dump(), now);
    }
    if (const std::string secret = e.text("client_secret", ""); !secret.empty()) {
        const std::string hash = secret_hash(secret);
        if (!exists(db, "SELECT 1 FROM app_secrets WHERE app_id = ? AND secret_hash = ?", app_id,
                    hash)) {
            db.run("INSERT INTO app_secrets(id, app_id, description, hint, secret_hash, "
                   "created_at, expires_at) VALUES (?, ?, 'seeded', ?, ?, ?, ?)",
                   techpass::util::uuid_v4(), app_id, secret.substr(0, 3), hash, now,
                   now + k_secret_lifetime);
        }
    }
    if (const std::string file = e.text("certificate", ""); !file.empty()) {
        techpass::util::Certificate cert;
        try {
            cert = techpass::util::parse_certificate(read_file(base / file));
        } catch (const std::runtime_error& error) {
            e.fail(fmt::format("certificate {}: {}", file, error.what()));
        }
        db.run("INSERT OR IGNORE INTO app_certificates(app_id, thumbprint, thumbprint_sha256, "
               "pem, subject, not_before, not_after, description, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, 'seeded', ?)",
               app_id, cert.thumbprint(), cert.thumbprint_sha256(), cert.pem(), cert.subject,
               cert.not_before, cert.not_after, now);
    }
}

// What the API shows of a seeded key: its first 8 characters, as of the keys
// it makes ("tpk_" and 4 more), but never more than half of a short one.
std::string seeded_key_prefix(const std::string& key) {
    return key.substr(0, std::min<std::size_t>(8, key.size() / 2));
}

void seed_api_key(Emulator& emulator, const Entry& e) {
    Db& db = emulator.db();
    const std::string ns = e.text("namespace");
    const std::string key = e.text("key");
    if (!exists(db, "SELECT 1 FROM namespaces WHERE code = ?", ns)) {
        e.fail(fmt::format("namespace {} is not seeded (add a [[namespaces]] entry)", ns));
    }
    db.run("INSERT OR IGNORE INTO api_keys(id, namespace, name, prefix, key_hash, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?)",
           techpass::util::uuid_v4(), ns, e.text("name", "seeded"), seeded_key_prefix(key),
           secret_hash(key), emulator.now_unix());
}

} // namespace

void load_seed(Emulator& emulator, const std::string& path) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(fmt::format("{}:{}:{}: {}", path, e.source().begin.line,
                                             e.source().begin.column, e.description()));
    }
    for (const auto& [key, value] : root) {
        const std::string name(key.str());
        if (name != "users" && name != "namespaces" && name != "apps" && name != "api_keys") {
            throw std::runtime_error(fmt::format(
                "{}: unknown table '{}' (expected users, namespaces, apps, api_keys)", path, name));
        }
    }
    const auto base = std::filesystem::path(path).parent_path();
    Transaction tx(emulator.db());
    each(root, "users", path, [&](const toml::table& t, const std::string& where) {
        seed_user(emulator, Entry(t, where,
                                  {"email", "username", "first_name", "last_name", "mobile",
                                   "account_type", "status", "password", "company", "agency"}));
    });
    each(root, "namespaces", path, [&](const toml::table& t, const std::string& where) {
        seed_namespace(emulator,
                       Entry(t, where, {"code", "display_name", "description", "admins"}));
    });
    each(root, "apps", path, [&](const toml::table& t, const std::string& where) {
        seed_app(emulator,
                 Entry(t, where,
                       {"namespace", "name", "client_id", "automation", "redirect_urls",
                        "client_secret", "certificate", "roles"}),
                 base);
    });
    each(root, "api_keys", path, [&](const toml::table& t, const std::string& where) {
        seed_api_key(emulator, Entry(t, where, {"namespace", "name", "key"}));
    });
    tx.commit();
}

} // namespace emu
