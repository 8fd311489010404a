#include "app/factory.hpp"

#include "app/interactivity.hpp"
#include "techpass/api/client.hpp"
#include "techpass/auth/authenticator.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/http/curl_transport.hpp"
#include "techpass/output/printer.hpp"

#include <fmt/format.h>

#include <ostream>

namespace techpass::cli {

Factory::Factory(Terminal terminal, const Environment& env, Clock& clock,
                 const GlobalOptions& globals)
    : m_terminal(terminal), m_env(env), m_clock(clock), m_globals(globals) {}

Factory::~Factory() = default;

Interactivity Factory::interactivity() const {
    return decide_interactivity(m_terminal, m_env, m_globals);
}

config::LoadOptions Factory::load_options() const {
    config::LoadOptions options;
    if (!m_globals.config_path.empty()) {
        options.config_path = m_globals.config_path;
    }
    if (!m_globals.profile.empty()) {
        options.profile = m_globals.profile;
    }
    if (!m_globals.namespace_code.empty()) {
        options.flags.push_back({"namespace", m_globals.namespace_code, "--namespace"});
    }
    if (m_globals.timeout_seconds) {
        options.flags.push_back(
            {"timeout", fmt::format("{}", *m_globals.timeout_seconds), "--timeout"});
    }
    return options;
}

const config::Profile& Factory::profile() {
    if (!m_profile) {
        m_profile = std::make_unique<config::Profile>(config::load_profile(m_env, load_options()));
    }
    return *m_profile;
}

std::string Factory::namespace_code() {
    std::string code = profile().namespace_code();
    if (code.empty() && profile().name().empty()) {
        // No profile and no api_url in the environment either: a first run,
        // told how to add a profile (exit 3) rather than to pass -n.
        profile().require("api_url");
    }
    if (code.empty()) {
        throw Error(
            ErrorKind::Usage, "no namespace to act on",
            "pass -n CODE, set TECHPASS_NAMESPACE, or run: techpass profile set namespace CODE");
    }
    return code;
}

std::ostream* Factory::debug_stream() {
    return m_globals.debug ? &m_terminal.err : nullptr;
}

http::Transport& Factory::transport() {
    if (!m_transport) {
        m_transport = std::make_unique<http::CurlTransport>(api::transport_settings(profile()));
    }
    return *m_transport;
}

void Factory::set_transport(std::unique_ptr<http::Transport> transport) {
    m_transport = std::move(transport);
}

auth::Authenticator& Factory::authenticator() {
    if (!m_authenticator) {
        auth::AuthenticatorOptions options;
        options.interactive_sign_in = interactivity().prompts;
        options.debug = debug_stream();
        options.show_device_code = [this](const auth::DeviceCode& code) {
            if (!code.message.empty()) {
                m_terminal.err << code.message << "\n";
            } else {
                m_terminal.err << "To sign in, open " << code.verification_uri
                               << " and enter the code " << code.user_code << "\n";
            }
            m_terminal.err.flush();
        };
        auth::TokenCache cache(auth::TokenCache::default_dir(m_env));
        m_authenticator = std::make_unique<auth::Authenticator>(
            profile(), transport(), m_clock, std::move(cache), std::move(options));
    }
    return *m_authenticator;
}

void Factory::check_profile() {
    if (!m_profile_checked) {
        api::check_profile(profile());
        m_profile_checked = true;
    }
}

api::ApiClient& Factory::client() {
    if (!m_client) {
        check_profile();
        m_client = std::make_unique<api::ApiClient>(transport(), m_clock, authenticator(),
                                                    api::client_options(profile(), debug_stream()));
    }
    return *m_client;
}

output::Printer& Factory::printer() {
    if (!m_printer) {
        output::OutputOptions options;
        if (!m_globals.output.empty()) {
            options.format = output::parse_format(m_globals.output);
            options.format_given = true;
        }
        options.fields = output::split_fields(m_globals.fields);
        options.jq = m_globals.jq;
        m_printer =
            std::make_unique<output::Printer>(m_terminal, interactivity(), std::move(options));
    }
    return *m_printer;
}

} // namespace techpass::cli
