#include "support/skip.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

namespace testsupport {

namespace {
bool g_skipped = false;
}

bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && *ci != '\0';
}

void skip(const std::string& reason) {
    if (in_ci()) {
        FAIL_CHECK("cannot run under CI, where nothing may be skipped: " << reason);
        return;
    }
    g_skipped = true;
    MESSAGE("SKIPPED: " << reason);
}

bool skipped() {
    return g_skipped;
}

} // namespace testsupport
