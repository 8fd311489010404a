#pragma once

// Skipping a test case that cannot run on this machine (a shell that is not
// installed, say) without reporting it as passed.

#include <string>

namespace testsupport {

// The exit status of a run in which a test case was skipped: CTest's
// SKIP_RETURN_CODE for every doctest program of the suite.
inline constexpr int skip_exit_code = 125;

// True when the environment variable CI is set (to anything but empty):
// there nothing may be skipped.
bool in_ci();

// Records that the current test case cannot run because of `reason` and
// prints it; the run then exits 125 (skipped) unless something failed. Under
// CI it is a failure instead. The caller returns from the test case at once.
void skip(const std::string& reason);

// Whether skip() was called in this run.
bool skipped();

} // namespace testsupport
