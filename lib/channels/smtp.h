// Mail through SMTP (notifiers.md §3): STARTTLS required on smtp:// (clear
// text only when asked for, to loopback or a named host), implicit TLS on
// smtps://, AUTH, or the local MTA's sendmail(8); and a correct RFC 5322
// message: Date, Message-ID, Auto-Submitted, MIME, a quoted-printable UTF-8
// body, an RFC 2047 subject, CRLF lines.
#pragma once
#include "notify_delivery.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qw {

struct MailConfig {
    std::string url;                    // SMTP_URL: smtp://host:587, smtps://host, sendmail[:PATH]
    std::string user, password;         // SMTP_USER and its password; both or neither
    std::string from;                   // MAIL_FROM: "Name <a@example.org>" or the address
    std::vector<std::string> to;        // MAIL_TO: addresses
    bool plain = false;                 // SMTP_STARTTLS=no: smtp:// in clear text
    std::vector<std::string> plain_hosts;  // SMTP_PLAIN_HOSTS: beyond loopback, hosts allowed plain
};

// The sendmail program of SMTP_URL=sendmail[:PATH] (/usr/sbin/sendmail by
// default), or empty for an smtp:// or smtps:// URL.
std::string sendmail_path(const std::string& url);

// The host of an smtp:// or smtps:// URL, without brackets or port.
std::string url_host(const std::string& url);

// SMTP_URL, SMTP_USER, MAIL_FROM and MAIL_TO from the environment, with the
// password read by the caller.
MailConfig mail_config_from_env(std::string password);

// Checks the configuration; throws Error saying what is wrong (never the
// password).
void check_mail_config(const MailConfig& c);

// The address of "Name <a@b>" or "a@b"; throws Error when it is not one
// plain address (no spaces, line breaks, angle brackets or commas).
std::string mail_address(const std::string& text);

// Addresses separated by commas, semicolons or white space.
std::vector<std::string> mail_recipients(const std::string& list);

// "Subject: ..." folded to lines of at most 76 characters: as is when
// printable ASCII and short, else RFC 2047 B encoded-words of whole
// characters, CRLF SPACE between them.
std::string subject_header(const std::string& subject);

// Date: in RFC 5322 form with English names: "Sun, 22 Nov 2026 09:00:00 +0000".
std::string mail_date(int64_t epoch);

struct Mail {
    std::string from;                   // as configured
    std::vector<std::string> to;
    std::string subject;
    std::string body;                   // UTF-8, \n line ends
};

// The whole message with CRLF line ends, ready for the SMTP DATA phase.
std::string mail_message(const Mail& m, int64_t now, const std::string& message_id);


class SmtpChannel : public Channel {
public:
    SmtpChannel(MailConfig config, DeliveryOptions opts, bool dry_run);
    void compose(const Report& report) override;
    void compose_test(const std::string& tool) override;
    size_t pieces() const override { return message_.empty() ? 0 : 1; }
    std::string describe() const override;
    // A recipient refused with 4xx is deferred; with 5xx, told and not
    // retried.  When every recipient refused, some with 5xx, the mail is
    // done with all the same (nobody is retried but the 4xx ones, later).
    Attempt send(size_t piece, long timeout_ms) override;
    // Whether a recipient refused the mail, or an owed mail was not taken.
    bool refused() const override { return refused_; }
    std::vector<Owed> deferred() const override { return deferred_; }
    // Through the configured route, to the recipient alone; only a 5xx
    // refusal or a recipient gone from MAIL_TO drops the mail.
    Attempt resend(const Owed& owed, long timeout_ms) override;

private:
    void build(const std::string& subject, const std::string& body);
    MailConfig config_;
    DeliveryOptions opts_;
    std::string message_;
    bool refused_ = false;
    std::vector<Owed> deferred_;
};

}  // namespace qw
