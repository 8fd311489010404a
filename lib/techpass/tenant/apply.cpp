#include "techpass/tenant/apply.hpp"

#include "techpass/api/apikeys.hpp"
#include "techpass/api/apps.hpp"
#include "techpass/api/assignments.hpp"
#include "techpass/api/certificates.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/api/namespaces.hpp"
#include "techpass/api/secrets.hpp"
#include "techpass/api/webhooks.hpp"
#include "techpass/api/whitelists.hpp"
#include "techpass/http/url.hpp"
#include "techpass/output/resource.hpp"

#include <fmt/format.h>

#include <map>

namespace techpass::tenant {

namespace {

using api::Json;
using output::field_text;

class Applier {
public:
    Applier(api::ApiClient& client, const Plan& plan, const ApplyHooks& hooks)
        : m_client(client), m_plan(plan), m_ns(plan.namespace_code), m_hooks(hooks) {}

    ApplyResult run() {
        ApplyResult result;
        const auto& changes = m_plan.changes;
        std::size_t i = 0;
        try {
            while (i < changes.size()) {
                const Change& change = changes[i];
                if (change.type == "whitelist-entry" && change.action == Action::Create) {
                    // Consecutive entries of one app go out together.
                    std::size_t end = i;
                    while (end < changes.size() && changes[end].type == change.type &&
                           changes[end].action == Action::Create &&
                           changes[end].parent_name == change.parent_name) {
                        ++end;
                    }
                    add_entries(i, end, result);
                    i = end;
                    continue;
                }
                notify(m_hooks.starting, change);
                perform(change);
                notify(m_hooks.done, change);
                ++result.done;
                ++i;
            }
        } catch (const Error& error) {
            result.failed = error;
        }
        return result;
    }

private:
    static void notify(const std::function<void(const Change&)>& hook, const Change& change) {
        if (hook) {
            hook(change);
        }
    }

    std::optional<api::IdempotencyKey> key(const Change& change) const {
        if (change.idempotency_key.empty()) {
            return std::nullopt;
        }
        return api::IdempotencyKey(change.idempotency_key);
    }

    // The app a nested change belongs to: known to the plan, or created by
    // this apply.
    std::string app_id(const Change& change) const {
        std::string id = change.detail.value("appId", std::string());
        if (id.empty()) {
            const auto created = m_app_ids.find(change.parent_name);
            if (created == m_app_ids.end()) {
                throw Error(ErrorKind::Unexpected,
                            fmt::format("app {} was not created before its {}", change.parent_name,
                                        change.type));
            }
            id = created->second;
        }
        return id;
    }

    static std::string id(const Change& change) { return change.detail.value("id", std::string()); }

    void created(const Change& change, const Json& answer) {
        if (change.makes_secret && m_hooks.secret) {
            m_hooks.secret(OneTimeSecret{change, answer});
        }
    }

