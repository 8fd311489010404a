#pragma once

// What every resource handler shares: request body checks against the
// schemas of docs/api/openapi.yaml, paging, the rights of openapi.yaml
// ("Authorisation", roles), lookups that answer 404 naming
// what is missing, and format checks (emails, domains, URLs).

#include "api.hpp"
#include "emulator.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace emu::resources {

using nlohmann::json;

constexpr std::int64_t k_day = 24 * 60 * 60; // seconds

// ---- Request bodies (common.cpp) -------------------------------------------

enum class Type { String, Boolean, Integer, Object, Array, StringArray };

// Checks of a string's content beyond its type (for a StringArray: of each item).
enum class Format {
    None,
    Trimmed,   // ^\S(.*\S)?$: no white space at either end
    Email,     // an email address
    SgMobile,  // ^\+65[89][0-9]{7}$
    Url,       // https, or http on a loopback host; no '*', no fragment
    Printable, // ^[ -~]+$
};

// One field a body may hold, as its schema says.
struct Field {
    std::string_view name;
    Type type = Type::String;
    bool required = false;
    std::size_t min = 0; // strings: length; arrays: items
    std::size_t max = 0; // 0: no limit
    Format format = Format::None;
    std::vector<std::string_view> one_of = {}; // allowed values of a string (or of each item)
    bool nullable = false;                     // null accepted (PATCH: null removes)
    bool unique_items = false;
};
using Fields = std::vector<Field>;

// How a body breaks its schema: the field at fault ("" for the body itself)
// and the message ("unknown field 'x'", "missing field 'x'", "field 'x' must
// be a string", ...).
struct Problem {
    std::string field;
    std::string message;
};

// The first problem of body, or nullopt when it fits.
std::optional<Problem> schema_problem(const json& body, const Fields& fields);
// Throws 400 with schema_problem()'s message; a missing body counts as {}.
void check_body(const json& body, const Fields& fields);
// For PATCH bodies (minProperties 1): check_body, and 400 when body is empty.
void check_patch(const json& body, const Fields& fields);
// "invitations[3].mobile: <message>": the 400 message for an entry of a batch.
std::string entry_message(std::string_view array, std::size_t entry, const Problem& problem);

// Field accessors for bodies that passed the checks (absent -> fallback).
std::string string_field(const json& body, std::string_view name, std::string_view fallback = {});
std::optional<std::string> optional_string(const json& body, std::string_view name);
bool bool_field(const json& body, std::string_view name, bool fallback);
std::vector<std::string> strings_field(const json& body, std::string_view name);
bool has_field(const json& body, std::string_view name);

// ---- Queries and paging (common.cpp) -----------------------------------------

using SqlValue = std::variant<std::string, std::int64_t>;

// A SELECT whose first column is the table's rowid, and AND-ed conditions.
// Queries avoid joins (subqueries instead) so that "rowid" is unambiguous.
class Query {
public:
    explicit Query(std::string_view select) : m_sql(select) {}
    Query& where(std::string_view condition, std::vector<SqlValue> args = {});
    Stmt prepare(Db& db, std::string_view suffix = {},
                 const std::vector<SqlValue>& extra = {}) const;

private:
    std::string m_sql;
    std::vector<SqlValue> m_args;
    bool m_has_where = false;
};

using RowMapper = std::function<json(const Stmt&)>;

// A field of a PATCH body and the column it sets, as text, 0/1 or JSON text.
struct Column {
    enum class As { Text, Bool, Json };
    std::string_view field;
    std::string_view column;
    As as = As::Text;
};

// One resource as it is stored: its SELECT (rowid first) and row mapper, the
// condition that picks one object (its key first, then any scope, such as
// "id = ? AND namespace = ?"), the 404 message with those values as {0},
// {1}, and the columns a PATCH sets. Every SQL statement on the resource is
// built from this description only.
struct Table {
    std::string_view name;
    std::string_view select;
    std::string_view key;
    std::string_view one;
    std::string_view not_found;
    std::function<json(Db&, const Stmt&)> row;
    std::vector<Column> patch = {};
};

// The object the key values pick, or 404 with table.not_found.
json load(Db& db, const Table& table, const std::vector<std::string>& key);
// Sets, in one UPDATE ... WHERE key = ?, the columns whose fields body has
// (JSON null sets text to ''). Returns whether it set any.
bool patch(Db& db, const Table& table, const std::string& key, const json& body);

// The order of a listing: a SQL expression, also selected at column (so that
// the cursor can carry the last item's key); rowid breaks ties.
struct Order {
    std::string_view expr = "rowid";
    int column = 0;
    bool numeric = true;
    bool descending = false;
};
inline constexpr Order k_oldest_first{};

// The page a request asks for: size and the decoded lastKey cursor.
struct Page {
    std::int64_t size = 20;
    std::string listing; // the path listed: a cursor of another listing is refused
    bool has_cursor = false;
    SqlValue key;
    std::int64_t rowid = 0;
};
// Reads size (1..max_size) and lastKey; 400 when malformed.
Page read_page(const Request& request, std::int64_t max_size = 100, std::int64_t default_size = 20);
// {"count", "lastKey", <plural>: [...]}: one page of query in order.
json list_page(Db& db, const Page& page, const Query& query, const Order& order,
               std::string_view plural, const RowMapper& row_json);
// Every row of query, in order.
json all_rows(Db& db, const Query& query, const Order& order, const RowMapper& row_json);

// ---- Responses (common.cpp; ok() is in api.hpp) -------------------------------

