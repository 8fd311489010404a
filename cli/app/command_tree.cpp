#include "app/command_tree.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>

namespace techpass::cli {

namespace {

bool is_help(const CLI::App& app, const CLI::Option* option) {
    return option == app.get_help_ptr() || option == app.get_help_all_ptr();
}

} // namespace

CLI::App& CommandTree::add(CLI::App& parent, const std::string& name, CommandDoc doc,
                           Action action) {
    CLI::App* app = parent.add_subcommand(name, doc.summary);
    // CLI11 copies a parent's footer into children; ours come from the doc.
    app->footer("");
    m_entries[app] = Entry{std::move(doc), std::move(action), false};
    return *app;
}

CLI::App& CommandTree::add_group(CLI::App& parent, const std::string& name, CommandDoc doc) {
    return add(parent, name, std::move(doc), {});
}

CLI::App& CommandTree::add_command(CLI::App& parent, const std::string& name, CommandDoc doc,
                                   Action action) {
    return add(parent, name, std::move(doc), std::move(action));
}

void CommandTree::describe(CLI::App& app, CommandDoc doc) {
    app.description(doc.summary);
    m_entries[&app].doc = std::move(doc);
}

void CommandTree::hide(CLI::App& app) {
    app.group("");
    m_entries[&app].hidden = true;
}

void CommandTree::set_choices(const CLI::Option& option, std::vector<std::string> choices) {
    m_choices[&option] = std::move(choices);
}

const std::vector<std::string>* CommandTree::choices(const CLI::Option& option) const {
    const auto it = m_choices.find(&option);
    return it == m_choices.end() ? nullptr : &it->second;
}

void CommandTree::set_takes_path(const CLI::Option& option) {
    m_paths[&option] = true;
}

bool CommandTree::takes_path(const CLI::Option& option) const {
    return m_paths.count(&option) > 0;
}

void CommandTree::set_values_command(const CLI::Option& option, std::string command) {
    m_values_commands[&option] = std::move(command);
}

const std::string* CommandTree::values_command(const CLI::Option& option) const {
    const auto it = m_values_commands.find(&option);
    return it == m_values_commands.end() ? nullptr : &it->second;
}

const CommandDoc& CommandTree::doc(const CLI::App& app) const {
    static const CommandDoc k_none;
    const auto it = m_entries.find(&app);
    return it == m_entries.end() ? k_none : it->second.doc;
}

const Action* CommandTree::action(const CLI::App& app) const {
    const auto it = m_entries.find(&app);
    if (it == m_entries.end() || !it->second.action) {
        return nullptr;
    }
    return &it->second.action;
}

bool CommandTree::hidden(const CLI::App& app) const {
    const auto it = m_entries.find(&app);
    return it != m_entries.end() && it->second.hidden;
}

std::string CommandTree::path(const CLI::App& app) {
    std::string result = app.get_name();
    for (const CLI::App* parent = app.get_parent(); parent != nullptr;
         parent = parent->get_parent()) {
        result = parent->get_name() + " " + result;
    }
    return result;
}

std::vector<const CLI::App*> CommandTree::children(const CLI::App& app) const {
    std::vector<const CLI::App*> result;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (!hidden(*sub)) {
            result.push_back(sub);
        }
    }
    return result;
}

std::vector<const CLI::App*> CommandTree::walk(const CLI::App& app) const {
    std::vector<const CLI::App*> result{&app};
    for (const CLI::App* child : children(app)) {
        const auto below = walk(*child);
        result.insert(result.end(), below.begin(), below.end());
    }
    return result;
}

std::vector<const CLI::Option*> CommandTree::own_options(const CLI::App& app) {
    return app.get_options([&app](const CLI::Option* option) {
        return option->nonpositional() && !is_help(app, option);
    });
}

std::vector<const CLI::Option*> CommandTree::inherited_options(const CLI::App& app) {
    std::vector<const CLI::Option*> result;
    for (const CLI::App* parent = app.get_parent(); parent != nullptr;
         parent = parent->get_parent()) {
        const auto options = own_options(*parent);
        result.insert(result.begin(), options.begin(), options.end());
    }
    return result;
}

std::vector<const CLI::Option*> CommandTree::positionals(const CLI::App& app) {
    return app.get_options([](const CLI::Option* option) { return option->get_positional(); });
}

bool CommandTree::takes_value(const CLI::Option& option) {
    return option.get_type_size() != 0 && option.get_items_expected_max() != 0;
}

} // namespace techpass::cli
