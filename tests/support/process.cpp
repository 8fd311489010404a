#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace testsupport {

namespace {

// Builds the child's environment: the parent's, minus unset, plus overrides.
std::vector<std::string> child_environment(const RunOptions& options) {
    std::vector<std::string> result;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry(*e);
        const std::string name = entry.substr(0, entry.find('='));
        bool dropped = options.env.count(name) > 0;
        for (const auto& u : options.unset_env) {
            dropped = dropped || u == name;
        }
        if (!dropped) {
            result.push_back(entry);
        }
    }
    for (const auto& [name, value] : options.env) {
        result.push_back(name + "=" + value);
    }
    return result;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (auto& s : strings) {
        result.push_back(s.data());
    }
    result.push_back(nullptr);
    return result;
}

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    Pipe() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) {
            throw std::runtime_error("pipe failed");
        }
        read_end = fds[0];
        write_end = fds[1];
    }
};

// Spawns argv with stdin/stdout/stderr on new pipes; returns pid and parent ends.
pid_t spawn(const std::vector<std::string>& argv, const RunOptions& options, int& in_fd,
            int& out_fd, int& err_fd) {
    Pipe in, out, err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read_end, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
    posix_spawn_file_actions_adddup2(&actions, err.write_end, 2);
    if (!options.cwd.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
    }
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);

    std::vector<std::string> args = argv;
    std::vector<std::string> env = child_environment(options);
    auto c_args = c_strings(args);
    auto c_env = c_strings(env);
    pid_t pid = 0;
    const int rc =
        posix_spawnp(&pid, args[0].c_str(), &actions, &attributes, c_args.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(in.read_end);
    close(out.write_end);
    close(err.write_end);
    if (rc != 0) {
        close(in.write_end);
        close(out.read_end);
        close(err.read_end);
        throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
    }
    in_fd = in.write_end;
    out_fd = out.read_end;
    err_fd = err.read_end;
    return pid;
}

int decode_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

// Reads what is available on fd into out; false at end of file.
bool drain(int fd, std::string& out) {
    char buffer[8192];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
        out.append(buffer, static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && (errno == EINTR || errno == EAGAIN);
}

} // namespace

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
    int in_fd = -1, out_fd = -1, err_fd = -1;
    const pid_t pid = spawn(argv, options, in_fd, out_fd, err_fd);
    RunResult result;
    std::size_t written = 0;
    if (options.input.empty()) {
        close(in_fd);
        in_fd = -1;
    } else {
        fcntl(in_fd, F_SETFL, O_NONBLOCK);
    }
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
    bool out_open = true, err_open = true, killed = false;
    while (out_open || err_open) {
        std::vector<pollfd> fds;
        if (out_open) {
            fds.push_back({out_fd, POLLIN, 0});
        }
        if (err_open) {
            fds.push_back({err_fd, POLLIN, 0});
        }
        if (in_fd >= 0) {
            fds.push_back({in_fd, POLLOUT, 0});
        }
        poll(fds.data(), fds.size(), 100);
        for (const auto& p : fds) {
            if (p.revents == 0) {
                continue;
            }
            if (p.fd == in_fd) {
                const ssize_t n =
                    write(in_fd, options.input.data() + written, options.input.size() - written);
                if (n > 0) {
                    written += static_cast<std::size_t>(n);
                }
                if (n < 0 && errno != EAGAIN && errno != EINTR) {
                    written = options.input.size();
                }
                if (written == options.input.size()) {
                    close(in_fd);
                    in_fd = -1;
                }
            } else if (p.fd == out_fd && !drain(out_fd, result.out)) {
                out_open = false;
            } else if (p.fd == err_fd && !drain(err_fd, result.err)) {
                err_open = false;
            }
        }
        if (!killed && std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            killed = true;
            result.err += "\n[test harness: killed after timeout]\n";
        }
    }
    if (in_fd >= 0) {
        close(in_fd);
    }
    close(out_fd);
    close(err_fd);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = decode_status(status);
    return result;
}

struct Process::State {
    pid_t pid = -1;
    int in_fd = -1, out_fd = -1, err_fd = -1;
    mutable std::mutex mutex;
    std::condition_variable changed;
    std::string out, err;
    bool finished = false;
    int exit_code = -1;
    std::thread reader;
};

