#pragma once

// The applications of a namespace over the Automation API (docs/api: apps),
// and how they are shown. The verbs of `techpass apps` call these; these call
// the API client and nothing else.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <optional>
#include <string>
#include <vector>

namespace techpass::api::apps {

const output::Resource& app_resource();

// An app as named on the command line: its id (uuid) or its name.
struct AppRef {
    std::string namespace_code;
    std::string text;
};

// Checks a URL the way the portal does, before anything is sent (Usage error
// naming what: "redirect URL", "homepage URL"): https, or plain http only for
// localhost, 127.0.0.1 or [::1]; no '*' anywhere (no wildcards); no fragment.
void check_url(std::string_view url, std::string_view what);
// Checks an app name against the portal's naming policy (Usage error).
void check_app_name(std::string_view name);

// The on/off settings of an app; absent ones are left to the portal (its
// defaults on create, unchanged on update).
struct AppSettings {
    std::optional<bool> sign_in_enabled;
    std::optional<bool> assignment_required;
    std::optional<bool> published;
    std::optional<bool> seed_required;
    bool empty() const;
    // Adds the settings given to a request body.
    void add_to(api::Json& body) const;
};

// What a new app is made of; absent settings take the portal's defaults.
struct AppSpec {
    std::string name;
    std::vector<std::string> redirect_urls;
    std::optional<std::string> homepage_url;
    std::optional<std::string> logout_url;
    AppSettings settings;
    std::vector<std::string> owners; // user ids or emails
    // Checks every field (Usage error); at least one redirect URL.
    void check() const;
    api::Json body() const;
};

// A change to an app: only what is named. An empty homepage or logout URL
// removes it (null in the request).
struct AppChanges {
    std::optional<std::string> name;
    std::optional<std::string> homepage_url;
    std::optional<std::string> logout_url;
    std::vector<std::string> add_redirect_urls;
    std::vector<std::string> remove_redirect_urls;
    AppSettings settings;
    std::optional<bool> consent_granted;
    std::vector<std::string> owners; // replaces the list when not empty

    bool empty() const;
    bool changes_redirect_urls() const;
    // Checks every field (Usage error).
    void check() const;
    // The PATCH body against the app as it is: redirect URLs added and
    // removed from its list (Usage error when a URL to remove is not there,
    // or when none would be left).
    api::Json body(const api::Json& current) const;
};

std::string apps_path(const std::string& namespace_code);
std::string app_path(const std::string& namespace_code, const std::string& app_id);

api::Json list_apps(api::ApiClient& client, const std::string& namespace_code,
                    std::optional<std::size_t> limit);
// The app an id or a name names (NotFound with "did you mean" for a name).
api::Json find_app(api::ApiClient& client, const AppRef& app);
api::Json create_app(api::ApiClient& client, const std::string& namespace_code,
                     const AppSpec& spec);
api::Json update_app(api::ApiClient& client, const std::string& namespace_code,
                     const std::string& app_id, const api::Json& body);
void delete_app(api::ApiClient& client, const std::string& namespace_code,
                const std::string& app_id);

// The endpoints an app's users sign in through, for a directory of an
// authority: {"authorize", "token", "openidConfiguration"}.
api::Json sign_in_endpoints(std::string_view authority, std::string_view directory_id);

} // namespace techpass::api::apps
