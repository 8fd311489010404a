#include "app/entry.hpp"

#include "app/application.hpp"
#include "techpass/error.hpp"

#include <openssl/crypto.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace techpass::cli {

namespace {

// Ctrl-C ends the run at once with exit code 130 (128 + SIGINT), as shells
// report it. Every file techpass writes is written atomically (temp file and
// rename), so stopping between two writes leaves nothing half-written.
extern "C" void on_interrupt(int /*signal*/) {
    exit_interrupted();
}

void install_interrupt_handler() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
}

} // namespace

void exit_interrupted() noexcept {
    constexpr char message[] = "\ntechpass: interrupted\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof(message) - 1);
    ::_exit(exit_code(ErrorKind::Interrupted));
}

namespace {

int terminal_width(const Environment& env) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    if (const auto columns = env.get("COLUMNS")) {
        const int value = std::atoi(columns->c_str());
        if (value > 0) {
            return value;
        }
    }
    return 80;
}

} // namespace

int main(int argc, const char* const* argv) {
    // A run lasts a moment: the system frees OpenSSL's memory at exit faster
    // than OpenSSL's own clean-up would.
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
    install_interrupt_handler();
    static SystemEnvironment env;
    static SystemClock clock;
    Terminal terminal{std::cin, std::cout, std::cerr};
    terminal.in_tty = ::isatty(STDIN_FILENO) != 0;
    terminal.out_tty = ::isatty(STDOUT_FILENO) != 0;
    terminal.err_tty = ::isatty(STDERR_FILENO) != 0;
    terminal.width = terminal_width(env);

    std::vector<std::string> args(argv + 1, argv + argc);
    Application app(terminal, env, clock, args);
    return app.run(std::move(args));
}

} // namespace techpass::cli
