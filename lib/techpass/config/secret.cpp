// Resolving secret sources: literal, environment variable, file, command.
// Messages name the source, never the secret or the command's output.

#include "techpass/config/profile.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace techpass::config {

namespace {

// Runs `sh -c command` with stdout to a pipe, for at most `timeout`: a
// command that does not finish in time is killed (its whole process group)
// and reported. stdin and stderr are inherited, so it may ask on a terminal.
std::string run_command(const std::string& key, const std::string& command,
                        const std::string& origin, std::chrono::milliseconds timeout) {
    const auto fail = [&](const std::string& what) {
        return Error(ErrorKind::Config,
                     fmt::format("cannot run the {} command ({}): {}", key, origin, what));
    };
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw fail(std::strerror(errno));
    }
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) {
        const int error = errno;
        close(fds[0]);
        close(fds[1]);
        throw fail(std::strerror(error));
    }
    if (pid == 0) {
        setpgid(0, 0);
        dup2(fds[1], STDOUT_FILENO);
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string output;
    bool timed_out = false;
    std::array<char, 4096> buffer{};
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        pollfd readable{fds[0], POLLIN, 0};
        const int ready =
            poll(&readable, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if (ready <= 0) {
            continue;
        }
        const ssize_t n = read(fds[0], buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        output.append(buffer.data(), static_cast<std::size_t>(n));
    }
    close(fds[0]);
    if (timed_out) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) {
        throw Error(ErrorKind::Config,
                    fmt::format("the {} command ({}) did not finish within {} s", key, origin,
                                static_cast<double>(timeout.count()) / 1000.0),
                    "make the command finish (does it wait for input?), or raise timeout");
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
    const auto& setting = require_setting(key);
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
        value = run_command(std::string(key), source.value, source.describe() + ", " + origin,
                            timeout());
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
