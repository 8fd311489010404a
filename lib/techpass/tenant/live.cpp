#include "techpass/tenant/live.hpp"

#include "techpass/api/apikeys.hpp"
#include "techpass/api/apps.hpp"
#include "techpass/api/assignments.hpp"
#include "techpass/api/certificates.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/api/namespaces.hpp"
#include "techpass/api/secrets.hpp"
#include "techpass/api/webhooks.hpp"
#include "techpass/api/whitelists.hpp"
#include "techpass/output/resource.hpp"

namespace techpass::tenant {

namespace {

// The largest page of the general listings (docs/api: Size).
constexpr int k_max_page = 100;

api::Json all(api::ApiClient& client, const std::string& path, const std::string& field,
              int page_size) {
    api::Json page = client.paginate(path, {}, field, std::nullopt, page_size);
    return std::move(page[field]);
}

} // namespace

const LiveApp* LiveState::find_app(std::string_view name) const {
    for (const LiveApp& app : apps) {
        if (output::field_text(app.app, "name") == name) {
            return &app;
        }
    }
    return nullptr;
}

const api::Json* LiveState::find_group(std::string_view name) const {
    for (const api::Json& group : groups) {
        if (output::field_text(group, "name") == name) {
            return &group;
        }
    }
    return nullptr;
}

LiveState read_live(api::ApiClient& client, const std::string& namespace_code,
                    const ReadOptions& options) {
    LiveState state;
    state.namespace_code = namespace_code;
    state.ns = client.get(api::namespaces::namespace_path(namespace_code));

    for (api::Json& app : all(client, api::apps::apps_path(namespace_code), "apps", k_max_page)) {
        LiveApp live;
        const std::string id = output::field_text(app, "appId");
        const auto wanted = options.apps.find(output::field_text(app, "name"));
        ReadOptions::AppParts parts;
        if (options.everything) {
            parts = {true, true, true, true};
        } else if (wanted != options.apps.end()) {
            parts = wanted->second;
        }
        if (parts.assignments) {
            live.assignments = all(client, api::assignments::assignments_path(namespace_code, id),
                                   "assignments", k_max_page);
        }
        if (parts.certificates) {
            live.certificates =
                all(client, api::certificates::certificates_path(namespace_code, id),
                    "certificates", k_max_page);
        }
        if (parts.secrets) {
            live.secrets =
                all(client, api::secrets::secrets_path(namespace_code, id), "secrets", k_max_page);
        }
        if (parts.whitelist) {
            live.whitelist = all(client, api::whitelists::whitelists_path(namespace_code, id),
                                 "whitelists", api::whitelists::k_page_size);
        }
        live.app = std::move(app);
        state.apps.push_back(std::move(live));
    }

    for (api::Json& group :
         all(client, api::groups::groups_path(namespace_code), "groups", k_max_page)) {
        if (options.everything || options.groups.count(output::field_text(group, "name")) > 0) {
            // getGroup answers with every direct member (docs/api), one
            // request per group where listMembers would page.
            group = client.get(
                api::groups::group_path({namespace_code, output::field_text(group, "id")}));
        }
        state.groups.push_back(std::move(group));
    }
    if (options.everything || options.apikeys) {
        state.apikeys =
            all(client, api::apikeys::apikeys_path(namespace_code), "apiKeys", k_max_page);
    }
    if (options.everything || options.webhooks) {
        state.webhooks =
            all(client, api::webhooks::webhooks_path(namespace_code), "webhooks", k_max_page);
    }
    return state;
}

} // namespace techpass::tenant