Response created(json body);
Response no_content();
Response accepted(json body = nullptr);
Response multi_status(json body);
// One error entry of a 207 answer: {"code", "entryNumber", "message", "status", "traceId"}.
json batch_error(std::size_t entry_number, int status, const std::string& message,
                 const std::string& trace_id);
// RFC 3339 of unix seconds, or null.
json time_json(std::optional<std::int64_t> unix_seconds);
std::optional<std::int64_t> opt_integer(const Stmt& row, int column);
// The text of a column, or null when it is NULL or empty.
json text_or_null(const Stmt& row, int column);
// A "true"/"false" query parameter; absent is false; 400 otherwise.
bool query_flag(const Request& request, const std::string& name);
// A query parameter that must be one of allowed when present; 400 otherwise.
std::optional<std::string> query_choice(const Request& request, const std::string& name,
                                        const std::vector<std::string_view>& allowed);

// ---- Who may do what (access.cpp) --------------------------------------------

// The roles of openapi.yaml's authorisation section.
enum class Role { UsersRead, UsersOnboard, TenantsRequest, NamespaceAdmin };
std::string_view role_name(Role role);

// "app 'SHIP automation' (<client id>)" or "user 'jane@agency.gov.sg'".
std::string describe(const Caller& caller);
// 403 naming the caller, the missing right and (when given) the namespace.
[[noreturn]] void forbid(const Caller& caller, std::string_view right, std::string_view ns = {},
                         std::string_view who_has_it = {});
bool has_role(Emulator& emulator, const Caller& caller, Role role);
// 403 unless the caller has role.
void require_role(Emulator& emulator, const Request& request, Role role);
// Whether the caller administers ns: a tenant admin of it (an active
// account), or an automation app of it with the Namespace.Admin role.
bool administers(Emulator& emulator, const Caller& caller, std::string_view ns);
// 404 when ns does not exist, then 403 unless the caller administers it.
void require_admin(Emulator& emulator, const Request& request, std::string_view ns);
// Whether a person administers at least one namespace (or the caller is an app).
bool is_any_admin(Emulator& emulator, const Caller& caller);

// Who acted, as sponsors and other "who did it" fields record it: an app
// acts for its namespace, a person in their own name.
struct Actor {
    std::string type; // "namespace" or "user"
    std::string id;   // namespace code or user id
};
Actor actor_of(const Caller& caller);
// {"type", "id", "name"} (name: the namespace's display name or the user's
// email), or null when type is empty.
json actor_json(Db& db, std::string_view type, std::string_view id);

// ---- Lookups (access.cpp) ----------------------------------------------------

struct UserRef {
    std::string id;
    std::string email;
    std::string account_type; // "account:vendor", ...
    std::string status;
    std::string sponsor;      // sponsoring namespace, or ""
    std::string sponsored_by; // the person who registered or invited them, or ""
};
// A live (not deleted) account by id, email or username, case-insensitive.
std::optional<UserRef> find_user(Db& db, std::string_view identifier);
// 404 "user 'x' not found".
UserRef require_user(Db& db, std::string_view identifier);
// The sponsor: the officer who onboarded the user, or an admin or automation
// app of the namespace that did.
bool sponsors(Emulator& emulator, const Caller& caller, const UserRef& user);

void require_namespace(Db& db, std::string_view ns);
// 404 "app 'x' not found in namespace SHIP" unless app_id is an app of ns.
void require_app(Db& db, std::string_view ns, std::string_view app_id);
// The {appId} of the path, after checking it is an app of the path's
// {namespace} (404 otherwise).
const std::string& app_of(Emulator& emulator, const Request& request);

struct GroupRef {
    std::string id;
    std::string name;
    bool dynamic = false;
};
// By id or name within ns.
std::optional<GroupRef> find_group(Db& db, std::string_view ns, std::string_view identifier);
GroupRef require_group(Db& db, std::string_view ns, std::string_view identifier);

// A user or group named in a body (assignments, group members): type "user"
// (id, email or username) or "group" (id or name in ns). 422 when unknown.
struct Principal {
    std::string type; // "user" or "group"
    std::string id;
    std::string name; // the user's email or the group's name
};
Principal resolve_principal(Db& db, std::string_view ns, std::string_view type,
                            std::string_view identifier);

// ---- Formats (formats.cpp) -----------------------------------------------------

bool is_email(std::string_view text);
bool is_domain(std::string_view text);
// The lower-cased part after '@'.
std::string domain_of(std::string_view email);
// Whether domain is parent or a subdomain of it.
bool in_domain(std::string_view domain, std::string_view parent);
bool is_singapore_mobile(std::string_view mobile);

struct Url {
    std::string scheme; // lower case
    std::string host;   // lower case, brackets kept for IPv6 ("[::1]")
    int port = 0;
    std::string target; // path and query, "/" when empty
};
std::optional<Url> parse_url(std::string_view text);
bool is_loopback(std::string_view host);
// Why text cannot be a callback URL (https, or http on a loopback host; no
// '*', no fragment), or nullopt. The message starts with what names it.
std::optional<std::string> callback_url_problem(std::string_view what, std::string_view text);

// A group's global name: "<namespace in lower case>:<name>" ("ship:billing").
std::string group_grn(std::string_view ns, std::string_view name);
// A SQL LIKE pattern matching text anywhere (escape character '\').
std::string like_contains(std::string_view text);

} // namespace emu::resources

namespace emu {

// The parts of register_app_routes() and register_group_routes() that live
// in their own files (app_credentials.cpp, assignments.cpp, members.cpp).
void register_app_credential_routes(Router& router);
void register_assignment_routes(Router& router);
void register_member_routes(Router& router);

} // namespace emu
