#pragma once

// The HTTP(S) front of the emulator: one httplib server whose single
// catch-all handler matches the Router's routes and wraps every handler in
// the cross-cutting work (trace id, traffic controls, body limit, JSON,
// authentication, transaction, idempotency, error envelope, request log).

#include "api.hpp"
#include "delivery.hpp"
#include "emulator.hpp"
#include "idempotency.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Response;
} // namespace httplib

namespace emu {

class Server {
public:
    // Registers every route group (the test controls only with --test-controls).
    explicit Server(Emulator& emulator);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the host and port (0: any free port), sets the emulator's base
    // URL, makes sure a token signing key exists and starts serving in the
    // background. Returns the base URL; throws std::runtime_error on failure.
    std::string start();
    // Stops serving and waits for the worker threads; idempotent.
    void stop();

private:
    struct Outcome; // what one request came to, for the response and the log

    // The catch-all httplib handler: trace id, envelope, response, log line.
    void handle(const httplib::Request& http, httplib::Response& res);
    // Route matching (404/405), traffic controls, body limit; then run_route.
    Outcome dispatch(const httplib::Request& http, const std::string& trace_id,
                     const std::string& raw_path);
    // JSON body, transaction, authentication, idempotency, the handler.
    Outcome run_route(const Router::Route& route, const httplib::Request& http,
                      const std::string& trace_id, const std::string& raw_path,
                      std::map<std::string, std::string> params);
    // A creation with an Idempotency-Key: replays and remembered answers.
    Outcome run_idempotent(const Router::Route& route, Request& request,
                           const IdempotentRequest& idempotent, Transaction& tx);
    // A handler's Response as bytes to send.
    static Outcome render(Response response);
    // One request log line on stderr (unless --quiet): never a secret.
    // --record-requests: one JSON line for an API request and its status.
    void record(const httplib::Request& http, const Outcome& outcome);
    void log(const std::string& method, const std::string& path, const std::string& status,
             double milliseconds, const std::string& trace_id);

    Emulator& m_emulator;
    Router m_router; // never changes after construction
    std::unique_ptr<httplib::Server> m_http;
    std::thread m_thread;
    WebhookDispatcher m_dispatcher;
    std::mutex m_log_mutex; // one log line (and one recorded request) at a time
    bool m_started = false;
};

// The JSON error envelope {"error": {"code", "message", "traceId"}}.
nlohmann::json error_envelope(int status, const std::string& message, const std::string& trace_id);

} // namespace emu
