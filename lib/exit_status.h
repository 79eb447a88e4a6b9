// Exit status of every tool (DESIGN.md §3): 0 ok, 1 error, 2 alert.
#pragma once
#include <string_view>

namespace qw {

enum class Exit { ok = 0, error = 1, alert = 2 };

// Collects what a tool saw and answers with the status of DESIGN.md §3:
// its own failure or an earlier stage's first, then an alert, then a
// problem in the input.
class Outcome {
public:
    void failed() { failed_ = true; }            // the tool could not do its job
    void problem() { problem_ = true; }          // bad line, error/unknown verdict
    // classify a verdict: its level, whether evaluate --alert-on marked it,
    // and whether an earlier stage marked it failed (marks_failure in record.h)
    void saw(std::string_view level, bool alert, bool failed_before);
    Exit status() const;

private:
    bool failed_ = false;
    bool alert_ = false;
    bool problem_ = false;
};

}  // namespace qw
