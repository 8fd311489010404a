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
    // What it administers, for the one-paragraph summary of `techpass --help`
    // and techpass(1); "" for the plumbing (auth, profile, completion, ...)
    // and for a command another's phrase covers.
    std::string_view gist;
};

inline constexpr std::array<Noun, 19> k_nouns{{
    {"auth", register_auth, true, ""},
    {"profile", register_profile, true, ""},
    {"users", register_users, true,
     "public officers' accounts (registration, bulk import, lifecycle forecasts)"},
    {"invitations", register_invitations, true, "invitations"},
    {"vendors", register_vendors, true, "vendor onboarding, one at a time or from a spreadsheet"},
    {"namespaces", register_namespaces, true, "tenant namespaces and their admins"},
    {"groups", register_groups, true, "groups and their members"},
    {"apps", register_apps, true,
     "apps (redirect URLs, secrets, certificates, assignments, a trial sign-in)"},
    {"apikeys", register_apikeys, true, "API keys"},
    {"webhooks", register_webhooks, true, "webhooks"},
    {"whitelists", register_whitelists, true, "OTP whitelists"},
    {"tenants", register_tenants, true, "requests for new tenants"},
    {"access", register_access, true, "access reviews"},
    {"plan", register_plan, true,
     "declarative provisioning from a tenant file (plan, apply, export)"},
    {"apply", register_apply, true, ""},
    {"export", register_export, true, ""},
    {"api", register_api, true, "raw API calls"},
    {"completion", register_completion, false, ""},
    {"version", register_version, true, ""},
}};

} // namespace techpass::cli
