#include "exit_status.h"

#include "record.h"

namespace qw {

void Outcome::saw(std::string_view level, bool alert, bool failed_before)
{
    if (failed_before)
        failed_ = true;
    const Level l = level_named(level);
    if (alert || l == Level::warning || l == Level::critical)
        alert_ = true;
    else if (l == Level::error || l == Level::unknown)
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
