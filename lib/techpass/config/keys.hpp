#pragma once

// The one table of configuration keys. Parsing, validation, environment
// overrides, `techpass profile show` and techpass-config(5) all read it, so a
// key is declared here once and nowhere else.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::config {

// The kind of value a key holds, which decides how it is parsed and validated.
enum class KeyType {
    String, // any string
    Url,    // an http:// or https:// URL, without a trailing slash
    Path,   // a file path; a leading ~/ is expanded
    Number, // a non-negative number (integer or float)
    Choice, // one of KeyInfo::choices
    Secret, // a literal string or a source table {env|file|command = "..."}
};

// One configuration key.
struct KeyInfo {
    std::string_view name;          // key in a [profiles.NAME] table, e.g. "client_id"
    KeyType type;                   // how the value is parsed
    std::string_view default_value; // literal default, "" when none (or computed, see default_text)
    std::string_view
        default_text;         // the default as documented, e.g. "1 (non-loopback), 0 (loopback)"
    std::string_view env_var; // overriding environment variable, "" when none
    std::string_view description; // one line for docs and `profile show`
    bool secret = false;          // masked when shown, may come from a source table
    std::span<const std::string_view> choices = {}; // allowed values of a Choice key
};

// Every key, in documentation order.
std::span<const KeyInfo> key_table();

// The key of that name, or nullptr.
const KeyInfo* find_key(std::string_view name);

// The flag of `techpass profile add` that sets a key: "api_url" -> "api-url".
std::string flag_name(std::string_view key);

// All key names (for "did you mean" suggestions).
std::vector<std::string> key_names();

// How a type is named in error messages: "a string", "a number", "a URL", ...
std::string_view type_phrase(KeyType type);

// The environment variable that selects the profile.
inline constexpr std::string_view k_profile_env = "TECHPASS_PROFILE";
// The environment variable that names the config file.
inline constexpr std::string_view k_config_env = "TECHPASS_CONFIG";
// The top-level key naming the default profile.
inline constexpr std::string_view k_default_profile_key = "default_profile";
// What a masked secret is shown as.
inline constexpr std::string_view k_redacted = "***";

} // namespace techpass::config
