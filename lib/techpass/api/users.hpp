#pragma once

// User accounts over the Automation API (docs/api: users): registering public
// officers, listing and reading accounts, disabling, enabling and deleting
// them; and how they are shown. Depends only on api::ApiClient.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <optional>
#include <string>

namespace techpass::api::users {

// Accounts in lists (and -o for every users verb).
const output::Resource& user_resource();
// One account shown on its own: more fields in the table.
const output::Resource& user_detail_resource();

inline constexpr const char* k_users_path = "/iam/users";
inline constexpr const char* k_registrations_path = "/iam/users/registrations";

// "/iam/users/{identifier}" for an id, email or username.
std::string user_path(const std::string& identifier);

// POST /iam/users/registrations with the body from validate::request_json.
api::Json register_officer(api::ApiClient& client, const api::Json& body);

struct UserFilter {
    std::string status;       // pending, active, disabled, terminated; "" for all
    std::string account_type; // account:vendor, ...; "" for all
    std::string search;       // substring of email, username or names
    int inactive_days = 0;    // 0 for no filter
};

api::Json list_users(api::ApiClient& client, const UserFilter& filter,
                     std::optional<std::size_t> limit);
// With the sign-in times; seed adds seedStatus and seedDevices (slow on the portal).
api::Json get_user(api::ApiClient& client, const std::string& identifier, bool seed);
// POST .../disable or .../enable; the account after it.
api::Json change_user(api::ApiClient& client, const std::string& identifier,
                      const std::string& action);
void delete_user(api::ApiClient& client, const std::string& identifier);

// "vendor" for an item whose accountType is "account:vendor" ("" when it
// has none): how tables show account types.
std::string short_account_type(const api::Json& item);

// "account:vendor" for "vendor" (the form --type takes).
std::string account_type_value(const std::string& type);

} // namespace techpass::api::users
