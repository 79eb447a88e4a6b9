// The DeepSeek balance parser on any body.
#include "fuzz_check.h"
#include "providers/deepseek.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string body(reinterpret_cast<const char*>(data), size);
    for (long status : {200L, 401L, 500L}) {
        std::vector<qw::Record> out;
        qw::parse_deepseek(qw_fuzz::base("deepseek"), qw_fuzz::answer(status, body), out);
        qw_fuzz::check_records(out);
    }
    return 0;
}
