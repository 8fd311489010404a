#pragma once

// The bulk import verb, shared by `techpass users import FILE` and `techpass
// vendors import FILE`; each noun's import.cpp says what differs.

#include "techpass/validate/request.hpp"

#include <string>

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;

// What one noun's import verb is about.
struct ImportVerb {
    std::string noun;           // "users": for examples and hints
    validate::RequestKind kind; // the request each row becomes
    std::string summary;        // the one-line description
    std::string what;           // the first paragraph: what a row becomes
    std::string existing;       // "registered": who is reported as already-exists
    std::string example;        // a bundled example file
};

// Adds the `import` verb to noun.
void add_import(Application& app, CLI::App& noun, const ImportVerb& verb);

} // namespace techpass::cli
