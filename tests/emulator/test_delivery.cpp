// Webhook deliveries: sent after the request commits, signed as the
// contract says, logged for the test controls, retried on the emulator's clock.

#include "client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace test_delivery {

using namespace emutest;

namespace {

// A local receiver that passes the challenge and records deliveries.
class Receiver {
public:
    Receiver() {
        m_server.Get("/hook", [](const httplib::Request& req, httplib::Response& res) {
            res.set_content(json{{"challengeToken", req.get_param_value("challengeToken")}}.dump(),
                            "application/json");
        });
        m_server.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
            const std::lock_guard lock(m_mutex);
            m_deliveries.push_back({req.get_header_value("X-TECHPASS-SIGNATURE"),
                                    req.get_header_value("X-TECHPASS-EVENT"),
                                    req.get_header_value("X-Team"), req.body});
            res.status = m_failing ? 500 : 204;
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~Receiver() {
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/hook"; }
    void set_failing(bool failing) { m_failing = failing; }

    struct Delivery {
        std::string signature, event, custom_header, body;
    };
    std::size_t count() {
        const std::lock_guard lock(m_mutex);
        return m_deliveries.size();
    }
    // Waits up to 10 s for the n-th delivery.
    std::optional<Delivery> wait_for(std::size_t n) {
        for (int i = 0; i < 1000; ++i) {
            {
                const std::lock_guard lock(m_mutex);
                if (m_deliveries.size() >= n) {
                    return m_deliveries[n - 1];
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return std::nullopt;
    }

private:
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Delivery> m_deliveries;
    std::atomic<bool> m_failing = false;
};

} // namespace

TEST_CASE("webhook deliveries are signed, logged and retried") {
    Receiver receiver;
    Portal portal;
    const auto headers = portal.api_headers();
    const Reply created = portal.post_json(
        "/iam/namespace/SHIP/webhooks",
        {{"url", receiver.url()}, {"events", {"user-updated"}}, {"headers", {{"X-Team", "ship"}}}},
        headers);
    REQUIRE_MESSAGE(created.status == 201, created.text);
    const std::string secret = created.body.at("secret").get<std::string>();
    const std::string id = created.body.at("id").get<std::string>();

    const Reply test =
        portal.send("POST", "/iam/namespace/SHIP/webhooks/" + id + "/test", "", headers);
    REQUIRE_MESSAGE(test.status == 202, test.text);
    const auto delivery = receiver.wait_for(1);
    REQUIRE(delivery.has_value());
    CHECK(delivery->event == "webhook-test");
    CHECK(delivery->custom_header == "ship");
    const json body = json::parse(delivery->body);
    CHECK(body.at("id") == test.body.at("deliveryId"));
    CHECK(body.at("namespace") == "SHIP");
    CHECK(body.at("data") == json::object());

    // t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>:<raw body>">
    const auto comma = delivery->signature.find(",v1=");
    REQUIRE(delivery->signature.rfind("t=", 0) == 0);
    REQUIRE(comma != std::string::npos);
    const std::string t = delivery->signature.substr(2, comma - 2);
    CHECK(delivery->signature.substr(comma + 4) ==
          techpass::util::hex_lower(techpass::util::hmac_sha256(secret, t + ":" + delivery->body)));

    // The log of deliveries shows the outcome once the receiver answered.
    Reply log;
    for (int i = 0; i < 100; ++i) {
        log = portal.get("/_emulator/webhooks/deliveries?webhookId=" + id);
        if (!log.body.at("deliveries").at(0).at("deliveredAt").is_null()) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(log.body.at("deliveries").at(0).at("statusCode") == 204);
    CHECK(log.body.at("deliveries").at(0).at("attempts") == 1);

    SUBCASE("a failed delivery is retried a minute later on the emulator's clock") {
        receiver.set_failing(true);
        REQUIRE(portal.send("POST", "/iam/namespace/SHIP/webhooks/" + id + "/test", "", headers)
                    .status == 202);
        REQUIRE(receiver.wait_for(2).has_value());
        receiver.set_failing(false);
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        CHECK(receiver.count() == 2); // not before the retry time
        REQUIRE(portal.post_json("/_emulator/clock/advance", {{"seconds", 61}}).status == 200);
        const auto retried = receiver.wait_for(3);
        REQUIRE(retried.has_value());
        CHECK(json::parse(retried->body).at("id") ==
              json::parse(receiver.wait_for(2)->body).at("id"));
    }
}

} // namespace test_delivery
