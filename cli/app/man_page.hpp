#pragma once

// Man pages generated from the command tree (and, for techpass-config(5),
// from the library's configuration key table).

#include <string>
#include <vector>

namespace techpass::cli {

class CommandTree;

// A file of the source tree written by the docs generator.
struct GeneratedFile {
    std::string path; // relative to the source root, e.g. "man/techpass.1"
    std::string content;
};

// techpass(1), techpass-<command>(1) for each top-level command, techpass-config(5),
// techpass-tenant(5) and examples/tenant.toml.
std::vector<GeneratedFile> man_pages(const CommandTree& tree);

// The EXIT STATUS section, shared by every page.
std::string exit_status_section();

// techpass-config(5).
std::string config_man_page();

// techpass-tenant(5), and the tenant file it shows (also examples/tenant.toml).
std::string tenant_man_page();
const char* tenant_example();

} // namespace techpass::cli
