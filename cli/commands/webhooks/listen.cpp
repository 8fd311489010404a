// techpass webhooks listen: a local receiver that answers the portal's
// challenge, checks each delivery's signature and age, prints it, and
// forwards the good ones.

#include "commands/bulk/progress.hpp"
#include "commands/shared/verb.hpp"
#include "commands/webhooks/webhooks.hpp"
#include "techpass/api/apps.hpp"
#include "techpass/error.hpp"
#include "techpass/http/curl_transport.hpp"
#include "techpass/http/url.hpp"
#include "techpass/output/formats.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"
#include "techpass/webhook/signature.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sys/socket.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

namespace techpass::cli {

namespace webhooks_listen_cmd {
namespace {

using Json = nlohmann::ordered_json;

// The largest delivery accepted: far above any the portal sends.
constexpr std::size_t k_max_body = 1024 * 1024;
// Threads answering deliveries (each may wait on --forward-to).
constexpr std::size_t k_threads = 4;

// JSON text of a value that may hold any bytes a sender chose: invalid UTF-8
// becomes U+FFFD instead of an exception.
std::string compact(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

struct ListenOptions {
    std::string host = "127.0.0.1";
    int port = 8787;
    std::string secret_file;
    std::string forward_to;
};

// The signing secret, read again whenever its file changes, so that listen
// can start before `webhooks create --out FILE` writes it.
class SecretSource {
public:
    SecretSource(Factory& factory, std::string path) : m_factory(factory), m_path(std::move(path)) {
        m_secret = read_secret(m_factory, m_path);
        m_stamp = stamp();
    }

    std::optional<std::string> get() {
        const std::lock_guard lock(m_mutex);
        if (!m_path.empty() && m_path != "-") {
            const auto now = stamp();
            if (now != m_stamp) {
                m_stamp = now;
                try {
                    m_secret = read_secret(m_factory, m_path);
                } catch (const Error&) {
                    m_secret.reset();
                }
            }
        }
        return m_secret;
    }

private:
    // What changes when the file is written: its time and size.
    std::pair<std::int64_t, std::uintmax_t> stamp() const {
        std::error_code error;
        const auto time = std::filesystem::last_write_time(m_path, error);
        if (error) {
            return {-1, 0};
        }
        const auto size = std::filesystem::file_size(m_path, error);
        return {static_cast<std::int64_t>(time.time_since_epoch().count()), error ? 0 : size};
    }

    Factory& m_factory;
    std::string m_path;
    std::mutex m_mutex;
    std::optional<std::string> m_secret;
    std::pair<std::int64_t, std::uintmax_t> m_stamp;
};

// Headers not passed on when forwarding: hop-by-hop, or set anew by the hop.
bool hop_header(std::string_view name) {
    const std::string lower = util::to_lower(name);
    return lower == "host" || lower == "content-length" || lower == "connection" ||
           lower == "transfer-encoding" || lower == "keep-alive" || lower == "expect" ||
           lower == "upgrade" || lower == "te" || lower == "trailer" || lower == "proxy-connection";
}

class Listener {
public:
    Listener(Factory& factory, const ListenOptions& options)
        : m_factory(factory), m_options(options), m_secret(factory, options.secret_file),
          m_json(!factory.printer().options().human_table()) {}

    void run() {
        Daemon daemon(start_daemon());
        const union MHD_DaemonInfo* info =
            MHD_get_daemon_info(daemon.get(), MHD_DAEMON_INFO_BIND_PORT);
        announce(info != nullptr ? info->port : m_options.port);
        InterruptGuard guard;
        while (!guard.stop_requested()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        daemon.reset(); // waits for the requests in flight
        std::ostream& err = m_factory.terminal().err;
        const std::size_t total = m_accepted + m_rejected;
        err << fmt::format("Stopped: {} deliver{}, {} accepted, {} rejected.\n", total,
                           total == 1 ? "y" : "ies", m_accepted.load(), m_rejected.load());
        err.flush();
    }

private:
    void announce(int port) {
        const std::string host = m_options.host.find(':') != std::string::npos
                                     ? "[" + m_options.host + "]"
                                     : m_options.host;
        const std::string url = fmt::format("http://{}:{}/", host, port);
        std::ostream& err = m_factory.terminal().err;
        err << "Listening on " << url << " (Ctrl-C to stop)\n";
        if (!m_options.forward_to.empty()) {
            err << "Forwarding verified deliveries to " << m_options.forward_to << "\n";
        }
        if (!m_secret.get()) {
            err << fmt::format("Waiting for the secret in {}; register the receiver with:\n"
                               "  techpass webhooks create --url {} --event user-registered "
                               "--out {}\n",
                               m_options.secret_file, url, m_options.secret_file);
        }
        err.flush();
    }

    // The daemon: a thread pool answering on the chosen address.
    using Daemon = std::unique_ptr<MHD_Daemon, decltype(&MHD_stop_daemon)>;

    Daemon start_daemon() {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE;
        addrinfo* found = nullptr;
        const std::string port = std::to_string(m_options.port);
        if (::getaddrinfo(m_options.host.c_str(), port.c_str(), &hints, &found) != 0 ||
            found == nullptr) {
            throw Error(ErrorKind::Usage,
                        fmt::format("--host {}: not an address of this machine", m_options.host),
                        "use 127.0.0.1 (the default), ::1 or 0.0.0.0");
        }
        const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> address(found, &::freeaddrinfo);
        unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
        if (found->ai_family == AF_INET6) {
            flags |= MHD_USE_IPv6;
        }
        MHD_Daemon* daemon = MHD_start_daemon(
            flags, static_cast<std::uint16_t>(m_options.port), nullptr, nullptr,
            &Listener::on_request, this, MHD_OPTION_SOCK_ADDR, found->ai_addr,
            MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned int>(k_threads),
            MHD_OPTION_NOTIFY_COMPLETED, &Listener::on_completed, this, MHD_OPTION_END);
        if (daemon == nullptr) {
            throw Error(ErrorKind::Usage,
                        fmt::format("cannot listen on {}:{}: the port is in use or not allowed",
                                    m_options.host, m_options.port),
                        "choose another with --port N (0: any free port)");
        }
        return Daemon(daemon, &MHD_stop_daemon);
    }

    // One request as it arrives: its body is collected over several calls.
    struct Incoming {
        MHD_Connection* connection = nullptr;
        std::string body;
        bool too_large = false;

        std::string header(std::string_view name) const { return value(MHD_HEADER_KIND, name); }
        std::string value(MHD_ValueKind kind, std::string_view name) const {
            const char* found =
                MHD_lookup_connection_value(connection, kind, std::string(name).c_str());
            return found != nullptr ? found : "";
        }
        bool has_query(std::string_view name) const {
            return MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND,
                                               std::string(name).c_str()) != nullptr;
        }
        http::Headers headers() const {
            http::Headers all;
            MHD_get_connection_values(
                connection, MHD_HEADER_KIND,
                [](void* target, MHD_ValueKind, const char* name, const char* text) {
                    static_cast<http::Headers*>(target)->emplace_back(name,
                                                                      text != nullptr ? text : "");
                    return MHD_YES;
                },
                &all);
            return all;
        }
    };

    struct Answer {
        unsigned int status = 200;
        std::string body = "{}";
        std::string type = "application/json";
    };

    static MHD_Result on_request(void* self, MHD_Connection* connection, const char* /*url*/,
                                 const char* method, const char* /*version*/,
                                 const char* upload_data, std::size_t* upload_size, void** state) {
        auto* incoming = static_cast<Incoming*>(*state);
        if (incoming == nullptr) {
            *state = new Incoming{connection, {}, false};
            return MHD_YES;
        }
        if (*upload_size > 0) {
            if (incoming->body.size() + *upload_size > k_max_body) {
                incoming->too_large = true;
            } else {
                incoming->body.append(upload_data, *upload_size);
            }
            *upload_size = 0;
            return MHD_YES;
        }
        Answer answer;
        const std::string_view verb = method != nullptr ? method : "";
        // Nothing may escape into the C library that called us.
        try {
            if (verb == "GET") {
                static_cast<Listener*>(self)->challenge(*incoming, answer);
            } else if (verb != "POST") {
                answer = {405, compact(Json{{"error", "POST deliveries here"}})};
            } else if (incoming->too_large) {
                answer = {413, compact(Json{{"error", "a delivery is at most 1 MiB"}})};
            } else {
                static_cast<Listener*>(self)->deliver(*incoming, answer);
            }
        } catch (const std::exception& e) {
            answer = {500, compact(Json{{"error", std::string("techpass: ") + e.what()}})};
        }
        MHD_Response* response = MHD_create_response_from_buffer(
            answer.body.size(), answer.body.data(), MHD_RESPMEM_MUST_COPY);
        MHD_add_response_header(response, "Content-Type", answer.type.c_str());
        const MHD_Result queued = MHD_queue_response(connection, answer.status, response);
        MHD_destroy_response(response);
        return queued;
    }

    static void on_completed(void* /*self*/, MHD_Connection* /*connection*/, void** state,
                             MHD_RequestTerminationCode /*code*/) {
        delete static_cast<Incoming*>(*state);
        *state = nullptr;
    }

    void challenge(const Incoming& request, Answer& answer) {
        if (!request.has_query("challengeToken")) {
            answer = {404, "techpass webhooks listen: POST deliveries here\n", "text/plain"};
            return;
        }
        const std::string token = request.value(MHD_GET_ARGUMENT_KIND, "challengeToken");
        answer.body = compact(Json{{"challengeToken", token}});
        emit(Json{{"receivedAt", now_text()}, {"challenge", true}, {"accepted", true}},
             fmt::format("{}  challenge answered", clock_text()), false);
    }

    void deliver(const Incoming& request, Answer& answer) {
        const std::string signature = request.header(webhook::k_signature_header);
        const std::string event = request.header(webhook::k_event_header);
        const std::string delivery = request.header(webhook::k_delivery_header);
        const auto secret = m_secret.get();
        webhook::Verdict verdict;
        if (!secret) {
            verdict.reason = "no signing secret yet: " + m_options.secret_file + " does not exist";
        } else {
            verdict = webhook::verify(*secret, signature, request.body, now_unix());
        }
        Json line = {{"receivedAt", now_text()},
                     {"accepted", verdict.accepted()},
                     {"event", event},
                     {"deliveryId", delivery}};
        if (!verdict.accepted()) {
            ++m_rejected;
            answer.status = secret ? (signature.empty() ? 400 : 401) : 503;
            answer.body = compact(Json{{"error", verdict.reason}});
            line["reason"] = verdict.reason;
            emit(line,
                 fmt::format("{}  rejected {} {}: {}", clock_text(), event.empty() ? "-" : event,
                             delivery.empty() ? "-" : delivery, verdict.reason),
                 true);
            return;
        }
        ++m_accepted;
        const Json body = Json::parse(request.body, nullptr, false);
        line["body"] = body.is_discarded() ? Json(request.body) : body;
        std::string forwarded;
        if (!m_options.forward_to.empty()) {
            const auto [status, text] = forward(request);
            answer.status = static_cast<unsigned int>(status);
            answer.body = text;
            line["forward"] = {{"url", m_options.forward_to}, {"status", status}};
            forwarded = fmt::format("  -> {}", status);
        }
        emit(line,
             fmt::format("{}  {}  {}{}\n  {}", clock_text(), event, delivery, forwarded,
                         request.body),
             false);
    }

    // Posts the delivery to --forward-to with its headers; the status to
    // answer the portal with (502 when the target cannot be reached) and
    // the target's body.
    std::pair<int, std::string> forward(const Incoming& request) {
        thread_local std::unique_ptr<http::CurlTransport> transport;
        if (!transport) {
            transport = std::make_unique<http::CurlTransport>(http::TransportSettings{
                std::chrono::milliseconds(5'000), std::chrono::milliseconds(10'000), {}});
        }
        http::Request outgoing;
        outgoing.method = "POST";
        outgoing.url = m_options.forward_to;
        outgoing.body = request.body;
        for (auto& [name, value] : request.headers()) {
            if (!hop_header(name)) {
                outgoing.headers.emplace_back(std::move(name), std::move(value));
            }
        }
        try {
            const http::Response answer = transport->send(outgoing);
            return {answer.status, answer.body};
        } catch (const http::TransportFailure& failure) {
            return {502, compact(Json{{"error", "forwarding failed: " + failure.error().cause}})};
        }
    }

    void emit(const Json& line, const std::string& human, bool to_err) {
        const std::lock_guard lock(m_output);
        if (m_json) {
            m_factory.terminal().out << compact(line) << '\n' << std::flush;
            return;
        }
        std::ostream& stream = to_err ? m_factory.terminal().err : m_factory.terminal().out;
        stream << util::printable(human, true) << '\n' << std::flush;
    }

    std::int64_t now_unix() const {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   m_factory.clock().now().time_since_epoch())
            .count();
    }
    std::string now_text() const { return util::rfc3339(m_factory.clock().now()); }
    // "09:40:00" of now_text.
    std::string clock_text() const { return now_text().substr(11, 8); }

    Factory& m_factory;
    const ListenOptions& m_options;
    SecretSource m_secret;
    bool m_json;
    std::mutex m_output;
    std::atomic<std::size_t> m_accepted{0};
    std::atomic<std::size_t> m_rejected{0};
};

} // namespace
} // namespace webhooks_listen_cmd

void register_webhook_listen(Application& app, CLI::App& webhooks) {
    using namespace webhooks_listen_cmd;
    auto options = std::make_shared<ListenOptions>();
    CommandDoc doc{
        "Receive webhook deliveries on this machine",
        "A local receiver: answers the portal's challenge, checks each delivery's\n"
        "X-TECHPASS-SIGNATURE (HMAC-SHA256 of \"<t>:<raw body>\" with the webhook's secret)\n"
        "and age (at most 5 minutes), and prints it: a line per delivery with its body, or\n"
        "JSON Lines with -o json. Bad deliveries are answered 401 (400 without a\n"
        "signature) and reported with the reason. With --forward-to URL, verified\n"
        "deliveries are passed on with their headers and the target's answer is returned to\n"
        "the portal. The secret file may be written after listen starts (by webhooks create\n"
        "--out FILE): it is read again whenever it changes. Ctrl-C stops it (exit 0).",
        {{"start it, then register it",
          "techpass webhooks listen --port 8787 --secret-file hook.secret"},
         {"", "techpass webhooks create --url http://127.0.0.1:8787/ --event user-registered "
              "--out hook.secret"},
         {"pass deliveries on to a service in development",
          "techpass webhooks listen --secret-file hook.secret --forward-to "
          "http://localhost:3000/techpass"},
         {"events as JSON Lines", "techpass webhooks listen --secret-file hook.secret -o json | "
                                  "jq -c 'select(.accepted) | .body'"}},
        {}};
    CLI::App& command = app.tree().add_command(webhooks, "listen", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        const output::OutputOptions& output = factory.printer().options();
        if (!output.jq.empty() ||
            (output.format != output::Format::Table && output.format != output::Format::Json)) {
            throw Error(ErrorKind::Usage,
                        "listen prints a line per delivery, or JSON Lines with -o json",
                        "filter the JSON Lines with jq: techpass webhooks listen -o json | jq -c "
                        "'select(.accepted)'");
        }
        if (!options->forward_to.empty()) {
            api::apps::check_url(options->forward_to, "--forward-to URL");
        }
        Listener(factory, *options).run();
    });
    command
        .add_option("--port", options->port, "Port to listen on (default 8787; 0: any free port)")
        ->default_str("8787")
        ->check(CLI::Range(0, 65535));
    command
        .add_option("--host", options->host,
                    "Address to listen on (default 127.0.0.1, this machine only)")
        ->default_str("127.0.0.1");
    add_secret_file_flag(command, options->secret_file);
    command.add_option("--forward-to", options->forward_to,
                       "Pass verified deliveries on to this URL");
}

} // namespace techpass::cli
