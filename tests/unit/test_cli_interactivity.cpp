// cli/app/interactivity: when techpass may prompt, colour and draw progress.

#include "app/global_options.hpp"
#include "app/interactivity.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace test_cli_interactivity {

using techpass::ErrorKind;
using techpass::Interactivity;
using techpass::MapEnvironment;
using techpass::Terminal;
using techpass::cli::GlobalOptions;

namespace {

struct Streams {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    Terminal terminal(bool tty) {
        Terminal t{in, out, err};
        t.in_tty = t.out_tty = t.err_tty = tty;
        return t;
    }
};

} // namespace

TEST_CASE("decide_interactivity") {
    Streams streams;
    GlobalOptions options;
    SUBCASE("a terminal may prompt, colour and draw progress") {
        const Interactivity i =
            decide_interactivity(streams.terminal(true), MapEnvironment(), options);
        CHECK(i.prompts);
        CHECK(i.colour);
        CHECK(i.progress);
    }
    SUBCASE("a pipe may not") {
        const Interactivity i =
            decide_interactivity(streams.terminal(false), MapEnvironment(), options);
        CHECK_FALSE(i.prompts);
        CHECK_FALSE(i.colour);
        CHECK_FALSE(i.progress);
    }
    SUBCASE("--no-input and CI turn everything off") {
        options.no_input = true;
        Interactivity i = decide_interactivity(streams.terminal(true), MapEnvironment(), options);
        CHECK_FALSE(i.prompts);
        CHECK_FALSE(i.colour);
        options.no_input = false;
        i = decide_interactivity(streams.terminal(true), MapEnvironment({{"CI", "true"}}), options);
        CHECK_FALSE(i.prompts);
        CHECK_FALSE(i.progress);
        i = decide_interactivity(streams.terminal(true), MapEnvironment({{"CI", "false"}}),
                                 options);
        CHECK(i.prompts);
    }
    SUBCASE("NO_COLOR, --no-color and TERM=dumb turn colour off only") {
        Interactivity i = decide_interactivity(streams.terminal(true),
                                               MapEnvironment({{"NO_COLOR", "1"}}), options);
        CHECK_FALSE(i.colour);
        CHECK(i.prompts);
        i = decide_interactivity(streams.terminal(true), MapEnvironment({{"NO_COLOR", ""}}),
                                 options);
        CHECK(i.colour);
        i = decide_interactivity(streams.terminal(true), MapEnvironment({{"TERM", "dumb"}}),
                                 options);
        CHECK_FALSE(i.colour);
        options.no_color = true;
        i = decide_interactivity(streams.terminal(true), MapEnvironment(), options);
        CHECK_FALSE(i.colour);
        CHECK(i.progress);
    }
}

TEST_CASE("confirm") {
    Streams streams;
    GlobalOptions options;
    const techpass::cli::Confirmation deletion{"delete", "Delete group ship:billing?"};
    SUBCASE("--yes answers") {
        options.yes = true;
        Terminal terminal = streams.terminal(false);
        CHECK_NOTHROW(confirm(terminal, Interactivity{}, options, deletion));
    }
    SUBCASE("without a terminal it refuses") {
        Terminal terminal = streams.terminal(false);
        try {
            confirm(terminal, Interactivity{}, options, deletion);
            FAIL("no refusal");
        } catch (const techpass::Error& error) {
            CHECK(error.kind() == ErrorKind::Usage);
            CHECK(std::string(error.what()) ==
                  "refusing to delete without --yes when not on a terminal");
            CHECK(error.hint() == "pass --yes to confirm");
        }
    }
    SUBCASE("on a terminal it asks") {
        Terminal terminal = streams.terminal(true);
        Interactivity interactive;
        interactive.prompts = true;
        streams.in.str("yes\n");
        CHECK_NOTHROW(confirm(terminal, interactive, options, deletion));
        CHECK(streams.err.str() == "? Delete group ship:billing? [y/N] ");
        streams.in.clear();
        streams.in.str("\n");
        CHECK_THROWS_WITH(confirm(terminal, interactive, options, deletion),
                          "cancelled; nothing was deleted");
    }
}

TEST_CASE("past_tense: what a cancelled confirmation says was not done") {
    CHECK(techpass::cli::past_tense("delete") == "deleted");
    CHECK(techpass::cli::past_tense("remove") == "removed");
    CHECK(techpass::cli::past_tense("revoke") == "revoked");
    CHECK(techpass::cli::past_tense("apply") == "applied"); // was "applyd"
    CHECK(techpass::cli::past_tense("disable") == "disabled");
}

} // namespace test_cli_interactivity
