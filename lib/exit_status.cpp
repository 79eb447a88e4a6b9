#include "exit_status.h"

namespace qw {

void Outcome::saw(std::string_view level, bool alert, bool failed_before)
{
    if (failed_before)
        failed_ = true;
    if (alert || level == "warning" || level == "critical")
        alert_ = true;
    else if (level == "error" || level == "unknown")
        problem_ = true;
}

Exit Outcome::status() const
{
    if (failed_)
        return Exit::error;
    if (alert_)
        return Exit::alert;
    if (problem_)
        return Exit::error;
    return Exit::ok;
}

}  // namespace qw
