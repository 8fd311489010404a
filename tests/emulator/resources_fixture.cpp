#include "resources_fixture.hpp"

#include "emulator.hpp"

#include <stdexcept>

namespace restest {

namespace {

const std::map<std::string, std::string> k_secrets = {{k_ship_app, "ship-secret-for-tests"},
                                                      {k_reader_app, "reader-secret-for-tests"},
                                                      {k_other_app, "other-secret-for-tests"}};

std::vector<std::string> seed_args(std::vector<std::string> extra) {
    extra.insert(extra.begin(),
                 {"--seed", testsupport::source_path("tests/fixtures/seed-resources.toml")});
    return extra;
}

} // namespace

Tenant::Tenant(std::vector<std::string> extra)
    : m_portal(seed_args(std::move(extra)), true, false) {}

std::string Tenant::token(const As& as) {
    const std::string who = as.app.empty() ? as.user : as.app;
    if (const auto it = m_tokens.find(who); it != m_tokens.end()) {
        return it->second;
    }
    const std::string base = "/" + emutest::k_directory + "/oauth2/v2.0/";
    Reply reply;
    if (!as.app.empty()) {
        reply = m_portal.post_form(base + "token", {{"grant_type", "client_credentials"},
                                                    {"client_id", as.app},
                                                    {"client_secret", k_secrets.at(as.app)},
                                                    {"scope", url() + "/.default"}});
    } else {
        // A person signs in with the device code flow, approved by the test control.
        const Reply code = m_portal.post_form(
            base + "devicecode",
            {{"client_id", k_ship_app}, {"scope", url() + "/.default openid profile"}});
        if (code.status != 200) {
            throw std::runtime_error("devicecode: " + code.text);
        }
        const Reply approve =
            m_portal.post_json("/_emulator/devicecodes/approve",
                               {{"userCode", code.body.at("user_code")}, {"user", as.user}});
        if (approve.status != 200) {
            throw std::runtime_error("approve: " + approve.text);
        }
        reply = m_portal.post_form(
            base + "token", {{"grant_type", "urn:ietf:params:oauth:grant-type:device_code"},
                             {"client_id", k_ship_app},
                             {"device_code", code.body.at("device_code").get<std::string>()}});
    }
    if (reply.status != 200) {
        throw std::runtime_error("no token for " + who + ": " + reply.text);
    }
    return m_tokens[who] = reply.body.at("access_token").get<std::string>();
}

httplib::Headers Tenant::headers(const As& as) {
    return {{"x-api-key", as.key}, {"Authorization", "Bearer " + token(as)}};
}

Reply Tenant::get(const std::string& path, const As& as) {
    return m_portal.get(path, headers(as));
}

Reply Tenant::post(const std::string& path, const json& body, const As& as,
                   const httplib::Headers& extra) {
    auto all = headers(as);
    all.insert(extra.begin(), extra.end());
    return m_portal.send("POST", path, body.is_null() ? std::string() : body.dump(), all);
}

Reply Tenant::patch(const std::string& path, const json& body, const As& as) {
    return m_portal.send("PATCH", path, body.dump(), headers(as));
}

Reply Tenant::put(const std::string& path, const json& body, const As& as) {
    return m_portal.send("PUT", path, body.dump(), headers(as));
}

Reply Tenant::del(const std::string& path, const As& as) {
    return m_portal.del(path, headers(as));
}

json Tenant::mails(const std::string& recipient) {
    const Reply reply = m_portal.get("/_emulator/outbox");
    json result = json::array();
    for (const auto& mail : reply.body.at("messages")) {
        if (recipient.empty() || mail.at("recipient") == recipient) {
            result.push_back(mail);
        }
    }
    return result;
}

void Tenant::advance(std::int64_t seconds) {
    const Reply reply = m_portal.post_json("/_emulator/clock/advance", {{"seconds", seconds}});
    if (reply.status != 200) {
        throw std::runtime_error("clock: " + reply.text);
    }
    m_tokens.clear(); // they expire after 20 minutes of emulator time
}

std::string Tenant::time_in(std::int64_t seconds) {
    const Reply clock = m_portal.get("/_emulator/clock");
    const auto now = emu::parse_rfc3339(clock.body.at("now").get<std::string>());
    return emu::format_rfc3339(now.value_or(0) + seconds);
}

std::string message(const Reply& reply) {
    if (!reply.body.is_object() || !reply.body.contains("error")) {
        return {};
    }
    return reply.body.at("error").value("message", "");
}

json invitation(const std::string& email, const std::string& mobile) {
    return {{"email", email},
            {"firstName", "Ahmad"},
            {"lastName", "Ismail"},
            {"mobile", mobile},
            {"company", "Acme Pte Ltd"},
            {"department", "Engineering"},
            {"sponsoringAgency", "GovTech"},
            {"businessOperation", "onshore"}};
}

} // namespace restest
