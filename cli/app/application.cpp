#include "app/application.hpp"

#include "app/help.hpp"
#include "app/interactivity.hpp"
#include "app/parse_errors.hpp"
#include "commands/commands.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string_view>

namespace techpass::cli {

namespace {

// The summary names what each top-level command administers (k_nouns), so
// that it grows with the command set.
std::string root_description() {
    std::vector<std::string_view> gists;
    for (const Noun& noun : k_nouns) {
        if (!noun.gist.empty()) {
            gists.push_back(noun.gist);
        }
    }
    std::string text = "techpass administers TechPass, the identity service of the Singapore "
                       "Government Technology Stack, through its Automation API:";
    for (std::size_t i = 0; i < gists.size(); ++i) {
        text += i == 0 ? " " : i + 1 == gists.size() ? "; and " : "; ";
        text += gists[i];
    }
    text += ". Settings come from TOML profiles (see techpass-config(5)), the environment and "
            "these flags.";
    return wrap(text, k_help_width, 0);
}

CommandDoc root_doc() {
    return {
        "Administer TechPass tenants from the command line",
        root_description(),
        {
            {"sign in with the default profile and list the namespace's groups",
             "techpass auth login"},
            {"", "techpass groups list"},
            {"the same as JSON, for a script", "techpass groups list -o json --jq '.groups[].grn'"},
            {"use another profile", "techpass -p staging namespaces get"},
        },
        {},
    };
}

const CLI::Option* global_flag(const CLI::App& root, std::string_view name) {
    for (const CLI::Option* option : root.get_options()) {
        const auto& names = name.size() == 1 ? option->get_snames() : option->get_lnames();
        if (std::find(names.begin(), names.end(), name) != names.end()) {
            return option;
        }
    }
    return nullptr;
}

// The standalone top-level command a command line plainly names: its first
// word that is neither a global flag nor a flag's value. Anything unusual
// before it (a misspelt flag, combined short flags) gives nullopt.
std::optional<Noun> named_noun(const CLI::App& root, const std::vector<std::string>& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view word = words[i];
        if (word.empty() || word.front() != '-') {
            const auto noun = std::find_if(k_nouns.begin(), k_nouns.end(),
                                           [&](const Noun& n) { return n.name == word; });
            if (noun == k_nouns.end() || !noun->standalone) {
                return std::nullopt;
            }
            return *noun;
        }
        const bool is_long = word.size() > 2 && word[1] == '-';
        std::string_view name = word.substr(is_long ? 2 : 1);
        const bool attached = is_long ? name.find('=') != std::string_view::npos : name.size() > 1;
        name = is_long ? name.substr(0, name.find('=')) : name.substr(0, 1);
        const CLI::Option* option = name.empty() ? nullptr : global_flag(root, name);
        if (option == nullptr) {
            return std::nullopt;
        }
        const bool takes_value = option->get_expected_max() > 0;
        // A flag with something attached (-vv), or a value that may be absent.
        if ((attached && !takes_value) || (takes_value && option->get_expected_min() == 0)) {
            return std::nullopt;
        }
        if (takes_value && !attached) {
            ++i; // the flag's value
        }
    }
    return std::nullopt;
}

} // namespace

Application::Application(Terminal terminal, const Environment& env, Clock& clock)
    : Application(terminal, env, clock, nullptr) {
    for (const Noun& noun : k_nouns) {
        noun.add(*this);
        // k_nouns must name what the registration functions add.
        try {
            m_root->get_subcommand(std::string(noun.name));
        } catch (const CLI::OptionNotFound&) {
            throw std::logic_error("no top-level command " + std::string(noun.name));
        }
    }
}

Application::Application(Terminal terminal, const Environment& env, Clock& clock,
                         const std::vector<std::string>& command_line)
    : Application(terminal, env, clock, nullptr) {
    // Most runs need one top-level command: building the other nine would
    // take about as long as a request to the emulator.
    const auto noun = named_noun(*m_root, command_line);
    for (const Noun& candidate : k_nouns) {
        // version is always there, for the --version flag.
        if (!noun || candidate.name == noun->name || candidate.name == "version") {
            candidate.add(*this);
        }
    }
}

Application::Application(Terminal terminal, const Environment& env, Clock& clock, std::nullptr_t)
    : m_root(std::make_unique<CLI::App>(std::string(), "techpass")), m_tree(*m_root),
      m_factory(terminal, env, clock, m_globals) {
    m_tree.describe(*m_root, root_doc());
    m_root->set_help_flag("-h,--help", "Show help for the command");
    // Unknown words are collected instead of thrown, so that we can say which
    // command or flag was meant; fallthrough lets every command take the
    // global flags; one subcommand per level keeps `groups list version` an error.
    m_root->allow_extras();
    m_root->fallthrough();
    m_root->require_subcommand(0, 1);
    add_global_options(m_tree, m_globals);
}

