// The GLM / z.ai quota-window and BigModel wallet parsers on any body.
#include "fuzz_check.h"
#include "providers/glm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string body(reinterpret_cast<const char*>(data), size);
    for (long status : {200L, 401L, 500L}) {
        std::vector<qw::Record> quota, wallet;
        qw::parse_glm_quota(qw_fuzz::base("glm"), qw_fuzz::answer(status, body), quota);
        qw_fuzz::check_records(quota);
        qw::parse_glm_wallet(qw_fuzz::base("glm"), qw_fuzz::answer(status, body), wallet);
        qw_fuzz::check_records(wallet);
    }
    return 0;
}
