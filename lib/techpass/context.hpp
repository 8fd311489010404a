#pragma once

// The run's injected dependencies: library code reaches the environment, the
// clock, the terminal and the network only through these interfaces, so unit
// tests run without a process, a terminal or a network.

#include <chrono>
#include <initializer_list>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace techpass {

// Read access to environment variables.
class Environment {
public:
    virtual ~Environment() = default;
    virtual std::optional<std::string> get(const std::string& name) const = 0;
};

// The process environment (getenv).
class SystemEnvironment final : public Environment {
public:
    std::optional<std::string> get(const std::string& name) const override;
};

// A fixed set of variables, for tests.
class MapEnvironment final : public Environment {
public:
    MapEnvironment() = default;
    explicit MapEnvironment(std::map<std::string, std::string> vars) : m_vars(std::move(vars)) {}
    // MapEnvironment({{"CI", "true"}}) in tests.
    MapEnvironment(std::initializer_list<std::pair<const std::string, std::string>> vars)
        : m_vars(vars) {}
    std::optional<std::string> get(const std::string& name) const override;
    void set(const std::string& name, std::string value) { m_vars[name] = std::move(value); }

private:
    std::map<std::string, std::string> m_vars;
};

// Wall-clock time and sleeping, so retries, pacing and token expiry can be tested.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
    // A monotonic reading for measuring intervals.
    virtual std::chrono::steady_clock::time_point steady_now() const = 0;
    virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point now() const override;
    std::chrono::steady_clock::time_point steady_now() const override;
    void sleep_for(std::chrono::milliseconds duration) override;
};

// A clock that only moves when told to (sleep_for advances it).
class FakeClock final : public Clock {
public:
    std::chrono::system_clock::time_point now() const override { return m_now; }
    std::chrono::steady_clock::time_point steady_now() const override { return m_steady; }
    void sleep_for(std::chrono::milliseconds duration) override { advance(duration); }
    void advance(std::chrono::milliseconds duration) {
        m_now += duration;
        m_steady += duration;
        m_slept += duration;
    }
    std::chrono::milliseconds slept() const { return m_slept; }

private:
    std::chrono::system_clock::time_point m_now{std::chrono::seconds(1'800'000'000)};
    std::chrono::steady_clock::time_point m_steady{};
    std::chrono::milliseconds m_slept{0};
};

// The standard streams and what they are connected to.
struct Terminal {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    bool in_tty = false;
    bool out_tty = false;
    bool err_tty = false;
    int width = 80; // columns of the terminal, when out_tty
};

// Whether the run may be interactive (prompts, colour, progress): only on a
// terminal, and never with --no-input, NO_COLOR (colour only) or CI set.
struct Interactivity {
    bool prompts = false;  // may ask questions on the terminal
    bool colour = false;   // may colour stdout/stderr
    bool progress = false; // may draw progress bars on stderr
};

} // namespace techpass