Application::~Application() = default;

CLI::App& Application::selected_command() {
    CLI::App* command = m_root.get();
    while (!command->get_subcommands().empty()) {
        command = command->get_subcommands().front();
    }
    return *command;
}

int Application::run(std::vector<std::string> args) {
    try {
        return dispatch(std::move(args));
    } catch (const Error& error) {
        return report(error);
    } catch (const std::exception& failure) {
        return report(
            Error(ErrorKind::Unexpected, std::string("unexpected failure: ") + failure.what(),
                  "this is a bug in techpass; please report it with the command you ran"));
    }
}

// The deepest selected command whose name comes before word on the command
// line: `techpass --profil x version` is wrong for "techpass", not "techpass version".
CLI::App& Application::command_before(const std::vector<std::string>& words,
                                      const std::string& word) {
    const auto word_at = std::find(words.begin(), words.end(), word);
    CLI::App* blamed = m_root.get();
    auto at = words.begin();
    for (CLI::App* level = m_root.get(); !level->get_subcommands().empty();) {
        level = level->get_subcommands().front();
        at = std::find(at, words.end(), level->get_name());
        if (at >= word_at) {
            break;
        }
        blamed = level;
    }
    return *blamed;
}

int Application::dispatch(std::vector<std::string> args) {
    const std::vector<std::string> words = args;
    std::reverse(args.begin(), args.end()); // CLI11 takes the words last first
    try {
        m_root->parse(args);
    } catch (const CLI::CallForHelp&) {
        // `techpass grups list --help` is a typo, not a request for the root's
        // help: an unknown command or flag is refused as it is without --help.
        // Extra words for a command that takes arguments are its arguments.
        CLI::App& command = selected_command();
        const std::vector<std::string> extras = m_root->remaining(true);
        if (!extras.empty()) {
            CLI::App& blamed = command_before(words, extras.front());
            const bool is_flag = extras.front().size() > 1 && extras.front()[0] == '-';
            if (is_flag || expects_command(m_tree, blamed)) {
                throw unknown_arguments_error(m_tree, blamed, extras);
            }
        }
        m_factory.terminal().out << render_help(m_tree, command);
        return 0;
    } catch (const CLI::ParseError& failure) {
        throw parse_failure_error(selected_command(), failure);
    }
    CLI::App& command = selected_command();
    const std::vector<std::string> extras = m_root->remaining(true);
    if (!extras.empty()) {
        throw unknown_arguments_error(m_tree, command_before(words, extras.front()), extras);
    }
    const Action* action = m_tree.action(command);
    if (m_globals.version) {
        action = m_tree.action(*m_root->get_subcommand("version"));
    }
    if (action == nullptr) {
        m_factory.terminal().out << render_help(m_tree, command);
        return 0;
    }
    // Output flags are checked before anything is sent.
    if (!m_globals.output.empty() || !m_globals.jq.empty() || !m_globals.fields.empty()) {
        output::Printer& printer = m_factory.printer();
        if (const output::Resource* resource = m_tree.doc(command).resource) {
            printer.check_fields(*resource);
        }
    }
    (*action)();
    m_factory.terminal().out.flush();
    return 0;
}

int Application::report(const Error& error) {
    Terminal& terminal = m_factory.terminal();
    terminal.out.flush();
    if (error.kind() == ErrorKind::PlanChanges) {
        // Not a failure: the plan printed says what changes (--detailed-exitcode).
        return exit_code(error.kind());
    }
    const bool colour = terminal.err_tty && m_factory.interactivity().colour;
    write_error(terminal.err, error, colour);
    return exit_code(error.kind());
}

void write_error(std::ostream& err, const Error& error, bool colour) {
    const char* red = colour ? "\033[1;31m" : "";
    const char* reset = colour ? "\033[0m" : "";
    // Messages may quote the portal: its control characters are escaped.
    err << "techpass: " << red << "error:" << reset << " " << util::printable(error.what(), true)
        << "\n";
    if (!error.hint().empty()) {
        std::string hint = util::printable(error.hint(), true);
        // Continuation lines line up under the first.
        for (std::size_t at = hint.find('\n'); at != std::string::npos;
             at = hint.find('\n', at + 7)) {
            hint.insert(at + 1, "      ");
        }
        err << "hint: " << hint << "\n";
    }
    if (!error.trace_id().empty()) {
        err << "traceId: " << util::printable(error.trace_id()) << "\n";
    }
    err.flush();
}

} // namespace techpass::cli
