// What the channels and fetchers read back from a server: the Discord and
// Feishu answers, the shared error-body and paging readers.  Every reason
// is one line, and a failure always says why.
#include "channels/discord.h"
#include "channels/feishu.h"
#include "fetch.h"
#include "fuzz_check.h"

namespace {

void one_line(const std::string& s)
{
    if (s.find_first_of("\r\n") != std::string::npos)
        __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string body(reinterpret_cast<const char*>(data), size);
    for (long status : {200L, 204L, 400L, 404L, 429L, 503L}) {
        qw::HttpResponse a = qw_fuzz::answer(status, body);
        a.retry_after = body.substr(0, 16);
        for (const qw::Attempt& t : {qw::discord_outcome(a), qw::feishu_outcome(a)}) {
            one_line(t.error);
            if (t.result == qw::Attempt::Result::failed && t.error.empty())
                __builtin_trap();
        }
        one_line(qw::http_problem(a));
        std::vector<qw::HttpResponse> pages{a};
        (void)qw::next_page_cursor(pages);
    }
    one_line(qw::body_message(body));
    return 0;
}
