#pragma once

// How objects of a namespace are named: a group as "billing", "ship:billing"
// (its grn, `<namespace>:<name>`) or its id; the namespace as a code
// ("SHIP"). Path encoding is http::path_segment.

#include <string>
#include <string_view>

namespace techpass::api {

// A group as the user named it.
struct GroupRef {
    std::string namespace_code; // upper case, e.g. "SHIP"
    std::string identifier;     // name or id, as the API takes it
    // "ship:billing" for a name; the id itself for an id.
    std::string display() const;
};

// "ship:billing": the global name of a group.
std::string grn(std::string_view namespace_code, std::string_view name);

// Upper-cases and checks a namespace code (Usage error when malformed).
std::string checked_namespace(std::string_view code);

// Whether text looks like a UUID (an object id).
bool looks_like_id(std::string_view text);

} // namespace techpass::api
