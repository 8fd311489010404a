#include "techpass/bulk/dispatcher.hpp"

namespace techpass::bulk {

Dispatcher::Dispatcher(std::size_t concurrency, std::function<void(Batch&)> work,
                       std::function<bool()> should_stop, std::function<void()> on_completed)
    : m_concurrency(concurrency == 0 ? 1 : concurrency), m_work(std::move(work)),
      m_should_stop(std::move(should_stop)), m_on_completed(std::move(on_completed)) {
    if (m_concurrency > 1) {
        for (std::size_t i = 0; i < m_concurrency; ++i) {
            m_workers.emplace_back([this] { worker(); });
        }
    }
}

Dispatcher::~Dispatcher() {
    finish();
}

void Dispatcher::report_completions(std::unique_lock<std::mutex>& lock) {
    while (m_reported < m_completed) {
        ++m_reported;
        lock.unlock();
        m_on_completed();
        lock.lock();
    }
}

bool Dispatcher::submit(Batch batch) {
    if (m_workers.empty()) {
        if (m_should_stop()) {
            return false;
        }
        m_work(batch);
        m_on_completed();
        return true;
    }
    std::unique_lock lock(m_mutex);
    for (;;) {
        report_completions(lock);
        if (m_should_stop()) {
            return false;
        }
        if (m_queue.size() + m_busy < m_concurrency) {
            break;
        }
        m_completed_cv.wait(lock);
    }
    m_queue.push_back(std::move(batch));
    m_work_ready.notify_one();
    return true;
}

void Dispatcher::finish() {
    if (m_workers.empty()) {
        return;
    }
    {
        std::unique_lock lock(m_mutex);
        m_closing = true;
        m_work_ready.notify_all();
        for (;;) {
            report_completions(lock);
            if (m_should_stop()) {
                m_queue.clear(); // not started, so not journaled: --resume sends them
            }
            if (m_busy == 0 && m_queue.empty()) {
                break;
            }
            m_completed_cv.wait(lock);
        }
        report_completions(lock);
    }
    for (auto& thread : m_workers) {
        thread.join();
    }
    m_workers.clear();
}

void Dispatcher::worker() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_work_ready.wait(lock, [this] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty()) {
            return;
        }
        Batch batch = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_busy;
        lock.unlock();
        m_work(batch);
        lock.lock();
        --m_busy;
        ++m_completed;
        m_completed_cv.notify_all();
    }
}

} // namespace techpass::bulk
