#include "techpass/api/users.hpp"

#include "techpass/api/naming.hpp"
#include "techpass/http/url.hpp"

namespace techpass::api::users {

namespace {

using api::Json;

std::vector<output::Field> user_fields() {
    return {
        {"id", "Directory object id (uuid): the preferred identifier"},
        {"email", "Email (lower case, unique)"},
        {"username", "TechPass ID, the login name"},
        {"firstName", "Given name"},
        {"lastName", "Family name"},
        {"displayName", "Display name"},
        {"mobile", "Singapore mobile number (+65XXXXXXXX); may be null"},
        {"accountType", "account:public_officer, account:vendor, account:temp, account:product "
                        "or account:other"},
        {"status", "pending, active, disabled or terminated"},
        {"company", "Company (null for public officers)"},
        {"department", "Department"},
        {"agency", "Agency (public officers: from the email domain)"},
        {"seedStatus", "not_required, license_assigned or fully_onboarded (get --seed)"},
        {"seedDevices", "Devices enrolled in SEED (get --seed)"},
        {"createdAt", "When the account was created (RFC 3339)"},
        {"statusChangedAt", "When the status last changed"},
        {"lastSignInAt", "Last sign-in of any kind; null if never (get only)"},
        {"lastInteractiveSignInAt", "Last sign-in with credentials and MFA (get only)"},
        {"lastNonInteractiveSignInAt", "Last sign-in reusing a session (get only)"},
        {"sponsor", "Who registered or invited the account (type, id, name); may be null"},
    };
}

} // namespace

namespace {

// A user, shown in a table with these columns.
output::Resource user_resource_with(std::vector<output::Column> columns) {
    return {"user", "users", "users", "email", user_fields(), std::move(columns)};
}

} // namespace

const output::Resource& user_resource() {
    static const output::Resource resource =
        user_resource_with({{"EMAIL", "email"},
                            {"NAME", "displayName"},
                            {"TYPE", "accountType", short_account_type},
                            {"STATUS", "status"},
                            {"CREATED", "createdAt"},
                            {"ID", "id"}});
    return resource;
}

const output::Resource& user_detail_resource() {
    static const output::Resource resource =
        user_resource_with({{"EMAIL", "email"},
                            {"USERNAME", "username"},
                            {"NAME", "displayName"},
                            {"TYPE", "accountType", short_account_type},
                            {"STATUS", "status"},
                            {"MOBILE", "mobile"},
                            {"COMPANY", "company"},
                            {"AGENCY", "agency"},
                            {"SEED", "seedStatus"},
                            {"CREATED", "createdAt"},
                            {"STATUS CHANGED", "statusChangedAt"},
                            {"LAST SIGN-IN", "lastSignInAt"},
                            {"SPONSOR", "/sponsor/name"},
                            {"ID", "id"}});
    return resource;
}

std::string user_path(const std::string& identifier) {
    return std::string(k_users_path) + "/" + http::path_segment(identifier, "user");
}

std::string account_type_value(const std::string& type) {
    return type.empty() || type.rfind("account:", 0) == 0 ? type : "account:" + type;
}

Json register_officer(api::ApiClient& client, const Json& body) {
    return client.post(k_registrations_path, body, api::IdempotencyKey::generate());
}

Json list_users(api::ApiClient& client, const UserFilter& filter,
                std::optional<std::size_t> limit) {
    http::Query query;
    if (!filter.status.empty()) {
        query.emplace_back("status", filter.status);
    }
    if (!filter.account_type.empty()) {
        query.emplace_back("accountType", account_type_value(filter.account_type));
    }
    if (!filter.search.empty()) {
        query.emplace_back("search", filter.search);
    }
    if (filter.inactive_days > 0) {
        query.emplace_back("inactiveDays", std::to_string(filter.inactive_days));
    }
    return client.paginate(k_users_path, std::move(query), "users", limit, 100);
}

Json get_user(api::ApiClient& client, const std::string& identifier, bool seed) {
    http::Query query{{"lastSignIn", "true"}};
    if (seed) {
        query.emplace_back("seedInfo", "true");
    }
    return client.get(user_path(identifier), query);
}

Json change_user(api::ApiClient& client, const std::string& identifier, const std::string& action) {
    return client.post(user_path(identifier) + "/" + action);
}

void delete_user(api::ApiClient& client, const std::string& identifier) {
    client.del(user_path(identifier));
}

std::string short_account_type(const Json& item) {
    const Json value = output::field_value(item, "accountType");
    if (!value.is_string()) {
        return {};
    }
    std::string text = value.get<std::string>();
    return text.rfind("account:", 0) == 0 ? text.substr(8) : text;
}

} // namespace techpass::api::users
