#pragma once

// The Factory gives a command what it needs, each piece built the first time
// it is asked for (gh's cmdutil.Factory): `--help` and `version` never read
// the config file, start libcurl or compile a jq filter, and a command that
// fails its flag checks sends nothing.

#include "app/global_options.hpp"
#include "techpass/context.hpp"

#include <memory>
#include <string>

namespace techpass::config {
class Profile;
struct LoadOptions;
} // namespace techpass::config
namespace techpass::http {
class Transport;
}
namespace techpass::auth {
class Authenticator;
}
namespace techpass::api {
class ApiClient;
}
namespace techpass::output {
class Printer;
}

namespace techpass::cli {

class Factory {
public:
    Factory(Terminal terminal, const Environment& env, Clock& clock, const GlobalOptions& globals);
    ~Factory();
    Factory(const Factory&) = delete;
    Factory& operator=(const Factory&) = delete;

    const GlobalOptions& globals() const { return m_globals; }
    Terminal& terminal() { return m_terminal; }
    const Environment& env() const { return m_env; }
    Clock& clock() { return m_clock; }
    Interactivity interactivity() const;

    // How the flags select and override configuration.
    config::LoadOptions load_options() const;
    // The run's profile, loaded on first use (Error(Config) when unusable).
    const config::Profile& profile();
    // The namespace to act on (-n, TECHPASS_NAMESPACE, the profile), or a
    // Usage error saying how to give one.
    std::string namespace_code();

    // Checks that the profile can reach the API (api::check_profile), once:
    // before the first prompt, and before the first request.
    void check_profile();

    http::Transport& transport();
    auth::Authenticator& authenticator();
    api::ApiClient& client();
    // The output layer, for the -o/--fields/--jq flags of this run.
    output::Printer& printer();

    // The stream --debug writes to, or nullptr without --debug.
    std::ostream* debug_stream();

    // Tests replace the network.
    void set_transport(std::unique_ptr<http::Transport> transport);

private:
    Terminal m_terminal;
    const Environment& m_env;
    Clock& m_clock;
    const GlobalOptions& m_globals;
    std::unique_ptr<config::Profile> m_profile;
    bool m_profile_checked = false;
    std::unique_ptr<http::Transport> m_transport;
    std::unique_ptr<auth::Authenticator> m_authenticator;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<output::Printer> m_printer;
};

} // namespace techpass::cli
