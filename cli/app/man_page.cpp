#include "app/man_page.hpp"

#include "app/command_tree.hpp"
#include "app/help.hpp"
#include "app/roff.hpp"
#include "techpass/config/keys.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"
#include "techpass/version.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <optional>
#include <string_view>
#include <utility>

namespace techpass::cli {

namespace {

std::string lower_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' &&
        (text.size() < 2 || !(text[1] >= 'A' && text[1] <= 'Z'))) {
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    }
    return text;
}

std::string header(const std::string& title, int section) {
    return ".\\\" Generated from the command tree by techpass-gen-docs; do not edit.\n"
           ".TH " +
           util::to_upper(title) + " " + std::to_string(section) + " " + roff::k_date +
           " \"techpass " + k_version + "\" \"techpass manual\"\n";
}

std::string name_section(const std::string& name, const std::string& summary) {
    return roff::section("NAME") + roff::text(name) + " \\- " + roff::text(lower_first(summary)) +
           "\n";
}

std::string option_tag(const CLI::Option& option) {
    std::string tag;
    for (const auto& name : option.get_snames()) {
        tag += (tag.empty() ? "" : ", ") + roff::bold("-" + name);
    }
    for (const auto& name : option.get_lnames()) {
        tag += (tag.empty() ? "" : ", ") + roff::bold("--" + name);
    }
    if (CommandTree::takes_value(option)) {
        tag += " " + roff::italic(option.get_type_name());
    }
    return tag;
}

std::string options_list(const std::vector<const CLI::Option*>& options) {
    std::string out;
    for (const CLI::Option* option : options) {
        out += roff::tagged(option_tag(*option), option->get_description());
    }
    return out;
}

std::string examples_block(const std::vector<Example>& examples) {
    std::string out;
    for (const Example& example : examples) {
        out += ".PP\n";
        if (!example.comment.empty()) {
            std::string comment = example.comment;
            comment[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(comment[0])));
            out += roff::text(comment) + ":\n";
        }
        out += roff::example("$ " + example.command);
    }
    return out;
}

// One runnable command of a page, as a subsection.
std::string command_entry(const CommandTree& tree, const CLI::App& app) {
    const CommandDoc& doc = tree.doc(app);
    std::string out = roff::subsection(CommandTree::path(app));
    out += ".PP\n" + roff::bold(usage_line(tree, app)) + "\n";
    out += roff::paragraphs(description_text(tree, app));
    for (const CLI::Option* positional : CommandTree::positionals(app)) {
        out += roff::tagged(roff::italic(positional_label(*positional)),
                            positional->get_description());
    }
    out += options_list(CommandTree::own_options(app));
    if (!doc.json_fields.empty()) {
        std::string fields;
        for (const auto& field : doc.json_fields) {
            fields += (fields.empty() ? "" : ", ") + field;
        }
        out += ".PP\nJSON fields (for \\fB\\-o json\\fR, \\fB\\-\\-fields\\fR and "
               "\\fB\\-\\-jq\\fR):\n" +
               roff::filled(fields) + ".\n";
    }
    out += examples_block(doc.examples);
    return out;
}

std::string page_name(const CLI::App& app) {
    std::string name = CommandTree::path(app);
    for (char& c : name) {
        c = c == ' ' ? '-' : c;
    }
    return name;
}

std::string see_also(const std::vector<std::pair<std::string, int>>& pages) {
    std::string out = roff::section("SEE ALSO");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        out += ".BR " + roff::text(pages[i].first) + " (" + std::to_string(pages[i].second) + ")" +
               (i + 1 < pages.size() ? "," : "") + "\n";
    }
    return out;
}

std::string environment_section() {
    std::string out = roff::section("ENVIRONMENT");
    out += roff::tagged(roff::bold(config::k_config_env), "The config file to read (as --config).");
    out += roff::tagged(roff::bold(config::k_profile_env), "The profile to use (as -p/--profile).");
    for (const config::KeyInfo& key : config::key_table()) {
        if (!key.env_var.empty()) {
            out += roff::tagged(roff::bold(key.env_var),
                                "Overrides the profile's " + std::string(key.name) + ": " +
                                    lower_first(std::string(key.description)) + ".");
        }
    }
    out += roff::tagged(roff::bold("XDG_CONFIG_HOME"),
                        "Where the config file is looked for (default ~/.config).");
    out +=
        roff::tagged(roff::bold("XDG_CACHE_HOME"), "Where tokens are cached (default ~/.cache).");
    out +=
        roff::tagged(roff::bold("NO_COLOR"), "When set and not empty, output is never coloured.");
    out += roff::tagged(
        roff::bold("CI"),
        "When set, techpass never prompts, colours or draws progress, as when not on a terminal.");
    out += roff::tagged(roff::bold("https_proxy") + ", " + roff::bold("http_proxy") + ", " +
                            roff::bold("no_proxy"),
                        "Proxies used to reach the portal.");
    return out;
}

std::string files_section() {
    return roff::section("FILES") +
           roff::tagged(roff::italic("~/.config/techpass/config.toml"),
                        "Profiles: endpoints, credentials and settings; see techpass-config(5).") +
           roff::tagged(roff::italic("~/.cache/techpass/PROFILE.json"),
                        "The cached access token of a profile (mode 0600).");
}

