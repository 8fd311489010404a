#pragma once

// What verbs share, so that none of them repeats another: list flags, the
// JSON fields of a command's doc, --dry-run, confirmation, and the short
// success note a person at a terminal sees.

#include "app/application.hpp"
#include "app/command_tree.hpp"
#include "techpass/api/client.hpp"

#include <optional>
#include <string>

namespace techpass::output {
struct Resource;
}

namespace techpass::cli {

// -L/--limit and --all of a list command.
struct ListFlags {
    std::size_t limit = 100;
    bool all = false;

    // What to ask the API client for: nullopt fetches every page.
    std::optional<std::size_t> max_items() const;
};

void add_list_flags(CLI::App& command, ListFlags& flags, const std::string& plural);

// A setting a command may turn on or off, or leave alone: --NAME sets true,
// --no-NAME false (the names without dashes, e.g. "published").
void add_switch(CLI::App& command, const std::string& name, std::optional<bool>& target,
                const std::string& description);

// The doc with the resource's JSON fields listed (for --help and man pages).
CommandDoc with_fields(CommandDoc doc, const output::Resource& resource);

// A change a verb is about to send.
struct Change {
    std::string method; // "POST", "PATCH", "DELETE"
    std::string path;   // API path
    api::Json body;     // null for none
};

// With --dry-run, says on stderr what would be sent and returns true: the
// caller then stops. Otherwise returns false.
bool dry_run(Factory& factory, const Change& change);

// Asks before a deletion or removal (see interactivity.hpp).
void confirm_change(Factory& factory, const std::string& verb, const std::string& question,
                    const std::string& type_to_confirm = {});

// "✓ Deleted group ship:billing" on stderr, only for a person at a terminal.
void note_done(Factory& factory, const std::string& message);

// Prints one object of a resource through the output layer.
void print_object(Factory& factory, const api::Json& object, const output::Resource& resource);

} // namespace techpass::cli
