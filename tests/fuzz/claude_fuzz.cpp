// Claude: the OAuth usage parser, the admin cost report's pages (separated
// by "---" lines), and Claude Code's credentials file.
#include "fuzz_check.h"
#include "providers/claude.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const int64_t now = 1795338000;              // 2026-11-22T09:00:00Z
    std::string body(reinterpret_cast<const char*>(data), size);
    for (long status : {200L, 401L, 429L}) {
        std::vector<qw::Record> usage;
        qw::parse_claude_usage(qw_fuzz::base("claude"), qw_fuzz::answer(status, body), usage);
        qw_fuzz::check_records(usage);
    }
    std::vector<qw::HttpResponse> pages;
    for (std::string& page : qw_fuzz::pieces(data, size, 3))
        pages.push_back(qw_fuzz::answer(200, std::move(page)));
    for (size_t n = 1; n <= pages.size(); ++n) {
        std::vector<qw::Record> costs;
        qw::parse_anthropic_costs(qw_fuzz::base("anthropic"),
                                  std::vector<qw::HttpResponse>(pages.begin(), pages.begin() + n),
                                  now, costs);
        qw_fuzz::check_records(costs);
    }
    qw::Account a{"default", body, ""};
    qw::claude_token(a, now);
    if (!body.empty() && a.secret.empty() == a.error.empty())
        __builtin_trap();
    return 0;
}
