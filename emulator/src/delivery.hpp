#pragma once

// Sends the webhook deliveries that handlers recorded (Emulator::emit_event)
// from a background thread, outside any request's transaction, signed with
// X-TECHPASS-SIGNATURE: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>:<body>">.

#include "emulator.hpp"

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace emu {

class WebhookDispatcher {
public:
    explicit WebhookDispatcher(Emulator& emulator) : m_emulator(emulator) {}
    ~WebhookDispatcher();
    WebhookDispatcher(const WebhookDispatcher&) = delete;
    WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

    void start();
    void stop();
    // Looks for new deliveries now (after a request committed).
    void wake();

private:
    struct Pending {
        std::string id;
        std::string url;
        std::string secret;
        std::string headers; // JSON object of custom headers
        std::string event;
        std::string body;
        int attempts = 0; // made so far
    };
    void run();
    // Sends the recorded deliveries that are due (new, or failed and retry time reached).
    void send_due();
    // One attempt; records its outcome and signature.
    void send(const Pending& delivery);

    // Retries wait 1, 5, 30 and 120 minutes of the emulator's clock
    // (openapi.yaml), so tests reach them by moving the clock.
    static constexpr std::int64_t k_retry_delays[] = {60, 300, 1800, 7200};
    static constexpr int k_max_attempts = 5;

    Emulator& m_emulator;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_woken = false;
    // When (emulator unix time) a failed delivery may be tried again.
    std::map<std::string, std::int64_t> m_retry_at;
};

} // namespace emu
