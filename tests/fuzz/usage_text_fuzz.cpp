// The pasted /usage panel and the seven numbers of --manual, on any text.
#include "error.h"
#include "fuzz_check.h"
#include "providers/usage_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const int64_t now = 1795338000;              // 2026-11-22T09:00:00Z
    std::string err;
    std::vector<qw::Record> panel, manual;
    if (qw::parse_usage_text(text, qw_fuzz::base("kimi-code"), now, panel, &err))
        qw_fuzz::check_records(panel);
    else if (err.empty())
        __builtin_trap();
    err.clear();
    if (qw::parse_manual(text, qw_fuzz::base("kimi-code"), now, manual, &err))
        qw_fuzz::check_records(manual, 2);
    else if (err.empty())
        __builtin_trap();
    if (auto s = qw::parse_reset_in(text); s && *s < 0)
        __builtin_trap();
    for (bool m : {false, true}) {
        try {
            qw_fuzz::check_records(qw::kimi_code_from_text(text, m, now));
        } catch (const qw::Error&) {
        }
    }
    return 0;
}
