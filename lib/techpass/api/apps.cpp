#include "techpass/api/apps.hpp"

#include "techpass/api/naming.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace techpass::api::apps {

namespace {

using api::Json;

// A portal app listing holds at most this many apps per page.
constexpr int k_page_size = 100;

std::string yes_no(const Json& value) {
    return value.is_boolean() ? (value.get<bool>() ? "yes" : "no") : "";
}

std::string owner_emails(const Json& app) {
    std::string text;
    for (const Json& owner : output::field_value(app, "owners")) {
        const Json email = output::field_value(owner, "email");
        if (email.is_string()) {
            text += (text.empty() ? "" : ", ") + email.get<std::string>();
        }
    }
    return text;
}

void check_owner(std::string_view owner) {
    if (owner.empty()) {
        throw Error(ErrorKind::Usage, "an owner cannot be empty",
                    "name owners by email or user id: --owner jane_tan@tech.gov.sg");
    }
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

const output::Resource& app_resource() {
    static const output::Resource resource{
        "app",
        "apps",
        "apps",
        "name",
        {
            {"appId", "Application (client) id (uuid)"},
            {"name", "Display name, unique among TechPass apps"},
            {"homepageUrl", "Home page; null if none"},
            {"logoutUrl", "Front-channel logout URL; null if none"},
            {"redirectUrls", "Redirect URLs, checked on every sign-in"},
            {"signInEnabled", "Whether users can sign in at all"},
            {"assignmentRequired", "Only assigned users and groups may sign in"},
            {"published", "Listed in the users' app launcher"},
            {"seedRequired", "Sign-in requires a SEED-managed device"},
            {"consentGranted", "Consent for the default OIDC scopes; sign-in fails until granted"},
            {"owners", "Owners: {id, email, displayName}"},
            {"createdAt", "When the app was created (RFC 3339)"},
            {"signIn", "Sign-in endpoints for the directory (apps get only)"},
        },
        {{"NAME", "name"},
         {"APP ID", "appId"},
         {"SIGN-IN", "signInEnabled",
          [](const Json& app) {
              return yes_no(output::field_value(app, "signInEnabled"));
          }},
         {"ASSIGNMENT", "assignmentRequired",
          [](const Json& app) {
              const Json required = output::field_value(app, "assignmentRequired");
              return required.is_boolean() ? (required.get<bool>() ? "required" : "anyone") : "";
          }},
         {"CONSENT", "consentGranted",
          [](const Json& app) {
              return yes_no(output::field_value(app, "consentGranted"));
          }},
         {"REDIRECT URLS", "redirectUrls"},
         {"OWNERS", "owners", owner_emails}},
    };
    return resource;
}

void check_url(std::string_view url, std::string_view what) {
    const auto refuse = [&](std::string_view why, std::string hint) {
        throw Error(ErrorKind::Usage, fmt::format("{} {} {}", what, util::quoted(url), why),
                    std::move(hint));
    };
    if (url.find('*') != std::string_view::npos) {
        refuse("has a wildcard ('*'), which the portal does not allow",
               what == "redirect URL"
                   ? "list every URL in full; an app may have up to 100 redirect URLs"
                   : "write the URL in full");
    }
    if (url.find('#') != std::string_view::npos) {
        refuse("has a fragment ('#...'), which the portal does not allow",
               "remove the part from '#' on");
    }
    static const std::regex k_https(R"(https://[^\s*#/?]+([/?][^\s*#]*)?)");
    static const std::regex k_loopback(
        R"(http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?([/?][^\s*#]*)?)");
    if (url.size() > 2048) {
        refuse("is longer than 2048 characters", "use a shorter URL");
    }
    if (!std::regex_match(url.begin(), url.end(), k_https) &&
        !std::regex_match(url.begin(), url.end(), k_loopback)) {
        refuse("is not an https URL",
               "use https://...; plain http is allowed only for localhost, 127.0.0.1 and [::1]");
    }
}

void check_app_name(std::string_view name) {
    static const std::regex k_pattern("[A-Za-z0-9][A-Za-z0-9 ._-]{1,62}[A-Za-z0-9._-]");
    if (!std::regex_match(name.begin(), name.end(), k_pattern)) {
        throw Error(ErrorKind::Usage, fmt::format("invalid app name {}", util::quoted(name)),
                    "use 3 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter "
                    "or digit and not ending with a space");
    }
}

bool AppSettings::empty() const {
    return !sign_in_enabled && !assignment_required && !published && !seed_required;
}

void AppSettings::add_to(Json& body) const {
    for (const auto& [field, value] :
         {std::pair{"signInEnabled", sign_in_enabled},
          std::pair{"assignmentRequired", assignment_required}, std::pair{"published", published},
          std::pair{"seedRequired", seed_required}}) {
        if (value) {
            body[field] = *value;
        }
    }
}

void AppSpec::check() const {
    check_app_name(name);
    if (redirect_urls.empty()) {
        throw Error(ErrorKind::Usage, "an app needs at least one redirect URL",
                    "pass --redirect-url https://your.service/callback");
    }
    for (const auto& url : redirect_urls) {
        check_url(url, "redirect URL");
    }
    if (homepage_url) {
        check_url(*homepage_url, "homepage URL");
    }
    if (logout_url) {
        check_url(*logout_url, "logout URL");
    }
    if (settings.seed_required.value_or(false) && !settings.assignment_required.value_or(true)) {
        throw Error(ErrorKind::Usage, "--seed-required needs assignment to be required",
                    "drop --no-assignment-required, or --seed-required");
    }
    for (const auto& owner : owners) {
        check_owner(owner);
    }
}

Json AppSpec::body() const {
    Json body{{"name", name}};
    if (homepage_url) {
        body["homepageUrl"] = *homepage_url;
    }
    if (logout_url) {
        body["logoutUrl"] = *logout_url;
    }
    std::vector<std::string> urls;
    for (const auto& url : redirect_urls) {
        if (!contains(urls, url)) {
            urls.push_back(url);
        }
    }
    body["redirectUrls"] = urls;
    settings.add_to(body);
    if (!owners.empty()) {
        body["owners"] = owners;
    }
    return body;
}

bool AppChanges::changes_redirect_urls() const {
    return !add_redirect_urls.empty() || !remove_redirect_urls.empty();
}

bool AppChanges::empty() const {
    return !name && !homepage_url && !logout_url && !changes_redirect_urls() && settings.empty() &&
           !consent_granted && owners.empty();
}

void AppChanges::check() const {
    if (empty()) {
        throw Error(ErrorKind::Usage, "nothing to change",
                    "name what to change, e.g. --add-redirect-url URL or --grant-consent; see "
                    "techpass apps update --help");
    }
    if (name) {
        check_app_name(*name);
    }
    if (homepage_url && !homepage_url->empty()) {
        check_url(*homepage_url, "homepage URL");
    }
    if (logout_url && !logout_url->empty()) {
        check_url(*logout_url, "logout URL");
    }
    for (const auto& url : add_redirect_urls) {
        check_url(url, "redirect URL");
    }
    for (const auto& owner : owners) {
        check_owner(owner);
    }
}

Json AppChanges::body(const Json& current) const {
    Json body = Json::object();
    if (name) {
        body["name"] = *name;
    }
    const auto url = [&body](const char* field, const std::optional<std::string>& value) {
        if (value) {
            body[field] = value->empty() ? Json(nullptr) : Json(*value);
        }
    };
    url("homepageUrl", homepage_url);
    url("logoutUrl", logout_url);
    if (changes_redirect_urls()) {
        std::vector<std::string> urls;
        for (const Json& existing : output::field_value(current, "redirectUrls")) {
            if (existing.is_string()) {
                urls.push_back(existing.get<std::string>());
            }
        }
        for (const auto& gone : remove_redirect_urls) {
            const auto found = std::find(urls.begin(), urls.end(), gone);
            if (found == urls.end()) {
                throw Error(
                    ErrorKind::Usage,
                    fmt::format("redirect URL {} is not one of the app's", util::quoted(gone)),
                    "see them: techpass apps get APP --fields redirectUrls");
            }
            urls.erase(found);
        }
        for (const auto& added : add_redirect_urls) {
            if (!contains(urls, added)) {
                urls.push_back(added);
            }
        }
        if (urls.empty()) {
            throw Error(ErrorKind::Usage, "an app needs at least one redirect URL",
                        "add the new one in the same command: --add-redirect-url URL");
        }
        body["redirectUrls"] = urls;
    }
    settings.add_to(body);
    if (consent_granted) {
        body["consentGranted"] = *consent_granted;
    }
    if (!owners.empty()) {
        body["owners"] = owners;
    }
    return body;
}

std::string apps_path(const std::string& namespace_code) {
    return "/iam/namespace/" + namespace_code + "/apps";
}

std::string app_path(const std::string& namespace_code, const std::string& app_id) {
    return apps_path(namespace_code) + "/" + http::path_segment(app_id, "app");
}

Json list_apps(api::ApiClient& client, const std::string& namespace_code,
               std::optional<std::size_t> limit) {
    return client.paginate(apps_path(namespace_code), {}, "apps", limit, k_page_size);
}

Json find_app(api::ApiClient& client, const AppRef& app) {
    if (looks_like_id(app.text)) {
        return client.get(app_path(app.namespace_code, app.text));
    }
    const Json apps = list_apps(client, app.namespace_code, std::nullopt);
    std::vector<std::string> names;
    for (const Json& candidate : apps["apps"]) {
        const Json name = output::field_value(candidate, "name");
        if (name.is_string()) {
            if (util::to_lower(name.get<std::string>()) == util::to_lower(app.text)) {
                return candidate;
            }
            names.push_back(name.get<std::string>());
        }
    }
    const std::string suggestion = util::nearest(app.text, names);
    throw Error(
        ErrorKind::NotFound,
        fmt::format("no app named {} in namespace {}", util::quoted(app.text), app.namespace_code),
        suggestion.empty() ? fmt::format("list them: techpass apps list -n {}", app.namespace_code)
                           : fmt::format("did you mean {}?", util::quoted(suggestion)));
}

Json create_app(api::ApiClient& client, const std::string& namespace_code, const AppSpec& spec) {
    try {
        return client.post(apps_path(namespace_code), spec.body(), api::IdempotencyKey::generate());
    } catch (Error& error) {
        if (error.kind() == ErrorKind::Conflict && error.hint().empty()) {
            error.with_hint("app names are unique across TechPass; choose another name");
        }
        throw;
    }
}

Json update_app(api::ApiClient& client, const std::string& namespace_code,
                const std::string& app_id, const Json& body) {
    return client.patch(app_path(namespace_code, app_id), body);
}

void delete_app(api::ApiClient& client, const std::string& namespace_code,
                const std::string& app_id) {
    client.del(app_path(namespace_code, app_id));
}

Json sign_in_endpoints(std::string_view authority, std::string_view directory_id) {
    std::string base(authority);
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    base += "/" + std::string(directory_id);
    return Json{{"authorize", base + "/oauth2/v2.0/authorize"},
                {"token", base + "/oauth2/v2.0/token"},
                {"openidConfiguration", base + "/v2.0/.well-known/openid-configuration"}};
}

} // namespace techpass::api::apps
