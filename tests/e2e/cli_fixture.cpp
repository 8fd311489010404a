#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <httplib.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <regex>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace e2e {

namespace {

// Settings a developer's or CI's environment may hold that would change what
// techpass does; every run starts without them.
const std::vector<std::string> k_isolated = {"TECHPASS_PROFILE",
                                             "TECHPASS_CONFIG",
                                             "TECHPASS_API_URL",
                                             "TECHPASS_AUTHORITY",
                                             "TECHPASS_DIRECTORY_ID",
                                             "TECHPASS_CLIENT_ID",
                                             "TECHPASS_NAMESPACE",
                                             "TECHPASS_AUTH",
                                             "TECHPASS_CLIENT_SECRET",
                                             "TECHPASS_CERTIFICATE",
                                             "TECHPASS_PRIVATE_KEY",
                                             "TECHPASS_API_KEY",
                                             "TECHPASS_RATE_LIMIT",
                                             "TECHPASS_TIMEOUT",
                                             "TECHPASS_CA_BUNDLE",
                                             "CI",
                                             "NO_COLOR",
                                             "COLUMNS",
                                             "http_proxy",
                                             "https_proxy",
                                             "HTTP_PROXY",
                                             "HTTPS_PROXY",
                                             "all_proxy",
                                             "ALL_PROXY"};

std::vector<std::string> environment_of(const testsupport::RunOptions& options) {
    std::vector<std::string> result;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const std::string name = text.substr(0, text.find('='));
        bool dropped = options.env.count(name) > 0;
        for (const auto& unset : options.unset_env) {
            dropped = dropped || unset == name;
        }
        if (!dropped) {
            result.push_back(text);
        }
    }
    for (const auto& [name, value] : options.env) {
        result.push_back(name + "=" + value);
    }
    return result;
}

std::string without_cr(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c != '\r') {
            out += c;
        }
    }
    return out;
}

} // namespace

RunResult run_on_terminal(const std::vector<std::string>& argv,
                          const testsupport::RunOptions& options) {
    std::vector<std::string> args = argv;
    std::vector<std::string> env = environment_of(options);
    std::vector<char*> c_args;
    for (auto& arg : args) {
        c_args.push_back(arg.data());
    }
    c_args.push_back(nullptr);
    std::vector<char*> c_env;
    for (auto& entry : env) {
        c_env.push_back(entry.data());
    }
    c_env.push_back(nullptr);

    winsize size{};
    size.ws_row = 24;
    size.ws_col = 80;
    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
    if (pid < 0) {
        throw std::runtime_error("forkpty failed");
    }
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) {
            _exit(127);
        }
        execve(c_args[0], c_args.data(), c_env.data());
        _exit(127);
    }
    if (!options.input.empty()) {
        [[maybe_unused]] const auto written =
            write(master, options.input.data(), options.input.size());
    }
    RunResult result;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
    char buffer[4096];
    for (;;) {
        pollfd fd{master, POLLIN, 0};
        const int ready = poll(&fd, 1, 100);
        if (ready > 0) {
            const ssize_t got = read(master, buffer, sizeof(buffer));
            if (got <= 0) {
                break; // EIO: the child closed the terminal
            }
            result.out.append(buffer, static_cast<std::size_t>(got));
        } else if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            break;
        }
    }
    close(master);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = without_cr(result.out);
    return result;
}

namespace {

// examples/seed.toml with extra entries, written into dir (its relative
// certificate path made absolute).
std::string seed_file(const testsupport::TempDir& dir, const std::string& extra) {
    const std::string examples = testsupport::source_path("examples");
    std::string seed = testsupport::read_file(examples + "/seed.toml");
    const std::string relative = "certificate = \"certs/";
    if (const auto at = seed.find(relative); at != std::string::npos) {
        seed.replace(at, relative.size(), "certificate = \"" + examples + "/certs/");
    }
    return dir.write("seed.toml", seed + extra);
}

} // namespace

Cli::Cli(const std::string& extra_seed)
    : m_emulator({"--seed", extra_seed.empty() ? testsupport::source_path("examples/seed.toml")
                                               : seed_file(m_home, extra_seed)}) {
    write_config("default_profile = \"ship\"\n\n" + profile_toml("ship"));
}

std::string Cli::profile_toml(const std::string& name, const std::string& namespace_code,
                              const std::string& portal_url) const {
    const std::string& base = portal_url.empty() ? url() : portal_url;
    return fmt::format(R"([profiles.{}]
api_url = "{}"
authority = "{}"
directory_id = "{}"
client_id = "{}"
namespace = "{}"
client_secret = "{}"
api_key = "{}"
)",
                       name, base, base, k_directory_id, k_client_id, namespace_code,
                       k_client_secret, k_api_key);
}

void Cli::write_config(const std::string& toml) const {
    m_home.write("config/techpass/config.toml", toml, 0600);
}

