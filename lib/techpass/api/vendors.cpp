#include "techpass/api/vendors.hpp"

#include "techpass/api/naming.hpp"
#include "techpass/http/url.hpp"

namespace techpass::api::vendors {

namespace {

using api::Json;

std::vector<output::Field> vendor_fields() {
    return {
        {"id", "Directory object id (uuid): the preferred identifier"},
        {"email", "Email (lower case, unique)"},
        {"username", "TechPass ID, the login name (e.g. ahmad_ismail@techpass.gov.sg)"},
        {"firstName", "Given name"},
        {"lastName", "Family name"},
        {"displayName", "Display name"},
        {"mobile", "Singapore mobile number (+65XXXXXXXX)"},
        {"accountType", "Always account:vendor"},
        {"status", "pending, active, disabled or terminated"},
        {"company", "Company"},
        {"department", "Department"},
        {"agency", "Sponsoring agency"},
        {"seedStatus", "SEED: not_required, license_assigned or fully_onboarded"},
        {"createdAt", "When the account was created (RFC 3339)"},
        {"statusChangedAt", "When the status last changed"},
        {"sponsor", "Who invited the vendor (type, id, name)"},
    };
}

} // namespace

const output::Resource& vendor_resource() {
    static const output::Resource resource{
        "vendor",
        "vendors",
        "vendors",
        "email",
        vendor_fields(),
        {{"EMAIL", "email"},
         {"NAME", "displayName"},
         {"COMPANY", "company"},
         {"STATUS", "status"},
         {"SEED", "seedStatus"},
         {"ID", "id"}},
    };
    return resource;
}

const output::Resource& vendor_detail_resource() {
    static const output::Resource resource{
        "vendor",
        "vendors",
        "vendors",
        "email",
        vendor_fields(),
        {{"EMAIL", "email"},
         {"USERNAME", "username"},
         {"NAME", "displayName"},
         {"MOBILE", "mobile"},
         {"COMPANY", "company"},
         {"DEPARTMENT", "department"},
         {"AGENCY", "agency"},
         {"STATUS", "status"},
         {"SEED", "seedStatus"},
         {"CREATED", "createdAt"},
         {"SPONSOR", "/sponsor/name"},
         {"ID", "id"}},
    };
    return resource;
}

std::string vendor_path(const std::string& identifier) {
    return std::string(k_vendors_path) + "/" + http::path_segment(identifier, "vendor");
}

Json list_vendors(api::ApiClient& client, const VendorFilter& filter,
                  std::optional<std::size_t> limit) {
    http::Query query;
    if (!filter.seed_status.empty()) {
        query.emplace_back("seedStatus", filter.seed_status);
    }
    if (!filter.search.empty()) {
        query.emplace_back("search", filter.search);
    }
    return client.paginate(k_vendors_path, std::move(query), "vendors", limit, 100);
}

Json get_vendor(api::ApiClient& client, const std::string& identifier) {
    return client.get(vendor_path(identifier));
}

Json update_vendor(api::ApiClient& client, const std::string& identifier, const Json& changes) {
    return client.patch(vendor_path(identifier), changes);
}

Json request_seed(api::ApiClient& client, const std::string& identifier) {
    return client.post(vendor_path(identifier) + "/seed");
}

} // namespace techpass::api::vendors
