#include "techpass/tenant/file.hpp"

#include "techpass/api/apikeys.hpp"
#include "techpass/api/groups.hpp"
#include "techpass/api/naming.hpp"
#include "techpass/api/webhooks.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"
#include "techpass/validate/email.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace techpass::tenant {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

std::size_t line_of(const toml::node& node) {
    return static_cast<std::size_t>(node.source().begin.line);
}

// Reads one tenant file, collecting every problem instead of stopping at the
// first, so that a person fixes them all in one pass.
class Reader {
public:
    Reader(std::string path, std::chrono::system_clock::time_point now)
        : m_path(std::move(path)), m_now(now), m_dir(std::filesystem::path(m_path).parent_path()) {}

    TenantFile read(const toml::table& root) {
        TenantFile file;
        file.path = m_path;
        check_keys(root, "the tenant file",
                   {"namespace", "display_name", "description", "admins", "apps", "groups",
                    "apikeys", "webhooks", "whitelists"});
        if (const auto code = string(root, "namespace", "the tenant file", true)) {
            attempt(root, [&] { file.namespace_code = api::checked_namespace(*code); });
        }
        file.display_name = string(root, "display_name", "the tenant file");
        file.description = string(root, "description", "the tenant file");
        file.admins = emails(root, "admins", "the tenant file");
        for_each_table(root, "apps", [&](const toml::table& t) { file.apps.push_back(app(t)); });
        for_each_table(root, "groups",
                       [&](const toml::table& t) { file.groups.push_back(group(t)); });
        for_each_table(root, "apikeys",
                       [&](const toml::table& t) { file.apikeys.push_back(apikey(t)); });
        for_each_table(root, "webhooks",
                       [&](const toml::table& t) { file.webhooks.push_back(webhook(t)); });
        for_each_table(root, "whitelists",
                       [&](const toml::table& t) { file.whitelists.push_back(whitelist(t)); });
        check_references(file);
        return file;
    }

