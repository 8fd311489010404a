#pragma once

// `techpass users import FILE` and `techpass vendors import FILE`: one bulk
// import command, attached to each noun by its registration function.

#include "techpass/validate/request.hpp"

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;

// Adds the `import` verb to noun (the `users` or `vendors` group); kind says
// which request each row becomes.
void add_import(Application& app, CLI::App& noun, validate::RequestKind kind);

} // namespace techpass::cli
