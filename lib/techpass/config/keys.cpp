#include "techpass/config/keys.hpp"

#include <array>

namespace techpass::config {

namespace {

constexpr std::array<std::string_view, 3> k_auth_choices{"client_secret", "certificate",
                                                         "device_code"};

constexpr std::array<KeyInfo, 15> k_key_table{{
    {"api_url",
     KeyType::Url,
     "",
     "",
     "TECHPASS_API_URL",
     "Base URL of the Automation API, e.g. https://api.techpass.suite.gov.sg",
     false,
     {}},
    {"authority",
     KeyType::Url,
     "https://login.microsoftonline.com",
     "https://login.microsoftonline.com",
     "TECHPASS_AUTHORITY",
     "Identity platform that issues tokens",
     false,
     {}},
    {"directory_id",
     KeyType::String,
     "",
     "",
     "TECHPASS_DIRECTORY_ID",
     "Directory (tenant) ID of the identity platform",
     false,
     {}},
    {"client_id",
     KeyType::String,
     "",
     "",
     "TECHPASS_CLIENT_ID",
     "Application (client) ID of the automation app, or of the public client for device_code",
     false,
     {}},
    {"namespace",
     KeyType::String,
     "",
     "",
     "TECHPASS_NAMESPACE",
     "Tenant namespace acted on when -n/--namespace is not given, e.g. SHIP",
     false,
     {}},
    {"auth", KeyType::Choice, "", "certificate when set, else client_secret", "TECHPASS_AUTH",
     "How tokens are obtained: client_secret, certificate or device_code", false, k_auth_choices},
    {"client_secret",
     KeyType::Secret,
     "",
     "",
     "TECHPASS_CLIENT_SECRET",
     "Client secret of the automation app (auth = client_secret)",
     true,
     {}},
    {"certificate",
     KeyType::Path,
     "",
     "",
     "TECHPASS_CERTIFICATE",
     "PEM certificate of the automation app (auth = certificate)",
     false,
     {}},
    {"private_key",
     KeyType::Path,
     "",
     "",
     "TECHPASS_PRIVATE_KEY",
     "PEM private key of that certificate (auth = certificate)",
     false,
     {}},
    {"api_key",
     KeyType::Secret,
     "",
     "",
     "TECHPASS_API_KEY",
     "API key of the namespace, sent as x-api-key",
     true,
     {}},
    {"rate_limit",
     KeyType::Number,
     "",
     "1 (0 = unlimited for a loopback api_url)",
     "TECHPASS_RATE_LIMIT",
     "Requests per second; 0 means unlimited",
     false,
     {}},
    {"timeout",
     KeyType::Number,
     "60",
     "60",
     "TECHPASS_TIMEOUT",
     "Seconds a whole request may take",
     false,
     {}},
    {"connect_timeout",
     KeyType::Number,
     "10",
     "10",
     "",
     "Seconds to establish a connection",
     false,
     {}},
    {"ca_bundle",
     KeyType::Path,
     "",
     "the system CA store",
     "TECHPASS_CA_BUNDLE",
     "PEM file of CA certificates trusted for TLS",
     false,
     {}},
    {"scope",
     KeyType::String,
     "",
     "<api_url>/.default",
     "",
     "OAuth scope requested for API tokens",
     false,
     {}},
}};

} // namespace

std::span<const KeyInfo> key_table() {
    return k_key_table;
}

std::string flag_name(std::string_view key) {
    std::string name(key);
    for (char& c : name) {
        c = c == '_' ? '-' : c;
    }
    return name;
}

const KeyInfo* find_key(std::string_view name) {
    for (const auto& key : k_key_table) {
        if (key.name == name) {
            return &key;
        }
    }
    return nullptr;
}

std::vector<std::string> key_names() {
    std::vector<std::string> names;
    names.reserve(k_key_table.size());
    for (const auto& key : k_key_table) {
        names.emplace_back(key.name);
    }
    return names;
}

std::string_view type_phrase(KeyType type) {
    switch (type) {
    case KeyType::String:
        return "a string";
    case KeyType::Url:
        return "a URL (https://...)";
    case KeyType::Path:
        return "a file path";
    case KeyType::Number:
        return "a number";
    case KeyType::Choice:
        return "one of";
    case KeyType::Secret:
        return "a string or a table with one of env, file, command";
    }
    return "a string";
}

} // namespace techpass::config
