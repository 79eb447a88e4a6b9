// The SiliconFlow user-info parser on any body.
#include "fuzz_check.h"
#include "providers/siliconflow.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string body(reinterpret_cast<const char*>(data), size);
    for (long status : {200L, 401L, 500L}) {
        std::vector<qw::Record> out;
        qw::parse_siliconflow(qw_fuzz::base("siliconflow"), qw_fuzz::answer(status, body), "CNY",
                              out);
        qw_fuzz::check_records(out);
    }
    return 0;
}
