// notify-smtp: verdicts through to stdout, one mail per run over SMTP with
// STARTTLS (smtp://) or implicit TLS (smtps://), or through sendmail(8);
// exit 1 while a recipient is refused.
#include "channels/smtp.h"
#include "tool/notify_tool.h"
#include "tool/tool.h"

#include <cstdlib>

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("notify-smtp", "pass verdicts through and send one mail");
    qw::add_notify_options(opts);
    opts.add_options()
        ("password-file", "read the SMTP password from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    const qw::NotifySettings s = qw::notify_settings(args, "notify-smtp", "smtp");
    return qw::run_notify(s, [&]() -> std::unique_ptr<qw::Channel> {
        std::string file = qw::option_text(args, "password-file");
        if (const char* f = std::getenv("SMTP_PASSWORD_FILE"); file.empty() && f)
            file = f;
        const std::string password =
            qw::notify_secret("smtp-password", "SMTP_PASSWORD", file, false, "");
        return std::make_unique<qw::SmtpChannel>(qw::mail_config_from_env(password), s.delivery,
                                                 s.dry_run);
    });
}

int main(int argc, char** argv)
{
    return qw::run_tool("notify-smtp", argc, argv, run);
}
