#pragma once

// Where a resolved setting came from, so `profile show` and `auth status` can
// say it, and error messages can point at the line to fix.

#include <string>

namespace techpass::config {

struct Origin {
    enum class Kind {
        Unset,   // no value anywhere
        Default, // the key table's default
        File,    // a config file line
        Env,     // an environment variable
        Flag,    // a command-line flag
    };
    Kind kind = Kind::Unset;
    std::string where; // file path (display form), variable name or flag name ("--namespace")
    int line = 0;      // file line (1-based), for Kind::File

    // "default", "env TECHPASS_API_URL", "flag --namespace", "~/.config/techpass/config.toml:3".
    std::string describe() const;
};

// Where a secret's value is read from; describing one never reveals the value.
struct SecretSource {
    enum class Kind {
        Literal, // the value itself
        Env,     // an environment variable named by `value`
        File,    // a file named by `value`, contents trimmed
        Command, // a command run through /bin/sh -c, stdout trimmed
    };
    Kind kind = Kind::Literal;
    std::string value; // the secret (Literal), variable, path or command line

    // "literal", "env VAR", "file PATH", "command 'CMD'": safe to print.
    std::string describe() const;
};

// Parses the command-line spelling of a secret source: "env:VAR", "file:PATH",
// "command:CMD"; anything else is a literal.
SecretSource parse_secret_spec(const std::string& spec);

} // namespace techpass::config