std::string root_page(const CommandTree& tree) {
    const CLI::App& root = tree.root();
    const CommandDoc& doc = tree.doc(root);
    std::string out = header("techpass", 1);
    out += name_section("techpass", doc.summary);
    out += roff::section("SYNOPSIS") + roff::bold("techpass") + " " + roff::italic("command") +
           " [" + roff::italic("options") + "]\n";
    out += roff::section("DESCRIPTION") + roff::paragraphs(description_text(tree, root));
    out += ".PP\nData goes to standard output and messages to standard error. Prompts, colour\n"
           "and progress appear only on a terminal, never with \\fB\\-\\-no\\-input\\fR or\n"
           "when \\fBCI\\fR is set.\n";
    out += roff::section("COMMANDS");
    for (const CLI::App* child : tree.children(root)) {
        out += ".TP\n.BR " + page_name(*child) + " (1)\n" + roff::text(child->get_description()) +
               "\n";
    }
    out += roff::section("GLOBAL OPTIONS") +
           ".PP\nEvery command accepts these, before or after its name.\n";
    out += options_list(CommandTree::own_options(root));
    out +=
        roff::tagged(roff::bold("-h") + ", " + roff::bold("--help"), "Show help for the command.");
    out += exit_status_section() + environment_section() + files_section();
    out += roff::section("EXAMPLES") + examples_block(doc.examples);
    std::vector<std::pair<std::string, int>> pages;
    for (const CLI::App* child : tree.children(root)) {
        pages.emplace_back(page_name(*child), 1);
    }
    pages.emplace_back("techpass-config", 5);
    pages.emplace_back("techpass-tenant", 5);
    return out + see_also(pages);
}

std::string command_page(const CommandTree& tree, const CLI::App& top) {
    std::string out = header(page_name(top), 1);
    out += name_section(page_name(top), top.get_description());
    std::vector<const CLI::App*> runnable;
    for (const CLI::App* app : tree.walk(top)) {
        if (tree.action(*app) != nullptr) {
            runnable.push_back(app);
        }
    }
    out += roff::section("SYNOPSIS");
    for (std::size_t i = 0; i < runnable.size(); ++i) {
        out += (i == 0 ? "" : ".br\n") + roff::bold(usage_line(tree, *runnable[i])) + "\n";
    }
    out += roff::section("DESCRIPTION") + roff::paragraphs(description_text(tree, top));
    if (runnable.size() == 1 && runnable.front() == &top) {
        out += roff::section("OPTIONS");
        for (const CLI::Option* positional : CommandTree::positionals(top)) {
            out += roff::tagged(roff::italic(positional_label(*positional)),
                                positional->get_description());
        }
        out += options_list(CommandTree::own_options(top));
        const auto& examples = tree.doc(top).examples;
        if (!examples.empty()) {
            out += roff::section("EXAMPLES") + examples_block(examples);
        }
    } else {
        out += roff::section("COMMANDS");
        for (const CLI::App* app : runnable) {
            out += command_entry(tree, *app);
        }
    }
    out += roff::section("GLOBAL OPTIONS") + ".PP\nInherited from " + roff::bold("techpass") +
           "(1):\n";
    out += options_list(CommandTree::inherited_options(top));
    out +=
        roff::tagged(roff::bold("-h") + ", " + roff::bold("--help"), "Show help for the command.");
    out += exit_status_section();
    std::vector<std::pair<std::string, int>> pages{{"techpass", 1}};
    if (top.get_name() == "profile" || top.get_name() == "auth") {
        pages.emplace_back("techpass-config", 5);
    }
    if (top.get_name() == "plan" || top.get_name() == "apply" || top.get_name() == "export") {
        pages.emplace_back("techpass-tenant", 5);
    }
    return out + see_also(pages);
}

struct ExitStatus {
    std::optional<ErrorKind> kind; // none: success
    std::string_view meaning;
};

constexpr ExitStatus k_exit_statuses[] = {
    {std::nullopt, "Success."},
    {ErrorKind::Unexpected,
     "An unexpected failure: a bug, or a condition techpass does not foresee."},
    {ErrorKind::Usage,
     "Usage or validation error: bad flags, arguments or input. Nothing was sent."},
    {ErrorKind::Config, "Configuration or credentials are missing or invalid."},
    {ErrorKind::Auth, "The portal refused the identity (401) or the right (403)."},
    {ErrorKind::NotFound, "The object does not exist (404)."},
    {ErrorKind::Conflict,
     "The object exists already or the change conflicts (409), e.g. the 50-group limit."},
    {ErrorKind::Partial, "Some entries of a bulk or batch operation failed."},
    {ErrorKind::Network, "Network, timeout or server failure, after retries."},
    {ErrorKind::RateLimited, "Still rate-limited (429) after retries."},
    {ErrorKind::PlanChanges,
     "plan --detailed-exitcode found changes, or users forecast found accounts the lifecycle "
     "rules will act on."},
    {ErrorKind::Interrupted, "Interrupted (Ctrl-C)."},
};

} // namespace

std::string exit_status_section() {
    std::string out = roff::section("EXIT STATUS");
    for (const ExitStatus& status : k_exit_statuses) {
        const int code = status.kind ? exit_code(*status.kind) : 0;
        out += roff::tagged(roff::bold(std::to_string(code)), status.meaning);
    }
    return out;
}

std::vector<GeneratedFile> man_pages(const CommandTree& tree) {
    std::vector<GeneratedFile> pages{{"man/techpass.1", roff::tidy(root_page(tree))}};
    for (const CLI::App* child : tree.children(tree.root())) {
        pages.push_back(
            {"man/" + page_name(*child) + ".1", roff::tidy(command_page(tree, *child))});
    }
    pages.push_back({"man/techpass-config.5", roff::tidy(config_man_page())});
    pages.push_back({"man/techpass-tenant.5", roff::tidy(tenant_man_page())});
    pages.push_back({"examples/tenant.toml", tenant_example()});
    return pages;
}

} // namespace techpass::cli