Process::Process(const std::vector<std::string>& argv, const RunOptions& options)
    : m_state(std::make_unique<State>()) {
    auto& s = *m_state;
    s.pid = spawn(argv, options, s.in_fd, s.out_fd, s.err_fd);
    if (!options.input.empty()) {
        [[maybe_unused]] const ssize_t n =
            write(s.in_fd, options.input.data(), options.input.size());
    }
    close(s.in_fd);
    s.in_fd = -1;
    s.reader = std::thread([&s] {
        bool out_open = true, err_open = true;
        while (out_open || err_open) {
            std::vector<pollfd> fds;
            if (out_open) {
                fds.push_back({s.out_fd, POLLIN, 0});
            }
            if (err_open) {
                fds.push_back({s.err_fd, POLLIN, 0});
            }
            poll(fds.data(), fds.size(), 200);
            for (const auto& p : fds) {
                if (p.revents == 0) {
                    continue;
                }
                std::string chunk;
                const bool open = drain(p.fd, chunk);
                std::lock_guard lock(s.mutex);
                (p.fd == s.out_fd ? s.out : s.err) += chunk;
                if (!open) {
                    (p.fd == s.out_fd ? out_open : err_open) = false;
                }
                s.changed.notify_all();
            }
        }
        std::lock_guard lock(s.mutex);
        s.finished = true;
        s.changed.notify_all();
    });
}

Process::~Process() {
    if (running()) {
        signal(SIGTERM);
        if (wait(10) < 0) {
            signal(SIGKILL);
            wait(10);
        }
    }
    if (m_state->reader.joinable()) {
        m_state->reader.join();
    }
    close(m_state->out_fd);
    close(m_state->err_fd);
}

pid_t Process::pid() const {
    return m_state->pid;
}

std::string Process::first_line(int timeout_seconds) {
    auto& s = *m_state;
    std::unique_lock lock(s.mutex);
    s.changed.wait_for(lock, std::chrono::seconds(timeout_seconds),
                       [&s] { return s.out.find('\n') != std::string::npos || s.finished; });
    const auto newline = s.out.find('\n');
    return newline == std::string::npos ? std::string() : s.out.substr(0, newline);
}

std::string Process::out() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->out;
}

std::string Process::err() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->err;
}

void Process::signal(int sig) {
    if (m_state->pid > 0) {
        kill(m_state->pid, sig);
    }
}

int Process::wait(int timeout_seconds) {
    auto& s = *m_state;
    if (s.pid <= 0) {
        return s.exit_code;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        const pid_t r = waitpid(s.pid, &status, WNOHANG);
        if (r == s.pid) {
            s.exit_code = decode_status(status);
            s.pid = -1;
            if (s.reader.joinable()) {
                s.reader.join();
            }
            return s.exit_code;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
}

bool Process::running() const {
    if (m_state->pid <= 0) {
        return false;
    }
    // Whether it has ended, without collecting its status (wait() does that).
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(m_state->pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
        return false;
    }
    return info.si_pid == 0;
}

std::string Emulator::log_with(const std::string& text, int timeout_seconds) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    std::string log = m_process->err();
    while (log.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        log = m_process->err();
    }
    return log;
}

Emulator::Emulator(std::vector<std::string> extra_args, bool test_controls) {
#ifdef TECHPASS_EMULATOR_PATH
    std::vector<std::string> argv = {TECHPASS_EMULATOR_PATH, "--port", "0"};
#else
    std::vector<std::string> argv = {"techpass-emulator", "--port", "0"};
#endif
    if (test_controls) {
        argv.emplace_back("--test-controls");
    }
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    // The end-to-end suite records what the CLI sends, for the contract
    // check that runs after it (tests/CMakeLists.txt, "contract:").
    if (const char* dir = std::getenv("TECHPASS_RECORD_REQUESTS"); dir != nullptr && *dir != '\0') {
        static std::atomic<int> started{0};
        argv.emplace_back("--record-requests");
        argv.emplace_back(std::string(dir) + "/" + std::to_string(getpid()) + "-" +
                          std::to_string(++started) + ".jsonl");
    }
    m_process = std::make_unique<Process>(argv);
    m_url = m_process->first_line();
    if (m_url.rfind("http", 0) != 0) {
        throw std::runtime_error("the emulator did not print its URL; stderr:\n" +
                                 m_process->err());
    }
}

std::string source_path(const std::string& relative) {
#ifdef TECHPASS_SOURCE_DIR
    return std::string(TECHPASS_SOURCE_DIR) + "/" + relative;
#else
    return relative;
#endif
}

} // namespace testsupport
