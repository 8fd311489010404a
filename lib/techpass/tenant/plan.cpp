#include "techpass/tenant/plan.hpp"

#include "techpass/api/certificates.hpp"
#include "techpass/error.hpp"
#include "techpass/output/resource.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace techpass::tenant {

namespace {

using api::Json;
using output::field_text;

std::string lower(std::string_view text) {
    return util::to_lower(text);
}

// A JSON string, or null when text is empty.
Json text_or_null(const std::string& text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

// The key of a creation: the same namespace, object and body give the same
// key, so a re-run (or a retry) is replayed by the portal, not done twice.
std::string derived_key(const std::string& namespace_code, const Change& change, const Json& body) {
    return apply_key(fmt::format("{}\n{}\n{}\n{}\n{}\n{}", namespace_code, change.type,
                                 change.parent_type, change.parent_name, change.name, body.dump()));
}

// The sorted, lower-cased set of strings of a JSON array's field (or of the
// strings themselves when field is empty).
std::set<std::string> lowered(const Json& items, std::string_view field = {}) {
    std::set<std::string> values;
    if (!items.is_array()) {
        return values;
    }
    for (const Json& item : items) {
        if (field.empty()) {
            if (item.is_string()) {
                values.insert(lower(item.get<std::string>()));
            }
        } else {
            values.insert(lower(field_text(item, field)));
        }
    }
    return values;
}

std::set<std::string> lowered(const std::vector<std::string>& items) {
    std::set<std::string> values;
    for (const std::string& item : items) {
        values.insert(lower(item));
    }
    return values;
}

Json sorted_array(const std::set<std::string>& values) {
    return Json(values);
}

// Builds the changes in apply order: each step appends to its own list, and
// the lists are joined at the end (deletions reversed).
class Planner {
public:
    Planner(const TenantFile& file, const std::vector<FileCertificate>& certificates,
            const LiveState& live, const PlanOptions& options)
        : m_file(file), m_certificates(certificates), m_live(live), m_options(options) {}

    Plan make() {
        Plan plan;
        plan.namespace_code = m_file.namespace_code;
        namespace_settings();
        admins();
        groups();
        apps();
        apikeys();
        webhooks();
        whitelists();
        for (auto& step : m_steps) {
            for (Change& change : step) {
                plan.changes.push_back(std::move(change));
            }
        }
        for (auto step = m_deletions.rbegin(); step != m_deletions.rend(); ++step) {
            for (Change& change : *step) {
                plan.changes.push_back(std::move(change));
            }
        }
        for (Change& change : plan.changes) {
            if (change.action == Action::Create) {
                change.idempotency_key =
                    derived_key(plan.namespace_code, change, change.detail.value("body", Json()));
            }
        }
        plan.notes = std::move(m_notes);
        return plan;
    }

private:
    enum Step {
        NamespaceStep,
        AdminStep,
        GroupStep,
        MemberStep,
        AppStep,
        CertificateStep,
        SecretStep,
        AssignmentStep,
        ApiKeyStep,
        WebhookStep,
        WhitelistStep,
        StepCount
    };

    Change& add(Step step, Action action, std::string type, std::string name,
                std::string parent_type = {}, std::string parent_name = {}) {
        auto& list = action == Action::Delete ? m_deletions[step] : m_steps[step];
        Change change;
        change.action = action;
        change.type = std::move(type);
        change.name = std::move(name);
        change.parent_type = std::move(parent_type);
        change.parent_name = std::move(parent_name);
        list.push_back(std::move(change));
        return list.back();
    }

    // Fields are named as the tenant file names them, where a reviewer
    // would change them.
    static void field(Change& change, const std::string& name, Json before, Json after) {
        static const std::map<std::string, std::string> file_keys{
            {"redirectUrls", "redirect_urls"},
            {"homepageUrl", "homepage_url"},
            {"logoutUrl", "logout_url"},
            {"signInEnabled", "sign_in_enabled"},
            {"assignmentRequired", "assignment_required"},
            {"seedRequired", "seed_required"},
            {"consentGranted", "consent_granted"},
            {"expiresAt", "expires_at"}};
        const auto key = file_keys.find(name);
        change.fields.push_back(
            {key == file_keys.end() ? name : key->second, std::move(before), std::move(after)});
    }

    void namespace_settings() {
        Change change;
        Json body = Json::object();
        const auto compare = [&](const std::optional<std::string>& wanted, const char* key,
                                 const char* api_key) {
            if (!wanted) {
                return;
            }
            const Json current = output::field_value(m_live.ns, api_key);
            const std::string now = current.is_string() ? current.get<std::string>() : "";
            if (now != *wanted) {
                field(change, key, current, *wanted);
                body[api_key] = *wanted;
            }
        };
        compare(m_file.display_name, "display_name", "displayName");
        compare(m_file.description, "description", "description");
        if (!change.fields.empty()) {
            Change& added = add(NamespaceStep, Action::Update, "namespace", m_file.namespace_code);
            added.fields = std::move(change.fields);
            added.detail["body"] = std::move(body);
        }
    }

    void admins() {
        const Json& live = output::field_value(m_live.ns, "admins");
        // A name the file repeats is planned once (insert answers false).
        std::set<std::string> current = lowered(live, "email");
        for (const std::string& email : m_file.admins) {
            if (current.insert(lower(email)).second) {
                Change& change = add(AdminStep, Action::Create, "admin", email);
                change.detail["body"] = Json{{"user", email}};
            }
        }
        if (!m_options.prune || !live.is_array()) {
            return;
        }
        if (m_file.admins.empty()) {
            m_notes.push_back("admins: the file names none, so none are removed (a namespace "
                              "keeps at least one)");
            return;
        }
        const std::set<std::string> wanted = lowered(m_file.admins);
        for (const Json& admin : live) {
            const std::string email = field_text(admin, "email");
            if (wanted.count(lower(email)) == 0) {
                Change& change = add(AdminStep, Action::Delete, "admin", email);
                change.detail["id"] = field_text(admin, "id");
            }
        }
    }

    void groups() {
        std::set<std::string> declared;
        for (const GroupDecl& group : m_file.groups) {
            declared.insert(group.name);
            const Json* live = m_live.find_group(group.name);
            if (live == nullptr) {
                Change& change = add(GroupStep, Action::Create, "group", group.name);
                if (!group.description.empty()) {
                    field(change, "description", nullptr, group.description);
                }
                change.detail["body"] =
                    Json{{"name", group.name}, {"description", group.description}};
            } else if (field_text(*live, "description") != group.description) {
                Change& change = add(GroupStep, Action::Update, "group", group.name);
                field(change, "description", output::field_value(*live, "description"),
                      group.description);
                change.detail["body"] = Json{{"description", group.description}};
            }
            members(group, live);
        }
        if (!m_options.prune) {
            return;
        }
        for (const Json& live : m_live.groups) {
            const std::string name = field_text(live, "name");
            if (declared.count(name) == 0) {
                Change& change = add(GroupStep, Action::Delete, "group", name);
                change.detail["id"] = field_text(live, "id");
            }
        }
    }

    void members(const GroupDecl& group, const Json* live) {
        std::set<std::string> users;
        std::set<std::string> nested;
        if (live != nullptr) {
            for (const Json& member : output::field_value(*live, "members")) {
                if (field_text(member, "type") == "group") {
                    nested.insert(field_text(member, "name"));
                } else {
                    users.insert(lower(field_text(member, "email")));
                }
            }
        }
        for (const std::string& email : group.members) {
            if (users.insert(lower(email)).second) {
                Change& change =
                    add(MemberStep, Action::Create, "member", "user " + email, "group", group.name);
                change.detail["body"] = Json{{"type", "user"}, {"id", email}};
            }
        }
        for (const std::string& name : group.groups) {
            if (nested.insert(name).second) {
                Change& change =
                    add(MemberStep, Action::Create, "member", "group " + name, "group", group.name);
                change.detail["body"] = Json{{"type", "group"}, {"id", name}};
            }
        }
        if (!m_options.prune || live == nullptr) {
            return;
        }
        const std::set<std::string> wanted_users = lowered(group.members);
        const std::set<std::string> wanted_groups(group.groups.begin(), group.groups.end());
        for (const Json& member : output::field_value(*live, "members")) {
            const bool is_group = field_text(member, "type") == "group";
            const std::string name =
                is_group ? field_text(member, "name") : field_text(member, "email");
            if (is_group ? wanted_groups.count(name) > 0 : wanted_users.count(lower(name)) > 0) {
                continue;
            }
            Change& change = add(MemberStep, Action::Delete, "member",
                                 (is_group ? "group " : "user ") + name, "group", group.name);
            change.detail["id"] = field_text(member, "id");
        }
    }

    void apps() {
        std::set<std::string> declared;
        for (const AppDecl& app : m_file.apps) {
            declared.insert(app.name);
            const LiveApp* live = m_live.find_app(app.name);
            if (live == nullptr) {
                create_app(app);
            } else {
                update_app(app, live->app);
            }
            app_certificates(app, live);
            app_secrets(app, live);
            app_assignments(app, live);
        }
        if (!m_options.prune) {
            return;
        }
        for (const LiveApp& live : m_live.apps) {
            const std::string name = field_text(live.app, "name");
            if (declared.count(name) > 0) {
                continue;
            }
            if (!m_options.own_client_id.empty() &&
                field_text(live.app, "appId") == m_options.own_client_id) {
                m_notes.push_back(fmt::format(
                    "app {} is not in the file but is the app this run signs in as: kept", name));
            } else {
                Change& change = add(AppStep, Action::Delete, "app", name);
                change.detail["id"] = field_text(live.app, "appId");
            }
        }
    }

    static std::vector<std::string> unique(const std::vector<std::string>& values) {
        std::vector<std::string> kept;
        for (const std::string& value : values) {
            if (std::find(kept.begin(), kept.end(), value) == kept.end()) {
                kept.push_back(value);
            }
        }
        return kept;
    }

    void create_app(const AppDecl& app) {
        Change& change = add(AppStep, Action::Create, "app", app.name);
        api::apps::AppSpec spec;
        spec.name = app.name;
        spec.redirect_urls = app.redirect_urls;
        // "" removes a URL from an app; a new app simply has none.
        const auto given = [](const std::optional<std::string>& url) {
            return url && !url->empty() ? url : std::nullopt;
        };
        spec.homepage_url = given(app.homepage_url);
        spec.logout_url = given(app.logout_url);
        spec.settings = app.settings;
        spec.owners = app.owners;
        Json body = spec.body();
        for (const auto& [key, value] : body.items()) {
            if (key != "name") {
                field(change, key, nullptr, value);
            }
        }
        change.detail["body"] = std::move(body);
        if (app.consent_granted) {
            // Not part of a creation (docs/api: AppCreate): apply grants it
            // with an update right after.
            field(change, "consentGranted", nullptr, *app.consent_granted);
            change.detail["then"] = Json{{"consentGranted", *app.consent_granted}};
        }
    }

    void update_app(const AppDecl& app, const Json& live) {
        Json body = Json::object();
        Change change;
        const std::vector<std::string> urls = unique(app.redirect_urls);
        const Json& current_urls = output::field_value(live, "redirectUrls");
        if (lowered(current_urls) != lowered(urls)) {
            field(change, "redirectUrls", current_urls, urls);
            body["redirectUrls"] = urls;
        }
        const auto url = [&](const std::optional<std::string>& wanted, const char* key) {
            if (!wanted) {
                return;
            }
            const Json current = output::field_value(live, key);
            const Json after = text_or_null(*wanted);
            if (current != after) {
                field(change, key, current, after);
                body[key] = after;
            }
        };
        url(app.homepage_url, "homepageUrl");
        url(app.logout_url, "logoutUrl");
        const auto flag = [&](const std::optional<bool>& wanted, const char* key) {
            if (!wanted) {
                return;
            }
            const Json current = output::field_value(live, key);
            if (current != Json(*wanted)) {
                field(change, key, current, *wanted);
                body[key] = *wanted;
            }
        };
        flag(app.settings.sign_in_enabled, "signInEnabled");
        flag(app.settings.assignment_required, "assignmentRequired");
        flag(app.settings.published, "published");
        flag(app.settings.seed_required, "seedRequired");
        flag(app.consent_granted, "consentGranted");
        if (!app.owners.empty()) {
            const Json& owners = output::field_value(live, "owners");
            const std::set<std::string> current = lowered(owners, "email");
            if (current != lowered(app.owners)) {
                field(change, "owners", sorted_array(current), sorted_array(lowered(app.owners)));
                body["owners"] = app.owners;
            }
        }
        if (change.fields.empty()) {
            return;
        }
        Change& added = add(AppStep, Action::Update, "app", app.name);
        added.fields = std::move(change.fields);
        added.detail["id"] = field_text(live, "appId");
        added.detail["body"] = std::move(body);
    }

    const FileCertificate* certificate(const std::string& path) const {
        for (const FileCertificate& certificate : m_certificates) {
            if (certificate.path == path) {
                return &certificate;
            }
        }
        return nullptr;
    }

    // The live app's id for nested changes; empty for an app apply creates.
    static void parent_app(Change& change, const LiveApp* live) {
        change.detail["appId"] = live != nullptr ? field_text(live->app, "appId") : std::string();
    }

    // The app this run signs in as keeps its credentials whatever the file
    // says: pruning them would lock the run out halfway (said in a note).
    bool own_credentials(const AppDecl& app, const LiveApp& live, std::string_view what) {
        if (m_options.own_client_id.empty() ||
            field_text(live.app, "appId") != m_options.own_client_id) {
            return false;
        }
        m_notes.push_back(fmt::format(
            "app {} is the app this run signs in as: its {} are not pruned", app.name, what));
        return true;
    }

    void app_certificates(const AppDecl& app, const LiveApp* live) {
        std::set<std::string> current =
            live != nullptr ? lowered(live->certificates, "thumbprint") : std::set<std::string>();
        std::set<std::string> wanted;
        for (const std::string& path : app.certificates) {
            const FileCertificate* file = certificate(path);
            if (file == nullptr) {
                continue;
            }
            wanted.insert(lower(file->thumbprint));
            if (!current.insert(lower(file->thumbprint)).second) {
                continue;
            }
            Change& change = add(CertificateStep, Action::Create, "certificate", file->thumbprint,
                                 "app", app.name);
            field(change, "file", nullptr, path);
            field(change, "subject", nullptr, file->subject);
            parent_app(change, live);
            change.detail["body"] =
                Json{{"certificate", file->pem},
                     {"description", std::filesystem::path(path).filename().string()}};
        }
        if (!m_options.prune || live == nullptr || own_credentials(app, *live, "certificates")) {
            return;
        }
        for (const Json& existing : live->certificates) {
            const std::string thumbprint = field_text(existing, "thumbprint");
            if (wanted.count(lower(thumbprint)) == 0) {
                Change& change = add(CertificateStep, Action::Delete, "certificate", thumbprint,
                                     "app", app.name);
                field(change, "subject", output::field_value(existing, "subject"), nullptr);
                parent_app(change, live);
            }
        }
    }

    void app_secrets(const AppDecl& app, const LiveApp* live) {
        std::set<std::string> current =
            live != nullptr ? lowered(live->secrets, "description") : std::set<std::string>();
        for (const std::string& description : app.secrets) {
            if (!current.insert(lower(description)).second) {
                continue;
            }
            Change& change =
                add(SecretStep, Action::Create, "secret", description, "app", app.name);
            change.makes_secret = true;
            parent_app(change, live);
            change.detail["body"] = Json{{"description", description}};
        }
        if (!m_options.prune || live == nullptr || own_credentials(app, *live, "secrets")) {
            return;
        }
        const std::set<std::string> wanted = lowered(app.secrets);
        for (const Json& existing : live->secrets) {
            const std::string description = field_text(existing, "description");
            if (wanted.count(lower(description)) == 0) {
                Change& change =
                    add(SecretStep, Action::Delete, "secret", description, "app", app.name);
                parent_app(change, live);
                change.detail["id"] = field_text(existing, "id");
            }
        }
    }

    void app_assignments(const AppDecl& app, const LiveApp* live) {
        std::set<std::string> users;
        std::set<std::string> groups;
        if (live != nullptr) {
            for (const Json& assignment : live->assignments) {
                (field_text(assignment, "principalType") == "group" ? groups : users)
                    .insert(lower(field_text(assignment, "principalName")));
            }
        }
        const auto assign = [&](const std::string& type, const std::string& name) {
            Change& change = add(AssignmentStep, Action::Create, "assignment", type + " " + name,
                                 "app", app.name);
            parent_app(change, live);
            change.detail["body"] = Json{{"principalType", type}, {"principalId", name}};
        };
        for (const std::string& email : app.assigned_users) {
            if (users.insert(lower(email)).second) {
                assign("user", email);
            }
        }
        for (const std::string& group : app.assigned_groups) {
            if (groups.insert(lower(group)).second) {
                assign("group", group);
            }
        }
        if (!m_options.prune || live == nullptr) {
            return;
        }
        const std::set<std::string> wanted_users = lowered(app.assigned_users);
        const std::set<std::string> wanted_groups = lowered(app.assigned_groups);
        for (const Json& assignment : live->assignments) {
            const std::string type = field_text(assignment, "principalType");
            const std::string name = field_text(assignment, "principalName");
            const auto& wanted = type == "group" ? wanted_groups : wanted_users;
            if (wanted.count(lower(name)) == 0) {
                Change& change = add(AssignmentStep, Action::Delete, "assignment",
                                     type + " " + name, "app", app.name);
                parent_app(change, live);
                change.detail["id"] = field_text(assignment, "id");
            }
        }
    }

    void apikeys() {
        const std::set<std::string> current = lowered(m_live.apikeys, "name");
        for (const ApiKeyDecl& key : m_file.apikeys) {
            if (current.count(lower(key.name)) == 0) {
                Change& change = add(ApiKeyStep, Action::Create, "apikey", key.name);
                change.makes_secret = true;
                change.detail["body"] = Json{{"name", key.name}};
            }
        }
        if (!m_options.prune) {
            return;
        }
        std::set<std::string> wanted;
        for (const ApiKeyDecl& key : m_file.apikeys) {
            wanted.insert(lower(key.name));
        }
        for (const Json& key : m_live.apikeys) {
            const std::string name = field_text(key, "name");
            if (wanted.count(lower(name)) > 0) {
                continue;
            }
            const std::string prefix = field_text(key, "prefix");
            if (!m_options.own_key_prefix.empty() && !prefix.empty() &&
                m_options.own_key_prefix.rfind(prefix, 0) == 0) {
                m_notes.push_back(fmt::format(
                    "API key {} is not in the file but is the key this run uses: kept", name));
                continue;
            }
            Change& change = add(ApiKeyStep, Action::Delete, "apikey", name);
            change.detail["id"] = field_text(key, "id");
        }
    }

    static Json webhook_body(const WebhookDecl& hook) {
        Json body{{"url", hook.url}, {"events", hook.events}};
        if (!hook.headers.empty()) {
            body["headers"] = hook.headers;
        }
        if (!hook.description.empty()) {
            body["description"] = hook.description;
        }
        return body;
    }

    void webhooks() {
        std::set<std::string> declared;
        for (const WebhookDecl& hook : m_file.webhooks) {
            declared.insert(hook.url);
            const Json* live = nullptr;
            for (const Json& candidate : m_live.webhooks) {
                if (field_text(candidate, "url") == hook.url) {
                    live = &candidate;
                    break;
                }
            }
            if (live == nullptr) {
                Change& change = add(WebhookStep, Action::Create, "webhook", hook.url);
                change.makes_secret = true;
                Json body = webhook_body(hook);
                for (const auto& [key, value] : body.items()) {
                    if (key != "url") {
                        field(change, key, nullptr, value);
                    }
                }
                change.detail["body"] = std::move(body);
                continue;
            }
            Change change;
            Json body = Json::object();
            const Json& events = output::field_value(*live, "events");
            if (lowered(events) != lowered(hook.events)) {
                field(change, "events", events, hook.events);
                body["events"] = hook.events;
            }
            Json headers = output::field_value(*live, "headers");
            if (headers.is_null()) {
                headers = Json::object();
            }
            if (headers != hook.headers) {
                field(change, "headers", headers, hook.headers);
                body["headers"] = hook.headers;
            }
            if (field_text(*live, "description") != hook.description) {
                field(change, "description", output::field_value(*live, "description"),
                      hook.description);
                body["description"] = hook.description;
            }
            if (!change.fields.empty()) {
                Change& added = add(WebhookStep, Action::Update, "webhook", hook.url);
                added.fields = std::move(change.fields);
                added.detail["id"] = field_text(*live, "id");
                added.detail["body"] = std::move(body);
            }
        }
        if (!m_options.prune) {
            return;
        }
        for (const Json& live : m_live.webhooks) {
            const std::string url = field_text(live, "url");
            if (declared.count(url) == 0) {
                Change& change = add(WebhookStep, Action::Delete, "webhook", url);
                change.detail["id"] = field_text(live, "id");
            }
        }
    }

    void whitelists() {
        std::map<std::string, std::vector<const WhitelistDecl*>> by_app;
        for (const WhitelistDecl& list : m_file.whitelists) {
            by_app[list.app].push_back(&list);
        }
        for (const AppDecl& app : m_file.apps) {
            const auto declared = by_app.find(app.name);
            const LiveApp* live = m_live.find_app(app.name);
            if (declared == by_app.end() && !m_options.prune) {
                continue;
            }
            std::map<std::string, const Json*> current;
            if (live != nullptr) {
                for (const Json& entry : live->whitelist) {
                    current.emplace(lower(field_text(entry, "whitelistValue")), &entry);
                }
            }
            std::set<std::string> wanted;
            if (declared != by_app.end()) {
                for (const WhitelistDecl* list : declared->second) {
                    for (const auto& entry : list->entries) {
                        if (!wanted.insert(entry.value).second) {
                            continue;
                        }
                        whitelist_entry(app.name, live, entry, current);
                    }
                }
            }
            if (!m_options.prune || live == nullptr) {
                continue;
            }
            for (const Json& entry : live->whitelist) {
                const std::string value = field_text(entry, "whitelistValue");
                if (wanted.count(lower(value)) == 0) {
                    Change& change = add(WhitelistStep, Action::Delete, "whitelist-entry", value,
                                         "app", app.name);
                    parent_app(change, live);
                    change.detail["id"] = field_text(entry, "whitelistId");
                }
            }
        }
    }

    void whitelist_entry(const std::string& app, const LiveApp* live,
                         const api::whitelists::EntryOutcome& entry,
                         const std::map<std::string, const Json*>& current) {
        const auto found = current.find(entry.value);
        if (found == current.end()) {
            Change& change =
                add(WhitelistStep, Action::Create, "whitelist-entry", entry.value, "app", app);
            field(change, "kind", nullptr, entry.kind);
            if (!entry.expires_at.empty()) {
                field(change, "expiresAt", nullptr, entry.expires_at);
            }
            parent_app(change, live);
            change.detail["body"] =
                Json{{"value", entry.value}, {"kind", entry.kind}, {"expiresAt", entry.expires_at}};
            return;
        }
        const Json before = output::field_value(*found->second, "expiresAt");
        const std::string now = before.is_string() ? before.get<std::string>() : "";
        if (now == entry.expires_at) {
            return;
        }
        Change& change =
            add(WhitelistStep, Action::Update, "whitelist-entry", entry.value, "app", app);
        field(change, "expiresAt", before, text_or_null(entry.expires_at));
        parent_app(change, live);
        change.detail["id"] = field_text(*found->second, "whitelistId");
        change.detail["body"] =
            Json{{"whitelistValue", entry.value}, {"expiresAt", entry.expires_at}};
    }

    const TenantFile& m_file;
    const std::vector<FileCertificate>& m_certificates;
    const LiveState& m_live;
    const PlanOptions& m_options;
    std::array<std::vector<Change>, StepCount> m_steps;
    std::array<std::vector<Change>, StepCount> m_deletions;
    std::vector<std::string> m_notes;
};

} // namespace

std::string apply_key(std::string_view identity) {
    return "techpass-apply-" + util::sha256_hex(identity).substr(0, 40);
}

std::string_view action_name(Action action) {
    switch (action) {
    case Action::Create:
        return "create";
    case Action::Update:
        return "update";
    case Action::Delete:
        return "delete";
    }
    return "create";
}

std::size_t Plan::count(Action action) const {
    return static_cast<std::size_t>(std::count_if(
        changes.begin(), changes.end(), [&](const Change& c) { return c.action == action; }));
}

std::string Plan::summary() const {
    return fmt::format("{} to create, {} to update, {} to delete", count(Action::Create),
                       count(Action::Update), count(Action::Delete));
}

std::vector<FileCertificate> read_certificates(const TenantFile& file) {
    std::vector<FileCertificate> read;
    for (const AppDecl& app : file.apps) {
        for (const std::string& path : app.certificates) {
            if (std::any_of(read.begin(), read.end(),
                            [&](const FileCertificate& c) { return c.path == path; })) {
                continue;
            }
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                throw Error(ErrorKind::Usage,
                            fmt::format("{}: cannot read the certificate {}", file.path, path));
            }
            std::ostringstream text;
            text << in.rdbuf();
            const util::Certificate certificate =
                api::certificates::read_certificate(text.str(), path);
            read.push_back(
                {path, certificate.thumbprint(), certificate.pem(), certificate.subject});
        }
    }
    return read;
}

