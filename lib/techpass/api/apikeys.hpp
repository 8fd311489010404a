#pragma once

// The API keys of a namespace over the Automation API (docs/api: apikeys). A
// key's value is in the answer that creates it and nowhere else.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <string>

namespace techpass::api::apikeys {

// A namespace holds at most this many keys, to allow rotation (docs/api).
inline constexpr std::size_t k_max_keys = 4;

const output::Resource& apikey_resource();

std::string apikeys_path(const std::string& namespace_code);
std::string apikey_path(const std::string& namespace_code, const std::string& id);

api::Json list_keys(api::ApiClient& client, const std::string& namespace_code);
// Checks a key name against the contract (Usage error).
void check_key_name(std::string_view name);
// Creates a key after checking the limit (Conflict before sending, naming
// the key to revoke: the one unused the longest) and the name (Conflict when
// taken); the answer holds its value.
api::Json create_key(api::ApiClient& client, const std::string& namespace_code,
                     const std::string& name);
// The key of keys (list_keys' apiKeys) a command line names: its name, id or
// prefix (NotFound with "did you mean" otherwise); Conflict when it is the
// namespace's last key, which the portal refuses to revoke.
const api::Json& key_to_revoke(const api::Json& keys, const std::string& namespace_code,
                               const std::string& text);
void revoke_key(api::ApiClient& client, const std::string& namespace_code, const std::string& id);

// The key of a list to revoke first: never used, else used the longest ago;
// the oldest among equals.
const api::Json& stalest_key(const api::Json& keys);

} // namespace techpass::api::apikeys
