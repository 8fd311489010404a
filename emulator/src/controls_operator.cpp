// Operator actions: what the TechPass team does in its own console (approve
// or reject a tenant request) and what people do outside the API (a vendor
// completing registration, a user signing in, approving a device code).

#include "controls.hpp"
#include "emulator.hpp"
#include "identity.hpp"
#include "resources/users.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

namespace emu {

namespace {

using nlohmann::json;
using Kind = ControlField::Kind;

std::string string_field(const json& body, const char* name) {
    const auto it = body.is_object() ? body.find(name) : body.end();
    return body.is_object() && it != body.end() && it->is_string() ? it->get<std::string>()
                                                                   : std::string();
}

bool bool_field(const json& body, const char* name, bool fallback) {
    if (!body.is_object() || !body.contains(name)) {
        return fallback;
    }
    return body.at(name).get<bool>();
}

struct TenantRequest {
    std::string id, ns, service_name, description, contact_email, status;
    std::optional<std::string> requested_by_user;
};

TenantRequest load_tenant_request(Emulator& emulator, const std::string& id) {
    auto stmt = emulator.db().prepare(
        "SELECT id, namespace, service_name, description, contact_email, status, "
        "requested_by_user FROM tenant_requests WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("tenant request '{}' not found", id));
    }
    TenantRequest r{stmt.text(0), stmt.text(1), stmt.text(2),    stmt.text(3),
                    stmt.text(4), stmt.text(5), stmt.opt_text(6)};
    if (r.status != "pending") {
        throw ApiError(409, fmt::format("tenant request '{}' is already {}", id, r.status));
    }
    return r;
}

Response approve_tenant_request(Emulator& emulator, Request& request) {
    check_control_body(request.body, {});
    const TenantRequest r = load_tenant_request(emulator, request.param("requestId"));
    Db& db = emulator.db();
    {
        auto exists = db.prepare("SELECT 1 FROM namespaces WHERE code = ?");
        exists.bind(1, r.ns);
        if (exists.step()) {
            throw ApiError(409, fmt::format("namespace {} already exists", r.ns));
        }
    }
    std::string admin = r.requested_by_user.value_or("");
    if (admin.empty()) {
        admin = find_user_id(emulator, r.contact_email);
    }
    if (admin.empty()) {
        throw ApiError(409, fmt::format("the requester ({}) has no TechPass account to make the "
                                        "first admin of {}",
                                        r.contact_email, r.ns));
    }
    const std::int64_t now = emulator.now_unix();
    db.run("INSERT INTO namespaces(code, display_name, description, directory_id, created_at) "
           "VALUES (?, ?, ?, ?, ?)",
           r.ns, r.service_name, r.description, emulator.options().directory_id, now);
    db.run("INSERT INTO namespace_admins(namespace, user_id, added_at) VALUES (?, ?, ?)", r.ns,
           admin, now);
    db.run("UPDATE tenant_requests SET status = 'approved', decided_at = ? WHERE id = ?", now,
           r.id);
    emulator.send_mail(r.contact_email, "tenant-request-approved",
                       fmt::format("Your TechPass tenant {} is ready", r.ns),
                       fmt::format("The TechPass team approved your request for {} ({}). The "
                                   "namespace {} exists and you are its first tenant admin.",
                                   r.service_name, r.id, r.ns));
    return ok({{"requestId", r.id}, {"status", "approved"}, {"namespace", r.ns}, {"admin", admin}});
}

Response reject_tenant_request(Emulator& emulator, Request& request) {
    check_control_body(request.body, {{"reason", Kind::String, false}});
    const TenantRequest r = load_tenant_request(emulator, request.param("requestId"));
    const std::string reason = string_field(request.body, "reason");
    emulator.db().run("UPDATE tenant_requests SET status = 'rejected', decided_at = ? WHERE id = ?",
                      emulator.now_unix(), r.id);
    emulator.send_mail(r.contact_email, "tenant-request-rejected",
                       fmt::format("Your TechPass tenant request for {} was declined", r.ns),
                       fmt::format("The TechPass team declined your request {} for {}.{}", r.id,
                                   r.service_name, reason.empty() ? "" : " Reason: " + reason));
    return ok({{"requestId", r.id}, {"status", "rejected"}, {"namespace", r.ns}});
}

struct Invitation {
    std::string id, email, first_name, last_name, mobile, company, department, agency, account_type,
        invited_by, ns;
    bool seed = false;
    std::int64_t expires_at = 0;
};

Invitation pending_invitation(Emulator& emulator, const json& body) {
    const std::string id = string_field(body, "invitationId");
    const std::string email = string_field(body, "email");
    if (id.empty() && email.empty()) {
        throw ApiError(400, "give 'invitationId' or 'email'");
    }
    auto stmt = emulator.db().prepare(
        "SELECT id, email, first_name, last_name, mobile, company, department, "
        "sponsoring_agency, account_type, invited_by, coalesce(namespace, ''), seed, expires_at, "
        "status FROM invitations WHERE (id = ? OR (? = '' AND email = ? COLLATE NOCASE)) "
        "ORDER BY created_at DESC, rowid DESC LIMIT 1");
    stmt.bind_all(id, id, email);
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("no invitation for {}", id.empty() ? email : id));
    }
    Invitation inv{stmt.text(0),  stmt.text(1),     stmt.text(2),    stmt.text(3), stmt.text(4),
                   stmt.text(5),  stmt.text(6),     stmt.text(7),    stmt.text(8), stmt.text(9),
                   stmt.text(10), stmt.boolean(11), stmt.integer(12)};
    const std::string status = stmt.text(13);
    if (status != "pending") {
        throw ApiError(409, fmt::format("invitation {} is {}", inv.id, status));
    }
    if (inv.expires_at <= emulator.now_unix()) {
        throw ApiError(409, fmt::format("invitation {} expired on {}", inv.id,
                                        format_rfc3339(inv.expires_at)));
    }
    return inv;
}

