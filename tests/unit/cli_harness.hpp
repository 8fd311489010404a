#pragma once

// Runs techpass commands in process against a FakeTransport (after gh's
// httpmock): a profile from the environment, a fresh home for the token
// cache, and the token endpoint answered. For what does not need a live
// portal: argument checks, output shapes and error paths.

#include "fake_transport.hpp"
#include "support/temp_dir.hpp"
#include "techpass/context.hpp"

#include <string>
#include <vector>

namespace testsupport {

struct CliRun {
    int code = -1;
    std::string out;
    std::string err;
};

class CliHarness {
public:
    CliHarness();

    // The portal's answers; the token endpoint is stubbed by run() when the
    // command line is expected to send something.
    FakeTransport& portal() { return m_transport; }

    // Runs args as `techpass args...` piped (no terminal), stdin empty.
    CliRun run(const std::vector<std::string>& args, const std::string& stdin_text = {});
    // The same on a terminal (stdin, stdout and stderr).
    CliRun run_tty(const std::vector<std::string>& args, const std::string& stdin_text = {});

    // The requests sent to the API (the token request left out).
    std::vector<techpass::http::Request> api_requests() const;

    // Answers the next token request.
    void expect_sign_in();

private:
    CliRun run_with(const std::vector<std::string>& args, const std::string& stdin_text, bool tty);

    TempDir m_home;
    techpass::MapEnvironment m_env;
    techpass::FakeClock m_clock;
    FakeTransport m_transport;
};

} // namespace testsupport
