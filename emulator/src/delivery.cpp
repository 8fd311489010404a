#include "delivery.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <vector>

namespace emu {

WebhookDispatcher::~WebhookDispatcher() {
    stop();
}

void WebhookDispatcher::start() {
    m_thread = std::thread([this] { run(); });
}

void WebhookDispatcher::stop() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void WebhookDispatcher::wake() {
    {
        const std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

void WebhookDispatcher::run() {
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            // Retries are due on a timer even without a wake-up.
            m_wake.wait_for(lock, std::chrono::milliseconds(500),
                            [this] { return m_stopping || m_woken; });
            if (m_stopping) {
                return;
            }
            m_woken = false;
        }
        try {
            send_due();
        } catch (const std::exception& e) {
            fmt::print(stderr, "techpass-emulator: webhook delivery failed: {}\n", e.what());
        }
    }
}

void WebhookDispatcher::send_due() {
    std::vector<Pending> due;
    {
        Transaction tx(m_emulator.db());
        auto stmt = m_emulator.db().prepare(
            "SELECT d.id, w.url, w.secret, w.headers, d.event, d.body, d.attempts "
            "FROM webhook_deliveries d "
            "JOIN webhooks w ON w.id = d.webhook_id "
            "WHERE d.delivered_at IS NULL AND d.attempts < ? ORDER BY d.rowid LIMIT 20");
        stmt.bind(1, k_max_attempts);
        const std::int64_t now = m_emulator.now_unix();
        while (stmt.step()) {
            const auto retry = m_retry_at.find(stmt.text(0));
            if (retry == m_retry_at.end() || retry->second <= now) {
                due.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4),
                               stmt.text(5), static_cast<int>(stmt.integer(6))});
            }
        }
    }
    for (const auto& delivery : due) {
        send(delivery);
    }
}

void WebhookDispatcher::send(const Pending& delivery) {
    std::int64_t timestamp = 0;
    {
        Transaction tx(m_emulator.db());
        timestamp = m_emulator.now_unix();
    }
    const std::string signature =
        fmt::format("t={},v1={}", timestamp,
                    techpass::util::hex_lower(techpass::util::hmac_sha256(
                        delivery.secret, std::to_string(timestamp) + ":" + delivery.body)));

    httplib::Headers headers = {{"X-TECHPASS-SIGNATURE", signature},
                                {"X-TECHPASS-EVENT", delivery.event},
                                {"X-TECHPASS-DELIVERY", delivery.id},
                                {"User-Agent", "techpass-emulator"}};
    const auto custom = nlohmann::json::parse(delivery.headers, nullptr, false);
    if (custom.is_object()) {
        for (const auto& [name, value] : custom.items()) {
            if (value.is_string()) {
                headers.emplace(name, value.get<std::string>());
            }
        }
    }

    // scheme://host[:port] and the rest of the URL.
    const auto scheme_end = delivery.url.find("://");
    const auto path_start = scheme_end == std::string::npos
                                ? std::string::npos
                                : delivery.url.find('/', scheme_end + 3);
    const std::string origin = delivery.url.substr(0, path_start);
    const std::string target =
        path_start == std::string::npos ? "/" : delivery.url.substr(path_start);

    std::optional<int> status;
    std::string error;
    try {
        httplib::Client client(origin);
        client.set_connection_timeout(2);
        client.set_read_timeout(10);
        client.enable_server_certificate_verification(false);
        if (auto res = client.Post(target, headers, delivery.body, "application/json")) {
            status = res->status;
        } else {
            error =
                fmt::format("connection failed (httplib error {})", static_cast<int>(res.error()));
        }
    } catch (const std::exception& e) {
        error = e.what();
    }

    const bool delivered = status && *status >= 200 && *status < 300;
    if (!delivered) {
        const auto delay = k_retry_delays[std::min<std::size_t>(
            static_cast<std::size_t>(delivery.attempts), std::size(k_retry_delays) - 1)];
        m_retry_at[delivery.id] = timestamp + delay;
        if (error.empty()) {
            error = fmt::format("the receiver answered {}", status.value_or(0));
        }
    } else {
        m_retry_at.erase(delivery.id);
    }
    Transaction tx(m_emulator.db());
    m_emulator.db().run(
        "UPDATE webhook_deliveries SET attempts = attempts + 1, signature = ?, status_code = ?, "
        "error = ?, delivered_at = ? WHERE id = ?",
        signature, status ? std::optional<std::string>(std::to_string(*status)) : std::nullopt,
        delivered ? std::nullopt : std::optional<std::string>(error),
        delivered ? std::optional<std::string>(std::to_string(m_emulator.now_unix()))
                  : std::nullopt,
        delivery.id);
    tx.commit();
}

} // namespace emu
