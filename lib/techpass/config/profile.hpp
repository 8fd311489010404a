#pragma once

// The resolved settings of one run: a profile from the config file, overlaid
// with environment variables and flags (flags > environment > profile >
// defaults), every value remembering its origin. Works with no file at all
// (environment only, for CI). Secrets are resolved lazily, when first needed.

#include "techpass/config/keys.hpp"
#include "techpass/config/origin.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace techpass {
class Environment;
}

namespace techpass::config {

// How the CLI obtains tokens.
enum class AuthMethod { ClientSecret, Certificate, DeviceCode };

// "client_secret", "certificate", "device_code".
std::string_view auth_method_name(AuthMethod method);

// One setting given on the command line.
struct FlagValue {
    std::string key;   // config key, e.g. "namespace"
    std::string value; // as typed
    std::string flag;  // as named in messages, e.g. "--namespace"
};

// What the command line says about configuration.
struct LoadOptions {
    std::optional<std::string> config_path; // --config
    std::optional<std::string> profile;     // -p/--profile
    std::vector<FlagValue> flags;           // --namespace, --timeout, ...
};

// One resolved setting.
struct Setting {
    std::string value;                  // text form; for secrets from a source, the source's detail
    Origin origin;                      // where it came from
    std::optional<SecretSource> source; // set for secret keys
};

// A row of `techpass profile show`.
struct ShownSetting {
    std::string key;
    std::string value;  // secrets masked as "***" or shown as their source ("env VAR")
    std::string origin; // Origin::describe(), "" when unset
};

// The config file to use: --config, else $TECHPASS_CONFIG, else
// $XDG_CONFIG_HOME/techpass/config.toml, else ~/.config/techpass/config.toml.
std::string config_file_path(const Environment& env, const std::optional<std::string>& flag = {});

// A path as shown to people: $HOME replaced by "~".
std::string display_path(const std::string& path, const Environment& env);

// Expands a leading "~/" with $HOME.
std::string expand_home(const std::string& path, const Environment& env);

// Whether a URL's host is loopback (localhost, 127.0.0.0/8, [::1]).
bool is_loopback_url(std::string_view url);

class Profile {
public:
    // The profile's name; "" when settings come from the environment only.
    const std::string& name() const { return m_name; }
    // The config file consulted (it may not exist).
    const std::string& config_path() const { return m_config_path; }

    // The setting of a key (defaults applied), or nullptr when unset.
    const Setting* find(std::string_view key) const;
    // The value of a key, "" when unset; secrets are not resolved by this.
    std::string get(std::string_view key) const;
    // Where a key's value came from (Kind::Unset when it has none).
    Origin origin(std::string_view key) const;

    // The value of a key, or a Config error saying how to set it.
    std::string require(std::string_view key) const;
    // The setting of a key, or the same Config error.
    const Setting& require_setting(std::string_view key) const;

    // Typed accessors (defaults applied; validation happened at load).
    std::string api_url() const;   // required
    std::string authority() const; // default https://login.microsoftonline.com
    std::string directory_id() const;
    std::string client_id() const;
    std::string namespace_code() const; // "" when unset
    AuthMethod auth_method() const;     // default: certificate if set, else client_secret
    double rate_limit() const;          // requests per second; 0 = unlimited
    std::chrono::milliseconds timeout() const;
    std::chrono::milliseconds connect_timeout() const;
    std::string ca_bundle() const; // "" = system store
    std::string scope() const;     // default "<api_url>/.default"
    // A path key (certificate, private_key) resolved: ~ expanded, relative to
    // the config file's directory when it came from the file; Config error when unset.
    std::string path(std::string_view key) const;

    // Resolves a secret key (client_secret, api_key) now: reads the variable
    // or file, or runs the command. Config error when unset or unreadable;
    // never puts the value into a message. Cached after the first call.
    std::string secret(std::string_view key) const;

    // The keys its auth method signs in with, then api_key: e.g. directory_id,
    // client_id, client_secret, api_key for client_secret.
    std::vector<std::string> credential_keys() const;
    // Every key in table order for `profile show`: value (secrets masked) and origin.
    std::vector<ShownSetting> show() const;

private:
    friend Profile load_profile(const Environment& env, const LoadOptions& options);
    friend Profile make_profile(const Environment& env, std::string name,
                                std::map<std::string, Setting, std::less<>> settings);
    const Environment* m_env = nullptr;
    std::string m_name;
    std::string m_config_path;
    bool m_config_exists = false;
    std::map<std::string, Setting, std::less<>> m_settings;
    mutable std::map<std::string, std::string, std::less<>> m_secret_cache;
};

// Loads the run's profile: reads the config file (when it exists), picks the
// profile (flag -p > TECHPASS_PROFILE > default_profile > the only profile),
// overlays environment variables and flags, applies defaults and validates.
// Throws Error (Config, or Usage for bad flag values) with exact messages.
Profile load_profile(const Environment& env, const LoadOptions& options);

// A profile built from explicit settings (tests, and `profile add` previews);
// defaults are applied and values validated as at load.
Profile make_profile(const Environment& env, std::string name,
                     std::map<std::string, Setting, std::less<>> settings);

} // namespace techpass::config
