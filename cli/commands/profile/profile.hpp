#pragma once

// What the profile verbs share: the config file of this run and which of
// its profiles a verb acts on.

#include <string>

namespace CLI {
class App;
}

namespace techpass::config {
class ConfigFile;
}

namespace techpass::cli {

class Application;
class Factory;

// The config file named by --config, TECHPASS_CONFIG or the XDG default.
config::ConfigFile load_config_file(Factory& factory);

// The profile a verb edits: -p, else TECHPASS_PROFILE, else default_profile,
// else the only one; a Usage error listing the profiles otherwise.
std::string target_profile(Factory& factory, const config::ConfigFile& file);

// techpass profile set|add (profile_edit.cpp).
void register_profile_set(Application& app, CLI::App& profile);
void register_profile_add(Application& app, CLI::App& profile);

} // namespace techpass::cli
