#pragma once

// A namespace as it is, read for `techpass plan`, `apply` and `export` with
// the fewest requests the API allows: one listing per collection, each at the
// largest page size the portal serves, and only the collections the tenant
// file manages (issue 11). Groups come with their direct members in one
// answer each (getGroup), admins with the namespace.

#include "techpass/api/client.hpp"

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace techpass::tenant {

// An app and what was read of it (empty arrays for what was not).
struct LiveApp {
    api::Json app;                               // App
    api::Json assignments = api::Json::array();  // [Assignment]
    api::Json certificates = api::Json::array(); // [Certificate]
    api::Json secrets = api::Json::array();      // [Secret]
    api::Json whitelist = api::Json::array();    // [Whitelist]
};

struct LiveState {
    std::string namespace_code;
    api::Json ns;                            // Namespace, admins included
    std::vector<LiveApp> apps;               // in the portal's order
    std::vector<api::Json> groups;           // GroupDetail, members included
    api::Json apikeys = api::Json::array();  // [ApiKey]
    api::Json webhooks = api::Json::array(); // [Webhook]

    const LiveApp* find_app(std::string_view name) const;
    const api::Json* find_group(std::string_view name) const;
};

// What is read beyond the namespace and its lists of apps, groups, API keys
// and webhooks: only what the plan compares (the fewest requests), or
// everything (export).
struct ReadOptions {
    bool everything = false;
    bool apikeys = false;
    bool webhooks = false;
    // Groups (by name) whose members are read.
    std::set<std::string> groups;
    // What is read of each app (by name).
    struct AppParts {
        bool assignments = false;
        bool certificates = false;
        bool secrets = false;
        bool whitelist = false;
    };
    std::map<std::string, AppParts> apps;
};

// Reads the namespace; errors are the client's (Auth, NotFound, Network...).
LiveState read_live(api::ApiClient& client, const std::string& namespace_code,
                    const ReadOptions& options);

} // namespace techpass::tenant
