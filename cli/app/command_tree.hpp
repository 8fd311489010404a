#pragma once

// The command tree: CLI11 apps plus what help, man pages and completions need
// beyond CLI11 (examples, JSON fields, value choices) and the action a
// runnable command performs. Every noun registers into it; nothing else
// describes the commands, so --help, man/ and completions/ cannot disagree.

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace techpass::output {
struct Resource;
}

namespace techpass::cli {

// One example of a command's use, shown under "Examples:" in --help and in
// the man page.
struct Example {
    std::string comment; // what it does ("" for none)
    std::string command; // the command line, starting with "techpass"
};

// What a command says about itself.
struct CommandDoc {
    std::string summary;     // one line, starting with a capital, no full stop
    std::string description; // paragraphs (blank-line separated); "" means the summary
    std::vector<Example> examples;
    std::vector<std::string>
        json_fields; // the fields of its -o json output, if it prints a resource
    // The resource it prints, if any: --fields are checked against it before
    // the command runs.
    const output::Resource* resource = nullptr;
};

// The techpass arguments that list the names completions offer, one a line
// (CommandTree::set_values_command). The __complete ones ask the API, and
// only with a cached token (commands/completion.cpp).
inline constexpr const char* k_profile_names = "profile list -o name";
inline constexpr const char* k_namespace_names = "__complete namespaces";
inline constexpr const char* k_app_names = "__complete apps";
inline constexpr const char* k_group_names = "__complete groups";

// What running a command does, once its flags are parsed.
using Action = std::function<void()>;

class CommandTree {
public:
    explicit CommandTree(CLI::App& root) : m_root(root) {}
    CommandTree(const CommandTree&) = delete;
    CommandTree& operator=(const CommandTree&) = delete;

    CLI::App& root() { return m_root; }
    const CLI::App& root() const { return m_root; }

    // Adds a command that groups others (a noun such as `groups`).
    CLI::App& add_group(CLI::App& parent, const std::string& name, CommandDoc doc);
    // Adds a command that runs `action`.
    CLI::App& add_command(CLI::App& parent, const std::string& name, CommandDoc doc, Action action);
    // Sets the doc of a command made elsewhere (the root).
    void describe(CLI::App& app, CommandDoc doc);
    // Hides a command from help, man pages and completions.
    void hide(CLI::App& app);

    // Records the values an option or positional accepts, for completions and
    // docs (the option's validator still enforces them).
    void set_choices(const CLI::Option& option, std::vector<std::string> choices);
    const std::vector<std::string>* choices(const CLI::Option& option) const;
    // Marks an option whose value is a file path (completions offer files).
    void set_takes_path(const CLI::Option& option);
    bool takes_path(const CLI::Option& option) const;

    // Marks an option whose values a techpass command lists, one a line
    // (completions run it, e.g. "profile list -o name").
    void set_values_command(const CLI::Option& option, std::string command);
    const std::string* values_command(const CLI::Option& option) const;

    const CommandDoc& doc(const CLI::App& app) const;
    const Action* action(const CLI::App& app) const;
    bool hidden(const CLI::App& app) const;

    // "techpass groups members add": the names from the root down.
    static std::string path(const CLI::App& app);
    // The visible subcommands of app, in registration order.
    std::vector<const CLI::App*> children(const CLI::App& app) const;
    // Every visible command below app, depth first, app itself first.
    std::vector<const CLI::App*> walk(const CLI::App& app) const;
    // The options an invocation of app accepts: its own, then its ancestors'
    // (global flags reach every command through CLI11's fallthrough).
    static std::vector<const CLI::Option*> own_options(const CLI::App& app);
    static std::vector<const CLI::Option*> inherited_options(const CLI::App& app);
    static std::vector<const CLI::Option*> positionals(const CLI::App& app);
    // Whether an option takes a value (false for flags).
    static bool takes_value(const CLI::Option& option);

private:
    struct Entry {
        CommandDoc doc;
        Action action;
        bool hidden = false;
    };
    CLI::App& add(CLI::App& parent, const std::string& name, CommandDoc doc, Action action);

    CLI::App& m_root;
    std::unordered_map<const CLI::App*, Entry> m_entries;
    std::unordered_map<const CLI::Option*, std::vector<std::string>> m_choices;
    std::unordered_map<const CLI::Option*, bool> m_paths;
    std::unordered_map<const CLI::Option*, std::string> m_values_commands;
};

} // namespace techpass::cli
