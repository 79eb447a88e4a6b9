// The MiniMax parser: the coding-plan answer and the balance answer,
// separated by a "---" line, under each pair of statuses.
#include "fuzz_check.h"
#include "providers/minimax.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto p = qw_fuzz::pieces(data, size, 2);
    for (long plan : {200L, 401L, 500L}) {
        for (long balance : {200L, 403L}) {
            std::vector<qw::Record> out;
            qw::parse_minimax(qw_fuzz::base("minimax"), qw_fuzz::answer(plan, p[0]),
                              qw_fuzz::answer(balance, p[1]), "USD", out);
            qw_fuzz::check_records(out);
        }
    }
    return 0;
}
