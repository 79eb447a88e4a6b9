// The one-api / new-api relay parsers (billing and user-stats: the
// subscription, usage and /api/user/self answers, separated by "---" lines;
// token mode) and the accounts file.
#include "fuzz_check.h"
#include "providers/relay.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto p = qw_fuzz::pieces(data, size, 3);
    for (long status : {200L, 401L}) {
        for (long usage_status : {200L, 500L}) {
            for (const char* mode : {"billing", "user-stats"}) {
                qw::RelayOptions o;
                o.mode = mode;
                std::vector<qw::HttpResponse> answers{qw_fuzz::answer(status, p[0]),
                                                      qw_fuzz::answer(usage_status, p[1])};
                std::vector<qw::Record> out;
                qw::parse_relay_billing(qw_fuzz::base("relay"), answers, o, out);
                qw_fuzz::check_records(out);
                answers.push_back(qw_fuzz::answer(200, p[2]));   // /api/user/self
                out.clear();
                qw::parse_relay_billing(qw_fuzz::base("relay"), answers, o, out);
                qw_fuzz::check_records(out);
            }
        }
        std::vector<qw::Record> out;
        std::string whole(reinterpret_cast<const char*>(data), size);
        qw::parse_relay_token(qw_fuzz::base("relay"), qw_fuzz::answer(status, whole), "USD",
                              500000, out);
        qw_fuzz::check_records(out);
    }
    std::vector<qw::RelayAccountLine> lines;
    std::string err;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (!qw::parse_relay_accounts(text, "/etc/quotawatch", "/keys", lines, &err) && err.empty())
        __builtin_trap();
    return 0;
}
