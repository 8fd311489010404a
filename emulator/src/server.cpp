#include "server.hpp"

#include "idempotency.hpp"
#include "security.hpp"
#include "tls.hpp"
#include "tokens.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <stdexcept>

namespace emu {

struct Server::Outcome {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    bool drop = false; // close the connection without a complete answer
    std::string fault; // the injected fault's kind, if any (for --record-requests)
};

namespace {

// Worker threads, and requests a client may send over one connection.
constexpr std::size_t k_worker_threads = 32;
constexpr std::size_t k_keep_alive_requests = 1000;
// Like the content delivery networks in front of web APIs, bodies under this
// size go uncompressed: compressing them costs more time than it saves.
constexpr std::size_t k_min_compressed_bytes = 1000;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The Automation API proper: what rate limits and faults apply to by default.
bool is_api_path(std::string_view path) {
    return starts_with(path, "/iam/") || starts_with(path, "/tenants/") ||
           starts_with(path, "/otp/") || path == "/tenants";
}

bool is_control_path(std::string_view path) {
    return starts_with(path, "/_emulator/");
}

// nlohmann's messages start with "[json.exception.parse_error.101] ".
std::string json_error_message(const std::exception& e) {
    std::string message = e.what();
    if (message.rfind("[json.exception.", 0) == 0) {
        const auto end = message.find("] ");
        if (end != std::string::npos) {
            message.erase(0, end + 2);
        }
    }
    return message;
}

// Reason phrases for the statuses httplib and the fault injection produce.
std::string status_text(int status) {
    switch (status) {
    case 400:
        return "bad request";
    case 408:
        return "request timeout";
    case 413:
        return "payload too large";
    case 414:
        return "URI too long";
    case 416:
        return "range not satisfiable";
    case 500:
        return "internal server error";
    case 502:
        return "bad gateway";
    case 503:
        return "service unavailable";
    default:
        return "error " + std::to_string(status);
    }
}

// httplib compresses a response when the request's Accept-Encoding allows,
// after the handler returns, and has no other switch: forget that header.
// The request is httplib's own object for this exchange, not a constant.
void without_compression(const httplib::Request& req) {
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
}

// httplib prefers brotli, at its slowest quality: about 1 ms per kilobyte, so
// a batch of 100 invitations took longer to compress than to create. gzip is
// a hundred times faster, and every client that offers br offers it too.
void prefer_gzip(const httplib::Request& req) {
    auto& headers = const_cast<httplib::Request&>(req).headers;
    const auto accepted = headers.find("Accept-Encoding");
    if (accepted != headers.end() && accepted->second.find("gzip") != std::string::npos) {
        accepted->second = "gzip";
    }
}

} // namespace

nlohmann::json error_envelope(int status, const std::string& message, const std::string& trace_id) {
    return {{"error", {{"code", status}, {"message", message}, {"traceId", trace_id}}}};
}

Server::Server(Emulator& emulator) : m_emulator(emulator), m_dispatcher(emulator) {
    register_identity_routes(m_router);
    if (emulator.options().test_controls) {
        register_control_routes(m_router);
    }
    register_user_routes(m_router);
    register_invitation_routes(m_router);
    register_vendor_routes(m_router);
    register_tenant_routes(m_router);
    register_namespace_routes(m_router);
    register_app_routes(m_router);
    register_group_routes(m_router);
    register_apikey_routes(m_router);
    register_webhook_routes(m_router);
    register_whitelist_routes(m_router);
}

Server::~Server() {
    stop();
}

std::string Server::start() {
    const Options& options = m_emulator.options();
    m_http = make_http_server(options);
    m_http->set_payload_max_length(options.max_body_bytes);
    m_http->set_keep_alive_timeout(30);
    // httplib sends a response's headers and body in separate writes: without
    // TCP_NODELAY, Nagle's algorithm holds the body back until the client's
    // delayed ACK of the headers (up to 40 ms per request on keep-alive
    // connections).
    m_http->set_tcp_nodelay(true);
    // A worker thread serves one connection at a time, for as long as it is
    // kept alive: more workers than httplib's default (8 on small machines),
    // so that idle keep-alive clients do not hold up the others, and more
    // requests per connection than its default 5 (a TLS handshake each time).
    m_http->new_task_queue = [] {
        return new httplib::ThreadPool(k_worker_threads);
    };
    m_http->set_keep_alive_max_count(k_keep_alive_requests);
    m_http->set_read_timeout(30);

    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
        handle(req, res);
    };
    const std::string any = ".*";
    m_http->Get(any, handler);
    m_http->Post(any, handler);
    m_http->Put(any, handler);
    m_http->Patch(any, handler);
    m_http->Delete(any, handler);
    m_http->Options(any, handler);
    // httplib answers some requests itself (a body over the limit, a request
    // it cannot parse): give those the envelope and a log line too.
    m_http->set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
            if (res.has_header("x-trace-id")) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            const std::string trace_id = new_trace_id();
            const std::string message = res.status == 413
                                            ? fmt::format("request body exceeds {} bytes",
                                                          m_emulator.options().max_body_bytes)
                                            : status_text(res.status);
            res.set_header("x-trace-id", trace_id);
            res.set_content(error_envelope(res.status, message, trace_id).dump(),
                            "application/json");
            without_compression(req);
            log(req.method, req.target.substr(0, req.target.find('?')), std::to_string(res.status),
                0, trace_id);
            return httplib::Server::HandlerResponse::Handled;
        }));

    // httplib's default sets SO_REUSEPORT, with which a second emulator binds
    // a port already in use and the kernel splits the connections between
    // the two (and their databases). SO_REUSEADDR alone still allows a quick
    // restart on the same port.
    m_http->set_socket_options([](int sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    const int port = options.port == 0
                         ? m_http->bind_to_any_port(options.host)
                         : (m_http->bind_to_port(options.host, options.port) ? options.port : -1);
    if (port < 0) {
        throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address "
                                             "of this machine)",
                                             options.host, options.port));
    }
    std::string host = options.host;
    if (host == "0.0.0.0" || host.empty()) {
        host = "127.0.0.1";
    } else if (host.find(':') != std::string::npos) {
        host = "[" + host + "]";
    }
    m_emulator.set_base_url(fmt::format("{}://{}:{}", options.tls ? "https" : "http", host, port));
    {
        Transaction tx(m_emulator.db());
        current_signing_key(m_emulator);
        tx.commit();
    }

    m_thread = std::thread([this] { m_http->listen_after_bind(); });
    // httplib 0.11 has no wait_until_ready(): poll, but not forever.
    for (int waited = 0; !m_http->is_running(); ++waited) {
        if (waited == 5000) {
            m_http->stop();
            m_thread.join();
            throw std::runtime_error("the HTTP server did not start");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    m_dispatcher.start();
    m_started = true;
    return m_emulator.base_url();
}

void Server::stop() {
    if (!m_started) {
        return;
    }
    m_started = false;
    m_http->stop();
    if (m_thread.joinable()) {
        m_thread.join();
    }
    m_dispatcher.stop();
}

void Server::handle(const httplib::Request& http, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    const std::string trace_id = new_trace_id();
    const std::string raw_path = http.target.substr(0, http.target.find('?'));
    Outcome outcome;
    try {
        outcome = dispatch(http, trace_id, raw_path);
    } catch (const ApiError& e) {
        outcome.status = e.status();
        outcome.body = error_envelope(e.status(), e.what(), trace_id).dump();
        outcome.headers = e.headers();
    } catch (const std::exception& e) {
        {
            const std::lock_guard lock(m_log_mutex);
            fmt::print(stderr, "techpass-emulator: internal error (traceId {}): {}\n", trace_id,
                       e.what());
        }
        outcome.status = 500;
        outcome.body = error_envelope(500, "internal error", trace_id).dump();
    }

    res.status = outcome.status;
    for (const auto& [name, value] : outcome.headers) {
        res.set_header(name, value);
    }
    res.set_header("x-trace-id", trace_id);
    if (outcome.drop) {
        // Headers go out, then the connection closes: clients see a reset
        // in the middle of a response, like a dropped connection. A 204 has
        // no body to cut short, so a dropped one goes out as a 200.
        if (res.status == 204) {
            res.status = 200;
        }
        res.set_content_provider(
            64, "application/json",
            [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    } else if (!outcome.body.empty()) {
        res.set_content(outcome.body, outcome.content_type);
    }
    if (outcome.body.size() < k_min_compressed_bytes) {
        without_compression(http);
    } else {
        prefer_gzip(http);
    }
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - started;
    log(http.method, raw_path, outcome.drop ? "dropped" : std::to_string(outcome.status),
        elapsed.count(), trace_id);
    if (!m_emulator.options().record_requests.empty() && is_api_path(raw_path)) {
        record(http, outcome);
    }
}

void Server::record(const httplib::Request& http, const Outcome& outcome) {
    nlohmann::json line = {{"method", http.method},
                           {"target", http.target},
                           {"contentType", http.get_header_value("Content-Type")},
                           {"body", http.body},
                           {"status", outcome.status}};
    if (outcome.drop) {
        line["dropped"] = true; // the client saw no complete answer
    }
    if (!outcome.fault.empty()) {
        line["fault"] = outcome.fault;
    }
    const std::lock_guard lock(m_log_mutex);
    std::ofstream out(m_emulator.options().record_requests, std::ios::app | std::ios::binary);
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

Server::Outcome Server::dispatch(const httplib::Request& http, const std::string& trace_id,
                                 const std::string& raw_path) {
    const Router::Route* found = nullptr;
    std::vector<std::string> allowed;
    std::vector<std::string_view> values;
    const std::string method = http.method == "HEAD" ? "GET" : http.method;
    for (const auto& route : m_router.routes()) {
        if (!route.match(raw_path, values)) {
            continue;
        }
        if (route.method == method) {
            found = &route;
            break;
        }
        allowed.push_back(route.method);
    }
    if (found == nullptr) {
        if (allowed.empty()) {
            throw ApiError(404, fmt::format("no such endpoint: {} {}", http.method, raw_path));
        }
        const std::string list = fmt::format("{}", fmt::join(allowed, ", "));
        throw ApiError(405,
                       fmt::format("method {} is not allowed on {} (allowed: {})", http.method,
                                   raw_path, list),
                       {{"Allow", list}});
    }
    std::map<std::string, std::string> params;
    for (std::size_t i = 0; i < found->names.size(); ++i) {
        params[found->names[i]] = techpass::util::url_decode(values[i]);
    }

    const bool api = is_api_path(raw_path);
    if (api) {
        const std::string key = http.get_header_value("x-api-key");
        if (const auto wait = m_emulator.traffic().take(secret_hash(key))) {
            throw ApiError(
                429, fmt::format("rate limit exceeded for this API key; retry after {} s", *wait),
                {{"Retry-After", std::to_string(*wait)}});
        }
    }
    if (!is_control_path(raw_path)) {
        const std::string fault = m_emulator.traffic().draw_fault(raw_path, api);
        if (fault == "latency") {
            const auto plan = m_emulator.traffic().faults();
            std::this_thread::sleep_for(std::chrono::milliseconds(plan ? plan->latency_ms : 0));
        } else if (!fault.empty()) {
            Outcome outcome;
            if (fault == "lost") {
                // The request is carried out and committed; only its answer
                // is lost, as when a connection fails after the server's work.
                outcome = run_route(*found, http, trace_id, raw_path, std::move(params));
                outcome.drop = true;
            } else if (fault == "drop") {
                outcome.drop = true;
            } else {
                outcome.status = std::stoi(fault);
                const std::string message =
                    fault == "429" ? std::string("injected fault: too many requests")
                                   : fmt::format("injected fault: {} {}", outcome.status,
                                                 status_text(outcome.status));
                outcome.body = error_envelope(outcome.status, message, trace_id).dump();
                if (fault == "429") {
                    outcome.headers.emplace_back("Retry-After", "1");
                }
            }
            outcome.fault = fault;
            return outcome;
        }
    }
    if (http.body.size() > m_emulator.options().max_body_bytes) {
        throw ApiError(
            413, fmt::format("request body exceeds {} bytes", m_emulator.options().max_body_bytes));
    }
    return run_route(*found, http, trace_id, raw_path, std::move(params));
}

Server::Outcome Server::run_route(const Router::Route& route, const httplib::Request& http,
                                  const std::string& trace_id, const std::string& raw_path,
                                  std::map<std::string, std::string> params) {
    Request request{http, nullptr, trace_id, std::move(params), nullptr};
    if (route.options.json_body && !techpass::util::trim(http.body).empty()) {
        try {
            request.body = nlohmann::json::parse(http.body);
        } catch (const nlohmann::json::exception& e) {
            throw ApiError(400, "request body is not valid JSON: " + json_error_message(e));
        }
    }

    Transaction tx(m_emulator.db());
    Caller caller;
    if (route.options.authenticated) {
        caller = authenticate(m_emulator, http, raw_path);
        request.caller = &caller;
    }
    std::optional<IdempotentRequest> idempotent;
    if (route.options.creation && route.options.authenticated &&
        http.has_header("Idempotency-Key")) {
        const std::string key = http.get_header_value("Idempotency-Key");
        check_idempotency_key(key);
        idempotent = IdempotentRequest{
            (caller.is_app() ? "app:" : "user:") + caller.id, key, http.method, raw_path,
            techpass::util::sha256_hex(http.method + " " + raw_path + "\n" + http.body)};
        if (const auto answer = find_answer(m_emulator, *idempotent)) {
            tx.commit();
            Outcome outcome;
            outcome.status = answer->status;
            outcome.body = answer->body;
            outcome.headers.emplace_back("Idempotent-Replayed", "true");
            return outcome;
        }
    }

    if (idempotent) {
        return run_idempotent(route, request, *idempotent, tx);
    }
    Outcome outcome = render(route.handler(m_emulator, request));
    if ((outcome.status >= 200 && outcome.status < 300) || route.options.commit_on_error) {
        tx.commit();
        m_dispatcher.wake();
    }
    return outcome;
}

// A creation with an Idempotency-Key: its answer is remembered, errors other
// than 5xx included (openapi.yaml), but a failed handler's writes are undone.
Server::Outcome Server::run_idempotent(const Router::Route& route, Request& request,
                                       const IdempotentRequest& idempotent, Transaction& tx) {
    Db& db = m_emulator.db();
    db.exec("SAVEPOINT handler");
    Outcome outcome;
    try {
        outcome = render(route.handler(m_emulator, request));
    } catch (const ApiError& e) {
        if (e.status() >= 500) {
            throw;
        }
        outcome.status = e.status();
        outcome.body = error_envelope(e.status(), e.what(), request.trace_id).dump();
        outcome.headers = e.headers();
    }
    if (outcome.status >= 400) {
        db.exec("ROLLBACK TO handler");
    }
    db.exec("RELEASE handler");
    if (outcome.status < 500) {
        remember_answer(m_emulator, idempotent, {outcome.status, outcome.body});
    }
    tx.commit();
    m_dispatcher.wake();
    return outcome;
}

Server::Outcome Server::render(Response response) {
    Outcome outcome;
    outcome.status = response.status;
    outcome.headers = std::move(response.headers);
    outcome.content_type = response.content_type;
    if (response.content_type.find("json") != std::string::npos) {
        outcome.body = response.body.is_null() ? std::string() : response.body.dump();
    } else {
        outcome.body = std::move(response.raw);
    }
    return outcome;
}

void Server::log(const std::string& method, const std::string& path, const std::string& status,
                 double milliseconds, const std::string& trace_id) {
    if (m_emulator.options().quiet) {
        return;
    }
    const std::lock_guard lock(m_log_mutex);
    fmt::print(stderr, "{} {} {} {:.1f}ms traceId={}\n", method, path, status, milliseconds,
               trace_id);
    std::fflush(stderr);
}

} // namespace emu
