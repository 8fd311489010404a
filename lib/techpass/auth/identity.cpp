#include "techpass/auth/identity.hpp"

#include "techpass/error.hpp"
#include "techpass/util/jwt.hpp"

#include <fmt/format.h>

namespace techpass::auth {

namespace {

std::string string_claim(const nlohmann::json& claims, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (claims.contains(name) && claims.at(name).is_string()) {
            return claims.at(name).get_ref<const std::string&>();
        }
    }
    return {};
}

std::vector<std::string> string_list(const nlohmann::json& claims, const char* name) {
    std::vector<std::string> out;
    if (!claims.contains(name)) {
        return out;
    }
    const auto& value = claims.at(name);
    if (value.is_string()) {
        out.push_back(value.get_ref<const std::string&>());
    } else if (value.is_array()) {
        for (const auto& item : value) {
            if (item.is_string()) {
                out.push_back(item.get_ref<const std::string&>());
            }
        }
    }
    return out;
}

nlohmann::json claims_of(std::string_view access_token) {
    try {
        return util::decode_jwt(access_token).claims;
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Auth, fmt::format("the access token cannot be read: {}", e.what()),
                    "run: techpass auth login");
    }
}

} // namespace

std::string Identity::describe() const {
    if (kind == "user") {
        return fmt::format("user {}", name.empty() ? object_id : name);
    }
    if (!name.empty()) {
        return fmt::format("app {} ({})", name, app_id);
    }
    return fmt::format("app {}", app_id.empty() ? object_id : app_id);
}

Identity identity_from_token(std::string_view access_token) {
    const auto claims = claims_of(access_token);
    Identity identity;
    const auto idtyp = string_claim(claims, {"idtyp"});
    const bool user = idtyp == "user" || (idtyp.empty() && claims.contains("scp"));
    identity.kind = user ? "user" : "app";
    identity.app_id = string_claim(claims, {"appid", "azp"});
    identity.object_id = string_claim(claims, {"oid", "sub"});
    identity.name = user ? string_claim(claims, {"preferred_username", "upn", "email", "name"})
                         : string_claim(claims, {"app_displayname"});
    identity.tenant_id = string_claim(claims, {"tid"});
    identity.namespaces = string_list(claims, "namespaces");
    if (identity.namespaces.empty()) {
        identity.namespaces = string_list(claims, "ns");
    }
    identity.roles = string_list(claims, "roles");
    return identity;
}

std::chrono::system_clock::time_point token_expiry(std::string_view access_token) {
    const auto claims = claims_of(access_token);
    if (!claims.contains("exp") || !claims.at("exp").is_number()) {
        return {};
    }
    return std::chrono::system_clock::time_point(
        std::chrono::seconds(claims.at("exp").get<long long>()));
}

} // namespace techpass::auth
