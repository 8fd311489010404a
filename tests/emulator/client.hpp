#pragma once

// Shared by the emulator's tests: a started emulator with the README demo
// seed, an HTTP client for it, and helpers for tokens and assertions.

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/jwt.hpp>
#include <techpass/util/x509.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace emutest {

using nlohmann::json;

// The demo seed's credentials (examples/seed.toml).
inline const std::string k_directory = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11";
inline const std::string k_client_id = "3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34";
inline const std::string k_client_secret = "demo-secret-not-for-production";
inline const std::string k_api_key = "demo-api-key-not-for-production";

// An answer: status, headers and body (parsed when it is JSON).
struct Reply {
    int status = 0; // 0: no answer (connection failed)
    httplib::Headers headers;
    std::string text;
    json body;
    std::string header(const std::string& name) const;
};

// A running emulator and a client for it.
class Portal {
public:
    // The demo seed plus extra arguments (a second seed is not possible:
    // pass {"--seed", file} with controls and the demo seed's path replaced).
    explicit Portal(std::vector<std::string> args = {}, bool test_controls = true,
                    bool demo_seed = true);

    const std::string& url() const { return m_emulator->url(); }
    std::string log() const { return m_emulator->log(); }
    std::string log_with(const std::string& text) const { return m_emulator->log_with(text); }
    testsupport::Emulator& emulator() { return *m_emulator; }

    Reply get(const std::string& path, const httplib::Headers& headers = {});
    Reply del(const std::string& path, const httplib::Headers& headers = {});
    Reply send(const std::string& method, const std::string& path, const std::string& body,
               const httplib::Headers& headers = {},
               const std::string& content_type = "application/json");
    Reply post_json(const std::string& path, const json& body,
                    const httplib::Headers& headers = {});
    Reply post_form(const std::string& path, const std::map<std::string, std::string>& form,
                    const httplib::Headers& headers = {});

    std::string token_endpoint() const;
    // A token response for the demo app by its client secret.
    Reply token_by_secret(const std::string& secret = k_client_secret);
    // An access token of the demo app.
    std::string app_token();
    // x-api-key + bearer token headers for the demo app.
    httplib::Headers api_headers(const std::string& token = {}, const std::string& key = k_api_key);

private:
    std::unique_ptr<testsupport::Emulator> m_emulator;
    std::unique_ptr<httplib::Client> m_client;
};

// The demo certificate and its private key (examples/certs).
const std::string& demo_certificate_pem();
const std::string& demo_private_key_pem();

// Claims of a client assertion for the demo app, valid for 10 minutes from now (unix seconds).
json assertion_claims(const std::string& audience, std::int64_t now);

std::int64_t unix_now();

} // namespace emutest
