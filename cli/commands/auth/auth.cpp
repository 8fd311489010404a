// techpass auth login|status|token|logout

#include "commands/commands.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/auth/authenticator.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>

#include <ctime>
#include <ostream>

namespace techpass::cli {

namespace auth_cmd {
namespace {

std::string profile_label(const std::string& name) {
    return name.empty() ? "(environment)" : name;
}

api::Json identity_json(const auth::Identity& identity) {
    api::Json roles = api::Json::array();
    for (const auto& role : identity.roles) {
        roles.push_back(role);
    }
    api::Json namespaces = api::Json::array();
    for (const auto& code : identity.namespaces) {
        namespaces.push_back(code);
    }
    return {
        {"kind", identity.kind}, {"appId", identity.app_id},       {"objectId", identity.object_id},
        {"name", identity.name}, {"tenantId", identity.tenant_id}, {"namespaces", namespaces},
        {"roles", roles},        {"summary", identity.describe()}};
}

// `auth status` as a document: what -o json prints, and what the text form reads.
api::Json status_json(const auth::AuthStatus& status) {
    api::Json credentials = api::Json::array();
    for (const auto& credential : status.credentials) {
        credentials.push_back({{"key", credential.key}, {"origin", credential.origin}});
    }
    return {{"profile", status.profile},
            {"apiUrl", status.api_url},
            {"authMethod", status.auth_method},
            {"signedIn", status.signed_in},
            {"identity", status.identity ? identity_json(*status.identity) : api::Json(nullptr)},
            {"expiresAt",
             status.signed_in ? api::Json(util::rfc3339(status.expires_at)) : api::Json(nullptr)},
            {"credentials", credentials}};
}

// What to do when no token is cached. An app's credentials (a client secret
// or a certificate) sign in by themselves on the first command; only a
// device code sign-in needs a person.
std::string sign_in_hint(const std::string& auth_method) {
    if (auth_method == "client_secret" || auth_method == "certificate") {
        return "run: techpass auth login, or any command: with " +
               std::string(auth_method == "certificate" ? "a certificate" : "a client secret") +
               " techpass signs in by itself";
    }
    return "run: techpass auth login";
}

void print_status_text(std::ostream& out, const auth::AuthStatus& status) {
    out << "Profile:      " << profile_label(status.profile) << "\n";
    out << "API:          " << status.api_url << "\n";
    out << "Auth method:  " << status.auth_method << "\n";
    if (status.signed_in && status.identity) {
        out << "Signed in as: " << status.identity->describe() << "\n";
        std::string rights;
        for (const auto& code : status.identity->namespaces) {
            rights += (rights.empty() ? "" : ", ") + code;
        }
        out << "Namespaces:   " << (rights.empty() ? "(none in the token)" : rights) << "\n";
        out << "Token:        valid until " << util::rfc3339(status.expires_at) << "\n";
    } else {
        out << "Signed in:    no (" << sign_in_hint(status.auth_method) << ")\n";
    }
    out << "Credentials:\n";
    for (const auto& credential : status.credentials) {
        out << "  " << credential.key << ": " << credential.origin << "\n";
    }
}

void add_login(Application& app, CLI::App& noun) {
    CommandDoc doc{
        "Sign in and cache a token",
        "Fetches a token with the profile's auth method and caches it (mode 0600 under\n"
        "$XDG_CACHE_HOME/techpass) until shortly before it expires. client_secret and\n"
        "certificate sign in at once; device_code prints a code to enter in a browser and\n"
        "waits until you have signed in there.",
        {{"", "techpass auth login"}, {"with another profile", "techpass auth login -p staging"}},
        {}};
    app.tree().add_command(noun, "login", std::move(doc), [&app] {
        Factory& factory = app.factory();
        const auth::CachedToken token = factory.authenticator().login();
        factory.terminal().err << "Signed in to " << factory.profile().api_url() << " as "
                               << token.identity.describe() << " (profile "
                               << profile_label(factory.profile().name())
                               << "); the token is valid until " << util::rfc3339(token.expires_at)
                               << "\n";
    });
}

void add_status(Application& app, CLI::App& noun) {
    CommandDoc doc{
        "Show who you are signed in as",
        "Shows the profile, the identity of the cached token and its namespace rights, when\n"
        "the token expires, and where each credential comes from. Sends nothing. Exits with\n"
        "status 4 when no valid token is cached.",
        {{"", "techpass auth status"},
         {"for a script", "techpass auth status -o json --jq .signedIn"}},
        {"profile", "apiUrl", "authMethod", "signedIn", "identity", "expiresAt", "credentials"}};
    app.tree().add_command(noun, "status", std::move(doc), [&app] {
        Factory& factory = app.factory();
        const auth::AuthStatus status = factory.authenticator().status();
        output::Printer& printer = factory.printer();
        if (printer.options().human_table()) {
            print_status_text(factory.terminal().out, status);
        } else {
            printer.print_document(status_json(status));
        }
        if (!status.signed_in) {
            throw Error(ErrorKind::Auth,
                        "not signed in with profile " + profile_label(status.profile),
                        sign_in_hint(status.auth_method));
        }
    });
}

void add_token(Application& app, CLI::App& noun) {
    CommandDoc doc{
        "Print an access token",
        "Prints a valid access token for the profile (the cached one, else a new one) to\n"
        "standard output, for tools that call the API themselves. Treat it as a secret.",
        {{"", "techpass auth token"},
         {"call the API with curl", "curl -H \"Authorization: Bearer $(techpass auth token)\" -H "
                                    "\"x-api-key: $KEY\" $URL/iam/namespaces"}},
        {}};
    app.tree().add_command(noun, "token", std::move(doc), [&app] {
        Factory& factory = app.factory();
        factory.terminal().out << factory.authenticator().access_token() << "\n";
    });
}

void add_logout(Application& app, CLI::App& noun) {
    CommandDoc doc{"Forget the cached token",
                   "Removes the profile's cached token. The credentials in the config file stay.",
                   {{"", "techpass auth logout"}, {"", "techpass auth logout -p staging"}},
                   {}};
    app.tree().add_command(noun, "logout", std::move(doc), [&app] {
        Factory& factory = app.factory();
        const bool removed = factory.authenticator().logout();
        const std::string label = profile_label(factory.profile().name());
        factory.terminal().err << (removed
                                       ? "Signed out of profile " + label
                                       : "Not signed in with profile " + label + "; nothing to do")
                               << "\n";
    });
}

} // namespace
} // namespace auth_cmd

void register_auth(Application& app) {
    using namespace auth_cmd;
    CommandDoc doc{
        "Sign in, inspect and forget tokens",
        "techpass signs in with the profile's credential: an automation app's client secret\n"
        "or certificate (client credentials), or a person's account (device code). Tokens\n"
        "are cached per profile and fetched again when they expire or are refused.",
        {{"", "techpass auth login"}, {"", "techpass auth status"}, {"", "techpass auth logout"}},
        {}};
    CLI::App& noun = app.tree().add_group(app.tree().root(), "auth", std::move(doc));
    add_login(app, noun);
    add_status(app, noun);
    add_token(app, noun);
    add_logout(app, noun);
}

} // namespace techpass::cli
