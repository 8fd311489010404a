// /iam/namespace/{namespace}/apps: the OIDC client applications of a
// namespace. Their credentials are in app_credentials.cpp, their
// assignments in assignments.cpp.

#include "resources/common.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

namespace emu::resources {

namespace {

constexpr std::string_view k_app_select =
    "SELECT rowid, app_id, name, homepage_url, logout_url, redirect_urls, sign_in_enabled, "
    "assignment_required, published, seed_required, consent_granted, owners, created_at FROM apps";
constexpr Order k_apps_by_name{"name", 2, false, false};

// AppCreate and AppUpdate share their fields; create requires some, update
// lets homepageUrl and logoutUrl be null (removed) and adds consentGranted.
Fields app_fields(bool create) {
    Fields fields = {
        {.name = "name", .required = create},
        {.name = "homepageUrl", .max = 2048, .format = Format::Url, .nullable = !create},
        {.name = "logoutUrl", .max = 2048, .format = Format::Url, .nullable = !create},
        {.name = "redirectUrls",
         .type = Type::StringArray,
         .required = create,
         .min = 1,
         .max = 100,
         .format = Format::Url,
         .unique_items = true},
        {.name = "signInEnabled", .type = Type::Boolean},
        {.name = "assignmentRequired", .type = Type::Boolean},
        {.name = "published", .type = Type::Boolean},
        {.name = "seedRequired", .type = Type::Boolean},
        {.name = "owners",
         .type = Type::StringArray,
         .min = create ? 0U : 1U,
         .max = 20,
         .unique_items = true}};
    if (!create) {
        fields.push_back({.name = "consentGranted", .type = Type::Boolean});
    }
    return fields;
}

// The display name policy (openapi.yaml AppCreate.name): 400 naming the rule broken.
void check_app_name(const std::string& name) {
    const auto rule = [&name](std::string_view what) {
        throw ApiError(
            400, fmt::format("field 'name': '{}' breaks the app naming policy: {}", name, what));
    };
    if (name.size() < 3 || name.size() > 64) {
        rule("a name is 3 to 64 characters long");
    }
    for (const char c : name) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && c != ' ' && c != '.' && c != '_' && c != '-') {
            rule("only letters, digits, spaces, '.', '_' and '-' are allowed");
        }
    }
    const char first = name.front();
    if (first == ' ' || first == '.' || first == '_' || first == '-') {
        rule("a name starts with a letter or digit");
    }
    if (name.back() == ' ') {
        rule("a name does not end with a space");
    }
}

// Names are unique among all TechPass apps (openapi.yaml App.name).
void check_app_name_free(Db& db, const std::string& name, const std::string& app_id) {
    auto stmt =
        db.prepare("SELECT namespace FROM apps WHERE name = ? COLLATE NOCASE AND app_id <> ?");
    stmt.bind_all(name, app_id);
    if (stmt.step()) {
        throw ApiError(409, fmt::format("an app named '{}' already exists", name));
    }
}

// The owners' ids: each must be an active public officer (422 otherwise). A
// person creating an app is always one of them.
json owner_ids(Db& db, const std::vector<std::string>& identifiers, const Caller* creator) {
    json ids = json::array();
    for (const auto& identifier : identifiers) {
        const auto user = find_user(db, identifier);
        if (!user) {
            throw ApiError(422, fmt::format("owner '{}' not found", identifier));
        }
        if (user->account_type != "account:public_officer" || user->status != "active") {
            throw ApiError(422, fmt::format("owner {} is not an active public officer ({}, {})",
                                            user->email, user->account_type, user->status));
        }
        if (std::find(ids.begin(), ids.end(), json(user->id)) == ids.end()) {
            ids.push_back(user->id);
        }
    }
    if (creator != nullptr && !creator->is_app() &&
        std::find(ids.begin(), ids.end(), json(creator->id)) == ids.end()) {
        ids.push_back(creator->id);
    }
    return ids;
}

json app_json(Db& db, const Stmt& row) {
    json owners = json::array();
    for (const auto& id : json::parse(row.text(11), nullptr, false)) {
        auto user = db.prepare("SELECT email, display_name FROM users WHERE id = ? AND "
                               "status <> 'deleted'");
        user.bind(1, id.is_string() ? id.get<std::string>() : std::string());
        if (user.step()) {
            owners.push_back({{"id", id}, {"email", user.text(0)}, {"displayName", user.text(1)}});
        }
    }
    return {{"appId", row.text(1)},
            {"name", row.text(2)},
            {"homepageUrl", text_or_null(row, 3)},
            {"logoutUrl", text_or_null(row, 4)},
            {"redirectUrls", json::parse(row.text(5), nullptr, false)},
            {"signInEnabled", row.boolean(6)},
            {"assignmentRequired", row.boolean(7)},
            {"published", row.boolean(8)},
            {"seedRequired", row.boolean(9)},
            {"consentGranted", row.boolean(10)},
            {"owners", std::move(owners)},
            {"createdAt", format_rfc3339(row.integer(12))}};
}

