#pragma once

// Requests to become a TechPass tenant (docs/api: tenants). A person (an
// active public officer, signed in as themself) asks; the TechPass team
// decides; on approval the namespace is created with the requester as its
// first admin.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <optional>
#include <string>

namespace techpass::api::tenants {

const output::Resource& tenant_request_resource();

struct TenantRequestSpec {
    std::string namespace_code; // upper-cased by check()
    std::string service_name;
    std::string description;
    std::string contact_email;
    // Checks every field against the contract (Usage error naming the flag).
    void check();
    api::Json body() const;
};

inline constexpr const char* k_requests_path = "/tenants/requests";

api::Json request_tenant(api::ApiClient& client, const TenantRequestSpec& spec);
api::Json list_requests(api::ApiClient& client, const std::string& status,
                        std::optional<std::size_t> limit);
api::Json get_request(api::ApiClient& client, const std::string& id);

} // namespace techpass::api::tenants
