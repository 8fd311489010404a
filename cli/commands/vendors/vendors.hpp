#pragma once

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;

// techpass vendors import (import.cpp).
void add_vendors_import(Application& app, CLI::App& vendors);

} // namespace techpass::cli
