#include "techpass/config/origin.hpp"

#include "techpass/config/profile.hpp"
#include "techpass/context.hpp"
#include "techpass/http/url.hpp"

#include <fmt/format.h>

namespace techpass::config {

std::string Origin::describe() const {
    switch (kind) {
    case Kind::Unset:
        return "";
    case Kind::Default:
        return "default";
    case Kind::File:
        return line > 0 ? fmt::format("{}:{}", where, line) : where;
    case Kind::Env:
        return "env " + where;
    case Kind::Flag:
        return "flag " + where;
    }
    return "";
}

std::string SecretSource::describe() const {
    switch (kind) {
    case Kind::Literal:
        return "literal";
    case Kind::Env:
        return "env " + value;
    case Kind::File:
        return "file " + value;
    case Kind::Command:
        return fmt::format("command '{}'", value);
    }
    return "literal";
}

SecretSource parse_secret_spec(const std::string& spec) {
    const auto starts = [&](std::string_view prefix) {
        return spec.rfind(prefix, 0) == 0;
    };
    if (starts("env:")) {
        return {SecretSource::Kind::Env, spec.substr(4)};
    }
    if (starts("file:")) {
        return {SecretSource::Kind::File, spec.substr(5)};
    }
    if (starts("command:")) {
        return {SecretSource::Kind::Command, spec.substr(8)};
    }
    return {SecretSource::Kind::Literal, spec};
}

std::string config_file_path(const Environment& env, const std::optional<std::string>& flag) {
    if (flag && !flag->empty()) {
        return expand_home(*flag, env);
    }
    if (auto path = env.get(std::string(k_config_env)); path && !path->empty()) {
        return expand_home(*path, env);
    }
    if (auto xdg = env.get("XDG_CONFIG_HOME"); xdg && !xdg->empty()) {
        return *xdg + "/techpass/config.toml";
    }
    return env.get("HOME").value_or("") + "/.config/techpass/config.toml";
}

std::string display_path(const std::string& path, const Environment& env) {
    const auto home = env.get("HOME");
    if (home && home->size() > 1 && path.size() > home->size() && path.rfind(*home, 0) == 0 &&
        path[home->size()] == '/') {
        return "~" + path.substr(home->size());
    }
    return path;
}

std::string expand_home(const std::string& path, const Environment& env) {
    if (path == "~" || path.rfind("~/", 0) == 0) {
        return env.get("HOME").value_or("") + path.substr(1);
    }
    return path;
}

bool is_loopback_url(std::string_view url) {
    const auto parsed = http::parse_url(url);
    return parsed && http::is_loopback_host(parsed->host);
}

} // namespace techpass::config
