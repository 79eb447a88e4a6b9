// notify-discord: verdicts through to stdout, one summary to a Discord webhook.
#include "channels/discord.h"
#include "tool/notify_tool.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("notify-discord",
                                 "pass verdicts through and post one summary to Discord");
    qw::add_notify_options(opts);
    opts.add_options()
        ("webhook-file", "read the webhook URL from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    const qw::NotifySettings s = qw::notify_settings(args, "notify-discord", "discord");
    return qw::run_notify(s, [&]() -> std::unique_ptr<qw::Channel> {
        const std::string url = qw::notify_secret(
            "discord-webhook", "DISCORD_WEBHOOK_URL", qw::option_text(args, "webhook-file"),
            !s.dry_run, "no webhook: set DISCORD_WEBHOOK_URL or use --webhook-file");
        return std::make_unique<qw::DiscordChannel>(url, s.delivery);
    });
}

int main(int argc, char** argv)
{
    return qw::run_tool("notify-discord", argc, argv, run);
}
