#pragma once

#include "db.hpp"
#include "traffic.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emu {

struct Options {
    std::string host = "127.0.0.1";
    int port = 0; // 0: any free port
    std::string db_path = ":memory:";
    bool tls = false;           // serve HTTPS with a generated self-signed certificate
    std::string ca_out;         // where to write the CA certificate (PEM) with --tls
    std::string seed_path;      // TOML seed file loaded at start
    bool test_controls = false; // serve /_emulator/ test controls
    std::string directory_id = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11"; // the tenant (directory) id
    std::size_t max_body_bytes = 1024 * 1024;
    bool quiet = false; // no request log
    // Appends each API request (method, target, Content-Type, body) and its
    // status here as a JSON line, for checking clients against docs/api.
    std::string record_requests;
};

// The emulator's state shared by every handler: the database, the clock
// (with the test controls' offset), the base URL, and the side effects
// (mails, SMS, webhook events) it records instead of sending.
class Emulator {
public:
    explicit Emulator(Options options);

    const Options& options() const { return m_options; }
    Db& db() { return m_db; }

    // The origin clients reach, e.g. "http://127.0.0.1:40123"; the API base
    // URL and the audience of access tokens. Set once the port is bound.
    const std::string& base_url() const { return m_base_url; }
    void set_base_url(std::string url) { m_base_url = std::move(url); }
    // The identity authority's base: base_url() + "/" + directory id.
    std::string authority() const { return m_base_url + "/" + m_options.directory_id; }

    // Now, shifted by the test clock offset.
    std::chrono::system_clock::time_point now();
    std::int64_t now_unix();
    // RFC 3339 UTC, e.g. "2026-11-27T09:30:00Z", of now() plus an offset in seconds.
    std::string now_rfc3339(std::int64_t plus_seconds = 0);
    std::int64_t clock_offset();
    void set_clock_offset(std::int64_t seconds);

    // Records a mail or SMS in the outbox (visible through the test controls).
    void send_mail(const std::string& to, const std::string& kind, const std::string& subject,
                   const std::string& body);
    void send_sms(const std::string& to, const std::string& kind, const std::string& body);

    // Webhook events (events.cpp). Records one delivery per webhook of
    // namespace ns that subscribes to event (an empty event list means all),
    // inside the caller's transaction; the server POSTs recorded deliveries
    // after the request commits. Returns the delivery ids.
    std::vector<std::string> emit_event(const std::string& ns, const std::string& event,
                                        const nlohmann::json& data);
    // Records one delivery of event to one webhook (the webhook "test" call);
    // returns its id, or "" when the webhook does not exist.
    std::string queue_webhook_delivery(const std::string& webhook_id, const std::string& event,
                                       const nlohmann::json& data);

    // Records a sign-in of a user (operator action, device-code approval):
    // sets the last sign-in times and activates a pending account. Throws
    // ApiError 409 when the account cannot sign in (disabled, terminated, deleted).
    void record_sign_in(const std::string& user_id, bool interactive);

    // The test controls' rate limit and fault injection (in memory).
    Traffic& traffic() { return m_traffic; }

private:
    Options m_options;
    Db m_db;
    std::string m_base_url;
    Traffic m_traffic;
};

// How the emulator stores every secret it must recognise later (client
// secrets, API keys, passwords): lower-case hex SHA-256.
std::string secret_hash(std::string_view secret);

// A fresh trace id: 32 lower-case hex digits.
std::string new_trace_id();

// Creates every table if it does not exist yet.
void create_schema(Db& db);

// Formats unix seconds as RFC 3339 UTC ("...Z"); parses it back (nullopt when malformed).
std::string format_rfc3339(std::int64_t unix_seconds);
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

} // namespace emu
