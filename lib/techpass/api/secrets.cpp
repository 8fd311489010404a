#include "techpass/api/secrets.hpp"

#include "techpass/api/apps.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace techpass::api::secrets {

namespace {

using api::Json;

std::string expiry_cell(const Json& secret) {
    const Json expires = output::field_value(secret, "expiresAt");
    const Json days = output::field_value(secret, "expiresInDays");
    std::string text = expires.is_string() ? expires.get<std::string>() : "";
    if (days.is_number_integer()) {
        const auto left = days.get<long>();
        if (left < 0) {
            text += "  EXPIRED";
        } else if (left <= k_expiry_warning_days) {
            text += fmt::format("  EXPIRES IN {} DAY{}", left, left == 1 ? "" : "S");
        }
    }
    return text;
}

} // namespace

const output::Resource& secret_resource() {
    static const output::Resource resource{
        "secret",
        "secrets",
        "secrets",
        "id",
        {
            {"id", "Secret id (uuid)"},
            {"description", "What the secret is for"},
            {"hint", "The first 3 characters of its value"},
            {"createdAt", "When it was created (RFC 3339)"},
            {"expiresAt", "When it stops working, a year after it was made"},
            {"expiresInDays", "Whole days until it expires; negative once expired"},
            {"secret", "The value (only in the answer of add or rotate)"},
        },
        {{"ID", "id"},
         {"DESCRIPTION", "description"},
         {"HINT", "hint"},
         {"CREATED", "createdAt"},
         {"EXPIRES", "expiresAt", expiry_cell}},
    };
    return resource;
}

std::optional<long> days_until(const Json& when, std::chrono::system_clock::time_point now) {
    if (!when.is_string()) {
        return std::nullopt;
    }
    const auto at = util::parse_rfc3339(when.get<std::string>());
    if (!at) {
        return std::nullopt;
    }
    const auto left = std::chrono::duration<double, std::ratio<86400>>(*at - now).count();
    return static_cast<long>(std::floor(left));
}

std::string secrets_path(const std::string& namespace_code, const std::string& app_id) {
    return apps::app_path(namespace_code, app_id) + "/secrets";
}

std::string secret_path(const std::string& namespace_code, const std::string& app_id,
                        const std::string& secret_id) {
    return secrets_path(namespace_code, app_id) + "/" + http::path_segment(secret_id, "secret");
}

Json list_secrets(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& app_id, std::chrono::system_clock::time_point now) {
    Json page =
        client.paginate(secrets_path(namespace_code, app_id), {}, "secrets", std::nullopt, 100);
    for (Json& secret : page["secrets"]) {
        if (const auto days = days_until(output::field_value(secret, "expiresAt"), now)) {
            secret["expiresInDays"] = *days;
        }
    }
    return page;
}

void check_description(std::string_view description) {
    if (description.empty() || description.size() > 100 ||
        util::trim(description).size() != description.size()) {
        throw Error(ErrorKind::Usage,
                    fmt::format("invalid description {}", util::quoted(description)),
                    "say what the secret is for in 1 to 100 characters, e.g. -d 'CI pipeline'");
    }
}

Json add_secret(api::ApiClient& client, const std::string& namespace_code,
                const std::string& app_id, const std::string& description, const Json& existing) {
    if (existing.size() >= k_max_secrets) {
        const Json& oldest = existing.front();
        throw Error(ErrorKind::Conflict,
                    fmt::format("the app already has {} client secrets, the most it may have; "
                                "no secret was added",
                                existing.size()),
                    fmt::format("delete one first, e.g. the oldest ({}, \"{}\", expires {}): "
                                "techpass apps secrets delete {} {}",
                                oldest.value("id", ""), oldest.value("description", ""),
                                oldest.value("expiresAt", ""), app_id, oldest.value("id", "")));
    }
    return client.post(secrets_path(namespace_code, app_id), Json{{"description", description}},
                       api::IdempotencyKey::generate());
}

void delete_secret(api::ApiClient& client, const std::string& namespace_code,
                   const std::string& app_id, const std::string& secret_id) {
    client.del(secret_path(namespace_code, app_id, secret_id));
}

} // namespace techpass::api::secrets
