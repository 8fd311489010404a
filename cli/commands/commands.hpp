#pragma once

// The top-level commands: one registration function per noun, and the one
// list of them. Their order is the order of `techpass --help`, the man pages
// and completions.

#include <array>
#include <string_view>

namespace techpass::cli {

class Application;

void register_auth(Application& app);
void register_profile(Application& app);
void register_users(Application& app);
void register_invitations(Application& app);
void register_vendors(Application& app);
void register_namespaces(Application& app);
void register_groups(Application& app);
void register_apps(Application& app);
void register_apikeys(Application& app);
void register_webhooks(Application& app);
void register_whitelists(Application& app);
void register_tenants(Application& app);
void register_access(Application& app);
void register_plan(Application& app);
void register_apply(Application& app);
void register_export(Application& app);
void register_api(Application& app);
void register_completion(Application& app);
void register_version(Application& app);

struct Noun {
    std::string_view name;
    void (*add)(Application&);
    // Works without the others in the tree (completion prints them all).
    bool standalone;
};

inline constexpr std::array<Noun, 19> k_nouns{{
    {"auth", register_auth, true},
    {"profile", register_profile, true},
    {"users", register_users, true},
    {"invitations", register_invitations, true},
    {"vendors", register_vendors, true},
    {"namespaces", register_namespaces, true},
    {"groups", register_groups, true},
    {"apps", register_apps, true},
    {"apikeys", register_apikeys, true},
    {"webhooks", register_webhooks, true},
    {"whitelists", register_whitelists, true},
    {"tenants", register_tenants, true},
    {"access", register_access, true},
    {"plan", register_plan, true},
    {"apply", register_apply, true},
    {"export", register_export, true},
    {"api", register_api, true},
    {"completion", register_completion, false},
    {"version", register_version, true},
}};

} // namespace techpass::cli
