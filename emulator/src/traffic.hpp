#pragma once

// Test controls that shape traffic on the API routes: a token-bucket rate
// limit per API key, and seeded fault injection. Both live in memory only;
// they are switched on and off through /_emulator/ and reset at restart.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu {

// A token bucket: requests_per_second refill, burst capacity.
struct RateLimit {
    double requests_per_second = 1.0;
    double burst = 1.0;
};

// Which requests get which fault. A fault is drawn per eligible request from
// (seed, index of the request since the plan was set), so the same requests
// in the same order get the same faults on every run.
struct FaultPlan {
    std::uint64_t seed = 0;
    double fraction = 0.0; // share of eligible requests that get a fault
    // "latency", "500", "502", "503", "429", "drop" (before the work: the
    // connection closes mid-answer), "lost" (after it: the work is done and
    // committed, the answer is dropped the same way)
    std::vector<std::string> kinds;
    int latency_ms = 1000;
    std::string path_prefix; // empty: the API routes only
};

// The fault kinds a FaultPlan may name.
inline const std::vector<std::string> k_fault_kinds = {"latency", "500",  "502", "503",
                                                       "429",     "drop", "lost"};

// Thread-safe: the server's worker threads consult it on every request.
class Traffic {
public:
    // Sets (or with nullopt removes) the limit; every bucket starts full.
    void set_rate_limit(std::optional<RateLimit> limit);
    std::optional<RateLimit> rate_limit() const;
    // Takes one token from the bucket of key; nullopt when the request may
    // pass, else the whole seconds (>= 1) after which it may be retried.
    std::optional<int> take(const std::string& key);

    // Sets (or with nullopt removes) the plan; drawing restarts at request 0.
    void set_faults(std::optional<FaultPlan> plan);
    std::optional<FaultPlan> faults() const;
    // The fault for a request to path ("" for none). is_api tells whether the
    // path is an Automation API route, the default target of a plan.
    std::string draw_fault(std::string_view path, bool is_api);

private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point updated;
    };
    mutable std::mutex m_mutex;
    std::optional<RateLimit> m_limit;
    std::map<std::string, Bucket> m_buckets;
    std::optional<FaultPlan> m_plan;
    std::uint64_t m_drawn = 0;
};

} // namespace emu
