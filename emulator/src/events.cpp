// Webhook events: what the handlers record, for the dispatcher (delivery.cpp)
// to send once the request's transaction has committed.

#include "emulator.hpp"

#include <techpass/util/crypto.hpp>

namespace emu {

namespace {

bool subscribes(const std::string& events_json, const std::string& event) {
    const auto events = nlohmann::json::parse(events_json, nullptr, false);
    if (!events.is_array() || events.empty()) {
        return true;
    }
    for (const auto& e : events) {
        if (e.is_string() && (e.get<std::string>() == event || e.get<std::string>() == "*")) {
            return true;
        }
    }
    return false;
}

} // namespace

std::vector<std::string> Emulator::emit_event(const std::string& ns, const std::string& event,
                                              const nlohmann::json& data) {
    std::vector<std::string> webhooks;
    auto stmt = m_db.prepare("SELECT id, events FROM webhooks WHERE namespace = ? ORDER BY rowid");
    stmt.bind(1, ns);
    while (stmt.step()) {
        if (subscribes(stmt.text(1), event)) {
            webhooks.push_back(stmt.text(0));
        }
    }
    std::vector<std::string> ids;
    for (const auto& webhook : webhooks) {
        ids.push_back(queue_webhook_delivery(webhook, event, data));
    }
    return ids;
}

std::string Emulator::queue_webhook_delivery(const std::string& webhook_id,
                                             const std::string& event, const nlohmann::json& data) {
    auto stmt = m_db.prepare("SELECT namespace FROM webhooks WHERE id = ?");
    stmt.bind(1, webhook_id);
    if (!stmt.step()) {
        return {};
    }
    const std::string ns = stmt.text(0);
    const std::string id = techpass::util::uuid_v4();
    const nlohmann::json body = {{"id", id},
                                 {"event", event},
                                 {"namespace", ns},
                                 {"occurredAt", now_rfc3339()},
                                 {"data", data}};
    // The signature is computed when the delivery is sent: it covers the
    // timestamp of that attempt.
    m_db.run("INSERT INTO webhook_deliveries(id, webhook_id, namespace, event, body, signature, "
             "attempts, created_at) VALUES (?, ?, ?, ?, ?, '', 0, ?)",
             id, webhook_id, ns, event, body.dump(), now_unix());
    return id;
}

} // namespace emu
