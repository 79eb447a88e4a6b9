// The Moonshot answer parser on any body, with the statuses that matter.
#include "providers/moonshot.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    qw::Record base;
    base.provider = "moonshot";
    base.account = "default";
    for (long status : {200L, 401L, 502L}) {
        qw::HttpResponse a;
        a.status = status;
        a.body.assign(reinterpret_cast<const char*>(data), size);
        std::vector<qw::Record> out;
        qw::parse_moonshot(base, a, "USD", out);
        if (out.size() != 1)
            __builtin_trap();
    }
    return 0;
}
