#include "hours.h"

#include <algorithm>

namespace qw {

int64_t HourTally::hour_of(int64_t t)
{
    return t - ((t % 3600) + 3600) % 3600;
}

void HourTally::add(int64_t t, double v, double used, std::string_view event)
{
    if (samples++ == 0) {
        hour = hour_of(t);
        first_t = t, first = lo = hi = v;
        entry = used;
        entry_event = event;
    } else {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        usage += used;
        if (event == "reset")
            ++resets, reset_t = t;
        else if (event == "topup")
            ++topups, topup_t = t;
    }
    last_t = t, last = v;
}

}  // namespace qw
