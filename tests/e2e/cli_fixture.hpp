#pragma once

// What the CLI's end-to-end tests share: the real techpass-emulator seeded
// with examples/seed.toml, a home directory with a config file whose default
// profile points at it, and techpass runs isolated from the environment of
// whoever runs the tests (piped, or on a pseudo-terminal).

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace e2e {

using testsupport::RunResult;

// The demo credentials of examples/seed.toml (emulator only).
inline constexpr const char* k_client_id = "3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34";
inline constexpr const char* k_client_secret = "demo-secret-not-for-production";
inline constexpr const char* k_api_key = "demo-api-key-not-for-production";
inline constexpr const char* k_directory_id = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11";

// Options of one techpass run.
struct Run {
    std::map<std::string, std::string> env; // added to the isolated environment
    std::string input{};                    // standard input (typed, on a terminal)
    int timeout_seconds = 60;
};

// Runs techpass on a pseudo-terminal (80 columns): standard input, output
// and error are the terminal, so out holds both streams (CRs removed) and
// err is empty.
RunResult run_on_terminal(const std::vector<std::string>& argv,
                          const testsupport::RunOptions& options);

class Cli {
public:
    // Starts an emulator seeded with examples/seed.toml plus extra_seed (TOML
    // appended to it) and writes a config file with profile "ship" (the
    // default) for the seeded app.
    explicit Cli(const std::string& extra_seed = {});

    // techpass args..., output piped.
    RunResult run(const std::vector<std::string>& args, const Run& options = {}) const;
    // Any program (a shell, say) in the same environment as techpass runs.
    RunResult run_program(const std::vector<std::string>& argv, const Run& options = {}) const;
    // techpass args... on a terminal.
    RunResult run_tty(const std::vector<std::string>& args, const Run& options = {}) const;

    // techpass args... started in the background, output piped (for
    // commands that run until stopped, such as webhooks listen).
    std::unique_ptr<testsupport::Process> start(const std::vector<std::string>& args,
                                                const Run& options = {}) const;

    const std::string& url() const { return m_emulator.url(); }
    const testsupport::TempDir& home() const { return m_home; }
    std::string config_path() const { return m_home.file("config/techpass/config.toml"); }
    // The [profiles.NAME] table of the seeded app (client secret auth), for
    // this emulator or the one at portal_url (another seeded with the same
    // examples/seed.toml, e.g. over HTTPS).
    std::string profile_toml(const std::string& name, const std::string& namespace_code = "SHIP",
                             const std::string& portal_url = {}) const;
    // Replaces the config file (mode 0600).
    void write_config(const std::string& toml) const;

    // A test control of the emulator: METHOD /_emulator/PATH with a JSON body.
    nlohmann::json control(const std::string& method, const std::string& path,
                           const nlohmann::json& body = nullptr) const;
    // The emulator's request log (stderr), settled: it holds the line of
    // every request answered before the call. The emulator writes a line
    // before it answers, but the test reads the log through a pipe; so this
    // sends a marker request (GET /_settle/N, a 404) and waits for its line,
    // which comes after every earlier one. A check that something was NOT
    // sent is only honest on a settled log.
    std::string emulator_log() const;

private:
    testsupport::RunOptions options_for(const Run& run) const;
    testsupport::TempDir m_home;
    testsupport::Emulator m_emulator;
};

// A second namespace (PORT, administered by siti.rahman@mom.gov.sg) that the
// seeded SHIP app has no rights on.
inline constexpr const char* k_port_namespace = R"(
[[namespaces]]
code = "PORT"
display_name = "Port Operations"
description = "Another tenant"
admins = ["siti.rahman@mom.gov.sg"]
)";

// Runs `techpass auth login` on a terminal (script(1)) with the current
// profile, which must use auth = "device_code", and approves the code it
// shows as user; returns what the login printed. Fails the test when no code
// is shown or the login does not succeed.
std::string device_code_login(const Cli& cli, const std::string& user);

// How many requests a (settled) emulator log holds, the settling markers
// left out: compare before and after to show that a run sent nothing.
std::size_t requests_in(const std::string& log);

// Waits until the stderr (in_err) or stdout of a process holds text and
// ends with a whole line, and returns it; fails the test when it does not within the timeout.
std::string wait_for(const testsupport::Process& process, const std::string& text, bool in_err,
                     int timeout_seconds = 20);

// The URL a `techpass webhooks listen --port 0` process announces.
std::string listener_url(const testsupport::Process& process);

// The JSON a successful run printed (fails the test when it did not succeed).
nlohmann::json json_of(const RunResult& result);

// Whether text contains needle (for CHECK messages that show both).
bool contains(const std::string& text, const std::string& needle);

} // namespace e2e
