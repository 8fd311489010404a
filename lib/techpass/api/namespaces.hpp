#pragma once

// Namespaces and their admins over the Automation API (docs/api:
// namespaces), and how they are shown. Depends only on api::ApiClient.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <optional>
#include <string>

namespace techpass::api::namespaces {

const output::Resource& namespace_resource();
const output::Resource& admin_resource();

std::string namespace_path(const std::string& code);
std::string admins_path(const std::string& code);

struct NamespaceChanges {
    std::optional<std::string> display_name;
    std::optional<std::string> description;
    api::Json body() const;
};

api::Json list_namespaces(api::ApiClient& client, std::optional<std::size_t> limit);
api::Json get_namespace(api::ApiClient& client, const std::string& code);
api::Json update_namespace(api::ApiClient& client, const std::string& code,
                           const NamespaceChanges& changes);

api::Json list_admins(api::ApiClient& client, const std::string& code,
                      std::optional<std::size_t> limit);
// user: id or email of an active public officer.
api::Json add_admin(api::ApiClient& client, const std::string& code, const std::string& user);
void remove_admin(api::ApiClient& client, const std::string& code, const std::string& user);

} // namespace techpass::api::namespaces
