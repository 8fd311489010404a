#pragma once

// --seed FILE: a TOML description of users, namespaces (with admins), apps
// (with client secrets and certificates) and API keys, loaded at start.

#include "emulator.hpp"

#include <string>

namespace emu {

// Loads the seed file in one transaction. Entries that already exist (same
// email, namespace code, app, secret, certificate or key) are left as they
// are, so a file database can be restarted with the same seed. Throws
// std::runtime_error "<file>: <what is wrong>".
void load_seed(Emulator& emulator, const std::string& path);

} // namespace emu
