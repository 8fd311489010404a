#pragma once

// A live namespace written as a tenant file (techpass export, issue 11), so
// that `techpass plan` on it reports no changes. Secrets are never written:
// client secrets and API keys are named; certificates, whose files the
// portal does not keep, are listed as comments with their thumbprints.

#include "techpass/tenant/live.hpp"

#include <chrono>
#include <string>

namespace techpass::tenant {

// The read needs everything (ReadOptions::everything).
std::string export_tenant_file(const LiveState& live, std::chrono::system_clock::time_point now);

// A TOML basic string: quoted, with \ " and control characters escaped.
std::string toml_string(std::string_view text);

} // namespace techpass::tenant
