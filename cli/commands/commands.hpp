#pragma once

// One registration function per noun; Application calls them in this order,
// which is the order of `techpass --help`, the man pages and completions.

namespace techpass::cli {

class Application;

void register_auth(Application& app);
void register_profile(Application& app);
void register_users(Application& app);
void register_invitations(Application& app);
void register_vendors(Application& app);
void register_namespaces(Application& app);
void register_groups(Application& app);
void register_api(Application& app);
void register_completion(Application& app);
void register_version(Application& app);

} // namespace techpass::cli