    void perform(const Change& change) {
        namespace a = api;
        const Json& body = change.detail.contains("body") ? change.detail["body"] : Json();
        const bool create = change.action == Action::Create;
        const bool remove = change.action == Action::Delete;
        const std::string& type = change.type;
        if (type == "namespace") {
            m_client.patch(a::namespaces::namespace_path(m_ns), body);
        } else if (type == "admin") {
            const std::string path = a::namespaces::admins_path(m_ns);
            create ? void(m_client.post(path, body, key(change)))
                   : void(m_client.del(path + "/" + http::path_segment(id(change), "admin")));
        } else if (type == "group") {
            if (create) {
                m_client.post(a::groups::groups_path(m_ns), body, key(change));
            } else if (remove) {
                m_client.del(a::groups::group_path({m_ns, id(change)}));
            } else {
                m_client.patch(a::groups::group_path({m_ns, change.name}), body);
            }
        } else if (type == "member") {
            const std::string path = a::groups::group_path({m_ns, change.parent_name}) + "/members";
            create ? void(m_client.post(path, body, key(change)))
                   : void(m_client.del(path + "/" + http::path_segment(id(change), "member")));
        } else if (type == "app") {
            app(change, body);
        } else if (type == "certificate") {
            const std::string app = app_id(change);
            create ? void(m_client.post(a::certificates::certificates_path(m_ns, app), body,
                                        key(change)))
                   : a::certificates::delete_certificate(m_client, m_ns, app, change.name);
        } else if (type == "secret") {
            const std::string app = app_id(change);
            if (create) {
                created(change,
                        m_client.post(a::secrets::secrets_path(m_ns, app), body, key(change)));
            } else {
                a::secrets::delete_secret(m_client, m_ns, app, id(change));
            }
        } else if (type == "assignment") {
            const std::string path = a::assignments::assignments_path(m_ns, app_id(change));
            create ? void(m_client.post(path, body, key(change)))
                   : void(m_client.del(path + "/" + http::path_segment(id(change), "assignment")));
        } else if (type == "apikey") {
            if (create) {
                created(change, m_client.post(a::apikeys::apikeys_path(m_ns), body, key(change)));
            } else {
                a::apikeys::revoke_key(m_client, m_ns, id(change));
            }
        } else if (type == "webhook") {
            if (create) {
                created(change, m_client.post(a::webhooks::webhooks_path(m_ns), body, key(change)));
            } else if (remove) {
                a::webhooks::delete_webhook(m_client, m_ns, id(change));
            } else {
                a::webhooks::update_webhook(m_client, m_ns, id(change), body);
            }
        } else if (type == "whitelist-entry") {
            const std::string app = app_id(change);
            if (remove) {
                a::whitelists::delete_entry(m_client, m_ns, app, id(change));
            } else {
                // The PUT replaces the entry: its value, and its expiry ("" for none).
                a::whitelists::update_entry(m_client, m_ns, app, id(change),
                                            body.value("whitelistValue", std::string()),
                                            body.value("expiresAt", std::string()));
            }
        } else {
            throw Error(ErrorKind::Unexpected, fmt::format("unknown kind of change: {}", type));
        }
    }

    void app(const Change& change, const Json& body) {
        if (change.action == Action::Create) {
            const Json answer = m_client.post(api::apps::apps_path(m_ns), body, key(change));
            const std::string id = field_text(answer, "appId");
            m_app_ids[change.name] = id;
            if (change.detail.contains("then")) {
                m_client.patch(api::apps::app_path(m_ns, id), change.detail["then"]);
            }
        } else if (change.action == Action::Delete) {
            api::apps::delete_app(m_client, m_ns, id(change));
        } else {
            m_client.patch(api::apps::app_path(m_ns, id(change)), body);
        }
    }

    // Sends changes [begin, end), new entries of one app, at most 1000 per
    // request, each request's key derived from its entries.
    void add_entries(std::size_t begin, std::size_t end, ApplyResult& result) {
        const auto& changes = m_plan.changes;
        std::vector<api::whitelists::EntryOutcome> entries;
        for (std::size_t i = begin; i < end; ++i) {
            const Json& body = changes[i].detail["body"];
            api::whitelists::EntryOutcome entry;
            entry.row = i - begin + 1;
            entry.value = body.value("value", std::string());
            entry.kind = body.value("kind", std::string());
            entry.expires_at = body.value("expiresAt", std::string());
            entries.push_back(std::move(entry));
            notify(m_hooks.starting, changes[i]);
        }
        const std::string app = app_id(changes[begin]);
        const auto sent =
            api::whitelists::send_entries(m_client, m_ns, app, entries, {}, [&](const Json& body) {
                return api::IdempotencyKey(
                    apply_key(fmt::format("{}\n{}\n{}", m_ns, app, body.dump())));
            });
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& entry = entries[i];
            if (entry.outcome == bulk::Outcome::Created ||
                entry.outcome == bulk::Outcome::AlreadyExists) {
                notify(m_hooks.done, changes[begin + i]);
                ++result.done;
                continue;
            }
            if (sent.stopped) {
                throw *sent.stopped;
            }
            Error error(ErrorKind::Usage,
                        fmt::format("whitelist entry {} of app {}: {}", entry.value,
                                    changes[begin].parent_name,
                                    entry.message.empty() ? "not added" : entry.message));
            throw error.with_portal(0, entry.trace_id);
        }
    }

    api::ApiClient& m_client;
    const Plan& m_plan;
    std::string m_ns;
    const ApplyHooks& m_hooks;
    std::map<std::string, std::string> m_app_ids;
};

} // namespace

ApplyResult apply_plan(api::ApiClient& client, const Plan& plan, const ApplyHooks& hooks) {
    return Applier(client, plan, hooks).run();
}

} // namespace techpass::tenant