// The inviter's address: a person's email, or the admins of an app's namespace.
std::vector<std::string> inviter_addresses(Emulator& emulator, const Invitation& inv) {
    std::vector<std::string> to;
    auto person = emulator.db().prepare("SELECT email FROM users WHERE id = ?");
    person.bind(1, inv.invited_by);
    if (person.step()) {
        to.push_back(person.text(0));
        return to;
    }
    auto admins = emulator.db().prepare(
        "SELECT u.email FROM namespace_admins a JOIN users u ON u.id = a.user_id "
        "WHERE a.namespace = ? ORDER BY u.email");
    admins.bind(1, inv.ns);
    while (admins.step()) {
        to.push_back(admins.text(0));
    }
    return to;
}

Response complete_registration(Emulator& emulator, Request& request) {
    check_control_body(request.body, {{"invitationId", Kind::String, false},
                                      {"email", Kind::String, false},
                                      {"username", Kind::String, true},
                                      {"password", Kind::String, true}});
    const Invitation inv = pending_invitation(emulator, request.body);
    const std::string username(
        techpass::util::trim(request.body.at("username").get<std::string>()));
    const std::string password = request.body.at("password").get<std::string>();
    if (password.size() < 8) {
        throw ApiError(400, "field 'password' must have at least 8 characters");
    }
    Db& db = emulator.db();
    if (!find_user_id(emulator, username).empty()) {
        throw ApiError(409, fmt::format("username '{}' is taken", username));
    }
    if (auto conflict = resources::account_conflict(db, inv.email, inv.mobile)) {
        throw ApiError(409, *conflict);
    }
    resources::purge_deleted_accounts(db, inv.email, inv.mobile);
    const std::string id = techpass::util::uuid_v4();
    const std::int64_t now = emulator.now_unix();
    const std::string type = inv.account_type.rfind("account:", 0) == 0
                                 ? inv.account_type
                                 : "account:" + inv.account_type;
    // sponsored_by names a person; an app's invitations have none.
    const bool inviter_is_person = !find_user_id(emulator, inv.invited_by).empty();
    db.run("INSERT INTO users(id, email, username, mobile, first_name, last_name, display_name, "
           "account_type, status, company, department, agency, seed_status, sponsor, "
           "sponsored_by, password_hash, created_at, status_changed_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           id, inv.email, username, inv.mobile, inv.first_name, inv.last_name,
           inv.first_name + " " + inv.last_name, type, inv.company, inv.department, inv.agency,
           std::string(inv.seed ? "license_assigned" : "not_required"), inv.ns,
           inviter_is_person ? inv.invited_by : std::string(), secret_hash(password), now, now);
    db.run("UPDATE invitations SET status = 'registered', registered_at = ?, user_id = ?, "
           "notified = 1 WHERE id = ?",
           now, id, inv.id);
    for (const auto& to : inviter_addresses(emulator, inv)) {
        emulator.send_mail(to, "invitation-registered",
                           fmt::format("{} registered for TechPass", inv.email),
                           fmt::format("{} {} ({}) accepted your invitation and registered as "
                                       "{}. The account is pending until their first sign-in.",
                                       inv.first_name, inv.last_name, inv.email, username));
    }
    if (inv.seed) {
        resources::send_seed_mail(emulator, inv.email);
    }
    resources::emit_user_event(emulator, id, "user-registered");
    Response response = ok(resources::load_user(db, id));
    response.status = 201;
    return response;
}

Response sign_in(Emulator& emulator, Request& request) {
    check_control_body(request.body,
                       {{"user", Kind::String, true}, {"interactive", Kind::Boolean, false}});
    const std::string user = request.body.at("user").get<std::string>();
    const std::string id = find_user_id(emulator, user);
    if (id.empty()) {
        throw ApiError(404, fmt::format("no user '{}'", user));
    }
    emulator.record_sign_in(id, bool_field(request.body, "interactive", true));
    resources::UserDetail detail;
    detail.sign_in = true;
    return ok(resources::load_user(emulator.db(), id, detail));
}

Response decide_device(Emulator& emulator, Request& request) {
    check_control_body(request.body, {{"userCode", Kind::String, true},
                                      {"user", Kind::String, true},
                                      {"deny", Kind::Boolean, false}});
    const bool approve = !bool_field(request.body, "deny", false);
    decide_device_code(emulator, request.body.at("userCode").get<std::string>(),
                       request.body.at("user").get<std::string>(), approve);
    return ok(
        {{"userCode", request.body.at("userCode")}, {"status", approve ? "approved" : "denied"}});
}

} // namespace

void register_operator_routes(Router& router) {
    const RouteOptions o = control_options();
    router.add("POST", "/_emulator/tenants/requests/{requestId}/approve", approve_tenant_request,
               o);
    router.add("POST", "/_emulator/tenants/requests/{requestId}/reject", reject_tenant_request, o);
    router.add("POST", "/_emulator/registrations", complete_registration, o);
    router.add("POST", "/_emulator/signins", sign_in, o);
    router.add("POST", "/_emulator/devicecodes/approve", decide_device, o);
}

} // namespace emu
