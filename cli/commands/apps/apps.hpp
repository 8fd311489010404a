#pragma once

// What the verbs of `techpass apps` share: the app a command names, and the
// registration of the sub-nouns (secrets.cpp).

#include "techpass/api/client.hpp"

#include <string>

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;
class Factory;

// The app a command line names (its name or app id) in the run's namespace.
struct NamedApp {
    std::string namespace_code;
    std::string id;
    std::string name;
    api::Json object;
};
NamedApp resolve_app(Factory& factory, const std::string& text);

// The name of an app object, "app" when it has none.
std::string app_label(const api::Json& app);
// The appId of an app object, "" when it has none.
std::string app_id_of(const api::Json& app);

// techpass apps secrets list|add|delete|rotate (secrets.cpp).
void register_app_secrets(Application& app, CLI::App& apps);
// techpass apps certs list|add|delete|create (certs.cpp).
void register_app_certs(Application& app, CLI::App& apps);
// techpass apps assignments list|add|remove (assignments.cpp).
void register_app_assignments(Application& app, CLI::App& apps);
// techpass apps try-signin (try_signin.cpp).
void register_app_try_signin(Application& app, CLI::App& apps);

} // namespace techpass::cli
