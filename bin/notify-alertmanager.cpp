// notify-alertmanager: verdicts through to stdout, each bad series an alert
// posted to every member of an Alertmanager cluster, resolved when it recovers.
#include "channels/alertmanager.h"
#include "error.h"
#include "timeutil.h"
#include "tool/notify_tool.h"
#include "tool/tool.h"

#include <cstdlib>

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options(
        "notify-alertmanager",
        "pass verdicts through and post each bad series as an alert to Alertmanager");
    qw::add_notify_options(opts, false);      // no --when, no --repeat: Alertmanager decides
    opts.add_options()
        ("password-file", "read ALERTMANAGER_PASSWORD from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE")
        ("token-file", "read ALERTMANAGER_BEARER_TOKEN from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE")
        ("url-file", "read ALERTMANAGER_URL from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE")
        ("valid-for", "a firing alert lasts DURATION unless sent again "
                      "(default: three times the interval since the last run)",
         cxxopts::value<std::string>(), "DURATION");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    int64_t valid_for = 0;
    if (args.count("valid-for")) {
        const std::string v = args["valid-for"].as<std::string>();
        auto d = qw::parse_duration(v);
        if (!d || *d <= 0)
            throw qw::Error("--valid-for: \"" + v + "\" is not a duration such as 3h or 36h");
        valid_for = *d;
    }
    qw::NotifySettings s = qw::notify_settings(args, "notify-alertmanager", "alertmanager", false);
    return qw::run_notify(s, [&]() -> std::unique_ptr<qw::Channel> {
        const std::string urls = qw::notify_secret(
            "alertmanager-url", "ALERTMANAGER_URL", qw::option_text(args, "url-file"), true,
            "no Alertmanager: set ALERTMANAGER_URL or use --url-file");
        const char* user = std::getenv("ALERTMANAGER_USER");
        const std::string auth = qw::alertmanager_auth(
            qw::notify_secret("alertmanager-token", "ALERTMANAGER_BEARER_TOKEN",
                              qw::option_text(args, "token-file"), false, ""),
            user ? user : "",
            qw::notify_secret("alertmanager-password", "ALERTMANAGER_PASSWORD",
                              qw::option_text(args, "password-file"), false, ""));
        return std::make_unique<qw::AlertmanagerChannel>(qw::alertmanager_urls(urls), auth,
                                                         valid_for, s.delivery);
    });
}

int main(int argc, char** argv)
{
    return qw::run_tool("notify-alertmanager", argc, argv, run);
}
