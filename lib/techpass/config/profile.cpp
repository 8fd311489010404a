#include "techpass/config/profile.hpp"

#include "techpass/config/config_file.hpp"
#include "techpass/config/validate.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>

namespace techpass::config {

namespace {

using Settings = std::map<std::string, Setting, std::less<>>;

double number_of(const std::string& text) {
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::chrono::milliseconds seconds_to_ms(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

// Relative paths in the config file are relative to the file's directory.
std::string resolve_path(const std::string& path, const Setting& setting,
                         const std::string& config_path, const Environment& env) {
    auto expanded = expand_home(path, env);
    if (setting.origin.kind == Origin::Kind::File && !expanded.empty() && expanded.front() != '/') {
        const auto dir = std::filesystem::path(config_path).parent_path();
        if (!dir.empty()) {
            return (dir / expanded).string();
        }
    }
    return expanded;
}

void apply_defaults(Settings& settings) {
    const auto set_default = [&](std::string_view key, std::string value) {
        if (settings.find(key) == settings.end() && !value.empty()) {
            settings.emplace(std::string(key),
                             Setting{std::move(value), Origin{Origin::Kind::Default, "", 0}, {}});
        }
    };
    for (const auto& key : key_table()) {
        set_default(key.name, std::string(key.default_value));
    }
    const auto api_url = settings.find("api_url");
    if (api_url != settings.end()) {
        set_default("rate_limit", is_loopback_url(api_url->second.value) ? "0" : "1");
        set_default("scope", api_url->second.value + "/.default");
    } else {
        set_default("rate_limit", "1");
    }
    set_default("auth", settings.count("certificate") != 0 ? "certificate" : "client_secret");
}

std::string without_trailing_slash(std::string url) {
    while (url.size() > 8 && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

Setting overlay(const KeyInfo& key, const std::string& value, Origin origin, ErrorKind kind) {
    if (auto error = detail::check_text(key, value)) {
        throw Error(kind, fmt::format("{}: {}", origin.where, *error));
    }
    Setting setting{value, std::move(origin), {}};
    if (key.type == KeyType::Secret) {
        setting.source = SecretSource{SecretSource::Kind::Literal, value};
    }
    if (key.type == KeyType::Url) {
        setting.value = without_trailing_slash(setting.value);
    }
    return setting;
}

std::string choose_profile(const ConfigFile& file, const Environment& env,
                           const LoadOptions& options) {
    if (options.profile && !options.profile->empty()) {
        return file.get(*options.profile).name;
    }
    if (auto name = env.get(std::string(k_profile_env)); name && !name->empty()) {
        return file.get(*name).name;
    }
    if (!file.default_profile().empty()) {
        if (file.find(file.default_profile()) == nullptr) {
            file.get(file.default_profile()); // throws, listing the profiles
        }
        return file.default_profile();
    }
    const auto names = file.profile_names();
    if (names.size() == 1) {
        return names.front();
    }
    if (names.size() > 1) {
        std::string list;
        for (const auto& name : names) {
            list += list.empty() ? name : ", " + name;
        }
        throw Error(
            ErrorKind::Config,
            fmt::format("{} has several profiles ({}) and no default_profile", file.shown_path(),
                        list),
            "choose one with -p NAME or TECHPASS_PROFILE, or run: techpass profile use NAME");
    }
    return {};
}

} // namespace

std::string_view auth_method_name(AuthMethod method) {
    switch (method) {
    case AuthMethod::ClientSecret:
        return "client_secret";
    case AuthMethod::Certificate:
        return "certificate";
    case AuthMethod::DeviceCode:
        return "device_code";
    }
    return "client_secret";
}

Profile load_profile(const Environment& env, const LoadOptions& options) {
    const std::string path = config_file_path(env, options.config_path);
    const bool named = (options.config_path && !options.config_path->empty()) ||
                       env.get(std::string(k_config_env)).value_or("") != "";
    const auto file = ConfigFile::load(path, env);
    if (named && !file.exists()) {
        throw Error(ErrorKind::Config,
                    fmt::format("config file {} does not exist", file.shown_path()));
    }
    Profile profile;
    profile.m_env = &env;
    profile.m_config_path = path;
    profile.m_config_exists = file.exists();
    profile.m_name = choose_profile(file, env, options);
    Settings settings;
    if (!profile.m_name.empty()) {
        for (const auto& [key, value] : file.get(profile.m_name).values) {
            Setting setting{value.text, Origin{Origin::Kind::File, file.shown_path(), value.line},
                            value.source};
            if (const auto* info = find_key(key); info && info->type == KeyType::Url) {
                setting.value = without_trailing_slash(setting.value);
            }
            settings[key] = std::move(setting);
        }
    }
    for (const auto& key : key_table()) {
        if (key.env_var.empty()) {
            continue;
        }
        if (auto value = env.get(std::string(key.env_var)); value && !value->empty()) {
            settings[std::string(key.name)] =
                overlay(key, *value, Origin{Origin::Kind::Env, std::string(key.env_var), 0},
                        ErrorKind::Config);
        }
    }
    for (const auto& flag : options.flags) {
        const auto* key = find_key(flag.key);
        if (key == nullptr) {
            throw Error(ErrorKind::Unexpected,
                        fmt::format("flag {} sets unknown key '{}'", flag.flag, flag.key));
        }
        settings[flag.key] =
            overlay(*key, flag.value, Origin{Origin::Kind::Flag, flag.flag, 0}, ErrorKind::Usage);
    }
    apply_defaults(settings);
    profile.m_settings = std::move(settings);
    return profile;
}

Profile make_profile(const Environment& env, std::string name, Settings settings) {
    for (auto& [key, setting] : settings) {
        const auto* info = find_key(key);
        if (info == nullptr) {
            throw Error(ErrorKind::Usage, detail::unknown_key_message(key));
        }
        if (auto error = detail::check_text(*info, setting.value)) {
            throw Error(ErrorKind::Usage, *error);
        }
        if (info->type == KeyType::Secret && !setting.source) {
            setting.source = SecretSource{SecretSource::Kind::Literal, setting.value};
        }
    }
    apply_defaults(settings);
    Profile profile;
    profile.m_env = &env;
    profile.m_name = std::move(name);
    profile.m_settings = std::move(settings);
    return profile;
}

const Setting* Profile::find(std::string_view key) const {
    const auto it = m_settings.find(key);
    return it == m_settings.end() ? nullptr : &it->second;
}

std::string Profile::get(std::string_view key) const {
    const auto* setting = find(key);
    return setting ? setting->value : std::string();
}

Origin Profile::origin(std::string_view key) const {
    const auto* setting = find(key);
    return setting ? setting->origin : Origin{};
}

std::string Profile::require(std::string_view key) const {
    return require_setting(key).value;
}

const Setting& Profile::require_setting(std::string_view key) const {
    if (const auto* setting = find(key)) {
        return *setting;
    }
    const auto* info = find_key(key);
    const std::string env_hint =
        info && !info->env_var.empty() ? fmt::format(", or set {}", info->env_var) : std::string();
    if (m_name.empty()) {
        // Most likely a first run: say that there is no profile, and how to add one.
        throw Error(ErrorKind::Config,
                    fmt::format("no {} configured: there is no profile ({} {})", key,
                                display_path(m_config_path, *m_env),
                                m_config_exists ? "has none" : "does not exist"),
                    fmt::format("add one: techpass profile add NAME --{} VALUE (it asks for the "
                                "others on a terminal){}",
                                flag_name(key), env_hint));
    }
    throw Error(ErrorKind::Config, fmt::format("profile '{}' has no {}", m_name, key),
                fmt::format("run: techpass -p {} profile set {} VALUE{}", m_name, key, env_hint));
}

std::string Profile::api_url() const {
    return require("api_url");
}
std::string Profile::authority() const {
    return require("authority");
}
std::string Profile::directory_id() const {
    return require("directory_id");
}
std::string Profile::client_id() const {
    return require("client_id");
}
std::string Profile::namespace_code() const {
    return get("namespace");
}
std::string Profile::ca_bundle() const {
    const auto* setting = find("ca_bundle");
    return setting ? resolve_path(setting->value, *setting, m_config_path, *m_env) : std::string();
}
std::string Profile::scope() const {
    return require("scope");
}
double Profile::rate_limit() const {
    return number_of(get("rate_limit"));
}
std::chrono::milliseconds Profile::timeout() const {
    return seconds_to_ms(number_of(get("timeout")));
}
std::chrono::milliseconds Profile::connect_timeout() const {
    return seconds_to_ms(number_of(get("connect_timeout")));
}

AuthMethod Profile::auth_method() const {
    const auto method = get("auth");
    if (method == "certificate") {
        return AuthMethod::Certificate;
    }
    if (method == "device_code") {
        return AuthMethod::DeviceCode;
    }
    return AuthMethod::ClientSecret;
}

std::vector<std::string> Profile::credential_keys() const {
    std::vector<std::string> keys{"directory_id", "client_id"};
    switch (auth_method()) {
    case AuthMethod::ClientSecret:
        keys.emplace_back("client_secret");
        break;
    case AuthMethod::Certificate:
        keys.emplace_back("certificate");
        keys.emplace_back("private_key");
        break;
    case AuthMethod::DeviceCode:
        break;
    }
    keys.emplace_back("api_key");
    return keys;
}

std::string Profile::path(std::string_view key) const {
    require(key);
    const auto* setting = find(key);
    return resolve_path(setting->value, *setting, m_config_path, *m_env);
}

std::vector<ShownSetting> Profile::show() const {
    std::vector<ShownSetting> rows;
    for (const auto& key : key_table()) {
        ShownSetting row{std::string(key.name), "", ""};
        if (const auto* setting = find(key.name)) {
            row.origin = setting->origin.describe();
            if (key.secret) {
                row.value = setting->source && setting->source->kind != SecretSource::Kind::Literal
                                ? setting->source->describe()
                                : std::string(k_redacted);
            } else {
                row.value = setting->value;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace techpass::config
