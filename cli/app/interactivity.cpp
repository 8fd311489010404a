#include "app/interactivity.hpp"

#include "app/global_options.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <istream>
#include <ostream>

namespace techpass::cli {

namespace {

// Any value of CI counts except the explicit negatives some tools set.
bool ci_set(const Environment& env) {
    const auto value = env.get("CI");
    if (!value) {
        return false;
    }
    const std::string lowered = util::to_lower(*value);
    return lowered != "false" && lowered != "0";
}

} // namespace

Interactivity decide_interactivity(const Terminal& terminal, const Environment& env,
                                   const GlobalOptions& options) {
    Interactivity result;
    const bool ci = ci_set(env);
    result.prompts = terminal.in_tty && terminal.err_tty && !options.no_input && !ci;
    result.progress = terminal.err_tty && !options.no_input && !ci;
    // NO_COLOR: any non-empty value disables colour (no-color.org).
    const auto no_color = env.get("NO_COLOR");
    const bool colour_refused = options.no_color || (no_color && !no_color->empty()) ||
                                env.get("TERM").value_or("") == "dumb";
    result.colour = terminal.out_tty && !colour_refused && !options.no_input && !ci;
    return result;
}

std::string ask(Terminal& terminal, const std::string& question) {
    terminal.err << "? " << question << ": " << std::flush;
    std::string answer;
    if (!std::getline(terminal.in, answer)) {
        terminal.err << "\n";
        return {};
    }
    return std::string(util::trim(answer));
}

std::string past_tense(std::string_view verb) {
    if (verb.size() > 1 && verb.back() == 'y') {
        return std::string(verb.substr(0, verb.size() - 1)) + "ied"; // apply: applied
    }
    return std::string(verb) + (verb.empty() || verb.back() == 'e' ? "d" : "ed");
}

void confirm(Terminal& terminal, const Interactivity& interactivity, const GlobalOptions& options,
             const Confirmation& confirmation) {
    if (options.yes) {
        return;
    }
    if (!interactivity.prompts) {
        throw Error(ErrorKind::Usage,
                    "refusing to " + confirmation.verb + " without --yes when not on a terminal",
                    "pass --yes to confirm");
    }
    const bool typed = !confirmation.type_to_confirm.empty();
    terminal.err << "? " << confirmation.question
                 << (typed ? " Type " + util::quoted(confirmation.type_to_confirm) + " to confirm: "
                           : std::string(" [y/N] "))
                 << std::flush;
    std::string answer;
    if (!std::getline(terminal.in, answer)) {
        terminal.err << "\n";
        answer.clear();
    }
    const std::string lowered = util::to_lower(util::trim(answer));
    const bool confirmed = typed ? util::trim(answer) == confirmation.type_to_confirm
                                 : lowered == "y" || lowered == "yes";
    if (!confirmed) {
        throw Error(ErrorKind::Usage, "cancelled; nothing was " + past_tense(confirmation.verb));
    }
}

} // namespace techpass::cli
