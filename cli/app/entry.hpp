#pragma once

namespace techpass::cli {

// The whole program: the process's terminal, environment and clock, Ctrl-C
// handling, and one Application run. cli/main.cpp only calls this.
int main(int argc, const char* const* argv);

// Says "interrupted" on stderr and ends the process with exit code 130 at
// once. Async-signal-safe: for signal handlers.
[[noreturn]] void exit_interrupted() noexcept;

} // namespace techpass::cli