const Table k_apps{.name = "apps",
                   .select = k_app_select,
                   .key = "app_id",
                   .one = "app_id = ?",
                   .not_found = "app '{0}' not found",
                   .row = app_json,
                   .patch = {{"name", "name"},
                             {"homepageUrl", "homepage_url"},
                             {"logoutUrl", "logout_url"},
                             {"redirectUrls", "redirect_urls", Column::As::Json},
                             {"signInEnabled", "sign_in_enabled", Column::As::Bool},
                             {"assignmentRequired", "assignment_required", Column::As::Bool},
                             {"published", "published", Column::As::Bool},
                             {"seedRequired", "seed_required", Column::As::Bool},
                             {"consentGranted", "consent_granted", Column::As::Bool}}};

json load_app(Db& db, const std::string& app_id) {
    return load(db, k_apps, {app_id});
}

void check_seed_rule(bool seed_required, bool assignment_required) {
    if (seed_required && !assignment_required) {
        throw ApiError(400, "field 'seedRequired' needs assignmentRequired to be true");
    }
}

Response list_apps(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    const Page page = read_page(request);
    Db& db = emulator.db();
    return ok(list_page(db, page, Query(k_app_select).where("namespace = ?", {ns}), k_apps_by_name,
                        "apps", [&db](const Stmt& row) { return app_json(db, row); }));
}

Response create_app(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    check_body(request.body, app_fields(true));
    const json& body = request.body;
    const auto name = string_field(body, "name");
    check_app_name(name);
    const bool assignment = bool_field(body, "assignmentRequired", true);
    const bool seed = bool_field(body, "seedRequired", false);
    check_seed_rule(seed, assignment);
    Db& db = emulator.db();
    check_app_name_free(db, name, "");
    const json owners = owner_ids(db, strings_field(body, "owners"), request.caller);
    const std::string app_id = techpass::util::uuid_v4();
    db.run("INSERT INTO apps(app_id, namespace, name, homepage_url, logout_url, redirect_urls, "
           "sign_in_enabled, assignment_required, published, seed_required, consent_granted, "
           "owners, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
           app_id, ns, name, string_field(body, "homepageUrl"), string_field(body, "logoutUrl"),
           body.at("redirectUrls").dump(), bool_field(body, "signInEnabled", true), assignment,
           bool_field(body, "published", false), seed, owners.dump(), emulator.now_unix());
    return created(load_app(db, app_id));
}

Response get_app(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    require_app(emulator.db(), ns, request.param("appId"));
    return ok(load_app(emulator.db(), request.param("appId")));
}

Response update_app(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    const std::string& app_id = request.param("appId");
    Db& db = emulator.db();
    require_app(db, ns, app_id);
    check_patch(request.body, app_fields(false));
    const json& body = request.body;
    const json current = load_app(db, app_id);
    if (const auto name = optional_string(body, "name")) {
        check_app_name(*name);
        check_app_name_free(db, *name, app_id);
    }
    check_seed_rule(
        bool_field(body, "seedRequired", current.at("seedRequired").get<bool>()),
        bool_field(body, "assignmentRequired", current.at("assignmentRequired").get<bool>()));
    patch(db, k_apps, app_id, body);
    if (has_field(body, "owners")) {
        db.run("UPDATE apps SET owners = ? WHERE app_id = ?",
               owner_ids(db, strings_field(body, "owners"), nullptr).dump(), app_id);
    }
    return ok(load_app(db, app_id));
}

Response delete_app(Emulator& emulator, Request& request) {
    const std::string& ns = request.param("namespace");
    require_app(emulator.db(), ns, request.param("appId"));
    // Secrets, certificates, assignments and whitelists go with it (ON DELETE CASCADE).
    emulator.db().run("DELETE FROM apps WHERE app_id = ?", request.param("appId"));
    return no_content();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_app_routes(Router& router) {
    using namespace resources;
    router.add("GET", "/iam/namespace/{namespace}/apps", list_apps, {.namespace_admin = true});
    router.add("POST", "/iam/namespace/{namespace}/apps", create_app,
               {.creation = true, .namespace_admin = true});
    router.add("GET", "/iam/namespace/{namespace}/apps/{appId}", get_app,
               {.namespace_admin = true});
    router.add("PATCH", "/iam/namespace/{namespace}/apps/{appId}", update_app,
               {.namespace_admin = true});
    router.add("DELETE", "/iam/namespace/{namespace}/apps/{appId}", delete_app,
               {.namespace_admin = true});
    register_app_credential_routes(router);
    register_assignment_routes(router);
}

} // namespace emu
