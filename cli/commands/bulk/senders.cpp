#include "commands/bulk/senders.hpp"

#include "app/factory.hpp"
#include "techpass/api/client.hpp"
#include "techpass/api/invitations.hpp"
#include "techpass/api/users.hpp"
#include "techpass/auth/authenticator.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/http/curl_transport.hpp"

#include <map>
#include <mutex>
#include <thread>

namespace techpass::cli {

namespace bulk_senders_cmd {
namespace {

// One sign-in shared by the worker threads: the authenticator is not
// thread-safe, so every call goes through a lock.
class SharedTokens final : public auth::TokenProvider {
public:
    explicit SharedTokens(auth::TokenProvider& inner) : m_inner(inner) {}
    std::string access_token() override {
        const std::lock_guard lock(m_mutex);
        return m_inner.access_token();
    }
    void invalidate() override {
        const std::lock_guard lock(m_mutex);
        m_inner.invalidate();
    }
    std::string identity_summary() const override {
        const std::lock_guard lock(m_mutex);
        return m_inner.identity_summary();
    }

private:
    auth::TokenProvider& m_inner;
    mutable std::mutex m_mutex;
};

// A worker's own connection and client (libcurl handles are per thread).
struct Lane {
    std::unique_ptr<http::CurlTransport> transport;
    std::unique_ptr<api::ApiClient> client;
};

// Hands each calling thread its API client: the Factory's own when there is
// one thread, else one per worker thread, made on first use.
class Clients {
public:
    Clients(Factory& factory, std::size_t concurrency)
        : m_factory(factory), m_concurrency(concurrency) {}

    api::ApiClient& get() {
        if (m_concurrency <= 1) {
            return m_factory.client();
        }
        const std::lock_guard lock(m_mutex);
        Lane& lane = m_lanes[std::this_thread::get_id()];
        if (!lane.client) {
            const config::Profile& profile = m_factory.profile();
            if (!m_tokens) {
                m_tokens = std::make_unique<SharedTokens>(m_factory.authenticator());
                m_api_key = profile.secret("api_key"); // once, not once per thread
            }
            lane.transport =
                std::make_unique<http::CurlTransport>(api::transport_settings(profile));
            api::ClientOptions options = api::client_options(profile, m_factory.debug_stream());
            options.api_key = [key = m_api_key] {
                return key;
            };
            lane.client = std::make_unique<api::ApiClient>(*lane.transport, m_factory.clock(),
                                                           *m_tokens, std::move(options));
        }
        return *lane.client;
    }

private:
    Factory& m_factory;
    std::size_t m_concurrency;
    std::mutex m_mutex;
    std::unique_ptr<SharedTokens> m_tokens;
    std::string m_api_key;
    std::map<std::thread::id, Lane> m_lanes;
};

class InvitationSender final : public bulk::BatchSender {
public:
    InvitationSender(Factory& factory, std::size_t concurrency) : m_clients(factory, concurrency) {}

    bulk::BatchResult send(const std::vector<bulk::Entry>& entries,
                           const std::string& idempotency_key) override {
        api::Json body{{"invitations", api::Json::array()}};
        for (const auto& entry : entries) {
            body["invitations"].push_back(entry.body);
        }
        const api::Json answer = m_clients.get().post(api::invitations::k_batch_path, body,
                                                      api::IdempotencyKey(idempotency_key));
        return bulk::parse_batch_response(answer, "invitations", "invitation");
    }

private:
    Clients m_clients;
};

// Registrations have no batch endpoint: one call per row, each with its own
// Idempotency-Key derived from the batch's.
std::unique_ptr<bulk::BatchSender> registration_sender(Factory& factory, std::size_t concurrency) {
    auto clients = std::make_shared<Clients>(factory, concurrency);
    return std::make_unique<bulk::EntryByEntrySender>(
        [clients](const bulk::Entry& entry, const std::string& key) {
            const api::Json user = clients->get().post(api::users::k_registrations_path, entry.body,
                                                       api::IdempotencyKey(key));
            return user.is_object() && user.contains("id") && user["id"].is_string()
                       ? user["id"].get<std::string>()
                       : std::string();
        });
}

} // namespace
} // namespace bulk_senders_cmd

std::unique_ptr<bulk::BatchSender> make_sender(Factory& factory, bulk::Kind kind,
                                               std::size_t concurrency) {
    using namespace bulk_senders_cmd;
    if (kind == bulk::Kind::Registration) {
        return registration_sender(factory, concurrency);
    }
    return std::make_unique<InvitationSender>(factory, concurrency);
}

} // namespace techpass::cli
