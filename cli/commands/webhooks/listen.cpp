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
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

namespace techpass::cli {

namespace {

using Json = nlohmann::ordered_json;

// The largest delivery accepted: far above any the portal sends.
constexpr std::size_t k_max_body = 1024 * 1024;

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
           lower == "upgrade" || lower == "te" || lower == "trailer" ||
           lower == "proxy-connection" || lower == "remote_addr" || lower == "remote_port" ||
           lower == "local_addr" || lower == "local_port";
}

class Listener {
public:
    Listener(Factory& factory, const ListenOptions& options)
        : m_factory(factory), m_options(options), m_secret(factory, options.secret_file),
          m_json(!factory.printer().options().human_table()) {}

    void run() {
        httplib::Server server;
        server.set_payload_max_length(k_max_body);
        // Headers and body go out in two writes: without this, Nagle and
        // delayed ACKs hold each answer on a keep-alive connection ~40 ms.
        server.set_tcp_nodelay(true);
        server.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            challenge(request, response);
        });
        server.Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
            deliver(request, response);
        });
        const int port =
            m_options.port == 0
                ? server.bind_to_any_port(m_options.host)
                : (server.bind_to_port(m_options.host, m_options.port) ? m_options.port : -1);
        if (port <= 0) {
            throw Error(ErrorKind::Usage,
                        fmt::format("cannot listen on {}:{}: the port is in use or not allowed",
                                    m_options.host, m_options.port),
                        "choose another with --port N (0: any free port)");
        }
        announce(port);
        InterruptGuard guard;
        std::atomic<bool> done{false};
        std::thread watcher([&] {
            while (!done && !guard.stop_requested()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            server.stop();
        });
        server.listen_after_bind();
        done = true;
        watcher.join();
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

    void challenge(const httplib::Request& request, httplib::Response& response) {
        if (!request.has_param("challengeToken")) {
            response.status = 404;
            response.set_content("techpass webhooks listen: POST deliveries here\n", "text/plain");
            return;
        }
        const std::string token = request.get_param_value("challengeToken");
        response.set_content(Json{{"challengeToken", token}}.dump(), "application/json");
        emit(Json{{"receivedAt", now_text()}, {"challenge", true}, {"accepted", true}},
             fmt::format("{}  challenge answered", clock_text()), false);
    }

    void deliver(const httplib::Request& request, httplib::Response& response) {
        const std::string signature =
            request.get_header_value(std::string(webhook::k_signature_header));
        const std::string event = request.get_header_value(std::string(webhook::k_event_header));
        const std::string delivery =
            request.get_header_value(std::string(webhook::k_delivery_header));
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
            response.status = secret ? (signature.empty() ? 400 : 401) : 503;
            response.set_content(Json{{"error", verdict.reason}}.dump(), "application/json");
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
            response.status = status;
            response.set_content(text, "application/json");
            line["forward"] = {{"url", m_options.forward_to}, {"status", status}};
            forwarded = fmt::format("  -> {}", status);
        } else {
            response.set_content("{}", "application/json");
        }
        emit(line,
             fmt::format("{}  {}  {}{}\n  {}", clock_text(), event, delivery, forwarded,
                         request.body),
             false);
    }

    // Posts the delivery to --forward-to with its headers; the status to
    // answer the portal with (502 when the target cannot be reached) and
    // the target's body.
    std::pair<int, std::string> forward(const httplib::Request& request) {
        thread_local std::unique_ptr<http::CurlTransport> transport;
        if (!transport) {
            transport = std::make_unique<http::CurlTransport>(http::TransportSettings{
                std::chrono::milliseconds(5'000), std::chrono::milliseconds(10'000), {}});
        }
        http::Request outgoing;
        outgoing.method = "POST";
        outgoing.url = m_options.forward_to;
        outgoing.body = request.body;
        for (const auto& [name, value] : request.headers) {
            if (!hop_header(name)) {
                outgoing.headers.emplace_back(name, value);
            }
        }
        try {
            const http::Response answer = transport->send(outgoing);
            return {answer.status, answer.body};
        } catch (const http::TransportFailure& failure) {
            return {502, Json{{"error", "forwarding failed: " + failure.error().cause}}.dump()};
        }
    }

    void emit(const Json& line, const std::string& human, bool to_err) {
        const std::lock_guard lock(m_output);
        if (m_json) {
            m_factory.terminal().out << line.dump() << '\n' << std::flush;
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

void register_webhook_listen(Application& app, CLI::App& webhooks) {
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
    command.add_option("--port", options->port, "Port to listen on (0: any free port)")
        ->default_str("8787")
        ->check(CLI::Range(0, 65535));
    command.add_option("--host", options->host, "Address to listen on")->default_str("127.0.0.1");
    add_secret_file_flag(command, options->secret_file);
    command.add_option("--forward-to", options->forward_to,
                       "Pass verified deliveries on to this URL");
}

} // namespace techpass::cli
