#pragma once

// What `import` shows and hears while it sends: the progress bar on a
// terminal's stderr, and Ctrl-C turned into "stop after the batch in flight".

#include "techpass/bulk/engine.hpp"
#include "techpass/context.hpp"

#include <atomic>
#include <csignal>

namespace techpass::cli {

// Draws "[=====>    ] 1200/1900 rows  85 rows/s  ETA 0:08" on one line of
// the terminal, redrawn at most ten times a second; nothing when disabled
// (stderr is not a terminal, --no-input or CI).
class ProgressBar {
public:
    ProgressBar(Terminal& terminal, bool enabled) : m_terminal(terminal), m_enabled(enabled) {}
    ~ProgressBar() { clear(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void draw(const bulk::Progress& progress);
    // Erases the bar, so that messages start on a clean line.
    void clear();

private:
    Terminal& m_terminal;
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_last{};
};

// While alive, the first SIGINT or SIGTERM sets stop_requested() (the import
// finishes the batch in flight, journals it and exits 130); a second one
// ends the process at once, as outside an import. The journal makes both
// safe to resume.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    std::atomic<bool>& stop_requested();

private:
    struct sigaction m_old_int {};
    struct sigaction m_old_term {};
};

} // namespace techpass::cli
