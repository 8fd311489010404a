#pragma once

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;

// techpass namespaces admins list|add|remove (admins.cpp).
void register_namespace_admins(Application& app, CLI::App& namespaces);

} // namespace techpass::cli
