// techpass version (and techpass --version)

#include "techpass/version.hpp"

#include "app/application.hpp"
#include "commands/commands.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

namespace techpass::cli {

void register_version(Application& app) {
    CommandDoc doc{
        "Print the version of techpass",
        "",
        {{"", "techpass version"}, {"the same", "techpass --version"}},
        {},
    };
    app.tree().add_command(app.tree().root(), "version", std::move(doc), [&app] {
        app.factory().terminal().out << "techpass version " << k_version << "\n";
    });
}

} // namespace techpass::cli
