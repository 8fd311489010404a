#include "techpass/auth/token_cache.hpp"

#include "techpass/config/config_file.hpp"
#include "techpass/context.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/encoding.hpp"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace techpass::auth {

namespace {

using nlohmann::json;

json identity_json(const Identity& identity) {
    return json{{"kind", identity.kind},          {"appId", identity.app_id},
                {"objectId", identity.object_id}, {"name", identity.name},
                {"tenantId", identity.tenant_id}, {"namespaces", identity.namespaces},
                {"roles", identity.roles}};
}

Identity identity_from_json(const json& value) {
    Identity identity;
    identity.kind = value.value("kind", "");
    identity.app_id = value.value("appId", "");
    identity.object_id = value.value("objectId", "");
    identity.name = value.value("name", "");
    identity.tenant_id = value.value("tenantId", "");
    identity.namespaces = value.value("namespaces", std::vector<std::string>{});
    identity.roles = value.value("roles", std::vector<std::string>{});
    return identity;
}

} // namespace

std::string credential_fingerprint(std::string_view api_url, std::string_view client_id,
                                   std::string_view auth_method, std::string_view credential) {
    std::string material;
    for (const auto part : {api_url, client_id, auth_method, credential}) {
        material += std::to_string(part.size());
        material += ':';
        material += part;
    }
    return util::sha256_hex(material);
}

std::string TokenCache::default_dir(const Environment& env) {
    if (auto xdg = env.get("XDG_CACHE_HOME"); xdg && !xdg->empty()) {
        return *xdg + "/techpass";
    }
    return env.get("HOME").value_or("") + "/.cache/techpass";
}

std::string TokenCache::path(std::string_view profile) const {
    // A quoted TOML profile name may hold anything; the file name may not.
    std::string name = profile.empty() ? std::string("_env") : std::string(profile);
    for (auto& c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        c = plain ? c : '_';
    }
    if (name.front() == '.') {
        name.front() = '_';
    }
    return m_dir + "/" + name + ".json";
}

std::optional<CachedToken> TokenCache::load(std::string_view profile,
                                            std::string_view fingerprint) const {
    std::ifstream in(path(profile), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const auto value = json::parse(buffer.str(), nullptr, false);
    if (!value.is_object() || value.value("fingerprint", "") != fingerprint ||
        !value.contains("accessToken") || !value["accessToken"].is_string() ||
        !value.contains("expiresAt") || !value["expiresAt"].is_number_integer()) {
        return std::nullopt;
    }
    CachedToken token;
    token.access_token = value["accessToken"].get<std::string>();
    token.refresh_token = value.value("refreshToken", "");
    token.expires_at = std::chrono::system_clock::time_point(
        std::chrono::seconds(value["expiresAt"].get<long long>()));
    token.fingerprint = std::string(fingerprint);
    if (const auto it = value.find("identity"); it != value.end() && it->is_object()) {
        token.identity = identity_from_json(*it);
    }
    return token;
}

void TokenCache::store(std::string_view profile, const CachedToken& token) const {
    json value{
        {"fingerprint", token.fingerprint},
        {"accessToken", token.access_token},
        {"expiresAt",
         std::chrono::duration_cast<std::chrono::seconds>(token.expires_at.time_since_epoch())
             .count()},
        {"identity", identity_json(token.identity)},
    };
    if (!token.refresh_token.empty()) {
        value["refreshToken"] = token.refresh_token;
    }
    config::write_file_atomically(path(profile), value.dump(2) + "\n", 0600);
}

bool TokenCache::remove(std::string_view profile) const {
    return unlink(path(profile).c_str()) == 0;
}

} // namespace techpass::auth
