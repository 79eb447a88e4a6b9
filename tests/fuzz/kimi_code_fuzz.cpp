// The Kimi Code /usages parser on any body, and the window namer on any
// length.
#include "fuzz_check.h"
#include "providers/kimi_code.h"

#include <algorithm>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string body(reinterpret_cast<const char*>(data), size);
    for (long status : {200L, 401L, 500L}) {
        std::vector<qw::Record> out;
        qw::parse_kimi_code(qw_fuzz::base("kimi-code"), qw_fuzz::answer(status, body), out);
        qw_fuzz::check_records(out);
    }
    int64_t seconds = 0;
    std::memcpy(&seconds, data, std::min(size, sizeof seconds));
    (void)qw::kimi_code_window(seconds);
    return 0;
}
