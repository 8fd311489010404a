// techpass-emulator: a local stand-in for the TechPass portal's Automation
// API and identity endpoints. Prints its base URL as the first line on
// stdout, logs one line per request on stderr, stops on SIGINT/SIGTERM.

// GCC 12 reports a false null dereference inside CLI11's inlined string
// code at -O2 (CLI::detail::split); the warning is not about this file.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wnull-dereference"
#endif

#include "emulator.hpp"
#include "seed.hpp"
#include "server.hpp"

#include <techpass/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>

int main(int argc, char** argv) {
    emu::Options options;
    CLI::App app{"techpass-emulator: a local TechPass portal (Automation API and identity "
                 "endpoints) for trying techpass and testing pipelines"};
    app.set_version_flag("--version", std::string("techpass-emulator ") + techpass::k_version);
    app.add_option("--host", options.host, "Address to listen on")->capture_default_str();
    app.add_option("--port", options.port, "Port to listen on; 0 picks a free port")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    app.add_option("--db", options.db_path, "SQLite database file, or :memory:")
        ->capture_default_str();
    app.add_flag("--tls", options.tls, "Serve HTTPS with a generated self-signed certificate");
    app.add_option("--ca-out", options.ca_out,
                   "With --tls: write the CA certificate (PEM) that clients should trust here");
    app.add_option("--seed", options.seed_path,
                   "TOML file of users, namespaces, apps and API keys to load at start")
        ->check(CLI::ExistingFile);
    app.add_flag("--test-controls", options.test_controls,
                 "Serve the test controls under /_emulator/ (clock, outbox, faults, ...)");
    app.add_option("--directory-id", options.directory_id,
                   "The directory (tenant) id in the identity endpoints' paths")
        ->capture_default_str();
    app.add_flag("--quiet", options.quiet, "No request log on stderr");
    app.add_option("--record-requests", options.record_requests,
                   "Append every API request (method, target, Content-Type, body, status; "
                   "dropped: true when the answer was cut off, fault: the injected fault) to "
                   "this file as JSON lines, to check a client against docs/api");
    app.footer("The first line on stdout is the base URL, e.g. http://127.0.0.1:40123.\n"
               "Example: techpass-emulator --port 0 --seed examples/seed.toml --test-controls");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version exit 0; a bad option exits 2, as techpass does.
        const int status = app.exit(error);
        return status == 0 ? 0 : 2;
    }
    if (!options.ca_out.empty() && !options.tls) {
        fmt::print(stderr, "techpass-emulator: --ca-out needs --tls\n");
        return 2;
    }

    // Signals go to sigwait() below, not to whichever thread runs.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    try {
        emu::Emulator emulator(options);
        if (!options.seed_path.empty()) {
            emu::load_seed(emulator, options.seed_path);
        }
        emu::Server server(emulator);
        const std::string url = server.start();
        std::fputs((url + "\n").c_str(), stdout);
        std::fflush(stdout);
        int received = 0;
        sigwait(&signals, &received);
        server.stop();
        if (!options.quiet) {
            fmt::print(stderr, "techpass-emulator: stopped ({})\n",
                       received == SIGINT ? "SIGINT" : "SIGTERM");
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "techpass-emulator: {}\n", e.what());
        return 1;
    }
    return 0;
}
