// notify-feishu: verdicts through to stdout, seed 002's report to a Feishu or
// Lark bot, signed when FEISHU_SECRET is set.
#include "channels/feishu.h"
#include "tool/notify_tool.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("notify-feishu",
                                 "pass verdicts through and send one report to a Feishu/Lark bot");
    qw::add_notify_options(opts);
    opts.add_options()
        ("secret-file", "read the bot's signing secret from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE")
        ("webhook-file", "read the webhook URL from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    const qw::NotifySettings s = qw::notify_settings(args, "notify-feishu", "feishu");
    return qw::run_notify(s, [&]() -> std::unique_ptr<qw::Channel> {
        const std::string url = qw::notify_secret(
            "feishu-webhook", "FEISHU_WEBHOOK_URL", qw::option_text(args, "webhook-file"),
            !s.dry_run, "no webhook: set FEISHU_WEBHOOK_URL or use --webhook-file");
        const std::string secret = qw::notify_secret(
            "feishu-secret", "FEISHU_SECRET", qw::option_text(args, "secret-file"), false, "");
        return std::make_unique<qw::FeishuChannel>(url, secret, s.delivery);
    });
}

int main(int argc, char** argv)
{
    return qw::run_tool("notify-feishu", argc, argv, run);
}
