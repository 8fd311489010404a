#include "techpass/error.hpp"

namespace techpass {

int exit_code(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::Unexpected:
        return 1;
    case ErrorKind::Usage:
        return 2;
    case ErrorKind::Config:
        return 3;
    case ErrorKind::Auth:
        return 4;
    case ErrorKind::NotFound:
        return 5;
    case ErrorKind::Conflict:
        return 6;
    case ErrorKind::Partial:
        return 7;
    case ErrorKind::Network:
        return 8;
    case ErrorKind::RateLimited:
        return 9;
    case ErrorKind::PlanChanges:
        return 10;
    case ErrorKind::Interrupted:
        return 130;
    }
    return 1;
}

Error::Error(ErrorKind kind, std::string message, std::string hint)
    : std::runtime_error(std::move(message)), m_kind(kind), m_hint(std::move(hint)) {}

Error& Error::with_portal(int code, std::string trace_id) {
    m_portal_code = code;
    m_trace_id = std::move(trace_id);
    return *this;
}

Error& Error::with_hint(std::string hint) {
    m_hint = std::move(hint);
    return *this;
}

} // namespace techpass
