// techpass against a portal that misbehaves: waits it asks for that outlast
// the timeout, answers that never come, redirects, bodies that are not JSON
// or are huge, and transient 500s. The token comes from the real emulator;
// the API is a small server in this process that answers as each test says.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace test_hostile_server {

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
        m_server.Put(
            ".*", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); });
        m_server.Patch(
            ".*", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); });
        m_server.Delete(
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
    bool stopping() {
        const std::lock_guard lock(m_mutex);
        return m_stopping;
    }
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

namespace {

// One command of each kind: lists, reads by name, creations, updates,
// deletions, bulk imports and adds, provisioning, reviews and forecasts.
std::vector<std::vector<std::string>> every_kind_of_command(const testsupport::TempDir& dir) {
    const std::string vendors = dir.write(
        "vendors.csv", "email,first_name,last_name,mobile,company,department,sponsoring_agency,"
                       "business_operation,offshore_development_centre,offshore_company,seed,"
                       "account_type\nv1@acme.example,A,B,81234567,Acme,Ops,MOM,onshore,,,no,\n");
    const std::string users = dir.write("users.csv", "email,mobile,seed\nx@tech.gov.sg,,no\n");
    const std::string tenant =
        dir.write("tenant.toml", "namespace = \"SHIP\"\n\n[[groups]]\nname = \"billing\"\n");
    return {
        {"groups", "list"},
        {"groups", "get", "billing"},
        {"groups", "create", "billing"},
        {"groups", "delete", "billing", "--yes"},
        {"groups", "members", "add", "billing", "jane.tan@tech.gov.sg"},
        {"users", "list"},
        {"users", "get", "jane.tan@tech.gov.sg"},
        {"users", "disable", "jane.tan@tech.gov.sg", "--yes"},
        {"users", "forecast"},
        {"users", "import", users},
        {"vendors", "import", vendors},
        {"invitations", "list"},
        {"namespaces", "get", "SHIP"},
        {"namespaces", "admins", "list"},
        {"apps", "list"},
        {"apps", "get", "ship-portal"},
        {"apps", "update", "ship-portal", "--add-redirect-url", "https://a.example.gov.sg/cb"},
        {"apps", "secrets", "list", "ship-portal"},
        {"apps", "assignments", "list", "ship-portal"},
        {"apikeys", "list"},
        {"webhooks", "list"},
        {"whitelists", "list", "ship-otp"},
        {"whitelists", "add", "ship-otp", "acme.example.sg"},
        {"tenants", "requests", "list"},
        {"access", "review"},
        {"plan", "-f", tenant},
        {"apply", "-f", tenant, "--yes"},
        {"export"},
    };
}

// Runs every kind of command against an API that answers each request with
// `answer`: each must fail cleanly (the given exit code, a one-line error
// naming the request, no crash, no "unexpected"), within its timeout.
void every_command_fails_cleanly(const HostileApi::Handler& answer, const std::string& expected,
                                 int timeout_seconds = 20) {
    const Cli cli;
    HostileApi api(answer);
    use_api(cli, api);
    testsupport::TempDir dir;
    for (const auto& args : every_kind_of_command(dir)) {
        auto argv = args;
        argv.insert(argv.end(), {"--timeout", "3"});
        const std::string command = fmt::format("{}", fmt::join(args, " "));
        CAPTURE(command);
        e2e::Run options;
        options.timeout_seconds = timeout_seconds;
        const auto start = std::chrono::steady_clock::now();
        const auto result = cli.run(argv, options);
        CAPTURE(result.err);
        CHECK(seconds_since(start) < timeout_seconds);
        CHECK((result.exit_code == 8 || result.exit_code == 7));
        CHECK(contains(result.err, "techpass: error: "));
        CHECK(contains(result.err, expected));
        CHECK_FALSE(contains(result.err, "unexpected"));
        CHECK_FALSE(contains(result.err, "Sanitizer"));
    }
}

} // namespace

TEST_CASE("invalid JSON in answers: every kind of command fails cleanly, naming the answer") {
    every_command_fails_cleanly(
        [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"groups":[{"id":"1","name":)", "application/json");
        },
        "is not valid JSON");
}

TEST_CASE("an HTML page instead of the API: every kind of command fails cleanly") {
    every_command_fails_cleanly(
        [](const httplib::Request&, httplib::Response& res) {
            res.set_content(
                "<!DOCTYPE html><html><body><h1>Sign in to the proxy</h1></body></html>",
                "text/html; charset=utf-8");
        },
        "text/html");
}

TEST_CASE("JSON of the wrong shape: no command crashes or fails with an unexpected error") {
    // Valid JSON that is not what the contract says: a scalar, an array,
    // lists that are not lists, items that are not objects, fields of the
    // wrong type.
    const std::vector<std::string> shapes = {
        "null",
        "[]",
        "5",
        R"("a string")",
        R"({"groups":5,"users":"x","apps":{},"members":null,"invitations":true,"apiKeys":5,"webhooks":"x","whitelists":{},"assignments":7,"secrets":false,"certificates":1,"requests":2,"admins":3,"lastKey":5,"count":"x"})",
        R"({"groups":[5,null,"x",[]],"users":[1],"apps":[null],"members":[[]],"invitations":["x"],"apiKeys":[2],"webhooks":[true],"whitelists":[3],"assignments":[4],"secrets":[5],"certificates":[6],"admins":[7],"lastKey":"","count":1})",
        R"({"groups":[{"id":5,"name":[],"description":{}}],"users":[{"id":[],"email":5,"status":{},"lastSignInAt":"yesterday","createdAt":7}],"apps":[{"appId":1,"name":2,"redirectUrls":"x","assignmentRequired":"yes"}],"members":[{"type":3,"id":{}}],"assignments":[{"principalType":1,"principalId":[]}],"whitelists":[{"value":1,"expiresAt":"soon"}],"lastKey":"","count":1,"id":5,"name":[],"email":{},"code":7,"displayName":[]})",
    };
    const Cli cli;
    std::string shape;
    HostileApi api([&shape](const httplib::Request&, httplib::Response& res) {
        res.set_content(shape, "application/json");
    });
    use_api(cli, api);
    testsupport::TempDir dir;
    for (const auto& current : shapes) {
        shape = current;
        for (const auto& args : every_kind_of_command(dir)) {
            auto argv = args;
            argv.insert(argv.end(), {"--timeout", "3"});
            const std::string command = fmt::format("{} <- {}", fmt::join(args, " "), current);
            CAPTURE(command);
            const auto result = cli.run(argv);
            CAPTURE(result.err);
            CHECK(result.exit_code != 1);
            CHECK(result.exit_code < 128);
            CHECK_FALSE(contains(result.err, "unexpected"));
            CHECK_FALSE(contains(result.err, "Sanitizer"));
            CHECK_FALSE(contains(result.err, "terminate called"));
        }
    }
}

TEST_CASE("a body that never ends: commands and techpass api give up at --timeout") {
    const Cli cli;
    HostileApi* self = nullptr;
    HostileApi api([&self](const httplib::Request&, httplib::Response& res) {
        // 200 and JSON that starts well, then a chunk every 50 ms, forever.
        res.set_chunked_content_provider(
            "application/json", [&self](std::size_t offset, httplib::DataSink& sink) {
                if (self->stopping()) {
                    return false;
                }
                if (offset == 0) {
                    const std::string start = R"({"groups":[)";
                    return sink.write(start.data(), start.size());
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                const std::string more = R"({"id":"1","name":"again"},)";
                return sink.write(more.data(), more.size());
            });
    });
    self = &api;
    use_api(cli, api);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"groups", "list", "--timeout", "3"},
             {"groups", "create", "billing", "--timeout", "3"},
             {"api", "GET", "/iam/namespace/SHIP/groups", "--timeout", "3"}}) {
        const std::string command = fmt::format("{}", fmt::join(args, " "));
        CAPTURE(command);
        const auto start = std::chrono::steady_clock::now();
        const auto result = cli.run(args);
        const double took = seconds_since(start);
        CAPTURE(result.err);
        CHECK(took >= 2.5);
        CHECK(took < 10);
        CHECK(result.exit_code == 8);
        CHECK(contains(result.err, "techpass: error: "));
        CHECK(contains(result.err, "timed out"));
    }
}

TEST_CASE("a redirect to another host is never followed by any command, credentials or not") {
    const Cli cli;
    HostileApi elsewhere([](const httplib::Request&, httplib::Response& res) {
        res.set_content(k_empty_list, "application/json");
    });
    const std::string target = elsewhere.url();
    HostileApi api([&target](const httplib::Request& req, httplib::Response& res) {
        res.status = req.method == "GET" ? 302 : 307;
        res.set_header("Location", target + req.path);
    });
    use_api(cli, api);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"groups", "list"}, {"groups", "create", "billing"}, {"users", "list"}}) {
        const std::string command = fmt::format("{}", fmt::join(args, " "));
        CAPTURE(command);
        const auto result = cli.run(args);
        CAPTURE(result.err);
        CHECK(result.exit_code == 8);
        CHECK(contains(result.err, "redirecting to " + target));
    }
    CHECK(api.requests() == 3);
    CHECK(elsewhere.requests() == 0);
}

} // namespace test_hostile_server
