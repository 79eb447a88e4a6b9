// The notifiers' messages: verdict lines (one per line of the input) to a
// report under each --when, then every composer.  Each message must be one
// the channel accepts: JSON that parses, Discord pieces within 2,000 UTF-16
// units, a mail in CRLF lines.
#include "channels/discord.h"
#include "channels/feishu.h"
#include "channels/feishu_report.h"
#include "channels/smtp.h"
#include "fuzz_check.h"
#include "json.h"
#include "notify.h"
#include "channels/message.h"

namespace {

void check_json(const std::string& text)
{
    qw::Json j;
    std::string err;
    if (!qw::parse_json(text, j, &err))
        __builtin_trap();
}

void check_mail(const std::string& m)
{
    for (size_t i = 0; i < m.size(); ++i)
        if ((m[i] == '\n' && (i == 0 || m[i - 1] != '\r')) ||
            (m[i] == '\r' && (i + 1 == m.size() || m[i + 1] != '\n')))
            __builtin_trap();
}

void compose(const qw::Report& report)
{
    for (bool markdown : {false, true})
        for (const std::string& note : qw::report_notes(report, markdown))
            if (note.find('\n') != std::string::npos)
                __builtin_trap();
    for (const std::string& piece : qw::discord_split(qw::discord_text(report))) {
        if (piece.empty() || qw::utf16_length(piece) > 2000)
            __builtin_trap();
        check_json(qw::discord_body(piece));
    }
    const qw::FeishuPost post = qw::feishu_report(report);
    check_json(qw::feishu_post_body(post, "fuzz-secret", "1795338000"));
    (void)qw::total_line(report);
    qw::Mail mail{"Quota Watch <qw@example.org>", {"ops@example.org"}, qw::mail_subject(report),
                  qw::mail_body(report, "notify-smtp")};
    check_mail(qw::mail_message(mail, report.now, "<1.2@example.org>"));
    for (const qw::Item& item : report.items)
        (void)qw::value_text(item.record);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const int64_t now = 1795338000;              // 2026-11-22T09:00:00Z
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<qw::Record> records;
    qw::Memory memory;
    for (size_t start = 0; start < text.size();) {
        size_t end = std::min(text.find('\n', start), text.size());
        qw::Record r;
        std::string err;
        if (qw::parse_record(text.substr(start, end - start), r, &err)) {
            if (records.size() % 2)
                memory.series[qw::series_key(r)] = {"warning", now - 7200, records.size() % 4 == 1,
                                                    "reset"};
            records.push_back(std::move(r));
        }
        start = end + 1;
    }
    memory.last_sent = records.empty() ? 0 : now - 3600;
    for (qw::When when : {qw::When::always, qw::When::alert, qw::When::change}) {
        qw::Report report = qw::decide(records, memory, when, 3600, now);
        for (size_t i = 0; i < report.items.size(); i += 2)
            report.items[i].usage = qw::Usage{report.items[i].record.used.value_or(1.5),
                                              static_cast<int64_t>(i) * 4321};
        compose(report);
    }
    return 0;
}
