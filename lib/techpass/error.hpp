#pragma once

#include <stdexcept>
#include <string>

namespace techpass {

// What kind of failure an Error is; each kind has one documented exit code.
enum class ErrorKind {
    Unexpected,  // 1: a bug or an unforeseen condition
    Usage,       // 2: bad flags, arguments or input; nothing was sent
    Config,      // 3: configuration or credentials are missing or invalid
    Auth,        // 4: the portal refused the identity (401) or the right (403)
    NotFound,    // 5: the object does not exist
    Conflict,    // 6: the object exists already or the change conflicts
    Partial,     // 7: some entries of a bulk or batch operation failed
    Network,     // 8: network, timeout or server failure after retries
    RateLimited, // 9: still rate-limited after retries
    PlanChanges, // 10: plan --detailed-exitcode found changes; users forecast found some
    Interrupted, // 130: stopped by Ctrl-C or SIGTERM
};

// The exit code of a kind, as documented in techpass(1) EXIT STATUS.
int exit_code(ErrorKind kind);

// The one error type of techpass: what failed and why (message), what to do
// next (hint), and the portal's error code and traceId when it answered.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string message, std::string hint = {});

    ErrorKind kind() const { return m_kind; }
    const std::string& hint() const { return m_hint; }
    int portal_code() const { return m_portal_code; }
    const std::string& trace_id() const { return m_trace_id; }

    // Records what the portal said; returns *this for chaining.
    Error& with_portal(int code, std::string trace_id);
    Error& with_hint(std::string hint);

private:
    ErrorKind m_kind;
    std::string m_hint;
    int m_portal_code = 0;
    std::string m_trace_id;
};

} // namespace techpass
