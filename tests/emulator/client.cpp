#include "client.hpp"

#include <chrono>

namespace emutest {

std::string Reply::header(const std::string& name) const {
    // httplib::Headers compares names case-insensitively.
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

Portal::Portal(std::vector<std::string> args, bool test_controls, bool demo_seed) {
    if (demo_seed) {
        args.insert(args.begin(), {"--seed", testsupport::source_path("examples/seed.toml")});
    }
    m_emulator = std::make_unique<testsupport::Emulator>(args, test_controls);
    m_client = std::make_unique<httplib::Client>(url());
    m_client->set_read_timeout(20);
}

namespace {

Reply to_reply(const httplib::Result& result) {
    Reply reply;
    if (!result) {
        return reply;
    }
    reply.status = result->status;
    reply.headers = result->headers;
    reply.text = result->body;
    reply.body = json::parse(result->body, nullptr, false);
    return reply;
}

} // namespace

Reply Portal::get(const std::string& path, const httplib::Headers& headers) {
    return to_reply(m_client->Get(path, headers));
}

Reply Portal::del(const std::string& path, const httplib::Headers& headers) {
    return to_reply(m_client->Delete(path, headers));
}

Reply Portal::send(const std::string& method, const std::string& path, const std::string& body,
                   const httplib::Headers& headers, const std::string& content_type) {
    if (method == "POST") {
        return to_reply(m_client->Post(path, headers, body, content_type));
    }
    if (method == "PUT") {
        return to_reply(m_client->Put(path, headers, body, content_type));
    }
    if (method == "PATCH") {
        return to_reply(m_client->Patch(path, headers, body, content_type));
    }
    return to_reply(m_client->Delete(path, headers, body, content_type));
}

Reply Portal::post_json(const std::string& path, const json& body,
                        const httplib::Headers& headers) {
    return send("POST", path, body.dump(), headers);
}

Reply Portal::post_form(const std::string& path, const std::map<std::string, std::string>& form,
                        const httplib::Headers& headers) {
    std::string body;
    for (const auto& [name, value] : form) {
        body += (body.empty() ? "" : "&") + techpass::util::url_encode(name) + "=" +
                techpass::util::url_encode(value);
    }
    return send("POST", path, body, headers, "application/x-www-form-urlencoded");
}

std::string Portal::token_endpoint() const {
    return url() + "/" + k_directory + "/oauth2/v2.0/token";
}

Reply Portal::token_by_secret(const std::string& secret) {
    return post_form("/" + k_directory + "/oauth2/v2.0/token",
                     {{"grant_type", "client_credentials"},
                      {"client_id", k_client_id},
                      {"client_secret", secret},
                      {"scope", url() + "/.default"}});
}

std::string Portal::app_token() {
    const Reply reply = token_by_secret();
    if (reply.status != 200) {
        throw std::runtime_error("no token: " + reply.text);
    }
    return reply.body.at("access_token").get<std::string>();
}

httplib::Headers Portal::api_headers(const std::string& token, const std::string& key) {
    return {{"x-api-key", key},
            {"Authorization", "Bearer " + (token.empty() ? app_token() : token)}};
}

const std::string& demo_certificate_pem() {
    static const std::string pem =
        testsupport::read_file(testsupport::source_path("examples/certs/ship-automation.crt"));
    return pem;
}

const std::string& demo_private_key_pem() {
    static const std::string pem =
        testsupport::read_file(testsupport::source_path("examples/certs/ship-automation.key"));
    return pem;
}

json assertion_claims(const std::string& audience, std::int64_t now) {
    return {{"aud", audience},    {"iss", k_client_id},
            {"sub", k_client_id}, {"jti", techpass::util::uuid_v4()},
            {"iat", now},         {"nbf", now},
            {"exp", now + 600}};
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace emutest
