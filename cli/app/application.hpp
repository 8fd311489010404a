#pragma once

// The techpass application: the command tree, built in one place from the
// per-noun registration functions, parsed once, and the one catch site that
// turns every failure into a message on stderr and a documented exit code.

#include "app/command_tree.hpp"
#include "app/factory.hpp"
#include "app/global_options.hpp"
#include "techpass/context.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace techpass {
class Error;
}

namespace techpass::cli {

class Application {
public:
    // The whole command tree (for the docs, completions and tests).
    Application(Terminal terminal, const Environment& env, Clock& clock);
    // As much of the tree as command_line can reach: when it plainly names a
    // top-level command, that command (and version) alone. run() must be
    // given the same command line.
    Application(Terminal terminal, const Environment& env, Clock& clock,
                const std::vector<std::string>& command_line);
    ~Application();
    Application(const Application&) = delete;
    Application& operator=(const Application&) = delete;

    // Runs one command line (without the program name); returns the exit code.
    int run(std::vector<std::string> args);

    CommandTree& tree() { return m_tree; }
    const CommandTree& tree() const { return m_tree; }
    Factory& factory() { return m_factory; }
    const GlobalOptions& globals() const { return m_globals; }

private:
    // The root and the global flags, no command yet.
    Application(Terminal terminal, const Environment& env, Clock& clock, std::nullptr_t);
    int dispatch(std::vector<std::string> args);
    CLI::App& selected_command();
    CLI::App& command_before(const std::vector<std::string>& words, const std::string& word);
    int report(const Error& error);

    std::unique_ptr<CLI::App> m_root;
    CommandTree m_tree;
    GlobalOptions m_globals;
    Factory m_factory;
};

// Writes an error the one way techpass does: "techpass: error: <message>",
// then "hint: <hint>" and "traceId: <id>" when there are any.
void write_error(std::ostream& err, const Error& error, bool colour);

} // namespace techpass::cli
