// Surgical edits of the config file text: values are replaced in place and
// new lines inserted next to their table, so comments and layout survive.

#include "techpass/config/config_file.hpp"
#include "techpass/config/validate.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace techpass::config {

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) {
        out += line;
    }
    return out;
}

std::size_t index_of(int line) {
    return static_cast<std::size_t>(line - 1);
}

// Replaces the text between (line, column) and (end_line, end_column) with replacement.
void replace_span(std::vector<std::string>& lines, const FileValue& value,
                  const std::string& replacement) {
    auto& first = lines[index_of(value.line)];
    const auto& last = lines[index_of(value.end_line)];
    const std::string head = first.substr(0, detail::byte_offset(first, value.column));
    const std::string tail = last.substr(detail::byte_offset(last, value.end_column));
    first = head + replacement + tail;
    lines.erase(lines.begin() + value.line, lines.begin() + value.end_line);
}

std::string indentation(std::string_view line) {
    return std::string(line.substr(0, line.find_first_not_of(" \t")));
}

bool is_blank(std::string_view line) {
    return util::trim(line).empty();
}
bool is_comment(std::string_view line) {
    const auto text = util::trim(line);
    return !text.empty() && text.front() == '#';
}

void ensure_newline(std::vector<std::string>& lines) {
    if (!lines.empty() && lines.back().back() != '\n') {
        lines.back() += '\n';
    }
}

bool valid_profile_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

const KeyInfo& known_key(const std::string& key) {
    const auto* info = find_key(key);
    if (info == nullptr) {
        throw Error(ErrorKind::Usage, detail::unknown_key_message(key),
                    "run: techpass profile set --help");
    }
    return *info;
}

std::string checked_value(const KeyInfo& key, const std::string& value) {
    if (auto error = detail::check_text(key, value)) {
        throw Error(ErrorKind::Usage, *error);
    }
    return detail::toml_value(key, value);
}

std::string checked_secret(const KeyInfo& key, const SecretSource& source) {
    if (key.type != KeyType::Secret) {
        throw Error(ErrorKind::Usage, fmt::format("'{}' is not a secret and cannot come from {}",
                                                  key.name, source.describe()));
    }
    if (source.value.empty()) {
        throw Error(ErrorKind::Usage, fmt::format("'{}' must not be empty", key.name));
    }
    return detail::toml_secret(source);
}

} // namespace

const FileProfile& ConfigFile::editable(const std::string& profile) const {
    const auto& found = get(profile);
    if (!found.has_header) {
        throw Error(
            ErrorKind::Config,
            fmt::format(
                "cannot edit profile '{}' in {}: it is not written as a [profiles.{}] table",
                profile, m_shown_path, profile),
            "edit the file by hand");
    }
    return found;
}

void ConfigFile::replace_or_insert(const std::string& profile, const std::string& key,
                                   const std::string& toml) {
    const auto& found = editable(profile);
    auto lines = detail::split_lines(m_text);
    if (const auto it = found.values.find(key); it != found.values.end()) {
        replace_span(lines, it->second, toml);
    } else {
        int after = found.line;
        std::string indent;
        for (const auto& [name, value] : found.values) {
            if (value.end_line >= after) {
                after = value.end_line;
                indent = indentation(lines[index_of(value.line)]);
            }
        }
        if (index_of(after) + 1 == lines.size()) {
            ensure_newline(lines);
        }
        lines.insert(lines.begin() + after, fmt::format("{}{} = {}\n", indent, key, toml));
    }
    m_text = join_lines(lines);
    reparse();
}

void ConfigFile::set(const std::string& profile, const std::string& key, const std::string& value) {
    const auto& info = known_key(key);
    if (info.type == KeyType::Secret) {
        set(profile, key, SecretSource{SecretSource::Kind::Literal, value});
        return;
    }
    replace_or_insert(profile, key, checked_value(info, value));
}

void ConfigFile::set(const std::string& profile, const std::string& key,
                     const SecretSource& source) {
    const auto& info = known_key(key);
    replace_or_insert(profile, key, checked_secret(info, source));
}

void ConfigFile::unset(const std::string& profile, const std::string& key) {
    known_key(key);
    const auto& found = editable(profile);
    const auto it = found.values.find(key);
    if (it == found.values.end()) {
        throw Error(ErrorKind::Usage, fmt::format("'{}' is not set in profile '{}'", key, profile));
    }
    auto lines = detail::split_lines(m_text);
    lines.erase(lines.begin() + it->second.line - 1, lines.begin() + it->second.end_line);
    m_text = join_lines(lines);
    reparse();
}

