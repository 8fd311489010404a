// /otp/namespace/{namespace}/apps/{appId}/whitelists: the OTP whitelist of
// an OTP-as-a-Service app (known paths of the real API): email domains and
// user emails, each with an optional expiry.

#include "resources/common.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

#include <set>

namespace emu::resources {

namespace {

constexpr std::size_t k_max_entries = 1000;

constexpr std::string_view k_entry_select =
    "SELECT rowid, id, value, expires_at, type FROM whitelists";
constexpr Order k_by_value{"value", 2, false, false};

// One kind of entry: its request array, its value field and its type.
struct Kind {
    std::string_view array; // "emailDomains"
    std::string_view field; // "emailDomain"
    std::string_view type;  // stored type and whitelistType filter value
};
constexpr Kind k_domains{"emailDomains", "emailDomain", "emailDomain"};
constexpr Kind k_emails{"userEmails", "userEmail", "userEmail"};

bool fits_kind(const Kind& kind, std::string_view value) {
    return kind.type == "emailDomain" ? is_domain(value) && value.size() <= 253 : is_email(value);
}

std::string kind_phrase(const Kind& kind) {
    return kind.type == "emailDomain" ? "an email domain such as acme.com.sg" : "an email address";
}

// expiresAt: absent or "" for none, else RFC 3339 UTC ("...Z") in the future.
// prefix names the entry in a batch ("emailDomains[2].expiresAt: ").
std::optional<std::int64_t> expiry(Emulator& emulator, const json& body, std::string_view prefix) {
    const auto text = string_field(body, "expiresAt");
    if (text.empty()) {
        return std::nullopt;
    }
    const auto when = parse_rfc3339(text);
    const bool utc = text.size() >= 20 && text[4] == '-' && text[10] == 'T' && text.back() == 'Z';
    if (!when || !utc) {
        throw ApiError(400, fmt::format("{}field 'expiresAt' must be an RFC 3339 UTC time such "
                                        "as 2026-11-27T09:30:00Z, not '{}'",
                                        prefix, text));
    }
    if (*when <= emulator.now_unix()) {
        throw ApiError(400,
                       fmt::format("{}field 'expiresAt' {} is not in the future", prefix, text));
    }
    return when;
}

void bind_expiry(Stmt& stmt, int index, std::optional<std::int64_t> expires_at) {
    if (expires_at) {
        stmt.bind(index, *expires_at);
    } else {
        stmt.bind(index, std::nullopt);
    }
}

json entry_json(const Stmt& row) {
    return {{"whitelistId", row.text(1)},
            {"whitelistValue", row.text(2)},
            {"expiresAt", row.is_null(3) ? std::string() : format_rfc3339(row.integer(3))}};
}

Response list_entries(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const Page page = read_page(request, 50);
    Query query{k_entry_select};
    query.where("app_id = ? AND (expires_at IS NULL OR expires_at > ?)",
                {app_id, emulator.now_unix()});
    const auto type = query_choice(request, "whitelistType", {"all", "emailDomain", "userEmail"});
    if (type && *type != "all") {
        query.where("type = ?", {*type});
    }
    return ok(list_page(emulator.db(), page, query, k_by_value, "whitelists", entry_json));
}

// A checked entry of the POST body, ready to be added.
struct NewEntry {
    std::string value;
    std::optional<std::int64_t> expires_at;
};

// Checks every entry of one kind; 400 naming the kind and entryNumber.
std::vector<NewEntry> checked_entries(Emulator& emulator, const json& body, const Kind& kind) {
    std::vector<NewEntry> entries;
    if (!body.contains(kind.array)) {
        return entries;
    }
    const json& array = body.at(kind.array);
    const Fields fields = {{.name = kind.field, .required = true}, {.name = "expiresAt"}};
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (auto problem = schema_problem(array[i], fields)) {
            throw ApiError(400, entry_message(kind.array, i, *problem));
        }
        const auto value = techpass::util::to_lower(string_field(array[i], kind.field));
        if (!fits_kind(kind, value)) {
            throw ApiError(400, entry_message(kind.array, i,
                                              {std::string(kind.field),
                                               fmt::format("field '{}' must be {}, not '{}'",
                                                           kind.field, kind_phrase(kind), value)}));
        }
        const auto prefix = fmt::format("{}[{}].expiresAt: ", kind.array, i);
        entries.push_back({value, expiry(emulator, array[i], prefix)});
    }
    return entries;
}

// Adds the entries of one kind: {"whitelisted": [...], "errors": [...]}.
json add_entries(Emulator& emulator, const Request& request, const std::string& app_id,
                 const Kind& kind, const std::vector<NewEntry>& entries,
                 std::set<std::string>& seen) {
    Db& db = emulator.db();
    json whitelisted = json::array();
    json errors = json::array();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& entry = entries[i];
        auto live = db.prepare("SELECT 1 FROM whitelists WHERE app_id = ? AND value = ? AND "
                               "(expires_at IS NULL OR expires_at > ?)");
        live.bind_all(app_id, entry.value, emulator.now_unix());
        if (!seen.insert(entry.value).second || live.step()) {
            errors.push_back(batch_error(i, 409, "entry is already whitelisted", request.trace_id));
            continue;
        }
        // An expired entry of the same value makes way for the new one.
        db.run("DELETE FROM whitelists WHERE app_id = ? AND value = ?", app_id, entry.value);
        const std::string id = techpass::util::uuid_v4();
        auto insert = db.prepare(
            "INSERT INTO whitelists(id, namespace, app_id, type, value, expires_at, created_at, "
            "seq) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM "
            "whitelists))");
        insert.bind_all(id, request.param("namespace"), app_id, std::string(kind.type),
                        entry.value);
        bind_expiry(insert, 6, entry.expires_at);
        insert.bind(7, emulator.now_unix());
        insert.run();
        whitelisted.push_back(
            {{"entryNumber", i},
             {"whitelistId", id},
             {"whitelistValue", entry.value},
             {"expiresAt", entry.expires_at ? format_rfc3339(*entry.expires_at) : std::string()}});
    }
    return {{"whitelisted", std::move(whitelisted)}, {"errors", std::move(errors)}};
}

