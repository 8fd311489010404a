#include "techpass/tenant/export.hpp"

#include "techpass/output/resource.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace techpass::tenant {

namespace {

using api::Json;
using output::field_text;

bool bare_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

std::string key_text(std::string_view key) {
    return bare_key(key) ? std::string(key) : toml_string(key);
}

std::string string_list(const std::vector<std::string>& values) {
    std::string text = "[";
    for (const std::string& value : values) {
        text += (text.size() > 1 ? ", " : "") + toml_string(value);
    }
    return text + "]";
}

class Writer {
public:
    void line(const std::string& text = {}) { m_text += text + "\n"; }
    void string(std::string_view key, const std::string& value) {
        line(fmt::format("{} = {}", key, toml_string(value)));
    }
    void optional_string(std::string_view key, const Json& value) {
        if (value.is_string() && !value.get<std::string>().empty()) {
            string(key, value.get<std::string>());
        }
    }
    void list(std::string_view key, const std::vector<std::string>& values) {
        if (!values.empty()) {
            line(fmt::format("{} = {}", key, string_list(values)));
        }
    }
    void boolean(std::string_view key, const Json& value) {
        if (value.is_boolean()) {
            line(fmt::format("{} = {}", key, value.get<bool>() ? "true" : "false"));
        }
    }
    std::string text() && { return std::move(m_text); }

private:
    std::string m_text;
};

// The strings of a list, or a field of each of its objects.
std::vector<std::string> texts(const Json& items, std::string_view field) {
    std::vector<std::string> values;
    if (items.is_array()) {
        for (const Json& item : items) {
            if (field.empty()) {
                values.push_back(item.is_string() ? item.get<std::string>() : item.dump());
            } else {
                values.push_back(field_text(item, field));
            }
        }
    }
    return values;
}

} // namespace

std::string toml_string(std::string_view text) {
    std::string quoted = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += c;
        } else if (c == '\n') {
            quoted += "\\n";
        } else if (c == '\t') {
            quoted += "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            quoted += fmt::format("\\u{:04X}", byte);
        } else {
            quoted += c;
        }
    }
    return quoted + "\"";
}

std::string export_tenant_file(const LiveState& live, std::chrono::system_clock::time_point now) {
    Writer out;
    out.line(fmt::format("# Namespace {} as it was at {} (techpass export).", live.namespace_code,
                         util::rfc3339(now)));
    out.line("# Secrets are never exported: client secrets and API keys are named only.");
    out.line("# See techpass-tenant(5); `techpass plan -f` this file reports no changes.");
    out.line();
    out.string("namespace", live.namespace_code);
    out.optional_string("display_name", output::field_value(live.ns, "displayName"));
    out.optional_string("description", output::field_value(live.ns, "description"));
    out.list("admins", texts(output::field_value(live.ns, "admins"), "email"));

    for (const Json& group : live.groups) {
        std::vector<std::string> users;
        std::vector<std::string> nested;
        for (const Json& member : output::field_value(group, "members")) {
            if (field_text(member, "type") == "group") {
                nested.push_back(field_text(member, "name"));
            } else {
                users.push_back(field_text(member, "email"));
            }
        }
        out.line();
        out.line("[[groups]]");
        out.string("name", field_text(group, "name"));
        out.optional_string("description", output::field_value(group, "description"));
        out.list("members", users);
        out.list("groups", nested);
    }

    for (const LiveApp& app : live.apps) {
        out.line();
        out.line("[[apps]]");
        out.string("name", field_text(app.app, "name"));
        out.list("redirect_urls", texts(output::field_value(app.app, "redirectUrls"), ""));
        out.optional_string("homepage_url", output::field_value(app.app, "homepageUrl"));
        out.optional_string("logout_url", output::field_value(app.app, "logoutUrl"));
        for (const char* flag : {"signInEnabled", "assignmentRequired", "published", "seedRequired",
                                 "consentGranted"}) {
            static const std::vector<std::pair<std::string, std::string>> names{
                {"signInEnabled", "sign_in_enabled"},
                {"assignmentRequired", "assignment_required"},
                {"published", "published"},
                {"seedRequired", "seed_required"},
                {"consentGranted", "consent_granted"}};
            const auto name = std::find_if(names.begin(), names.end(),
                                           [&](const auto& n) { return n.first == flag; });
            out.boolean(name->second, output::field_value(app.app, flag));
        }
        out.list("owners", texts(output::field_value(app.app, "owners"), "email"));
        std::vector<std::string> users;
        std::vector<std::string> groups;
        for (const Json& assignment : app.assignments) {
            (field_text(assignment, "principalType") == "group" ? groups : users)
                .push_back(field_text(assignment, "principalName"));
        }
        out.list("assign_users", users);
        out.list("assign_groups", groups);
        out.list("secrets", texts(app.secrets, "description"));
        for (const Json& certificate : app.certificates) {
            out.line(fmt::format("# certificate {} ({}): add its PEM file's path to "
                                 "certificates = [...]",
                                 field_text(certificate, "thumbprint"),
                                 field_text(certificate, "subject")));
        }
    }

    for (const Json& key : live.apikeys) {
        out.line();
        out.line("[[apikeys]]");
        out.string("name", field_text(key, "name"));
    }

    for (const Json& hook : live.webhooks) {
        out.line();
        out.line("[[webhooks]]");
        out.string("url", field_text(hook, "url"));
        out.list("events", texts(output::field_value(hook, "events"), ""));
        const Json& headers = output::field_value(hook, "headers");
        if (headers.is_object() && !headers.empty()) {
            std::string table;
            for (const auto& [name, value] : headers.items()) {
                table += fmt::format(
                    "{}{} = {}", table.empty() ? "" : ", ", key_text(name),
                    toml_string(value.is_string() ? value.get<std::string>() : value.dump()));
            }
            out.line("headers = { " + table + " }");
        }
        out.optional_string("description", output::field_value(hook, "description"));
    }

    for (const LiveApp& app : live.apps) {
        if (app.whitelist.empty()) {
            continue;
        }
        out.line();
        out.line("[[whitelists]]");
        out.string("app", field_text(app.app, "name"));
        out.line("entries = [");
        for (const Json& entry : app.whitelist) {
            const std::string value = toml_string(field_text(entry, "whitelistValue"));
            const Json expiry = output::field_value(entry, "expiresAt");
            if (expiry.is_string() && !expiry.get<std::string>().empty()) {
                out.line(fmt::format("  {{ value = {}, expires_at = {} }},", value,
                                     toml_string(expiry.get<std::string>())));
            } else {
                out.line(fmt::format("  {},", value));
            }
        }
        out.line("]");
    }
    return std::move(out).text();
}

} // namespace techpass::tenant
