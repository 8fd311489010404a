#pragma once

// Runs the real binaries for the emulator and end-to-end suites.

#include <sys/types.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace testsupport {

// What a finished process left behind.
struct RunResult {
    int exit_code = -1; // exit status, or 128 + signal number
    std::string out;
    std::string err;
};

struct RunOptions {
    std::map<std::string, std::string> env; // added to (or replacing) the inherited environment
    std::vector<std::string> unset_env;     // removed from the inherited environment
    std::string input;                      // written to stdin, then closed
    std::string cwd;                        // working directory; empty: inherit
    int timeout_seconds = 60;               // killed with SIGKILL past this
};

// Runs argv[0] (a path) with the arguments, captures stdout and stderr.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// A process started in the background whose stdout and stderr are collected
// by a thread; stopped (SIGTERM, then SIGKILL) when destroyed.
class Process {
public:
    Process(const std::vector<std::string>& argv, const RunOptions& options = {});
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const;
    // Waits up to timeout for a full first line on stdout; "" on timeout or exit.
    std::string first_line(int timeout_seconds = 20);
    std::string out() const;
    std::string err() const;
    // Sends a signal; then wait() collects the exit status.
    void signal(int sig);
    int wait(int timeout_seconds = 20);
    // Whether it is still running: false once it has ended, even before
    // wait() collected its status.
    bool running() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The real techpass-emulator on a free loopback port with a fresh in-memory
// database (unless extra args say otherwise) and test controls on.
class Emulator {
public:
    explicit Emulator(std::vector<std::string> extra_args = {}, bool test_controls = true);
    const std::string& url() const { return m_url; }
    // Everything the emulator wrote to stderr so far (its request log).
    std::string log() const { return m_process->err(); }
    // The log once it holds text: the emulator writes a request's line just
    // after sending the response, so a test reading it at once can be early.
    std::string log_with(const std::string& text, int timeout_seconds = 10) const;
    Process& process() { return *m_process; }

private:
    std::unique_ptr<Process> m_process;
    std::string m_url;
};

// The path of a file in the source tree, e.g. source_path("examples/seed.toml").
std::string source_path(const std::string& relative);

} // namespace testsupport
