#pragma once

// The files generated from the command tree and checked in: man/ and
// completions/. `techpass-gen-docs DIR` writes them; `--check` fails (and
// says how to regenerate) when the checked-in ones differ.

#include "app/man_page.hpp"

#include <vector>

namespace techpass::cli {

class CommandTree;

std::vector<GeneratedFile> generated_docs(const CommandTree& tree);

// The docs generator's main: [--check] SOURCE_DIR.
int gen_docs_main(int argc, const char* const* argv);

} // namespace techpass::cli
