#pragma once

// When techpass may be interactive (techpass(1), ENVIRONMENT): prompts, colour and
// progress only on a terminal, and never with --no-input or CI set; colour
// also never with NO_COLOR, --no-color or TERM=dumb.

#include "techpass/context.hpp"

#include <string>
#include <string_view>

namespace techpass::cli {

struct GlobalOptions;

// The rules, from the terminal, the environment and the flags.
Interactivity decide_interactivity(const Terminal& terminal, const Environment& env,
                                   const GlobalOptions& options);

// What a confirmation is about, for the prompt and the refusal.
struct Confirmation {
    std::string verb;     // "delete", "remove"
    std::string question; // "Delete group ship:billing?"
    // For what cannot be undone: the user types this (an app's name) instead
    // of "y".
    std::string type_to_confirm = {};
};

// Asks before a deletion or removal. --yes answers for the user; when the run
// cannot prompt, refuses with a Usage error ("refusing to delete without
// --yes when not on a terminal"); a "no" on the terminal is a Usage error too
// ("cancelled"), so scripts can tell nothing happened.
void confirm(Terminal& terminal, const Interactivity& interactivity, const GlobalOptions& options,
             const Confirmation& confirmation);

// "deleted", "removed", "applied", "disabled": for "nothing was ...".
std::string past_tense(std::string_view verb);

// Asks a question on the terminal and returns the trimmed answer ("" when
// the user just pressed Enter). Only call when interactivity.prompts.
std::string ask(Terminal& terminal, const std::string& question);

} // namespace techpass::cli
