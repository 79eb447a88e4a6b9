// SmtpChannel (channels/smtp.h): composes the mail, sends it through SMTP
// or sendmail(8), tells each refused recipient, and offers the mail owed to
// a recipient that refused it for now again, to it alone.
#include "channels/smtp.h"

#include "channels/crypto.h"
#include "channels/sendmail.h"
#include "channels/smtp_transport.h"
#include "channels/message.h"
#include "redact.h"
#include "timeutil.h"
#include "warn.h"

#include <algorithm>

namespace qw {

SmtpChannel::SmtpChannel(MailConfig config, DeliveryOptions opts, bool dry_run)
    : config_(std::move(config)), opts_(std::move(opts))
{
    if (!dry_run)
        check_mail_config(config_);
    add_secret(config_.password);
}

void SmtpChannel::build(const std::string& subject, const std::string& body)
{
    Mail m{config_.from, config_.to, subject, body};
    std::string domain = "localhost";
    if (!config_.from.empty()) {
        const std::string a = mail_address(config_.from);
        domain = a.substr(a.find('@') + 1);
    }
    const int64_t t = now();
    std::string stamp = format_rfc3339(t);
    std::string digits;
    for (char c : stamp)
        if (c >= '0' && c <= '9')
            digits += c;
    message_ = mail_message(m, t, "<" + digits + "." + random_hex(8) + "@" + domain + ">");
}

void SmtpChannel::compose(const Report& report)
{
    build(mail_subject(report), mail_body(report, "notify-smtp"));
}

void SmtpChannel::compose_test(const std::string& tool)
{
    build("quotawatch test message", test_text(tool) + "\n");
}

std::string SmtpChannel::describe() const
{
    std::string out;
    if (const std::string sendmail = sendmail_path(config_.url); !sendmail.empty())
        out = sendmail + " -t -oi (the local MTA)\n";
    else
        out = "SMTP " + (config_.url.empty() ? std::string("(SMTP_URL not set)") : config_.url) +
              (config_.url.rfind("smtps://", 0) == 0 ? " (implicit TLS)\n"
               : config_.plain                      ? " (clear text, SMTP_STARTTLS=no)\n"
                                                    : " (STARTTLS required)\n");
    if (!config_.user.empty())
        out += "AUTH as " + config_.user + " (password redacted)\n";
    out += "MAIL FROM:<" + (config_.from.empty() ? std::string() : mail_address(config_.from)) + ">\n";
    for (const std::string& to : config_.to)
        out += "RCPT TO:<" + to + ">\n";
    std::string shown = message_;
    redact(shown, {config_.password});
    for (size_t pos; (pos = shown.find("\r\n")) != std::string::npos;)
        shown.replace(pos, 2, "\n");
    return out + "\n" + shown;
}

Attempt SmtpChannel::send(size_t, long timeout_ms)
{
    deferred_.clear();
    if (const std::string sendmail = sendmail_path(config_.url); !sendmail.empty())
        return sendmail_send(sendmail, message_, timeout_ms, {});
    std::vector<Refusal> refused;
    Attempt a = smtp_send(config_, message_, opts_.cacert, timeout_ms, refused);
    redact(a.error, {config_.password});
    const bool all = refused.size() == config_.to.size();
    if (a.result == Attempt::Result::retry || (a.result == Attempt::Result::failed && !all))
        return a;
    for (const Refusal& r : refused) {
        std::string line = refusal_text(r);
        redact(line, {config_.password});
        if (r.code < 500) {
            deferred_.push_back({0, r.address, message_, 0});
            line += "; offered to it alone again on the next run";
        } else {
            line += "; not retried";
        }
        warn("SMTP " + std::to_string(r.code) + ": " + line +
             (all ? "" : "; the other recipients got the mail"));
        refused_ = true;
    }
    return Attempt{Attempt::Result::sent, -1, ""};
}

Attempt SmtpChannel::resend(const Owed& owed, long timeout_ms)
{
    const std::string what = "the mail owed to " + owed.recipient + " since " +
                             format_rfc3339(owed.since);
    Attempt a;
    std::vector<Refusal> refused;
    if (std::find(config_.to.begin(), config_.to.end(), owed.recipient) == config_.to.end()) {
        a.error = "no longer in MAIL_TO";
    } else if (const std::string sendmail = sendmail_path(config_.url); !sendmail.empty()) {
        a = sendmail_send(sendmail, owed.message, timeout_ms, owed.recipient);
        if (a.result == Attempt::Result::failed)
            a.result = Attempt::Result::retry;       // not the recipient's answer: kept
    } else {
        MailConfig one = config_;
        one.to = {owed.recipient};
        a = smtp_send(one, owed.message, opts_.cacert, timeout_ms, refused);
        redact(a.error, {config_.password});
        if (a.result == Attempt::Result::failed && refused.empty())
            a.result = Attempt::Result::retry;
    }
    if (a.result != Attempt::Result::sent) {
        refused_ = true;
        a.error = what + ": " + a.error;
    }
    return a;
}

}  // namespace qw
