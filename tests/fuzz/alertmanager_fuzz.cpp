// notify-alertmanager: a member's answer under each status (every failure
// says why, in one line), and the body built from verdict lines (one per
// line of the input) over a memory: JSON that parses, an array of alerts
// with labels, each ending no sooner than it starts.
#include "channels/alertmanager.h"
#include "fuzz_check.h"
#include "json.h"
#include "notify.h"
#include "timeutil.h"

namespace {

void check_body(const std::string& body)
{
    if (body.empty())
        return;
    qw::Json j;
    std::string err;
    if (!qw::parse_json(body, j, &err) || !j.is_array() || j.items.empty())
        __builtin_trap();
    for (const qw::Json& a : j.items) {
        const qw::Json* labels = a.get("labels");
        const qw::Json* starts = a.get("startsAt");
        const qw::Json* ends = a.get("endsAt");
        if (!labels || !labels->get("alertname") || !starts || !ends)
            __builtin_trap();
        if (qw::parse_rfc3339(*ends->as_string()) < qw::parse_rfc3339(*starts->as_string()))
            __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const int64_t now = 1795338000;              // 2026-11-22T09:00:00Z
    std::string text(reinterpret_cast<const char*>(data), size);
    for (long status : {0L, 200L, 400L, 401L, 404L, 500L, 503L}) {
        qw::HttpResponse a = qw_fuzz::answer(status, text);
        const qw::Attempt t = qw::alertmanager_outcome(a);
        if (t.error.find_first_of("\r\n") != std::string::npos ||
            (t.result != qw::Attempt::Result::sent && t.error.empty()))
            __builtin_trap();
    }
    std::vector<qw::Record> records;
    qw::Memory memory;
    for (size_t start = 0; start < text.size();) {
        size_t end = std::min(text.find('\n', start), text.size());
        qw::Record r;
        std::string err;
        if (qw::parse_record(std::string_view(text).substr(start, end - start), r, &err)) {
            if (records.size() % 2)
                memory.series[qw::series_key(r)] = {records.size() % 4 == 1 ? "warning" : "critical",
                                                    now - 7200, false, "", 0,
                                                    now - 3600 * static_cast<int64_t>(records.size())};
            records.push_back(std::move(r));
        }
        start = end + 1;
    }
    memory.last_sent = records.empty() ? 0 : now - 3600;
    const qw::Report report = qw::decide(records, memory, qw::When::always, 0, now);
    for (int64_t valid_for : {int64_t{0}, int64_t{60}})
        check_body(qw::alertmanager_body(
            report, qw::alert_validity(valid_for, report.now, report.last_sent)));
    return 0;
}
