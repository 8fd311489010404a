#pragma once

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;

// techpass groups members list|add|remove (members.cpp).
void register_group_members(Application& app, CLI::App& groups);

} // namespace techpass::cli