Response add_whitelists(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    check_body(request.body, {{.name = "emailDomains", .type = Type::Array},
                              {.name = "userEmails", .type = Type::Array}});
    const json body = request.body.is_null() ? json::object() : request.body;
    const std::size_t total = body.value("emailDomains", json::array()).size() +
                              body.value("userEmails", json::array()).size();
    if (total == 0 || total > k_max_entries) {
        throw ApiError(400, fmt::format("emailDomains and userEmails must hold 1 to {} entries "
                                        "together, not {}",
                                        k_max_entries, total));
    }
    // Everything is checked before anything is added.
    const auto domains = checked_entries(emulator, body, k_domains);
    const auto emails = checked_entries(emulator, body, k_emails);
    std::set<std::string> seen;
    return multi_status(
        {{"emailDomains", add_entries(emulator, request, app_id, k_domains, domains, seen)},
         {"userEmails", add_entries(emulator, request, app_id, k_emails, emails, seen)}});
}

struct Entry {
    std::string id;
    const Kind* kind;
};

// The entry named by id or by value (case-insensitive), expired or not.
Entry require_entry(Db& db, const std::string& app_id, const std::string& identifier) {
    auto stmt = db.prepare("SELECT id, type FROM whitelists WHERE app_id = ?1 AND "
                           "(id = ?2 OR value = ?2)");
    stmt.bind_all(app_id, identifier);
    if (!stmt.step()) {
        throw ApiError(
            404, fmt::format("whitelist entry '{}' not found on app '{}'", identifier, app_id));
    }
    return Entry{stmt.text(0), stmt.text(1) == "emailDomain" ? &k_domains : &k_emails};
}

Response update_whitelist(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    Db& db = emulator.db();
    const auto entry = require_entry(db, app_id, request.param("whitelistId"));
    check_body(request.body, {{.name = "whitelistValue", .required = true, .min = 1, .max = 254},
                              {.name = "expiresAt"}});
    const auto value = techpass::util::to_lower(string_field(request.body, "whitelistValue"));
    if (!fits_kind(*entry.kind, value)) {
        throw ApiError(400, fmt::format("field 'whitelistValue' must be {} (an entry keeps its "
                                        "kind), not '{}'",
                                        kind_phrase(*entry.kind), value));
    }
    const auto expires_at = expiry(emulator, request.body, "");
    auto taken = db.prepare("SELECT 1 FROM whitelists WHERE app_id = ? AND value = ? AND id <> ?");
    taken.bind_all(app_id, value, entry.id);
    if (taken.step()) {
        throw ApiError(409, fmt::format("'{}' is already whitelisted", value));
    }
    auto update = db.prepare("UPDATE whitelists SET value = ?, expires_at = ? WHERE id = ?");
    update.bind(1, value);
    bind_expiry(update, 2, expires_at);
    update.bind(3, entry.id);
    update.run();
    return no_content();
}

Response delete_whitelist(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const auto entry = require_entry(emulator.db(), app_id, request.param("whitelistId"));
    emulator.db().run("DELETE FROM whitelists WHERE id = ?", entry.id);
    return accepted();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_whitelist_routes(Router& router) {
    using namespace resources;
    const std::string base = "/otp/namespace/{namespace}/apps/{appId}/whitelists";
    router.add("GET", base, list_entries, {.namespace_admin = true});
    router.add("POST", base, add_whitelists, {.creation = true, .namespace_admin = true});
    router.add("PUT", base + "/{whitelistId}", update_whitelist, {.namespace_admin = true});
    router.add("DELETE", base + "/{whitelistId}", delete_whitelist, {.namespace_admin = true});
}

} // namespace emu
