// techpass-config(5), from the library's configuration key table.

#include "app/man_page.hpp"
#include "app/roff.hpp"
#include "techpass/config/keys.hpp"
#include "techpass/version.hpp"

namespace techpass::cli {

namespace {

std::string key_entry(const config::KeyInfo& key) {
    std::string body = std::string(key.description) + ".\n";
    std::string type(config::type_phrase(key.type));
    if (key.type == config::KeyType::Choice) {
        std::string choices;
        for (const auto& choice : key.choices) {
            choices += (choices.empty() ? "" : ", ") + std::string(choice);
        }
        type += " " + choices;
    }
    body += "Type: " + type + ".";
    if (!key.default_text.empty()) {
        body += " Default: " + std::string(key.default_text) + ".";
    }
    if (!key.env_var.empty()) {
        body += " Environment: " + std::string(key.env_var) + ".";
    }
    if (key.secret) {
        body += " Secret: masked when shown; may be a source table.";
    }
    return roff::tagged(roff::bold(key.name), body);
}

constexpr const char* k_example = R"(default_profile = "ship"

[profiles.ship]
api_url = "https://api.techpass.suite.gov.sg"
directory_id = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11"
client_id = "1b2c3d4e-0000-4000-8000-000000000001"
namespace = "SHIP"
client_secret = { env = "SHIP_CLIENT_SECRET" }
api_key = { command = "pass show techpass/ship-api-key" }

[profiles.ship-cert]
api_url = "https://api.techpass.suite.gov.sg"
directory_id = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11"
client_id = "1b2c3d4e-0000-4000-8000-000000000001"
namespace = "SHIP"
auth = "certificate"
certificate = "~/.config/techpass/ship.crt"
private_key = "~/.config/techpass/ship.key"
api_key = { file = "~/.config/techpass/ship.apikey" })";

} // namespace

std::string config_man_page() {
    std::string out =
        ".\\\" Generated from the configuration key table by techpass-gen-docs; do not edit.\n";
    out += ".TH TECHPASS-CONFIG 5 " + std::string(roff::k_date) + " \"techpass " +
           std::string(k_version) + "\" \"techpass manual\"\n";
    out += roff::section("NAME") +
           "techpass-config \\- profiles of the techpass command-line client\n";
    out += roff::section("SYNOPSIS") + roff::italic("$TECHPASS_CONFIG") + ", " +
           roff::italic("$XDG_CONFIG_HOME/techpass/config.toml") + ", " +
           roff::italic("~/.config/techpass/config.toml") + "\n";
    out += roff::section("DESCRIPTION");
    out += roff::paragraphs(
        "techpass reads its endpoints and credentials from a TOML file of profiles. The\n"
        "top-level key default_profile names the profile used when none is chosen; each\n"
        "[profiles.NAME] table holds the keys below.\n\n"
        "A run picks its profile from -p/--profile, else TECHPASS_PROFILE, else\n"
        "default_profile, else the only profile of the file. Each setting then comes from,\n"
        "in order of precedence: a command-line flag, an environment variable, the\n"
        "profile, the default. techpass profile show prints every setting with its origin.\n\n"
        "Without a file, the environment variables alone can configure a run (as in CI).");
    out += roff::section("KEYS");
    for (const config::KeyInfo& key : config::key_table()) {
        out += key_entry(key);
    }
    out += roff::section("SECRETS");
    out += roff::paragraphs(
        "client_secret and api_key are either a string or a table naming where the secret\n"
        "is read from when it is first needed:\n");
    out += roff::tagged(roff::bold("{ env = \"VAR\" }"), "The value of an environment variable.");
    out += roff::tagged(roff::bold("{ file = \"PATH\" }"),
                        "The contents of a file, white space trimmed.");
    out += roff::tagged(roff::bold("{ command = \"CMD ARGS\" }"),
                        "The standard output of a command run by /bin/sh, white space trimmed; a "
                        "command that does not finish within the profile's timeout is stopped.");
    out += roff::paragraphs(
        "A literal secret in a file that its group or others can read is refused, and so is\n"
        "a config file that its group or others can write (they could add a command for\n"
        "techpass to run); the message gives the chmod command that fixes it. techpass\n"
        "never prints a secret, except auth token and the one-time display of a newly\n"
        "created secret or key.");
    out += roff::section("EXAMPLE") + roff::example(k_example);
    out += roff::section("SEE ALSO") +
           ".BR techpass (1),\n.BR techpass-profile (1),\n.BR techpass-auth (1)\n";
    return out;
}

} // namespace techpass::cli
