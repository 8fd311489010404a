#pragma once

// Vendor accounts over the Automation API (docs/api: vendors), always with
// their SEED status, and how they are shown. Depends only on api::ApiClient.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <optional>
#include <string>

namespace techpass::api::vendors {

const output::Resource& vendor_resource();
const output::Resource& vendor_detail_resource();

inline constexpr const char* k_vendors_path = "/iam/vendors";

// "/iam/vendors/{identifier}" for an id, email or username.
std::string vendor_path(const std::string& identifier);

struct VendorFilter {
    std::string seed_status; // not_required, license_assigned, fully_onboarded; "" for all
    std::string search;
};

api::Json list_vendors(api::ApiClient& client, const VendorFilter& filter,
                       std::optional<std::size_t> limit);
api::Json get_vendor(api::ApiClient& client, const std::string& identifier);
// PATCH with a VendorUpdate body; the vendor after it.
api::Json update_vendor(api::ApiClient& client, const std::string& identifier,
                        const api::Json& changes);
// Assigns a SEED licence (and sends the SEED email) unless they have one.
api::Json request_seed(api::ApiClient& client, const std::string& identifier);

} // namespace techpass::api::vendors
