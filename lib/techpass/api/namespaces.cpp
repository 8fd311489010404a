#include "techpass/api/namespaces.hpp"

#include "techpass/api/naming.hpp"
#include "techpass/http/url.hpp"

namespace techpass::api::namespaces {

namespace {

using api::Json;

std::string admin_emails(const Json& item) {
    const Json admins = output::field_value(item, "admins");
    std::string text;
    if (admins.is_array()) {
        for (const Json& admin : admins) {
            text +=
                (text.empty() ? "" : ", ") + output::cell_text(output::field_value(admin, "email"));
        }
    }
    return text;
}

} // namespace

const output::Resource& namespace_resource() {
    static const output::Resource resource{
        "namespace",
        "namespaces",
        "namespaces",
        "code",
        {
            {"code", "Namespace code, e.g. SHIP"},
            {"displayName", "Display name"},
            {"description", "Description (may be empty)"},
            {"directoryId", "Directory (tenant) id of the namespace's apps"},
            {"admins", "Tenant admins (id, email, displayName, addedAt, addedBy)"},
            {"createdAt", "When the namespace was created (RFC 3339)"},
        },
        {{"CODE", "code"},
         {"NAME", "displayName"},
         {"ADMINS", "admins", admin_emails},
         {"CREATED", "createdAt"}},
    };
    return resource;
}

const output::Resource& admin_resource() {
    static const output::Resource resource{
        "admin",
        "admins",
        "admins",
        "email",
        {
            {"id", "The admin's user id"},
            {"email", "The admin's email"},
            {"displayName", "The admin's display name"},
            {"addedAt", "When the user became an admin (RFC 3339)"},
            {"addedBy", "Who added the admin (type, id, name); null for the first admin"},
        },
        {{"EMAIL", "email"},
         {"NAME", "displayName"},
         {"ADDED", "addedAt"},
         {"ADDED BY", "/addedBy/name"}},
    };
    return resource;
}

std::string namespace_path(const std::string& code) {
    return "/iam/namespace/" + code;
}

std::string admins_path(const std::string& code) {
    return namespace_path(code) + "/admins";
}

Json NamespaceChanges::body() const {
    Json body = Json::object();
    if (display_name) {
        body["displayName"] = *display_name;
    }
    if (description) {
        body["description"] = *description;
    }
    return body;
}

Json list_namespaces(api::ApiClient& client, std::optional<std::size_t> limit) {
    return client.paginate("/iam/namespaces", {}, "namespaces", limit, 100);
}

Json get_namespace(api::ApiClient& client, const std::string& code) {
    return client.get(namespace_path(code));
}

Json update_namespace(api::ApiClient& client, const std::string& code,
                      const NamespaceChanges& changes) {
    return client.patch(namespace_path(code), changes.body());
}

Json list_admins(api::ApiClient& client, const std::string& code,
                 std::optional<std::size_t> limit) {
    return client.paginate(admins_path(code), {}, "admins", limit, 100);
}

Json add_admin(api::ApiClient& client, const std::string& code, const std::string& user) {
    return client.post(admins_path(code), Json{{"user", user}}, api::IdempotencyKey::generate());
}

void remove_admin(api::ApiClient& client, const std::string& code, const std::string& user) {
    client.del(admins_path(code) + "/" + http::path_segment(user, "user"));
}

} // namespace techpass::api::namespaces
