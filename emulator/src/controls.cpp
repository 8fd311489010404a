#include "controls.hpp"

#include "emulator.hpp"
#include "lifecycle.hpp"

#include <fmt/format.h>

namespace emu {

namespace {

using nlohmann::json;
using Kind = ControlField::Kind;

// Every row of a SELECT as JSON.
template <typename RowJson>
json rows(Stmt& stmt, RowJson&& row_json) {
    json list = json::array();
    while (stmt.step()) {
        list.push_back(row_json(stmt));
    }
    return list;
}

// SELECT ... with "AND column = ?" for each filter given in the query string.
Stmt filtered(Emulator& emulator, const Request& request, std::string select,
              const std::vector<std::pair<std::string, std::string>>& filters) {
    std::vector<std::string> values;
    for (const auto& [param, condition] : filters) {
        if (const auto value = request.query(param)) {
            select += (values.empty() ? " WHERE " : " AND ") + condition;
            values.push_back(*value);
        }
    }
    auto stmt = emulator.db().prepare(select + " ORDER BY rowid");
    int index = 0;
    for (const auto& value : values) {
        stmt.bind(++index, value);
    }
    return stmt;
}

// Tables GET /_emulator/state/{table} may show.
const std::vector<std::string> k_state_tables = {
    "namespaces",    "users",        "namespace_admins", "invitations",        "tenant_requests",
    "apps",          "app_secrets",  "app_certificates", "app_assignments",    "groups",
    "group_members", "api_keys",     "webhooks",         "webhook_deliveries", "whitelists",
    "outbox",        "device_codes", "idempotency"};

json clock_json(Emulator& emulator) {
    return {{"offsetSeconds", emulator.clock_offset()}, {"now", emulator.now_rfc3339()}};
}

Response get_clock(Emulator& emulator, Request&) {
    return ok(clock_json(emulator));
}

Response put_clock(Emulator& emulator, Request& request) {
    check_control_body(request.body, {{"offsetSeconds", Kind::Integer, true}});
    emulator.set_clock_offset(request.body.at("offsetSeconds").get<std::int64_t>());
    return ok(clock_json(emulator));
}

Response advance_clock(Emulator& emulator, Request& request) {
    check_control_body(request.body, {{"seconds", Kind::Integer, true}});
    emulator.set_clock_offset(emulator.clock_offset() +
                              request.body.at("seconds").get<std::int64_t>());
    return ok(clock_json(emulator));
}

Response sweep(Emulator& emulator, Request&) {
    return ok(run_lifecycle_sweep(emulator));
}

Response get_outbox(Emulator& emulator, Request& request) {
    auto stmt =
        filtered(emulator, request,
                 "SELECT id, channel, recipient, kind, subject, body, created_at FROM outbox",
                 {{"recipient", "recipient = ? COLLATE NOCASE"},
                  {"kind", "kind = ?"},
                  {"channel", "channel = ?"}});
    json messages = rows(stmt, [](const Stmt& row) {
        return json{{"id", row.integer(0)},
                    {"channel", row.text(1)},
                    {"recipient", row.text(2)},
                    {"kind", row.text(3)},
                    {"subject", row.text(4)},
                    {"body", row.text(5)},
                    {"createdAt", format_rfc3339(row.integer(6))}};
    });
    return ok({{"count", messages.size()}, {"messages", messages}});
}

Response clear_outbox(Emulator& emulator, Request&) {
    emulator.db().run("DELETE FROM outbox");
    Response response;
    response.status = 204;
    return response;
}

Response get_deliveries(Emulator& emulator, Request& request) {
    auto stmt = filtered(
        emulator, request,
        "SELECT id, webhook_id, namespace, event, body, signature, status_code, "
        "attempts, error, created_at, delivered_at FROM webhook_deliveries",
        {{"webhookId", "webhook_id = ?"}, {"event", "event = ?"}, {"namespace", "namespace = ?"}});
    json deliveries = rows(stmt, [](const Stmt& row) {
        return json{{"id", row.text(0)},
                    {"webhookId", row.text(1)},
                    {"namespace", row.text(2)},
                    {"event", row.text(3)},
                    {"body", row.text(4)},
                    {"signature", row.text(5)},
                    {"statusCode", row.is_null(6) ? json(nullptr) : json(row.integer(6))},
                    {"attempts", row.integer(7)},
                    {"error", row.is_null(8) ? json(nullptr) : json(row.text(8))},
                    {"createdAt", format_rfc3339(row.integer(9))},
                    {"deliveredAt",
                     row.is_null(10) ? json(nullptr) : json(format_rfc3339(row.integer(10)))}};
    });
    return ok({{"count", deliveries.size()}, {"deliveries", deliveries}});
}

json rate_limit_json(Emulator& emulator) {
    const auto limit = emulator.traffic().rate_limit();
    if (!limit) {
        return {{"enabled", false}};
    }
    return {{"enabled", true},
            {"requestsPerSecond", limit->requests_per_second},
            {"burst", limit->burst}};
}

double positive_number(const json& body, const char* name, double fallback) {
    const auto it = body.find(name);
    if (it == body.end()) {
        return fallback;
    }
    if (!it->is_number() || it->get<double>() <= 0) {
        throw ApiError(400, fmt::format("field '{}' must be a positive number", name));
    }
    return it->get<double>();
}

Response get_rate_limit(Emulator& emulator, Request&) {
    return ok(rate_limit_json(emulator));
}

Response put_rate_limit(Emulator& emulator, Request& request) {
    // Numbers may be fractional (0.5 requests per second), hence no Type check here.
    if (!request.body.is_object() || !request.body.contains("requestsPerSecond")) {
        throw ApiError(400, "missing field 'requestsPerSecond'");
    }
    for (const auto& [key, value] : request.body.items()) {
        if (key != "requestsPerSecond" && key != "burst") {
            throw ApiError(400, fmt::format("unknown field '{}'", key));
        }
    }
    RateLimit limit;
    limit.requests_per_second = positive_number(request.body, "requestsPerSecond", 1);
    limit.burst = positive_number(request.body, "burst", std::max(1.0, limit.requests_per_second));
    if (limit.burst < 1) {
        throw ApiError(400, "field 'burst' must be at least 1");
    }
    emulator.traffic().set_rate_limit(limit);
    return ok(rate_limit_json(emulator));
}

Response delete_rate_limit(Emulator& emulator, Request&) {
    emulator.traffic().set_rate_limit(std::nullopt);
    return ok(rate_limit_json(emulator));
}

json faults_json(Emulator& emulator) {
    const auto plan = emulator.traffic().faults();
    if (!plan) {
        return {{"enabled", false}};
    }
    json body = {{"enabled", true},
                 {"seed", plan->seed},
                 {"fraction", plan->fraction},
                 {"kinds", plan->kinds},
                 {"latencyMs", plan->latency_ms}};
    if (!plan->path_prefix.empty()) {
        body["paths"] = plan->path_prefix;
    }
    return body;
}

Response get_faults(Emulator& emulator, Request&) {
    return ok(faults_json(emulator));
}

Response put_faults(Emulator& emulator, Request& request) {
    const json& body = request.body;
    if (!body.is_object()) {
        throw ApiError(400, "the request body must be a JSON object");
    }
    for (const auto& [key, value] : body.items()) {
        if (key != "seed" && key != "fraction" && key != "kinds" && key != "latencyMs" &&
            key != "paths") {
            throw ApiError(400, fmt::format("unknown field '{}'", key));
        }
    }
    FaultPlan plan;
    if (body.contains("seed")) {
        if (!body.at("seed").is_number_integer()) {
            throw ApiError(400, "field 'seed' must be an integer");
        }
        plan.seed = static_cast<std::uint64_t>(body.at("seed").get<std::int64_t>());
    }
    if (!body.contains("fraction") || !body.at("fraction").is_number() ||
        body.at("fraction").get<double>() < 0 || body.at("fraction").get<double>() > 1) {
        throw ApiError(400, "field 'fraction' must be a number from 0 to 1");
    }
    plan.fraction = body.at("fraction").get<double>();
    if (!body.contains("kinds") || !body.at("kinds").is_array() || body.at("kinds").empty()) {
        throw ApiError(400, fmt::format("field 'kinds' must be a non-empty array of {}",
                                        fmt::join(k_fault_kinds, ", ")));
    }
    for (const auto& kind : body.at("kinds")) {
        const std::string name = kind.is_string() ? kind.get<std::string>() : kind.dump();
        if (std::find(k_fault_kinds.begin(), k_fault_kinds.end(), name) == k_fault_kinds.end()) {
            throw ApiError(400, fmt::format("unknown fault kind '{}' (kinds: {})", name,
                                            fmt::join(k_fault_kinds, ", ")));
        }
        plan.kinds.push_back(name);
    }
    if (body.contains("latencyMs")) {
        if (!body.at("latencyMs").is_number_integer() || body.at("latencyMs").get<int>() < 0 ||
            body.at("latencyMs").get<int>() > 60000) {
            throw ApiError(400, "field 'latencyMs' must be an integer from 0 to 60000");
        }
        plan.latency_ms = body.at("latencyMs").get<int>();
    }
    if (body.contains("paths")) {
        if (!body.at("paths").is_string()) {
            throw ApiError(400, "field 'paths' must be a string (a path prefix)");
        }
        plan.path_prefix = body.at("paths").get<std::string>();
    }
    emulator.traffic().set_faults(plan);
    return ok(faults_json(emulator));
}

Response delete_faults(Emulator& emulator, Request&) {
    emulator.traffic().set_faults(std::nullopt);
    return ok(faults_json(emulator));
}

Response get_state(Emulator& emulator, Request& request) {
    const std::string& table = request.param("table");
    if (std::find(k_state_tables.begin(), k_state_tables.end(), table) == k_state_tables.end()) {
        throw ApiError(
            404, fmt::format("no table '{}' (tables: {})", table, fmt::join(k_state_tables, ", ")));
    }
    std::vector<std::string> columns;
    auto info = emulator.db().prepare("SELECT name FROM pragma_table_info(?)");
    info.bind(1, table);
    while (info.step()) {
        columns.push_back(info.text(0));
    }
    std::string select = "SELECT json_object(";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        select += fmt::format("{}'{}', \"{}\"", i ? ", " : "", columns[i], columns[i]);
    }
    select += fmt::format(") FROM \"{}\" ORDER BY rowid", table);
    json rows = json::array();
    auto stmt = emulator.db().prepare(select);
    while (stmt.step()) {
        rows.push_back(json::parse(stmt.text(0)));
    }
    return ok({{"table", table}, {"count", rows.size()}, {"rows", rows}});
}

} // namespace

