#pragma once

// Shared by the resource tests (test_resources_*.cpp): an emulator started
// with tests/fixtures/seed-resources.toml, callers with their tokens and API
// keys, and short helpers for requests and error messages.

#include "client.hpp"

#include <map>
#include <string>

namespace restest {

using emutest::json;
using emutest::Reply;

inline const std::string k_ship_app = "3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34";
inline const std::string k_reader_app = "0b1c2d3e-4f50-4617-8899-aabbccddeeff";
inline const std::string k_other_app = "7d1e2f30-4a5b-4c6d-8e9f-a0b1c2d3e4f5";
inline const std::string k_ship_key = "ship-key-for-tests";
inline const std::string k_other_key = "other-key-for-tests";

// Who calls: an automation app or a person (by email), and the API key sent.
struct As {
    std::string app;  // client id, or "" for a person
    std::string user; // email of a person
    std::string key = k_ship_key;
};
inline As ship_app() {
    return {k_ship_app, "", k_ship_key};
}
inline As reader_app() {
    return {k_reader_app, "", k_ship_key};
}
inline As other_app() {
    return {k_other_app, "", k_other_key};
}
inline As person(const std::string& email, const std::string& key = k_ship_key) {
    return {"", email, key};
}

class Tenant {
public:
    // extra: more emulator arguments (e.g. {"--db", file}).
    explicit Tenant(std::vector<std::string> extra = {});

    emutest::Portal& portal() { return m_portal; }
    const std::string& url() const { return m_portal.url(); }

    Reply get(const std::string& path, const As& as = ship_app());
    Reply post(const std::string& path, const json& body, const As& as = ship_app(),
               const httplib::Headers& extra = {});
    Reply patch(const std::string& path, const json& body, const As& as = ship_app());
    Reply put(const std::string& path, const json& body, const As& as = ship_app());
    Reply del(const std::string& path, const As& as = ship_app());

    // The mails of the outbox sent to recipient (all when empty), oldest first.
    json mails(const std::string& recipient = {});
    // Moves the emulator's clock (and forgets the tokens, which it expires).
    void advance(std::int64_t seconds);
    // The emulator's now plus seconds, RFC 3339 UTC.
    std::string time_in(std::int64_t seconds);

private:
    httplib::Headers headers(const As& as);
    std::string token(const As& as);

    emutest::Portal m_portal;
    std::map<std::string, std::string> m_tokens;
};

// The error message of an error reply ("" when there is none).
std::string message(const Reply& reply);

// A vendor invitation body that passes every rule, for email.
json invitation(const std::string& email, const std::string& mobile = "+6581112222");

} // namespace restest
