// Who may do what (openapi.yaml "Authorisation") and the lookups
// that answer 404 naming what is missing.

#include "resources/common.hpp"

#include <fmt/format.h>

namespace emu::resources {

namespace {

// What an automation app may do when its registration names no roles (other
// apps get no role then): what every automation app may do (administer its
// namespace, register and invite users), but not Tenants.Request, which is
// for people only.
bool default_app_role(Role role) {
    return role != Role::TenantsRequest;
}

bool is_admin_row(Db& db, std::string_view ns, std::string_view user_id) {
    auto stmt = db.prepare("SELECT 1 FROM namespace_admins WHERE namespace = ? AND user_id = ?");
    stmt.bind_all(std::string(ns), std::string(user_id));
    return stmt.step();
}

} // namespace

std::string_view role_name(Role role) {
    switch (role) {
    case Role::UsersRead:
        return "Users.Read";
    case Role::UsersOnboard:
        return "Users.Onboard";
    case Role::TenantsRequest:
        return "Tenants.Request";
    case Role::NamespaceAdmin:
        return "Namespace.Admin";
    }
    return "?";
}

std::string describe(const Caller& caller) {
    if (caller.is_app()) {
        return fmt::format("app '{}' ({})", caller.name, caller.id);
    }
    return fmt::format("user '{}'", caller.name.empty() ? caller.id : caller.name);
}

void forbid(const Caller& caller, std::string_view right, std::string_view ns,
            std::string_view who_has_it) {
    std::string message = fmt::format("{} lacks the right '{}'", describe(caller), right);
    if (!ns.empty()) {
        message += fmt::format(" on namespace {}", ns);
    }
    if (!who_has_it.empty()) {
        message += fmt::format(": {}", who_has_it);
    }
    throw ApiError(403, message);
}

bool has_role(Emulator& emulator, const Caller& caller, Role role) {
    if (!caller.is_app()) {
        // People act with their own rights: active public officers onboard,
        // read and ask for tenants; Namespace.Admin is checked per namespace.
        return caller.is_active_officer();
    }
    if (role == Role::TenantsRequest) {
        return false;
    }
    auto stmt = emulator.db().prepare("SELECT roles, automation FROM apps WHERE app_id = ?");
    stmt.bind(1, caller.id);
    if (!stmt.step()) {
        return false;
    }
    const json roles = json::parse(stmt.text(0), nullptr, false);
    if (!roles.is_array() || roles.empty()) {
        return stmt.boolean(1) && default_app_role(role);
    }
    const auto name = role_name(role);
    return std::any_of(roles.begin(), roles.end(), [&name](const json& r) {
        return r.is_string() && r.get_ref<const std::string&>() == name;
    });
}

void require_role(Emulator& emulator, const Request& request, Role role) {
    if (has_role(emulator, request.who(), role)) {
        return;
    }
    const bool people_only = role == Role::TenantsRequest;
    forbid(request.who(), role_name(role), {},
           people_only ? "only active public officers have it"
                       : "only active public officers and automation apps granted it have it");
}

bool administers(Emulator& emulator, const Caller& caller, std::string_view ns) {
    if (caller.is_app()) {
        return caller.home_namespace == ns && has_role(emulator, caller, Role::NamespaceAdmin);
    }
    // Read from the database rather than the token so that adding or removing
    // an admin takes effect on the next request.
    return caller.status == "active" && is_admin_row(emulator.db(), ns, caller.id);
}

void require_admin(Emulator& emulator, const Request& request, std::string_view ns) {
    require_namespace(emulator.db(), ns);
    if (!administers(emulator, request.who(), ns)) {
        forbid(request.who(), "Namespace.Admin", ns,
               "only the namespace's tenant admins and its own automation apps have it");
    }
}

bool is_any_admin(Emulator& emulator, const Caller& caller) {
    if (caller.is_app()) {
        return has_role(emulator, caller, Role::NamespaceAdmin);
    }
    auto stmt = emulator.db().prepare("SELECT 1 FROM namespace_admins WHERE user_id = ?");
    stmt.bind(1, caller.id);
    return caller.status == "active" && stmt.step();
}

Actor actor_of(const Caller& caller) {
    if (caller.is_app()) {
        return Actor{"namespace", caller.home_namespace};
    }
    return Actor{"user", caller.id};
}

json actor_json(Db& db, std::string_view type, std::string_view id) {
    if (type.empty() || id.empty()) {
        return nullptr;
    }
    auto stmt =
        db.prepare(type == "namespace" ? "SELECT display_name FROM namespaces WHERE code = ?"
                                       : "SELECT email FROM users WHERE id = ?");
    stmt.bind(1, id);
    return {{"type", type}, {"id", id}, {"name", stmt.step() ? stmt.text(0) : std::string(id)}};
}

std::optional<UserRef> find_user(Db& db, std::string_view identifier) {
    // Deleted accounts answer 404 everywhere (openapi.yaml UserStatus).
    auto stmt =
        db.prepare("SELECT id, email, account_type, status, sponsor, sponsored_by FROM users "
                   "WHERE status <> 'deleted' AND (id = ?1 OR email = ?1 OR username = ?1) "
                   "ORDER BY id = ?1 DESC LIMIT 1");
    stmt.bind(1, identifier);
    if (!stmt.step()) {
        return std::nullopt;
    }
    std::string type = stmt.text(2);
    if (type.rfind("account:", 0) != 0) {
        type = "account:" + type;
    }
    return UserRef{stmt.text(0), stmt.text(1), type, stmt.text(3), stmt.text(4), stmt.text(5)};
}

UserRef require_user(Db& db, std::string_view identifier) {
    auto user = find_user(db, identifier);
    if (!user) {
        throw ApiError(404, fmt::format("user '{}' not found", identifier));
    }
    return *user;
}

bool sponsors(Emulator& emulator, const Caller& caller, const UserRef& user) {
    if (!user.sponsor.empty() && administers(emulator, caller, user.sponsor)) {
        return true;
    }
    return !caller.is_app() && !user.sponsored_by.empty() && user.sponsored_by == caller.id;
}

void require_namespace(Db& db, std::string_view ns) {
    auto stmt = db.prepare("SELECT 1 FROM namespaces WHERE code = ?");
    stmt.bind(1, ns);
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("namespace {} not found", ns));
    }
}

