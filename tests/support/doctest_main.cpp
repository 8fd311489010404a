// The main of every doctest program in the suite. On top of doctest's own
// main it refuses two ways for a test to pass without testing anything:
//   - a run that executes no test case fails (exit 1), so a CTest entry whose
//     filter matches nothing, or a program with no tests, is a failure;
//   - a test case that cannot run here calls testsupport::skip(), which makes
//     the run exit 125 (CTest's SKIP_RETURN_CODE), or fails when CI is set.
// Listing (--list-test-cases) and --help exit as doctest decides.

#define DOCTEST_CONFIG_IMPLEMENT
#include "support/skip.hpp"

#include <doctest/doctest.h>

#include <cstdio>

namespace {

unsigned g_test_cases_run = 0;
bool g_run_ended = false;

// Counts the test cases that passed the filters and ran.
struct RunCounter : doctest::IReporter {
    explicit RunCounter(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override {
        g_run_ended = true;
        g_test_cases_run = stats.numTestCasesPassingFilters;
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("run-counter", 1, RunCounter);

} // namespace

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int status = context.run();
    if (context.shouldExit() || !g_run_ended) {
        return status;
    }
    if (status != 0) {
        return status;
    }
    if (g_test_cases_run == 0) {
        std::fputs("error: no test case ran: the filter matches no TEST_CASE, so this run "
                   "tests nothing\n",
                   stderr);
        return 1;
    }
    if (testsupport::skipped()) {
        std::fputs("skipped: a test case could not run here (see SKIPPED above)\n", stderr);
        return testsupport::skip_exit_code;
    }
    return status;
}
