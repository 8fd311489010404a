#pragma once

// The client secrets of an app over the Automation API (docs/api: secrets).
// A secret's value is in the answer that creates it and nowhere else.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <chrono>
#include <string>

namespace techpass::api::secrets {

// An app may hold at most this many secrets (docs/api/openapi.yaml).
inline constexpr std::size_t k_max_secrets = 5;
// Secrets expiring within this many days are flagged.
inline constexpr int k_expiry_warning_days = 30;

const output::Resource& secret_resource();

std::string secrets_path(const std::string& namespace_code, const std::string& app_id);
std::string secret_path(const std::string& namespace_code, const std::string& app_id,
                        const std::string& secret_id);

// The app's secrets, oldest first, each with expiresInDays (whole days left
// at now; negative once expired).
api::Json list_secrets(api::ApiClient& client, const std::string& namespace_code,
                       const std::string& app_id, std::chrono::system_clock::time_point now);
// Checks a description against the contract (Usage error).
void check_description(std::string_view description);
// Adds a secret to an app whose secrets are existing (list_secrets'
// "secrets"): Conflict before sending when it has k_max_secrets, naming the
// oldest to delete. The answer holds the new secret's value.
api::Json add_secret(api::ApiClient& client, const std::string& namespace_code,
                     const std::string& app_id, const std::string& description,
                     const api::Json& existing);
void delete_secret(api::ApiClient& client, const std::string& namespace_code,
                   const std::string& app_id, const std::string& secret_id);

// Whole days from now to an RFC 3339 time (rounded down); nullopt when the
// text is not one.
std::optional<long> days_until(const api::Json& when, std::chrono::system_clock::time_point now);

} // namespace techpass::api::secrets
