#pragma once

// Internal to config/: checking values against the key table, shared by the
// file reader, the environment and flag overlays, and the editor.

#include "techpass/config/config_file.hpp"
#include "techpass/config/keys.hpp"

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::config::detail {

// "'rate_limit' must be a number", "'auth' must be one of client_secret, certificate, device_code".
std::string must_be(const KeyInfo& key);

// nullopt when text is a valid value of key; else the must_be() message
// (or a more precise one, e.g. for a negative number).
std::optional<std::string> check_text(const KeyInfo& key, std::string_view text);

// A TOML node as a FileValue of key; the error message (without location)
// when its type is wrong.
struct NodeResult {
    std::optional<FileValue> value;
    std::string error;
};
NodeResult read_node(const KeyInfo& key, const toml::node& node);

// The TOML spelling of a value of key (numbers bare, strings quoted).
std::string toml_value(const KeyInfo& key, const std::string& text);
// The TOML spelling of a secret source ("..." or { env = "..." }).
std::string toml_secret(const SecretSource& source);
// A TOML basic string literal with escapes.
std::string toml_string(std::string_view text);

// "unknown key 'clientid'<where>; did you mean 'client_id'?"
std::string unknown_key_message(std::string_view key, std::string_view where = {});

// The lines of a text, each with its "\n" (the last one may lack it).
std::vector<std::string> split_lines(std::string_view text);
// The byte offset of a 1-based code-point column in a line.
std::size_t byte_offset(std::string_view line, int column);

} // namespace techpass::config::detail
