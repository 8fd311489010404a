#pragma once

// A namespace as it is, read for `techpass plan`, `apply` and `export` with
// the fewest requests the API allows: one listing per collection, each at the
// largest page size the portal serves (issue 11). Groups come with their
// direct members in one answer each (getGroup), admins with the namespace.

#include "techpass/api/client.hpp"

#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace techpass::tenant {

struct LiveApp {
    api::Json app;          // App
    api::Json assignments;  // [Assignment]
    api::Json certificates; // [Certificate]
    api::Json secrets;      // [Secret]
    bool whitelist_read = false;
    api::Json whitelist = api::Json::array(); // [Whitelist] when read
};

struct LiveState {
    std::string namespace_code;
    api::Json ns;                            // Namespace, admins included
    std::vector<LiveApp> apps;               // in the portal's order
    std::vector<api::Json> groups;           // GroupDetail, members included
    api::Json apikeys = api::Json::array();  // [ApiKey]
    api::Json webhooks = api::Json::array(); // [Webhook]
    int requests = 0;                        // how many requests reading took

    const LiveApp* find_app(std::string_view name) const;
    const api::Json* find_group(std::string_view name) const;
};

struct ReadOptions {
    // Apps whose OTP whitelist is read (by name); every app's with all_whitelists.
    std::set<std::string> whitelist_apps;
    bool all_whitelists = false;
};

// Reads the namespace; errors are the client's (Auth, NotFound, Network...).
LiveState read_live(api::ApiClient& client, const std::string& namespace_code,
                    const ReadOptions& options);

} // namespace techpass::tenant