testsupport::RunOptions Cli::options_for(const Run& run) const {
    testsupport::RunOptions options;
    options.unset_env = k_isolated;
    options.env = {{"HOME", m_home.path()},
                   {"XDG_CONFIG_HOME", m_home.file("config")},
                   {"XDG_CACHE_HOME", m_home.file("cache")},
                   {"TERM", "xterm"}};
    for (const auto& [name, value] : run.env) {
        options.env[name] = value;
    }
    options.input = run.input;
    options.timeout_seconds = run.timeout_seconds;
    return options;
}

RunResult Cli::run(const std::vector<std::string>& args, const Run& options) const {
    std::vector<std::string> argv{TECHPASS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, options);
}

RunResult Cli::run_program(const std::vector<std::string>& argv, const Run& options) const {
    return testsupport::run(argv, options_for(options));
}

std::unique_ptr<testsupport::Process> Cli::start(const std::vector<std::string>& args,
                                                 const Run& options) const {
    std::vector<std::string> argv{TECHPASS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return std::make_unique<testsupport::Process>(argv, options_for(options));
}

RunResult Cli::run_tty(const std::vector<std::string>& args, const Run& options) const {
    std::vector<std::string> argv{TECHPASS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_on_terminal(argv, options_for(options));
}

nlohmann::json Cli::control(const std::string& method, const std::string& path,
                            const nlohmann::json& body) const {
    httplib::Client client(url());
    const std::string target = "/_emulator/" + path;
    const std::string payload = body.is_null() ? std::string() : body.dump();
    httplib::Result response =
        method == "GET"      ? client.Get(target.c_str())
        : method == "PUT"    ? client.Put(target.c_str(), payload, "application/json")
        : method == "DELETE" ? client.Delete(target.c_str())
                             : client.Post(target.c_str(), payload, "application/json");
    if (!response || response->status >= 300) {
        throw std::runtime_error(fmt::format("control {} {} failed: {}", method, target,
                                             response ? response->body : std::string("no answer")));
    }
    return response->body.empty() ? nlohmann::json() : nlohmann::json::parse(response->body);
}

std::string Cli::emulator_log() const {
    static std::atomic<int> marks{0};
    const std::string mark = fmt::format("/_settle/{}", ++marks);
    httplib::Client client(url());
    client.Get(mark.c_str());
    return m_emulator.log_with("GET " + mark + " ");
}

std::size_t requests_in(const std::string& log) {
    std::size_t count = 0;
    std::size_t start = 0;
    for (auto end = log.find('\n'); end != std::string::npos; end = log.find('\n', start)) {
        const std::string_view line(log.data() + start, end - start);
        count += line.find(" traceId=") != std::string_view::npos &&
                 line.find(" /_settle/") == std::string_view::npos;
        start = end + 1;
    }
    return count;
}

nlohmann::json json_of(const RunResult& result) {
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    return nlohmann::json::parse(result.out);
}

bool contains(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

std::string device_code_login(const Cli& cli, const std::string& user) {
    // Device code sign-in needs a terminal: script(1) gives the run one.
    testsupport::RunOptions options;
    options.env = {{"HOME", cli.home().path()},
                   {"XDG_CONFIG_HOME", cli.home().file("config")},
                   {"XDG_CACHE_HOME", cli.home().file("cache")},
                   {"TERM", "xterm"}};
    options.unset_env = {"TECHPASS_PROFILE", "TECHPASS_CONFIG", "TECHPASS_API_URL", "CI"};
    testsupport::Process login(
        {"/usr/bin/script", "-qfec", std::string(TECHPASS_CLI_PATH) + " auth login", "/dev/null"},
        options);
    const std::regex code("enter the code ([A-Z0-9]{4}-[A-Z0-9]{4})");
    std::smatch found;
    std::string shown;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        shown = login.out();
        if (std::regex_search(shown, found, code)) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE_MESSAGE(found.size() == 2, shown);
    cli.control("POST", "devicecodes/approve", {{"userCode", found[1].str()}, {"user", user}});
    REQUIRE(login.wait(30) == 0);
    return shown;
}

std::string wait_for(const testsupport::Process& process, const std::string& text, bool in_err,
                     int timeout_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string seen = in_err ? process.err() : process.out();
        // Whole lines only: a read may end in the middle of one.
        if (contains(seen, text) && seen.back() == '\n') {
            return seen;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL_CHECK("timed out waiting for \"" << text << "\"; stdout: " << process.out()
                                          << "\nstderr: " << process.err());
    return {};
}

std::string listener_url(const testsupport::Process& process) {
    // The end of the line: the start may be read before the rest is written.
    const std::string err = wait_for(process, "(Ctrl-C to stop)", true);
    std::smatch match;
    REQUIRE(
        std::regex_search(err, match, std::regex(R"(Listening on (http://127\.0\.0\.1:\d+/))")));
    return match[1];
}

} // namespace e2e
