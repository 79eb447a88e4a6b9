// The OpenRouter parser: the /credits answer alone, and with the /key answer
// after a "---" line.
#include "fuzz_check.h"
#include "providers/openrouter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto p = qw_fuzz::pieces(data, size, 2);
    for (long credits : {200L, 403L, 500L}) {
        std::vector<qw::Record> alone, both;
        qw::parse_openrouter(qw_fuzz::base("openrouter"), {qw_fuzz::answer(credits, p[0])}, alone);
        qw_fuzz::check_records(alone);
        qw::parse_openrouter(qw_fuzz::base("openrouter"),
                             {qw_fuzz::answer(credits, p[0]), qw_fuzz::answer(200, p[1])}, both);
        qw_fuzz::check_records(both);
    }
    return 0;
}
