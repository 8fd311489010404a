// /tenants/requests: active public officers ask for a tenant namespace. The
// TechPass team approves a request (the test controls' operator action),
// which creates the namespace with the requester as its first tenant admin.

#include "resources/common.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

namespace emu::resources {

namespace {

constexpr std::string_view k_request_select =
    "SELECT rowid, id, namespace, service_name, description, contact_email, status, "
    "requested_by, created_at, decided_at, decision_reason, requested_by_user FROM "
    "tenant_requests";
constexpr Order k_newest_requests{"created_at", 8, true, true};

json request_json(Db& db, const Stmt& row) {
    // Only people ask for tenants, so the requester is always a user.
    return {{"id", row.text(1)},
            {"namespace", row.text(2)},
            {"serviceName", row.text(3)},
            {"description", row.text(4)},
            {"contactEmail", row.text(5)},
            {"status", row.text(6)},
            {"requestedBy", actor_json(db, "user", row.opt_text(11).value_or(row.text(7)))},
            {"createdAt", format_rfc3339(row.integer(8))},
            {"decidedAt", time_json(opt_integer(row, 9))},
            {"decisionReason", text_or_null(row, 10)}};
}

// ^[A-Z][A-Z0-9]{1,15}$
bool is_namespace_code(std::string_view code) {
    if (code.size() < 2 || code.size() > 16 || code.front() < 'A' || code.front() > 'Z') {
        return false;
    }
    return std::all_of(code.begin(), code.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// The caller's own request; others are 404, as if they did not exist.
Query own_requests(const Request& request) {
    Query query{k_request_select};
    query.where("requested_by = ?", {request.who().id});
    return query;
}

Response create_request(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::TenantsRequest);
    check_body(
        request.body,
        {{.name = "namespace", .required = true},
         {.name = "serviceName", .required = true, .min = 1, .max = 100, .format = Format::Trimmed},
         {.name = "description", .required = true, .min = 1, .max = 1000},
         {.name = "contactEmail", .required = true, .max = 254, .format = Format::Email}});
    const auto code = string_field(request.body, "namespace");
    if (!is_namespace_code(code)) {
        throw ApiError(400, fmt::format("field 'namespace' must be 2 to 16 upper-case letters and "
                                        "digits starting with a letter (e.g. SHIP), not '{}'",
                                        code));
    }
    Db& db = emulator.db();
    auto taken = db.prepare("SELECT 1 FROM namespaces WHERE code = ?");
    taken.bind(1, code);
    if (taken.step()) {
        throw ApiError(409, fmt::format("namespace {} already exists", code));
    }
    auto pending =
        db.prepare("SELECT id FROM tenant_requests WHERE namespace = ? AND status = 'pending'");
    pending.bind(1, code);
    if (pending.step()) {
        throw ApiError(409, fmt::format("namespace {} is already requested (tenant request '{}' "
                                        "is pending)",
                                        code, pending.text(0)));
    }
    const std::string id = techpass::util::uuid_v4();
    const std::string& requester = request.who().id;
    db.run("INSERT INTO tenant_requests(id, namespace, service_name, description, contact_email, "
           "status, requested_by, requested_by_user, created_at) "
           "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
           id, code, string_field(request.body, "serviceName"),
           string_field(request.body, "description"),
           techpass::util::to_lower(string_field(request.body, "contactEmail")), requester,
           requester, emulator.now_unix());
    auto stmt = Query(k_request_select).where("id = ?", {id}).prepare(db);
    stmt.step();
    return created(request_json(db, stmt));
}

Response list_requests(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::TenantsRequest);
    const Page page = read_page(request);
    Query query = own_requests(request);
    if (const auto status = query_choice(request, "status", {"pending", "approved", "rejected"})) {
        query.where("status = ?", {*status});
    }
    Db& db = emulator.db();
    return ok(list_page(db, page, query, k_newest_requests, "requests",
                        [&db](const Stmt& row) { return request_json(db, row); }));
}

Response get_request(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::TenantsRequest);
    const std::string& id = request.param("requestId");
    auto stmt = own_requests(request).where("id = ?", {id}).prepare(emulator.db());
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("tenant request '{}' not found", id));
    }
    return ok(request_json(emulator.db(), stmt));
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_tenant_routes(Router& router) {
    using namespace resources;
    router.add("POST", "/tenants/requests", create_request, {.creation = true});
    router.add("GET", "/tenants/requests", list_requests);
    router.add("GET", "/tenants/requests/{requestId}", get_request);
}

} // namespace emu