    // Every problem, in the order of the file's lines.
    std::vector<std::string> problems() const {
        auto found = m_found;
        std::stable_sort(found.begin(), found.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<std::string> messages;
        for (auto& [line, message] : found) {
            messages.push_back(std::move(message));
        }
        return messages;
    }

private:
    void problem(std::size_t line, const std::string& message) {
        m_found.emplace_back(line, fmt::format("{}:{}: {}", m_path, line, message));
    }
    void problem(const toml::node& node, const std::string& message) {
        problem(line_of(node), message);
    }

    // Runs a check of the library, turning its Error into a problem at node.
    template <typename Check>
    void attempt(const toml::node& node, Check&& check) {
        try {
            check();
        } catch (const Error& error) {
            problem(node, error.what());
        }
    }

    void check_keys(const toml::table& table, std::string_view where,
                    std::initializer_list<std::string_view> known) {
        const std::vector<std::string> names(known.begin(), known.end());
        for (const auto& [key, node] : table) {
            if (std::find(names.begin(), names.end(), key.str()) != names.end()) {
                continue;
            }
            const std::string suggestion = util::nearest(key.str(), names);
            problem(node, fmt::format("unknown key '{}' in {}{}", key.str(), where,
                                      suggestion.empty()
                                          ? fmt::format(" (known: {})", joined(names))
                                          : fmt::format(" (did you mean '{}'?)", suggestion)));
        }
    }

    std::optional<std::string> string(const toml::table& table, std::string_view key,
                                      std::string_view where, bool required = false) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            if (required) {
                problem(table, fmt::format("{} needs '{}'", where, key));
            }
            return std::nullopt;
        }
        if (const auto* value = node->as_string()) {
            return value->get();
        }
        problem(*node, fmt::format("'{}' in {} must be a string", key, where));
        return std::nullopt;
    }

    std::optional<bool> boolean(const toml::table& table, std::string_view key,
                                std::string_view where) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (const auto* value = node->as_boolean()) {
            return value->get();
        }
        problem(*node, fmt::format("'{}' in {} must be true or false", key, where));
        return std::nullopt;
    }

    std::vector<std::string> strings(const toml::table& table, std::string_view key,
                                     std::string_view where) {
        std::vector<std::string> values;
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            return values;
        }
        const auto* array = node->as_array();
        if (array == nullptr) {
            problem(*node, fmt::format("'{}' in {} must be a list of strings", key, where));
            return values;
        }
        for (const toml::node& item : *array) {
            if (const auto* value = item.as_string()) {
                values.push_back(value->get());
            } else {
                problem(item, fmt::format("'{}' in {} must be a list of strings", key, where));
            }
        }
        return values;
    }

    std::vector<std::string> emails(const toml::table& table, std::string_view key,
                                    std::string_view where) {
        std::vector<std::string> values = strings(table, key, where);
        for (std::string& value : values) {
            if (const auto bad = validate::email_problem(value)) {
                problem(*table.get(key), fmt::format("'{}' in {}: {}", key, where, *bad));
            }
            value = validate::normalise_email(value);
        }
        return values;
    }

    template <typename Each>
    void for_each_table(const toml::table& root, std::string_view key, Each&& each) {
        const toml::node* node = root.get(key);
        if (node == nullptr) {
            return;
        }
        const auto* array = node->as_array();
        if (array == nullptr || !array->is_array_of_tables()) {
            problem(*node, fmt::format("'{}' must be an array of tables: [[{}]]", key, key));
            return;
        }
        for (const toml::node& item : *array) {
            each(*item.as_table());
        }
    }

    std::string relative(const std::string& path) const {
        const std::filesystem::path given(path);
        return given.is_absolute() || m_dir.empty() ? path : (m_dir / given).string();
    }

    AppDecl app(const toml::table& t) {
        AppDecl decl;
        decl.line = line_of(t);
        const std::string where = "[[apps]]";
        check_keys(t, where,
                   {"name", "redirect_urls", "homepage_url", "logout_url", "sign_in_enabled",
                    "assignment_required", "published", "seed_required", "consent_granted",
                    "owners", "assign_users", "assign_groups", "certificates", "secrets"});
        decl.name = string(t, "name", where, true).value_or("");
        if (!decl.name.empty()) {
            attempt(t, [&] { api::apps::check_app_name(decl.name); });
        }
        const std::string named = decl.name.empty() ? where : "app " + decl.name;
        decl.redirect_urls = strings(t, "redirect_urls", named);
        if (decl.redirect_urls.empty()) {
            problem(t, named + " needs at least one redirect URL (redirect_urls)");
        }
        for (const std::string& url : decl.redirect_urls) {
            attempt(*t.get("redirect_urls"), [&] { api::apps::check_url(url, "redirect URL"); });
        }
        decl.homepage_url = string(t, "homepage_url", named);
        decl.logout_url = string(t, "logout_url", named);
        // "" removes a URL the app has (techpass-tenant(5)).
        if (decl.homepage_url && !decl.homepage_url->empty()) {
            attempt(*t.get("homepage_url"),
                    [&] { api::apps::check_url(*decl.homepage_url, "homepage URL"); });
        }
        if (decl.logout_url && !decl.logout_url->empty()) {
            attempt(*t.get("logout_url"),
                    [&] { api::apps::check_url(*decl.logout_url, "logout URL"); });
        }
        decl.settings.sign_in_enabled = boolean(t, "sign_in_enabled", named);
        decl.settings.assignment_required = boolean(t, "assignment_required", named);
        decl.settings.published = boolean(t, "published", named);
        decl.settings.seed_required = boolean(t, "seed_required", named);
        decl.consent_granted = boolean(t, "consent_granted", named);
        decl.owners = emails(t, "owners", named);
        decl.assigned_users = emails(t, "assign_users", named);
        decl.assigned_groups = strings(t, "assign_groups", named);
        decl.certificates = strings(t, "certificates", named);
        for (std::string& certificate : decl.certificates) {
            certificate = relative(certificate);
            if (!std::ifstream(certificate)) {
                problem(*t.get("certificates"),
                        fmt::format("{}: cannot read the certificate {}", named, certificate));
            }
        }
        decl.secrets = strings(t, "secrets", named);
        return decl;
    }

    GroupDecl group(const toml::table& t) {
        GroupDecl decl;
        decl.line = line_of(t);
        check_keys(t, "[[groups]]", {"name", "description", "members", "groups"});
        decl.name = string(t, "name", "[[groups]]", true).value_or("");
        if (!decl.name.empty()) {
            attempt(t, [&] { api::groups::check_group_name(decl.name); });
        }
        const std::string named = decl.name.empty() ? "[[groups]]" : "group " + decl.name;
        decl.description = string(t, "description", named).value_or("");
        decl.members = emails(t, "members", named);
        decl.groups = strings(t, "groups", named);
        return decl;
    }

    ApiKeyDecl apikey(const toml::table& t) {
        ApiKeyDecl decl;
        decl.line = line_of(t);
        check_keys(t, "[[apikeys]]", {"name"});
        decl.name = string(t, "name", "[[apikeys]]", true).value_or("");
        if (!decl.name.empty()) {
            attempt(t, [&] { api::apikeys::check_key_name(decl.name); });
        }
        return decl;
    }

    WebhookDecl webhook(const toml::table& t) {
        WebhookDecl decl;
        decl.line = line_of(t);
        const std::string where = "[[webhooks]]";
        check_keys(t, where, {"url", "events", "headers", "description"});
        decl.url = string(t, "url", where, true).value_or("");
        if (!decl.url.empty()) {
            attempt(t, [&] { api::apps::check_url(decl.url, "webhook URL"); });
        }
        const std::vector<std::string> events = strings(t, "events", where);
        attempt(t, [&] { decl.events = api::webhooks::checked_events(events); });
        if (const toml::node* node = t.get("headers")) {
            std::vector<std::string> lines;
            if (const auto* headers = node->as_table()) {
                for (const auto& [name, value] : *headers) {
                    const auto* text = value.as_string();
                    lines.push_back(std::string(name.str()) + ": " +
                                    (text != nullptr ? text->get() : std::string()));
                }
                attempt(*node, [&] { decl.headers = api::webhooks::checked_headers(lines); });
            } else {
                problem(*node, "'headers' in [[webhooks]] must be a table: { Name = \"value\" }");
            }
        }
        decl.description = string(t, "description", where).value_or("");
        attempt(t, [&] { api::webhooks::check_description(decl.description); });
        return decl;
    }

    WhitelistDecl whitelist(const toml::table& t) {
        WhitelistDecl decl;
        decl.line = line_of(t);
        const std::string where = "[[whitelists]]";
        check_keys(t, where, {"app", "entries", "file", "expires_at"});
        decl.app = string(t, "app", where, true).value_or("");
        std::vector<api::whitelists::NewEntry> entries;
        if (const toml::node* node = t.get("entries")) {
            const auto* array = node->as_array();
            if (array == nullptr) {
                problem(*node, "'entries' in [[whitelists]] must be a list");
            } else {
                for (const toml::node& item : *array) {
                    api::whitelists::NewEntry entry{entries.size() + 1, {}, {}};
                    if (const auto* value = item.as_string()) {
                        entry.value = value->get();
                    } else if (const auto* table = item.as_table()) {
                        check_keys(*table, "a whitelist entry", {"value", "expires_at"});
                        entry.value =
                            string(*table, "value", "a whitelist entry", true).value_or("");
                        entry.expires_at =
                            string(*table, "expires_at", "a whitelist entry").value_or("");
                    } else {
                        problem(item, "a whitelist entry is a string or { value, expires_at }");
                        continue;
                    }
                    entries.push_back(std::move(entry));
                }
            }
        }
        const std::size_t inline_count = entries.size();
        if (const auto file = string(t, "file", where)) {
            attempt(*t.get("file"), [&] {
                auto read = api::whitelists::read_entries(relative(*file), entries.size() + 1);
                entries.insert(entries.end(), read.begin(), read.end());
            });
        }
        std::string default_expiry;
        if (const auto expiry = string(t, "expires_at", where)) {
            attempt(*t.get("expires_at"),
                    [&] { default_expiry = api::whitelists::checked_expiry(*expiry, m_now); });
        }
        decl.entries = api::whitelists::check_entries(entries, default_expiry, m_now);
        for (const auto& entry : decl.entries) {
            if (entry.outcome == bulk::Outcome::Invalid) {
                problem(t, entry.row <= inline_count
                               ? fmt::format("whitelist of {}, entry {}: {}", decl.app, entry.row,
                                             entry.message)
                               : fmt::format("whitelist of {}, row {} of its file: {}", decl.app,
                                             entry.row - inline_count, entry.message));
            }
        }
        return decl;
    }

    void check_references(const TenantFile& file) {
        std::set<std::string> apps;
        for (const AppDecl& app : file.apps) {
            if (!app.name.empty() && !apps.insert(util::to_lower(app.name)).second) {
                problem(app.line, fmt::format("app {} is declared twice", app.name));
            }
        }
        std::set<std::string> groups;
        for (std::size_t i = 0; i < file.groups.size(); ++i) {
            const GroupDecl& group = file.groups[i];
            if (!group.name.empty() && !groups.insert(util::to_lower(group.name)).second) {
                problem(group.line, fmt::format("group {} is declared twice", group.name));
            }
            if (i == k_max_groups) {
                problem(group.line,
                        fmt::format("group {} is the {}st: a namespace holds at most {} groups",
                                    group.name, k_max_groups + 1, k_max_groups));
            }
        }
        const auto group_known = [&](const std::string& name) {
            return groups.count(util::to_lower(name)) > 0;
        };
        std::vector<std::string> group_names;
        for (const GroupDecl& group : file.groups) {
            group_names.push_back(group.name);
        }
        const auto unknown_group = [&](std::size_t line, const std::string& what,
                                       const std::string& name) {
            const std::string suggestion = util::nearest(name, group_names);
            problem(line, fmt::format(
                              "{} names group {}, which the file does not declare{}", what, name,
                              suggestion.empty() ? std::string(" ([[groups]])")
                                                 : fmt::format(" (did you mean {}?)", suggestion)));
        };
        for (const GroupDecl& group : file.groups) {
            for (const std::string& nested : group.groups) {
                if (util::to_lower(nested) == util::to_lower(group.name)) {
                    problem(group.line, fmt::format("group {} cannot contain itself", group.name));
                } else if (!group_known(nested)) {
                    unknown_group(group.line, "group " + group.name, nested);
                }
            }
        }
        for (const AppDecl& app : file.apps) {
            for (const std::string& assigned : app.assigned_groups) {
                if (!group_known(assigned)) {
                    unknown_group(app.line, "app " + app.name + " (assign_groups)", assigned);
                }
            }
        }
        std::set<std::string> keys;
        for (const ApiKeyDecl& key : file.apikeys) {
            if (!keys.insert(util::to_lower(key.name)).second) {
                problem(key.line, fmt::format("API key {} is declared twice", key.name));
            }
        }
        if (file.apikeys.size() > api::apikeys::k_max_keys) {
            problem(file.apikeys[api::apikeys::k_max_keys].line,
                    fmt::format("a namespace holds at most {} API keys", api::apikeys::k_max_keys));
        }
        std::vector<std::string> app_names;
        for (const AppDecl& app : file.apps) {
            app_names.push_back(app.name);
        }
        for (const WhitelistDecl& list : file.whitelists) {
            if (!list.app.empty() && apps.count(util::to_lower(list.app)) == 0) {
                const std::string suggestion = util::nearest(list.app, app_names);
                problem(list.line,
                        fmt::format("whitelist of app {}, which the file does not "
                                    "declare{}",
                                    list.app,
                                    suggestion.empty()
                                        ? std::string(" ([[apps]])")
                                        : fmt::format(" (did you mean {}?)", suggestion)));
            }
        }
    }

    std::string m_path;
    std::chrono::system_clock::time_point m_now;
    std::filesystem::path m_dir;
    std::vector<std::pair<std::size_t, std::string>> m_found;
};

} // namespace

TenantFile parse_tenant_file(const std::string& text, const std::string& path,
                             std::chrono::system_clock::time_point now) {
    toml::table root;
    try {
        root = toml::parse(std::string_view(text), std::string_view(path));
    } catch (const toml::parse_error& e) {
        throw Error(ErrorKind::Usage, fmt::format("{}:{}:{}: {}", path, e.source().begin.line,
                                                  e.source().begin.column, e.description()));
    }
    Reader reader(path, now);
    TenantFile file = reader.read(root);
    const std::vector<std::string> problems = reader.problems();
    if (!problems.empty()) {
        std::string message = fmt::format("{} has {} problem{}; nothing was sent:", path,
                                          problems.size(), problems.size() == 1 ? "" : "s");
        for (const std::string& problem : problems) {
            message += "\n  " + problem;
        }
        throw Error(ErrorKind::Usage, message, "see techpass-tenant(5) for the file's keys");
    }
    return file;
}

TenantFile read_tenant_file(const std::string& path, std::chrono::system_clock::time_point now) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Usage, fmt::format("cannot read the tenant file {}", path));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse_tenant_file(buffer.str(), path, now);
}

} // namespace techpass::tenant
