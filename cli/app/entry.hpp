#pragma once

namespace techpass::cli {

// The whole program: the process's terminal, environment and clock, Ctrl-C
// handling, and one Application run. cli/main.cpp only calls this.
int main(int argc, const char* const* argv);

} // namespace techpass::cli
