#pragma once

// The listening server: plain HTTP, or HTTPS with a certificate made at
// start (a throw-away CA and a server certificate for loopback names signed
// by it; the CA goes where --ca-out says, for clients to trust).

#include "emulator.hpp"

#include <memory>

namespace httplib {
class Server;
}

namespace emu {

// An httplib::Server, or an httplib::SSLServer when options.tls is set.
// Throws std::runtime_error when the CA file cannot be written.
std::unique_ptr<httplib::Server> make_http_server(const Options& options);

} // namespace emu