void check_control_body(const json& body, std::initializer_list<ControlField> fields) {
    const json object = body.is_null() ? json::object() : body;
    if (!object.is_object()) {
        throw ApiError(400, "the request body must be a JSON object");
    }
    for (const auto& item : object.items()) {
        const std::string& key = item.key();
        if (std::none_of(fields.begin(), fields.end(),
                         [&key](const ControlField& f) { return f.name == key; })) {
            throw ApiError(400, fmt::format("unknown field '{}'", key));
        }
    }
    for (const auto& field : fields) {
        const auto it = object.find(field.name);
        if (it == object.end()) {
            if (field.required) {
                throw ApiError(400, fmt::format("missing field '{}'", field.name));
            }
            continue;
        }
        const bool fits = field.kind == Kind::String    ? it->is_string()
                          : field.kind == Kind::Integer ? it->is_number_integer()
                                                        : it->is_boolean();
        if (!fits) {
            throw ApiError(400, fmt::format("field '{}' must be {}", field.name,
                                            field.kind == Kind::String    ? "a string"
                                            : field.kind == Kind::Integer ? "an integer"
                                                                          : "a boolean"));
        }
    }
}

RouteOptions control_options() {
    RouteOptions options;
    options.authenticated = false;
    return options;
}

void register_control_routes(Router& router) {
    const RouteOptions o = control_options();
    router.add("GET", "/_emulator/clock", get_clock, o);
    router.add("PUT", "/_emulator/clock", put_clock, o);
    router.add("POST", "/_emulator/clock/advance", advance_clock, o);
    router.add("POST", "/_emulator/lifecycle/sweep", sweep, o);
    router.add("GET", "/_emulator/outbox", get_outbox, o);
    router.add("DELETE", "/_emulator/outbox", clear_outbox, o);
    router.add("GET", "/_emulator/webhooks/deliveries", get_deliveries, o);
    router.add("GET", "/_emulator/ratelimit", get_rate_limit, o);
    router.add("PUT", "/_emulator/ratelimit", put_rate_limit, o);
    router.add("DELETE", "/_emulator/ratelimit", delete_rate_limit, o);
    router.add("GET", "/_emulator/faults", get_faults, o);
    router.add("PUT", "/_emulator/faults", put_faults, o);
    router.add("DELETE", "/_emulator/faults", delete_faults, o);
    router.add("GET", "/_emulator/state/{table}", get_state, o);
    register_operator_routes(router);
}

} // namespace emu