void ConfigFile::add(const std::string& profile, const std::map<std::string, std::string>& values,
                     const std::map<std::string, SecretSource>& secrets) {
    if (!valid_profile_name(profile)) {
        throw Error(
            ErrorKind::Usage,
            fmt::format("invalid profile name '{}': use letters, digits, '-' and '_'", profile));
    }
    if (find(profile) != nullptr) {
        throw Error(ErrorKind::Usage,
                    fmt::format("profile '{}' exists already in {}", profile, m_shown_path),
                    fmt::format("run: techpass -p {} profile set KEY VALUE", profile));
    }
    std::map<std::string, std::string> rendered;
    for (const auto& [key, value] : values) {
        const auto& info = known_key(key);
        rendered[key] = info.type == KeyType::Secret
                            ? checked_secret(info, SecretSource{SecretSource::Kind::Literal, value})
                            : checked_value(info, value);
    }
    for (const auto& [key, source] : secrets) {
        rendered[key] = checked_secret(known_key(key), source);
    }
    std::string block = fmt::format("[profiles.{}]\n", profile);
    for (const auto& info : key_table()) {
        if (const auto it = rendered.find(std::string(info.name)); it != rendered.end()) {
            block += fmt::format("{} = {}\n", info.name, it->second);
        }
    }
    auto lines = detail::split_lines(m_text);
    ensure_newline(lines);
    if (!lines.empty() && !is_blank(lines.back())) {
        lines.emplace_back("\n");
    }
    lines.push_back(block);
    m_text = join_lines(lines);
    reparse();
}

void ConfigFile::remove(const std::string& profile) {
    const auto& found = editable(profile);
    auto lines = detail::split_lines(m_text);
    int last = found.line;
    for (const auto& [name, value] : found.values) {
        last = std::max(last, value.end_line);
    }
    // Comment lines right above the header describe the profile: they go too.
    int first = found.line;
    while (first > 1 && is_comment(lines[index_of(first - 1)])) {
        --first;
    }
    // Then the blank lines that separated it from what follows.
    while (static_cast<std::size_t>(last) < lines.size() &&
           is_blank(lines[static_cast<std::size_t>(last)])) {
        ++last;
    }
    std::vector<std::pair<int, int>> ranges{{first, last}};
    if (m_default_value && m_default_profile == profile) {
        ranges.emplace_back(m_default_value->line, m_default_value->end_line);
    }
    std::sort(ranges.begin(), ranges.end(), std::greater<>());
    for (const auto& [from, to] : ranges) {
        lines.erase(lines.begin() + from - 1, lines.begin() + to);
    }
    while (!lines.empty() && is_blank(lines.back())) {
        lines.pop_back();
    }
    m_text = join_lines(lines);
    reparse();
}

void ConfigFile::use(const std::string& profile) {
    get(profile);
    auto lines = detail::split_lines(m_text);
    const std::string value = detail::toml_string(profile);
    if (m_default_value) {
        replace_span(lines, *m_default_value, value);
    } else {
        std::size_t at = 0;
        while (at < lines.size() && (is_blank(lines[at]) || is_comment(lines[at]))) {
            ++at;
        }
        std::string insert = fmt::format("{} = {}\n", k_default_profile_key, value);
        if (at < lines.size()) {
            // Before the first table, and before the comment lines attached to it.
            while (at > 0 && is_comment(lines[at - 1])) {
                --at;
            }
            insert += "\n";
        } else {
            ensure_newline(lines);
            if (!lines.empty() && !is_blank(lines.back())) {
                insert = "\n" + insert;
            }
        }
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), insert);
    }
    m_text = join_lines(lines);
    reparse();
}

void ConfigFile::save() const {
    write_file_atomically(m_path, m_text, 0600);
}

void write_file_atomically(const std::string& path, const std::string& content, unsigned mode) {
    namespace fs = std::filesystem;
    const auto fail = [&](const std::string& what) {
        throw Error(ErrorKind::Config, fmt::format("cannot write {}: {}", path, what));
    };
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // Create missing directories one by one, each private to the user.
    fs::path partial;
    for (const auto& part : dir) {
        partial /= part;
        if (mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
            fail(fmt::format("cannot create directory {}: {}", partial.string(),
                             std::strerror(errno)));
        }
    }
    std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = mkstemp(temp.data());
    if (fd < 0) {
        fail(std::strerror(errno));
    }
    const auto cleanup_fail = [&](const std::string& what) {
        close(fd);
        unlink(temp.c_str());
        fail(what);
    };
    if (fchmod(fd, static_cast<mode_t>(mode)) != 0) {
        cleanup_fail(std::strerror(errno));
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const auto n = write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            cleanup_fail(std::strerror(errno));
        }
        written += static_cast<std::size_t>(n);
    }
    if (fsync(fd) != 0) {
        cleanup_fail(std::strerror(errno));
    }
    close(fd);
    if (rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        unlink(temp.c_str());
        fail(reason);
    }
    if (const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY); dir_fd >= 0) {
        fsync(dir_fd);
        close(dir_fd);
    }
}

} // namespace techpass::config
