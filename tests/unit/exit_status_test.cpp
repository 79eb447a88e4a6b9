#include "exit_status.h"

#include <doctest/doctest.h>

using namespace qw;

TEST_CASE("the exit status of DESIGN.md section 3")
{
    Outcome none;
    none.saw("ok", false, false);
    none.saw("info", false, false);
    CHECK(none.status() == Exit::ok);

    Outcome problem;
    problem.saw("error", false, false);
    CHECK(problem.status() == Exit::error);

    Outcome marked;                              // evaluate --alert-on reset, level ok
    marked.saw("ok", true, false);
    CHECK(marked.status() == Exit::alert);

    Outcome both;                                // an alert wins over a problem in the input
    both.saw("unknown", false, false);
    both.saw("warning", false, false);
    CHECK(both.status() == Exit::alert);

    Outcome failed;                              // the tool's own failure wins over all
    failed.saw("critical", true, false);
    failed.failed();
    CHECK(failed.status() == Exit::error);

    Outcome before;                              // an earlier stage's failure wins over an alert
    before.saw("warning", false, false);
    before.saw("ok", false, true);
    CHECK(before.status() == Exit::error);
}
