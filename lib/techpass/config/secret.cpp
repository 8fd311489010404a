// Resolving secret sources: literal, environment variable, file, command.
// Messages name the source, never the secret or the command's output.

#include "techpass/config/profile.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace techpass::config {

namespace {

std::string run_command(const std::string& key, const std::string& command,
                        const std::string& origin) {
    std::fflush(nullptr);
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        throw Error(ErrorKind::Config, fmt::format("cannot run the {} command ({}): {}", key,
                                                   origin, std::strerror(errno)));
    }
    std::string output;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        output.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    if (status == -1) {
        throw Error(ErrorKind::Config, fmt::format("cannot run the {} command ({}): {}", key,
                                                   origin, std::strerror(errno)));
    }
    if (WIFSIGNALED(status)) {
        throw Error(ErrorKind::Config, fmt::format("the {} command ({}) was killed by signal {}",
                                                   key, origin, WTERMSIG(status)));
    }
    if (WEXITSTATUS(status) != 0) {
        throw Error(ErrorKind::Config, fmt::format("the {} command ({}) exited with status {}", key,
                                                   origin, WEXITSTATUS(status)));
    }
    return output;
}

std::string read_secret_file(const std::string& key, const std::string& path,
                             const std::string& origin) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Config, fmt::format("cannot read the {} file {} ({}): {}", key, path,
                                                   origin, std::strerror(errno)));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace

std::string Profile::secret(std::string_view key) const {
    if (const auto it = m_secret_cache.find(key); it != m_secret_cache.end()) {
        return it->second;
    }
    require(key);
    const auto& setting = *find(key);
    const auto source =
        setting.source.value_or(SecretSource{SecretSource::Kind::Literal, setting.value});
    const std::string origin = setting.origin.describe();
    std::string value;
    switch (source.kind) {
    case SecretSource::Kind::Literal:
        value = source.value;
        break;
    case SecretSource::Kind::Env: {
        auto found = m_env->get(source.value);
        if (!found) {
            throw Error(ErrorKind::Config,
                        fmt::format("{} comes from environment variable {} ({}), which is not set",
                                    key, source.value, origin));
        }
        value = *found;
        break;
    }
    case SecretSource::Kind::File: {
        std::string path = expand_home(source.value, *m_env);
        if (setting.origin.kind == Origin::Kind::File && !path.empty() && path.front() != '/') {
            path = (std::filesystem::path(m_config_path).parent_path() / path).string();
        }
        value = read_secret_file(std::string(key), path, origin);
        break;
    }
    case SecretSource::Kind::Command:
        value = run_command(std::string(key), source.value, source.describe() + ", " + origin);
        break;
    }
    value = std::string(util::trim(value));
    if (value.empty()) {
        throw Error(ErrorKind::Config,
                    fmt::format("{} from {} ({}) is empty", key, source.describe(), origin));
    }
    m_secret_cache.emplace(std::string(key), value);
    return value;
}

} // namespace techpass::config