void require_app(Db& db, std::string_view ns, std::string_view app_id) {
    auto stmt = db.prepare("SELECT 1 FROM apps WHERE app_id = ? AND namespace = ?");
    stmt.bind_all(std::string(app_id), std::string(ns));
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("app '{}' not found in namespace {}", app_id, ns));
    }
}

std::optional<GroupRef> find_group(Db& db, std::string_view ns, std::string_view identifier) {
    auto stmt = db.prepare("SELECT id, name, dynamic FROM groups "
                           "WHERE namespace = ?1 AND (id = ?2 OR name = ?2)");
    stmt.bind_all(std::string(ns), std::string(identifier));
    if (!stmt.step()) {
        return std::nullopt;
    }
    return GroupRef{stmt.text(0), stmt.text(1), stmt.boolean(2)};
}

GroupRef require_group(Db& db, std::string_view ns, std::string_view identifier) {
    auto group = find_group(db, ns, identifier);
    if (!group) {
        throw ApiError(404, fmt::format("group '{}' not found in namespace {}", identifier, ns));
    }
    return *group;
}

Principal resolve_principal(Db& db, std::string_view ns, std::string_view type,
                            std::string_view identifier) {
    if (type == "user") {
        const auto user = find_user(db, identifier);
        if (!user) {
            throw ApiError(422, fmt::format("user '{}' not found", identifier));
        }
        return Principal{"user", user->id, user->email};
    }
    const auto group = find_group(db, ns, identifier);
    if (!group) {
        throw ApiError(422, fmt::format("group '{}' not found in namespace {}", identifier, ns));
    }
    return Principal{"group", group->id, group->name};
}

} // namespace emu::resources
