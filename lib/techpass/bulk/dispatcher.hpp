#pragma once

// Keeps up to N batches in flight on worker threads, while the importing
// thread goes on reading the input, and reports completions on that thread.

#include "techpass/bulk/batch.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace techpass::bulk {

// A batch on its way to the portal.
struct Batch {
    std::size_t number = 0;
    std::string key; // its Idempotency-Key
    std::vector<Entry> entries;
    bool journaled = false; // its `sent` line exists already (resumed batch)
};

// Runs batches through work, at most `concurrency` at a time: inline when
// concurrency is 1 (no threads, deterministic), else on as many workers.
class Dispatcher {
public:
    // work runs a batch and must not throw; should_stop is polled before each
    // submission; on_completed runs on the submitting thread after each batch.
    Dispatcher(std::size_t concurrency, std::function<void(Batch&)> work,
               std::function<bool()> should_stop, std::function<void()> on_completed);
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;
    ~Dispatcher();

    // Queues a batch once a slot is free; false (batch dropped, never
    // started) when should_stop says so first.
    bool submit(Batch batch);

    // Waits for the batches in flight (batches queued but not started are
    // dropped when should_stop says so) and stops the workers.
    void finish();

private:
    void worker();
    void report_completions(std::unique_lock<std::mutex>& lock);

    std::size_t m_concurrency;
    std::function<void(Batch&)> m_work;
    std::function<bool()> m_should_stop;
    std::function<void()> m_on_completed;
    std::mutex m_mutex;
    std::condition_variable m_work_ready;
    std::condition_variable m_completed_cv;
    std::deque<Batch> m_queue;
    std::size_t m_busy = 0;
    std::size_t m_completed = 0;
    std::size_t m_reported = 0;
    bool m_closing = false;
    std::vector<std::thread> m_workers;
};

} // namespace techpass::bulk