Plan make_plan(const TenantFile& file, const std::vector<FileCertificate>& certificates,
               const LiveState& live, const PlanOptions& options) {
    return Planner(file, certificates, live, options).make();
}

api::Json plan_json(const Plan& plan) {
    Json changes = Json::array();
    for (const Change& change : plan.changes) {
        Json item{
            {"action", action_name(change.action)}, {"type", change.type}, {"name", change.name}};
        if (!change.parent_type.empty()) {
            item["parent"] = Json{{"type", change.parent_type}, {"name", change.parent_name}};
        }
        Json fields = Json::array();
        for (const FieldChange& f : change.fields) {
            fields.push_back(Json{{"field", f.field}, {"before", f.before}, {"after", f.after}});
        }
        item["fields"] = std::move(fields);
        changes.push_back(std::move(item));
    }
    return Json{{"formatVersion", 1},
                {"namespace", plan.namespace_code},
                {"changes", std::move(changes)},
                {"notes", plan.notes},
                {"summary", Json{{"create", plan.count(Action::Create)},
                                 {"update", plan.count(Action::Update)},
                                 {"delete", plan.count(Action::Delete)}}}};
}

namespace {

// A value of a field as the plan shows it: strings quoted, lists and objects
// as compact JSON, null as (none).
std::string shown(const Json& value) {
    if (value.is_null()) {
        return "(none)";
    }
    if (value.is_string()) {
        return util::quoted(value.get<std::string>(), 200);
    }
    return value.dump();
}

std::string_view symbol(Action action) {
    switch (action) {
    case Action::Create:
        return "+";
    case Action::Update:
        return "~";
    case Action::Delete:
        return "-";
    }
    return "+";
}

std::string painted(std::string_view text, Action action, bool colour) {
    if (!colour) {
        return std::string(text);
    }
    const char* code = action == Action::Create ? "32" : action == Action::Update ? "33" : "31";
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

void write_fields(std::ostream& out, const Change& change, std::string_view indent) {
    for (const FieldChange& f : change.fields) {
        if (change.action == Action::Update) {
            out << fmt::format("{}{}: {} -> {}\n", indent, f.field, shown(f.before),
                               shown(f.after));
        } else if (change.action == Action::Create) {
            out << fmt::format("{}{}: {}\n", indent, f.field, shown(f.after));
        } else if (!f.before.is_null()) {
            out << fmt::format("{}{}: {}\n", indent, f.field, shown(f.before));
        }
    }
    if (change.makes_secret && change.action == Action::Create) {
        out << indent << "(its one-time secret goes to --secrets-out, never into the plan)\n";
    }
}

} // namespace

std::string change_line(const Change& change) {
    std::string line = fmt::format("{} {} {}", action_name(change.action), change.type,
                                   util::printable(change.name));
    if (!change.parent_type.empty()) {
        line += fmt::format(" of {} {}", change.parent_type, change.parent_name);
    }
    return line;
}

void write_plan_text(std::ostream& out, const Plan& plan, const std::string& file_path,
                     bool colour) {
    if (plan.empty()) {
        out << fmt::format("No changes: namespace {} is as {} describes it.\n", plan.namespace_code,
                           file_path);
    } else {
        out << fmt::format("Plan for namespace {} from {}:\n", plan.namespace_code, file_path);
    }
    // The objects, in the order their first change comes, each with its own
    // change (if any) and the changes of what belongs to it.
    using Key = std::pair<std::string, std::string>;
    std::vector<Key> objects;
    for (const Change& change : plan.changes) {
        const Key key = change.parent_type.empty() ? Key{change.type, change.name}
                                                   : Key{change.parent_type, change.parent_name};
        if (std::find(objects.begin(), objects.end(), key) == objects.end()) {
            objects.push_back(key);
        }
    }
    for (const Key& object : objects) {
        out << "\n";
        const auto own =
            std::find_if(plan.changes.begin(), plan.changes.end(), [&](const Change& c) {
                return c.parent_type.empty() && c.type == object.first && c.name == object.second;
            });
        if (own != plan.changes.end()) {
            out << painted(fmt::format("{} {} {}", symbol(own->action), object.first,
                                       util::printable(object.second)),
                           own->action, colour)
                << "\n";
            write_fields(out, *own, "    ");
        } else {
            out << fmt::format("  {} {}\n", object.first, util::printable(object.second));
        }
        for (const Change& change : plan.changes) {
            if (change.parent_type != object.first || change.parent_name != object.second) {
                continue;
            }
            out << "    "
                << painted(fmt::format("{} {} {}", symbol(change.action), change.type,
                                       util::printable(change.name)),
                           change.action, colour)
                << "\n";
            write_fields(out, change, "        ");
        }
    }
    if (!plan.notes.empty()) {
        out << "\n";
    }
    for (const std::string& note : plan.notes) {
        out << "Note: " << note << "\n";
    }
    out << fmt::format("\nPlan: {}.\n", plan.summary());
}

ReadOptions read_options(const TenantFile& file, bool prune) {
    // What the plan compares: a collection the file lists, or with prune
    // every collection of what the file declares (what it does not declare
    // is deleted whole, or kept whole, without reading inside it).
    ReadOptions options;
    options.apikeys = prune || !file.apikeys.empty();
    options.webhooks = prune || !file.webhooks.empty();
    for (const GroupDecl& group : file.groups) {
        if (prune || !group.members.empty() || !group.groups.empty()) {
            options.groups.insert(group.name);
        }
    }
    for (const AppDecl& app : file.apps) {
        ReadOptions::AppParts& parts = options.apps[app.name];
        parts.assignments = prune || !app.assigned_users.empty() || !app.assigned_groups.empty();
        parts.certificates = prune || !app.certificates.empty();
        parts.secrets = prune || !app.secrets.empty();
        parts.whitelist = prune;
    }
    for (const WhitelistDecl& list : file.whitelists) {
        options.apps[list.app].whitelist = true;
    }
    return options;
}

} // namespace techpass::tenant
