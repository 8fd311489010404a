#include "commands/bulk/progress.hpp"

#include "app/entry.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <ostream>

namespace techpass::cli {

namespace bulk_progress_cmd {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int /*signal*/) {
    if (g_stop.exchange(true)) {
        exit_interrupted();
    }
    constexpr char message[] = "\ntechpass: stopping after the batch in flight "
                               "(press Ctrl-C again to stop at once)\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof(message) - 1);
}

std::string duration_text(std::chrono::seconds duration) {
    const auto total = duration.count();
    if (total >= 3600) {
        return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
    }
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

} // namespace
} // namespace bulk_progress_cmd

void ProgressBar::draw(const bulk::Progress& progress) {
    using namespace bulk_progress_cmd;
    if (!m_enabled || progress.total == 0) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const bool last = progress.done >= progress.total;
    if (m_drawn && !last && now - m_last < std::chrono::milliseconds(100)) {
        return;
    }
    m_last = now;
    std::string tail = fmt::format(" {}/{} rows", progress.done, progress.total);
    if (progress.rate > 0) {
        tail += fmt::format("  {:.0f} rows/s", progress.rate);
    }
    if (progress.eta) {
        tail += "  ETA " + duration_text(*progress.eta);
    }
    const int room =
        std::max(10, std::min(40, m_terminal.width - static_cast<int>(tail.size()) - 3));
    const auto width = static_cast<std::size_t>(room);
    const std::size_t filled =
        std::min(width, progress.done * width / std::max<std::size_t>(progress.total, 1));
    std::string bar(filled, '=');
    if (filled < width) {
        bar += '>';
        bar += std::string(width - filled - 1, ' ');
    }
    m_terminal.err << "\r\033[K[" << bar << "]" << tail << std::flush;
    m_drawn = true;
}

void ProgressBar::clear() {
    if (m_drawn) {
        m_terminal.err << "\r\033[K" << std::flush;
        m_drawn = false;
    }
}

InterruptGuard::InterruptGuard() {
    using namespace bulk_progress_cmd;
    g_stop = false;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_old_int);
    sigaction(SIGTERM, &action, &m_old_term);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &m_old_int, nullptr);
    sigaction(SIGTERM, &m_old_term, nullptr);
}

std::atomic<bool>& InterruptGuard::stop_requested() {
    using namespace bulk_progress_cmd;
    return g_stop;
}

} // namespace techpass::cli
