// techpass completion bash|zsh|fish

#include "app/application.hpp"
#include "app/completion_script.hpp"
#include "commands/commands.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

namespace techpass::cli {

void register_completion(Application& app) {
    CommandDoc doc{
        "Print a shell completion script",
        "Prints the completion script of techpass for bash, zsh or fish, generated from the\n"
        "command tree (the same scripts are installed from completions/).",
        {
            {"complete techpass in this bash session", "source <(techpass completion bash)"},
            {"install for zsh (a directory on $fpath)",
             "techpass completion zsh > ~/.zfunc/_techpass"},
            {"install for fish",
             "techpass completion fish > ~/.config/fish/completions/techpass.fish"},
        },
        {},
    };
    auto shell = std::make_shared<std::string>();
    CLI::App& command =
        app.tree().add_command(app.tree().root(), "completion", std::move(doc), [&app, shell] {
            app.factory().terminal().out << completion_script(app.tree(), parse_shell(*shell));
        });
    auto* positional = command.add_option("shell", *shell, "bash, zsh or fish")->required();
    app.tree().set_choices(*positional, {"bash", "zsh", "fish"});
}

} // namespace techpass::cli
