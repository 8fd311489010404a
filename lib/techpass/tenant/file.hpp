#pragma once

// The tenant file (TOML): what a namespace should be, for `techpass plan`,
// `apply` and `export` (issue 11). Read and checked whole before anything is
// sent: unknown keys (with "did you mean"), wrong types, values the portal
// would refuse, and references between the file's objects (a group assigned
// to an app, a group inside a group, a whitelist of an app) are all reported
// at once, each with its file and line. Secrets are never in a tenant file:
// API keys and client secrets are named, their values go elsewhere.

#include "techpass/api/apps.hpp"
#include "techpass/api/client.hpp"
#include "techpass/api/whitelists.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace techpass::tenant {

// An app of the namespace, by name.
struct AppDecl {
    std::size_t line = 0;
    std::string name;
    std::vector<std::string> redirect_urls;
    std::optional<std::string> homepage_url;
    std::optional<std::string> logout_url;
    api::apps::AppSettings settings;
    std::optional<bool> consent_granted;
    std::vector<std::string> owners;          // emails
    std::vector<std::string> assigned_users;  // emails
    std::vector<std::string> assigned_groups; // group names of this file
    std::vector<std::string> certificates;    // PEM paths, relative to the file's directory
    std::vector<std::string> secrets;         // client secrets by description
};

// A group of the namespace, by name (without the "ns:" prefix).
struct GroupDecl {
    std::size_t line = 0;
    std::string name;
    std::string description;
    std::vector<std::string> members; // user emails
    std::vector<std::string> groups;  // nested groups of this file
};

struct ApiKeyDecl {
    std::size_t line = 0;
    std::string name;
};

struct WebhookDecl {
    std::size_t line = 0;
    std::string url;
    std::vector<std::string> events;
    api::Json headers = api::Json::object();
    std::string description;
};

// The OTP whitelist of one app: entries inline and/or from a file.
struct WhitelistDecl {
    std::size_t line = 0;
    std::string app; // an app of this file
    std::vector<api::whitelists::EntryOutcome> entries;
};

struct TenantFile {
    std::string path;
    std::string namespace_code;
    std::optional<std::string> display_name;
    std::optional<std::string> description;
    std::vector<std::string> admins; // emails
    std::vector<AppDecl> apps;
    std::vector<GroupDecl> groups;
    std::vector<ApiKeyDecl> apikeys;
    std::vector<WebhookDecl> webhooks;
    std::vector<WhitelistDecl> whitelists;
};

// The most groups a namespace may hold (docs/api: createGroup).
inline constexpr std::size_t k_max_groups = 50;

// Reads and checks a tenant file; now dates whitelist expiries. Error(Usage)
// listing every problem as "path:line: message" when there is any.
TenantFile read_tenant_file(const std::string& path, std::chrono::system_clock::time_point now);

// The same from text (path names it in messages, and is where relative
// paths start).
TenantFile parse_tenant_file(const std::string& text, const std::string& path,
                             std::chrono::system_clock::time_point now);

} // namespace techpass::tenant
