#include "techpass/config/keys.hpp"

#include <doctest/doctest.h>

#include <set>

namespace test_config_keys {

using namespace techpass::config;

TEST_CASE("key_table: names and environment variables are unique and consistent") {
    std::set<std::string_view> names;
    std::set<std::string_view> vars;
    for (const auto& key : key_table()) {
        CHECK(names.insert(key.name).second);
        CHECK(!key.description.empty());
        if (!key.env_var.empty()) {
            CHECK(vars.insert(key.env_var).second);
            std::string expected = "TECHPASS_";
            for (const char c : key.name) {
                expected += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
            }
            CHECK(key.env_var == expected);
        }
        CHECK(key.secret == (key.type == KeyType::Secret));
        CHECK((key.type == KeyType::Choice) == !key.choices.empty());
    }
    CHECK(find_key("client_secret")->secret);
    CHECK(find_key("nope") == nullptr);
}

TEST_CASE("key_table: the environment overrides CI relies on") {
    for (const char* var :
         {"TECHPASS_API_URL", "TECHPASS_AUTHORITY", "TECHPASS_DIRECTORY_ID", "TECHPASS_CLIENT_ID",
          "TECHPASS_CLIENT_SECRET", "TECHPASS_API_KEY", "TECHPASS_NAMESPACE", "TECHPASS_AUTH",
          "TECHPASS_CERTIFICATE", "TECHPASS_PRIVATE_KEY", "TECHPASS_RATE_LIMIT", "TECHPASS_TIMEOUT",
          "TECHPASS_CA_BUNDLE"}) {
        bool found = false;
        for (const auto& key : key_table()) {
            found = found || key.env_var == var;
        }
        CHECK_MESSAGE(found, var);
    }
}

} // namespace test_config_keys
