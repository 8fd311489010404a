#pragma once

// Reading a group named on the command line; the naming rules themselves
// (grn, namespace codes, ids) are the library's (techpass/api/naming.hpp).

#include "techpass/api/naming.hpp"

#include <string_view>

namespace techpass::cli {

class Factory;

using api::checked_namespace;
using api::grn;
using api::GroupRef;
using api::looks_like_id;

// Parses a group argument. "ship:billing" names its namespace, which must
// agree with an explicit -n; a bare name or id takes the run's namespace.
GroupRef parse_group_ref(Factory& factory, std::string_view text);

} // namespace techpass::cli
