// techpass against a portal that misbehaves: waits it asks for that outlast
// the timeout, answers that never come, redirects, bodies that are not JSON
// or are huge, and transient 500s. The token comes from the real emulator;
// the API is a small server in this process that answers as each test says.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

using e2e::Cli;
using e2e::contains;

namespace {

// An API server on a free loopback port; `handle` answers every request.
class HostileApi {
public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

    explicit HostileApi(Handler handle) : m_handle(std::move(handle)) {
        m_server.Get(
            ".*", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); });
        m_server.Post(
            ".*", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~HostileApi() {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_stopped.notify_all();
        m_server.stop();
        m_thread.join();
    }
    HostileApi(const HostileApi&) = delete;
    HostileApi& operator=(const HostileApi&) = delete;

    std::string url() const { return fmt::format("http://127.0.0.1:{}", m_port); }
    int requests() const { return m_requests; }
    // Blocks the handler until the server stops: an answer that never comes.
    void hang() {
        std::unique_lock lock(m_mutex);
        m_stopped.wait(lock, [this] { return m_stopping; });
    }

private:
    void serve(const httplib::Request& req, httplib::Response& res) {
        ++m_requests;
        // Answers go out uncompressed: httplib's brotli takes minutes over
        // the 20 MiB answer, and what is tested is techpass, not compression.
        const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
        m_handle(req, res);
    }

    Handler m_handle;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::atomic<int> m_requests{0};
    std::mutex m_mutex;
    std::condition_variable m_stopped;
    bool m_stopping = false;
};

// Points the default profile's api_url at the hostile server; the token
// still comes from the emulator.
void use_api(const Cli& cli, const HostileApi& api) {
    std::string profile = cli.profile_toml("ship");
    const std::string from = "api_url = \"" + cli.url() + "\"";
    // The token is for the emulator's API (its resource), whatever api_url says.
    profile.replace(profile.find(from), from.size(),
                    "api_url = \"" + api.url() + "\"\nscope = \"" + cli.url() + "/.default\"");
    cli.write_config("default_profile = \"ship\"\n\n" + profile);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

constexpr const char* k_empty_list = R"({"groups":[],"lastKey":"","count":0})";

} // namespace

TEST_CASE("a Retry-After longer than the time left is not waited for") {
    const Cli cli;
    HostileApi api([](const httplib::Request&, httplib::Response& res) {
        res.status = 429;
        res.set_header("Retry-After", "100000");
        res.set_content(R"({"error":{"code":429,"message":"slow down","traceId":"t429"}})",
                        "application/json");
    });
    use_api(cli, api);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"groups", "list", "--timeout", "5"}, {"groups", "list"}}) {
        const auto start = std::chrono::steady_clock::now();
        const auto result = cli.run(args);
        INFO(result.err);
        CHECK(seconds_since(start) < 5);
        CHECK(result.exit_code == 9);
        CHECK(contains(result.err, "techpass: error: the portal is rate-limiting GET "
                                   "/iam/namespace/SHIP/groups?size=50 and asks to wait 100000 s, "
                                   "longer than the "));
        CHECK(contains(result.err, "hint: try again after 20"));
        CHECK(contains(result.err, "traceId: t429"));
    }
    CHECK(api.requests() == 2); // one each: no retry was waited for
}

TEST_CASE("--timeout bounds the whole request, retries included") {
    const Cli cli;
    HostileApi* self = nullptr;
    HostileApi api([&self](const httplib::Request&, httplib::Response&) { self->hang(); });
    self = &api;
    use_api(cli, api);
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"groups", "list", "--timeout", "3"},
                                               {"groups", "create", "billing", "--timeout", "3"}}) {
        CAPTURE(args[1]);
        const auto start = std::chrono::steady_clock::now();
        const auto result = cli.run(args);
        const double took = seconds_since(start);
        CHECK(took >= 2.5);
        CHECK(took < 8);
        CHECK(result.exit_code == 8);
        CHECK(contains(result.err, "techpass: error: "));
    }
}

TEST_CASE("a 500 is retried for a read") {
    const Cli cli;
    std::atomic<int> failures{2};
    HostileApi api([&failures](const httplib::Request&, httplib::Response& res) {
        if (failures-- > 0) {
            res.status = 500;
            res.set_content(R"({"error":{"code":500,"message":"flaky","traceId":"t500"}})",
                            "application/json");
            return;
        }
        res.set_content(k_empty_list, "application/json");
    });
    use_api(cli, api);
    const auto result = cli.run({"groups", "list", "-o", "json"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["groups"].empty());
    CHECK(api.requests() == 3);
}

TEST_CASE("techpass api: a redirect is an error naming it, never followed") {
    const Cli cli;
    HostileApi api([](const httplib::Request& req, httplib::Response& res) {
        if (req.path == "/iam/moved") {
            res.status = 301;
            res.set_header("Location", "https://elsewhere.example/steal");
            return;
        }
        res.status = 404;
    });
    use_api(cli, api);
    const auto result = cli.run({"api", "GET", "/iam/moved"});
    CHECK(result.exit_code == 8);
    CHECK(result.out.empty());
    CHECK(contains(result.err, "techpass: error: the portal answered HTTP 301 to GET /iam/moved, "
                               "redirecting to https://elsewhere.example/steal"));
    CHECK(api.requests() == 1);
}

TEST_CASE("techpass api: --jq on an answer that is not JSON is an error") {
    const Cli cli;
    HostileApi api([](const httplib::Request&, httplib::Response& res) {
        res.set_content("hello, not json", "text/plain");
    });
    use_api(cli, api);
    const auto filtered = cli.run({"api", "GET", "/iam/text", "--jq", ".name"});
    CHECK(filtered.exit_code == 1);
    CHECK(filtered.out.empty());
    CHECK(contains(filtered.err, "techpass: error: the answer to GET /iam/text is not JSON "
                                 "(text/plain), so --jq, --fields and -o cannot apply"));
    const auto plain = cli.run({"api", "GET", "/iam/text"});
    CHECK(plain.exit_code == 0);
    CHECK(plain.out == "hello, not json\n");
}

TEST_CASE("an answer above 16 MiB is refused by commands, and streamed by techpass api") {
    const Cli cli;
    // {"groups":[{"name":"g0000000",...}, ...],"lastKey":"","count":N}: about 20 MiB.
    std::string body = R"({"groups":[)";
    std::size_t count = 0;
    while (body.size() < 20 * 1024 * 1024) {
        body += fmt::format(R"({}{{"id":"{:08}","name":"g{:08}","description":"{}"}})",
                            count == 0 ? "" : ",", count, count, std::string(100, 'x'));
        ++count;
    }
    body += fmt::format(R"(],"lastKey":"","count":{}}})", count);
    HostileApi api([&body](const httplib::Request&, httplib::Response& res) {
        res.set_content(body, "application/json");
    });
    use_api(cli, api);
    const auto refused = cli.run({"groups", "list"});
    CHECK(refused.exit_code == 8);
    CHECK(contains(refused.err, "techpass: error: the answer to GET /iam/namespace/SHIP/groups"));
    CHECK(contains(refused.err, "is larger than 16 MiB"));
    CHECK(api.requests() == 1); // not retried: it would be as large again
    const auto streamed = cli.run({"api", "GET", "/iam/namespace/{namespace}/groups"});
    CHECK(streamed.exit_code == 0);
    CHECK(streamed.out.size() == body.size() + 1);
    CHECK(streamed.out == body + "\n");
}
