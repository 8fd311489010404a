#pragma once

// A webhook receiver on a loopback port, for the emulator's tests: it answers
// the challenge (or not, as set_mode says) and records every request.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace restest {

// A webhook receiver on a loopback port. mode says how it answers the
// challenge: "echo" (correctly), "wrong", "404" or "text".
class Receiver {
public:
    struct Hit {
        std::string method;
        std::string target;
        httplib::Headers headers;
        std::string body;
        std::string param(const std::string& name) const;
    };

    Receiver() {
        const auto record = [this](const httplib::Request& req) {
            std::lock_guard lock(m_mutex);
            std::string target = req.path;
            for (const auto& [name, value] : req.params) {
                target += (target == req.path ? "?" : "&") + name + "=" + value;
            }
            m_hits.push_back({req.method, target, req.headers, req.body});
            m_changed.notify_all();
        };
        m_server.Get(".*", [this, record](const httplib::Request& req, httplib::Response& res) {
            record(req);
            const std::string mode = this->mode();
            if (mode == "404") {
                res.status = 404;
            } else if (mode == "text") {
                res.set_content("hello", "text/plain");
            } else {
                const std::string token =
                    mode == "wrong" ? "nope" : req.get_param_value("challengeToken");
                res.set_content(nlohmann::json{{"challengeToken", token}}.dump(),
                                "application/json");
            }
        });
        m_server.Post(".*", [record](const httplib::Request& req, httplib::Response& res) {
            record(req);
            res.status = 200;
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    ~Receiver() {
        m_server.stop();
        m_thread.join();
    }
    Receiver(const Receiver&) = delete;
    Receiver& operator=(const Receiver&) = delete;

    std::string url(const std::string& path = "/hook") const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    void set_mode(std::string mode) {
        std::lock_guard lock(m_mutex);
        m_mode = std::move(mode);
    }
    std::string mode() {
        std::lock_guard lock(m_mutex);
        return m_mode;
    }
    std::vector<Hit> hits() {
        std::lock_guard lock(m_mutex);
        return m_hits;
    }
    // The first delivery (POST) of event, waiting up to 15 seconds for it.
    std::optional<Hit> delivery(const std::string& event) {
        std::unique_lock lock(m_mutex);
        std::optional<Hit> found;
        m_changed.wait_for(lock, std::chrono::seconds(15), [&] {
            for (const auto& hit : m_hits) {
                const auto it = hit.headers.find("X-TECHPASS-EVENT");
                if (hit.method == "POST" && it != hit.headers.end() && it->second == event) {
                    found = hit;
                    return true;
                }
            }
            return false;
        });
        return found;
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Hit> m_hits;
    std::string m_mode = "echo";
};

inline std::string Receiver::Hit::param(const std::string& name) const {
    const auto at = target.find(name + "=");
    if (at == std::string::npos) {
        return {};
    }
    const auto end = target.find('&', at);
    return target.substr(at + name.size() + 1,
                         end == std::string::npos ? end : end - at - name.size() - 1);
}

} // namespace restest
