#include "app/help.hpp"

#include "app/command_tree.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace techpass::cli {

namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

// Two aligned columns, indented by two spaces, as gh and git print them.
void append_rows(std::string& out, const std::string& title, const Rows& rows) {
    if (rows.empty()) {
        return;
    }
    std::size_t width = 0;
    for (const auto& row : rows) {
        width = std::max(width, row.first.size());
    }
    const std::size_t indent = 2 + width + 3;
    out += "\n" + title + ":\n";
    for (const auto& [left, right] : rows) {
        const std::size_t room = k_help_width > indent + 20 ? k_help_width - indent : 20;
        out += "  " + left + std::string(width - left.size() + 3, ' ') + wrap(right, room, indent) +
               "\n";
    }
}

Rows option_rows(const std::vector<const CLI::Option*>& options) {
    Rows rows;
    for (const CLI::Option* option : options) {
        rows.emplace_back(option_label(*option), option->get_description());
    }
    return rows;
}

} // namespace

std::string wrap(const std::string& text, std::size_t width, std::size_t indent) {
    std::string out;
    std::size_t column = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string word = text.substr(start, end - start);
        if (column > 0 && column + 1 + word.size() > width) {
            out += "\n" + std::string(indent, ' ');
            column = 0;
        } else if (column > 0) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        start = end + 1;
    }
    return out;
}

std::string option_label(const CLI::Option& option) {
    std::string label;
    for (const auto& name : option.get_snames()) {
        label += (label.empty() ? "-" : ", -") + name;
    }
    label = label.empty() ? "    " : label + ", ";
    for (std::size_t i = 0; i < option.get_lnames().size(); ++i) {
        label += (i == 0 ? "--" : ", --") + option.get_lnames()[i];
    }
    if (CommandTree::takes_value(option)) {
        label += " " + option.get_type_name();
    }
    return label;
}

std::string positional_label(const CLI::Option& option) {
    std::string label = "<" + option.get_name(true) + ">";
    if (option.get_items_expected_max() > 1) {
        label += "...";
    }
    return option.get_required() ? label : "[" + label + "]";
}

std::string usage_line(const CommandTree& tree, const CLI::App& app) {
    std::string line = CommandTree::path(app);
    if (!tree.children(app).empty()) {
        return line + (tree.action(app) != nullptr ? " [<command>]" : " <command>") + " [options]";
    }
    for (const CLI::Option* positional : CommandTree::positionals(app)) {
        line += " " + positional_label(*positional);
    }
    return line + " [options]";
}

std::string description_text(const CommandTree& tree, const CLI::App& app) {
    const CommandDoc& doc = tree.doc(app);
    if (!doc.description.empty()) {
        return doc.description;
    }
    return doc.summary.empty() ? app.get_description() : doc.summary;
}

std::string render_help(const CommandTree& tree, const CLI::App& app) {
    std::string out = description_text(tree, app) + "\n";
    out += "\nUsage:\n  " + usage_line(tree, app) + "\n";

    Rows commands;
    for (const CLI::App* child : tree.children(app)) {
        commands.emplace_back(child->get_name(), child->get_description());
    }
    append_rows(out, "Commands", commands);

    Rows arguments;
    for (const CLI::Option* positional : CommandTree::positionals(app)) {
        arguments.emplace_back(positional_label(*positional), positional->get_description());
    }
    append_rows(out, "Arguments", arguments);

    const bool is_root = app.get_parent() == nullptr;
    append_rows(out, is_root ? "Global options" : "Options",
                option_rows(CommandTree::own_options(app)));
    if (!is_root) {
        append_rows(out, "Global options", option_rows(CommandTree::inherited_options(app)));
    }
    const CommandDoc& doc = tree.doc(app);
    if (!doc.json_fields.empty()) {
        std::string fields;
        for (const auto& field : doc.json_fields) {
            fields += (fields.empty() ? "" : ", ") + field;
        }
        out += "\nJSON fields:\n  " + wrap(fields, k_help_width - 2, 2) + "\n";
    }
    if (!commands.empty()) {
        out +=
            "\nRun '" + CommandTree::path(app) + " <command> --help' for more about a command.\n";
    }
    if (!doc.examples.empty()) {
        out += "\nExamples:\n";
        for (const Example& example : doc.examples) {
            if (!example.comment.empty()) {
                out += "  # " + example.comment + "\n";
            }
            out += "  $ " + example.command + "\n";
        }
    }
    return out;
}

} // namespace techpass::cli
