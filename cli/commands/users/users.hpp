#pragma once

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;

// techpass users list|get|disable|enable|delete (user_accounts.cpp).
void register_user_accounts(Application& app, CLI::App& users);

// techpass users import (import.cpp).
void add_users_import(Application& app, CLI::App& users);

} // namespace techpass::cli
