#pragma once

// A value the portal shows only once (a client secret, an API key): printed
// once on stdout, or written with --out FILE (created 0600, refused when the
// file exists) and then not printed anywhere. The same for every command that
// creates one, so that none of them can leak or lose it differently.

#include "techpass/api/client.hpp"

#include <string>

namespace CLI {
class App;
}

namespace techpass::output {
struct Resource;
}

namespace techpass::cli {

class Factory;

// Adds --out FILE to command (what: "the new secret").
void add_out_flag(CLI::App& command, std::string& path, const std::string& what);

// Refuses, before anything is sent, an --out FILE that exists or whose
// directory does not (Usage error): nothing is created that could not be kept.
void check_out_file(const std::string& path);

// For a file that collects one-time values (apply --secrets-out): a new file
// as check_out_file wants it, or an existing regular file that only its owner
// can read and write (Usage error otherwise, with the chmod that fixes it).
void check_append_file(const std::string& path);

// Appends text to path (created 0600 when missing, never through a symlink)
// and syncs it to disk.
void append_private(const std::string& path, const std::string& text);

// Creates path with mode 0600 (never an existing file, never through a
// symlink) and writes content (a newline added when it has none).
void write_new_file(const std::string& path, const std::string& content);

// What was created, and which of its fields holds the value shown once.
struct OneTimeValue {
    api::Json object;        // as the portal answered (the value included)
    std::string value_field; // "secret", "key"
    const output::Resource* resource;
    std::string label; // "client secret for app ship-portal"
};

// Delivers the value: with --out, writes it to the file and prints the
// object without it; otherwise prints the object with it under -o json/yaml
// (or --jq), or the bare value on stdout (a note on a terminal's stderr says
// it is shown once). Returns the object without the value.
api::Json deliver_once(Factory& factory, const std::string& out_path, const OneTimeValue& created);

} // namespace techpass::cli
