#pragma once

// Authentication of Automation API requests: the x-api-key and the bearer
// token. Authorisation (403) is the handlers' job.

#include "api.hpp"
#include "emulator.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
}

namespace emu {

// The namespace a path acts on: {namespace} of /iam/namespace/{namespace}/...
// and /otp/namespace/{namespace}/..., percent-decoded; nullopt elsewhere.
std::optional<std::string> path_namespace(std::string_view raw_path);

// Checks the bearer token and the API key of a request to raw_path and
// returns the caller; throws ApiError 401 saying what is missing or wrong.
Caller authenticate(Emulator& emulator, const httplib::Request& http, std::string_view raw_path);

} // namespace emu
