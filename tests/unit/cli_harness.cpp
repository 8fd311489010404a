#include "cli_harness.hpp"

#include "app/application.hpp"
#include "app/factory.hpp"

#include <sstream>

namespace testsupport {

CliHarness::CliHarness()
    : m_env({{"HOME", m_home.path()},
             {"XDG_CACHE_HOME", m_home.file("cache")},
             {"XDG_CONFIG_HOME", m_home.file("config")},
             {"TECHPASS_API_URL", "https://api.example"},
             {"TECHPASS_AUTHORITY", "https://login.example"},
             {"TECHPASS_DIRECTORY_ID", "dir-1"},
             {"TECHPASS_CLIENT_ID", "client-1"},
             {"TECHPASS_CLIENT_SECRET", "s3cret-value"},
             {"TECHPASS_API_KEY", "key-value"},
             {"TECHPASS_NAMESPACE", "SHIP"},
             {"TECHPASS_RATE_LIMIT", "0"}}) {}

void CliHarness::expect_sign_in() {
    m_transport.json("POST", "/dir-1/oauth2/v2.0/token", 200,
                     R"({"access_token":"tok-1","token_type":"Bearer","expires_in":3600})");
}

CliRun CliHarness::run(const std::vector<std::string>& args, const std::string& stdin_text) {
    return run_with(args, stdin_text, false);
}

CliRun CliHarness::run_tty(const std::vector<std::string>& args, const std::string& stdin_text) {
    return run_with(args, stdin_text, true);
}

CliRun CliHarness::run_with(const std::vector<std::string>& args, const std::string& stdin_text,
                            bool tty) {
    std::istringstream in(stdin_text);
    std::ostringstream out;
    std::ostringstream err;
    techpass::Terminal terminal{in, out, err, tty, tty, tty, 100};
    techpass::cli::Application app(terminal, m_env, m_clock, args);
    // The Application owns the transport for its run; the harness keeps the
    // stubs and the record of requests across runs.
    struct Forward final : techpass::http::Transport {
        explicit Forward(FakeTransport& target) : to(target) {}
        techpass::http::Response send(const techpass::http::Request& request) override {
            return to.send(request);
        }
        FakeTransport& to;
    };
    app.factory().set_transport(std::make_unique<Forward>(m_transport));
    CliRun result;
    result.code = app.run(args);
    result.out = out.str();
    result.err = err.str();
    return result;
}

std::vector<techpass::http::Request> CliHarness::api_requests() const {
    std::vector<techpass::http::Request> api;
    for (const auto& request : m_transport.requests()) {
        if (request.url.find("/oauth2/") == std::string::npos) {
            api.push_back(request);
        }
    }
    return api;
}

} // namespace testsupport
