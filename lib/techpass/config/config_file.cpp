#include "techpass/config/config_file.hpp"

#include "techpass/config/profile.hpp"
#include "techpass/config/validate.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace techpass::config {

namespace {

int line_of(const toml::node& node) {
    return static_cast<int>(node.source().begin.line);
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += out.empty() ? "" : ", ";
        out += name;
    }
    return out;
}

// Whether line (1-based) of text opens a table with a [header].
bool is_header_line(const std::vector<std::string>& lines, int line) {
    if (line < 1 || static_cast<std::size_t>(line) > lines.size()) {
        return false;
    }
    const auto text = util::trim(lines[static_cast<std::size_t>(line - 1)]);
    return !text.empty() && text.front() == '[' && text.rfind("[[", 0) != 0;
}

} // namespace

ConfigFile ConfigFile::load(const std::string& path, const Environment& env) {
    ConfigFile file;
    file.m_path = path;
    file.m_env = &env;
    file.m_shown_path = display_path(path, env);
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            return file;
        }
        throw Error(ErrorKind::Config, fmt::format("cannot read config file {}: {}",
                                                   file.m_shown_path, std::strerror(errno)));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in || S_ISDIR(info.st_mode)) {
        throw Error(ErrorKind::Config,
                    fmt::format("cannot read config file {}: {}", file.m_shown_path,
                                S_ISDIR(info.st_mode) ? "is a directory" : std::strerror(errno)));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    file.m_exists = true;
    file.m_text = buffer.str();
    file.reparse();
    if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        // Whoever can write it can add a { command = ... } secret, which
        // techpass would run as this user.
        throw Error(ErrorKind::Config,
                    fmt::format("config file {} is writable by others, who could make techpass run "
                                "any command; run: chmod 600 {}",
                                file.m_shown_path, path));
    }
    if ((info.st_mode & (S_IRGRP | S_IROTH)) != 0) {
        for (const auto& profile : file.m_profiles) {
            for (const auto& [key, value] : profile.values) {
                if (value.source && value.source->kind == SecretSource::Kind::Literal) {
                    throw Error(
                        ErrorKind::Config,
                        fmt::format("config file {} holds a literal {} but is readable by others; "
                                    "run: chmod 600 {}",
                                    file.m_shown_path, key, path));
                }
            }
        }
    }
    return file;
}

void ConfigFile::reparse() {
    toml::table root;
    try {
        root = toml::parse(std::string_view(m_text), std::string_view(m_shown_path));
    } catch (const toml::parse_error& e) {
        throw Error(ErrorKind::Config,
                    fmt::format("{}:{}:{}: {}", m_shown_path, e.source().begin.line,
                                e.source().begin.column, e.description()));
    }
    const auto fail = [&](int line, const std::string& message) {
        throw Error(ErrorKind::Config, fmt::format("{}:{}: {}", m_shown_path, line, message));
    };
    const auto lines = detail::split_lines(m_text);
    m_profiles.clear();
    m_default_profile.clear();
    m_default_value.reset();

    // toml++ iterates keys sorted; report problems in file order instead.
    std::vector<std::pair<const toml::key*, const toml::node*>> top;
    for (auto&& [key, node] : root) {
        top.emplace_back(&key, &node);
    }
    std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
        return a.first->source().begin.line < b.first->source().begin.line;
    });
    for (const auto& [key, node] : top) {
        const int line = static_cast<int>(key->source().begin.line);
        if (key->str() == k_default_profile_key) {
            const auto* name = node->as_string();
            if (name == nullptr || name->get().empty()) {
                fail(line, "'default_profile' must be a profile name (a string)");
            }
            m_default_profile = name->get();
            FileValue value;
            value.text = m_default_profile;
            value.line = line_of(*node);
            value.column = static_cast<int>(node->source().begin.column);
            value.end_line = static_cast<int>(node->source().end.line);
            value.end_column = static_cast<int>(node->source().end.column);
            m_default_value = value;
        } else if (key->str() == "profiles") {
            const auto* profiles = node->as_table();
            if (profiles == nullptr) {
                fail(line, "'profiles' must be a table of [profiles.NAME] tables");
            }
            for (auto&& [name, table_node] : *profiles) {
                const auto* table = table_node.as_table();
                if (table == nullptr) {
                    fail(static_cast<int>(name.source().begin.line),
                         fmt::format("profile '{}' must be a table ([profiles.{}])", name.str(),
                                     name.str()));
                }
                FileProfile profile;
                profile.name = name.str();
                profile.line = line_of(*table);
                profile.has_header = !table->is_inline() && is_header_line(lines, profile.line);
                std::vector<std::pair<const toml::key*, const toml::node*>> entries;
                for (auto&& [k, v] : *table) {
                    entries.emplace_back(&k, &v);
                }
                std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
                    return a.first->source().begin.line < b.first->source().begin.line;
                });
                for (const auto& [k, v] : entries) {
                    const int key_line = static_cast<int>(k->source().begin.line);
                    const auto* info = find_key(k->str());
                    if (info == nullptr) {
                        fail(key_line,
                             detail::unknown_key_message(
                                 k->str(), fmt::format(" in profile '{}'", profile.name)));
                    }
                    auto result = detail::read_node(*info, *v);
                    if (!result.value) {
                        fail(key_line, result.error);
                    }
                    profile.values.emplace(k->str(), std::move(*result.value));
                }
                m_profiles.push_back(std::move(profile));
            }
        } else {
            const bool is_key = find_key(key->str()) != nullptr;
            fail(line,
                 is_key
                     ? fmt::format("'{}' must be inside a [profiles.NAME] table", key->str())
                     : fmt::format(
                           "unknown key '{}' (expected default_profile and [profiles.NAME] tables)",
                           key->str()));
        }
    }
    std::sort(m_profiles.begin(), m_profiles.end(),
              [](const FileProfile& a, const FileProfile& b) { return a.line < b.line; });
}

std::vector<std::string> ConfigFile::profile_names() const {
    std::vector<std::string> names;
    for (const auto& profile : m_profiles) {
        names.push_back(profile.name);
    }
    return names;
}

const FileProfile* ConfigFile::find(std::string_view name) const {
    for (const auto& profile : m_profiles) {
        if (profile.name == name) {
            return &profile;
        }
    }
    return nullptr;
}

const FileProfile& ConfigFile::get(std::string_view name) const {
    if (const auto* profile = find(name)) {
        return *profile;
    }
    const auto names = profile_names();
    if (names.empty()) {
        throw Error(ErrorKind::Config,
                    fmt::format("profile '{}' not found: {} {}", name, m_shown_path,
                                m_exists ? "has no profiles" : "does not exist"),
                    fmt::format("run: techpass profile add {} --api-url URL ...", name));
    }
    std::string message = fmt::format("profile '{}' not found in {} (existing profiles: {})", name,
                                      m_shown_path, join(names));
    if (const auto suggestion = util::nearest(name, names); !suggestion.empty()) {
        message += fmt::format("; did you mean '{}'?", suggestion);
    }
    throw Error(ErrorKind::Config, message, "run: techpass profile list");
}

} // namespace techpass::config
