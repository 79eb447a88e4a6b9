#include "channels/quoted_printable.h"
#include "channels/smtp.h"
#include "channels/smtp_transport.h"

#include "error.h"

#include <doctest/doctest.h>


using namespace qw;

namespace {

std::vector<std::string> crlf_lines(const std::string& text)
{
    std::vector<std::string> out;
    size_t pos = 0;
    for (size_t end; (end = text.find("\r\n", pos)) != std::string::npos; pos = end + 2)
        out.push_back(text.substr(pos, end - pos));
    CHECK(pos == text.size());                   // ends with CRLF
    return out;
}

std::string error_of(const MailConfig& c)
{
    try {
        check_mail_config(c);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

MailConfig good()
{
    MailConfig c;
    c.url = "smtp://mail.example.org:587";
    c.user = "bot@example.org";
    c.password = "app-password";
    c.from = "Quota Bot <bot@example.org>";
    c.to = {"ops@example.org"};
    return c;
}

}  // namespace

TEST_CASE("RFC 2047: the worked vector, and ASCII left alone")
{
    CHECK(subject_header("磁盘告警: 使用率 95%") ==
          "Subject: =?UTF-8?B?56OB55uY5ZGK6K2mOiDkvb/nlKjnjocgOTUl?=");
    CHECK(subject_header("Kimi credits low!") == "Subject: Kimi credits low!");
}

TEST_CASE("a long UTF-8 subject folds into encoded-words of whole characters")
{
    std::string subject;
    for (int i = 0; i < 40; ++i)
        subject += "余额";
    const std::string h = subject_header(subject) + "\r\n";
    auto lines = crlf_lines(h);
    REQUIRE(lines.size() > 2);
    CHECK(lines[0].rfind("Subject: =?UTF-8?B?", 0) == 0);
    for (size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].size() <= 76);
        if (i > 0)
            CHECK(lines[i].rfind(" =?UTF-8?B?", 0) == 0);
        // 39 bytes in the first word and 45 in the others: whole 3-byte characters
        const size_t b64 = lines[i].size() - lines[i].find("?B?") - 5;
        if (i + 1 < lines.size())
            CHECK(b64 == (i == 0 ? 52u : 60u));
    }
}

TEST_CASE("Date in RFC 5322 form with English names")
{
    CHECK(mail_date(1795338000) == "Sun, 22 Nov 2026 09:00:00 +0000");
    CHECK(mail_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST_CASE("the message: headers, a blank line, quoted-printable lines of 76, CRLF everywhere")
{
    Mail m{"Quota Bot <bot@example.org>", {"ops@example.org", "oncall@example.org"},
           "⚠️ Kimi credits low!", "⚠️ Kimi credits low!\n\n  Kimi: $4.20\n"};
    const std::string msg = mail_message(m, 1795338000, "<1.2@example.org>");
    auto lines = crlf_lines(msg);
    REQUIRE(lines.size() >= 10);
    CHECK(lines[0] == "Date: Sun, 22 Nov 2026 09:00:00 +0000");
    CHECK(lines[1] == "From: \"Quota Bot\" <bot@example.org>");
    CHECK(lines[2] == "To: ops@example.org, oncall@example.org");
    CHECK(lines[3].rfind("Subject: =?UTF-8?B?", 0) == 0);
    CHECK(lines[4] == "Message-ID: <1.2@example.org>");
    CHECK(lines[5] == "Auto-Submitted: auto-generated");
    CHECK(lines[6] == "MIME-Version: 1.0");
    CHECK(lines[7] == "Content-Type: text/plain; charset=UTF-8");
    CHECK(lines[8] == "Content-Transfer-Encoding: quoted-printable");
    CHECK(lines[9].empty());
    CHECK(lines[12] == "  Kimi: $4.20");
    for (size_t i = 10; i < lines.size(); ++i)
        CHECK(lines[i].size() <= 76);
    CHECK(msg.find('\n') == msg.find("\r\n") + 1);
}

TEST_CASE("display names: quoted when ASCII, encoded when not, address untouched")
{
    Mail m{"值班机器人 <bot@example.org>", {"ops@example.org"}, "s", "b"};
    auto lines = crlf_lines(mail_message(m, 0, "<x@example.org>"));
    CHECK(lines[1].rfind("From: =?UTF-8?B?", 0) == 0);
    CHECK(lines[1].substr(lines[1].size() - 18) == " <bot@example.org>");
    Mail plain{"bot@example.org", {"ops@example.org"}, "s", "b"};
    CHECK(crlf_lines(mail_message(plain, 0, "<x@example.org>"))[1] == "From: bot@example.org");
    Mail quoted{"Ops \"A\" <bot@example.org>", {"ops@example.org"}, "s", "b"};
    CHECK(crlf_lines(mail_message(quoted, 0, "<x@example.org>"))[1] ==
          "From: \"Ops \\\"A\\\"\" <bot@example.org>");
}

TEST_CASE("many recipients fold the To header")
{
    std::vector<std::string> to;
    for (int i = 0; i < 10; ++i)
        to.push_back("someone-" + std::to_string(i) + "@example.org");
    Mail m{"bot@example.org", to, "s", "b"};
    auto lines = crlf_lines(mail_message(m, 0, "<x@example.org>"));
    CHECK(lines[2].rfind("To: someone-0@example.org,", 0) == 0);
    size_t i = 3;
    for (; lines[i].rfind(" ", 0) == 0; ++i)
        CHECK(lines[i].size() <= 78);
    CHECK(i > 3);
    CHECK(lines[2].size() <= 78);
}

TEST_CASE("addresses: plain ones only, so no header can be injected")
{
    CHECK(mail_address("ops@example.org") == "ops@example.org");
    CHECK(mail_address("Ops <ops@example.org>") == "ops@example.org");
    CHECK_THROWS(mail_address("ops"));
    CHECK_THROWS(mail_address("a@b@c"));
    CHECK_THROWS(mail_address("ops@example.org\r\nBcc: x@evil.example"));
    CHECK_THROWS(mail_address("<ops@example.org"));
    CHECK(mail_recipients("a@example.org, b@example.org;c@example.org  d@example.org") ==
          std::vector<std::string>{"a@example.org", "b@example.org", "c@example.org", "d@example.org"});
    CHECK(mail_recipients("").empty());
    CHECK_THROWS(mail_recipients("a@example.org, nobody"));
}

TEST_CASE("the configuration is checked, never showing the password")
{
    CHECK(error_of(good()).empty());
    MailConfig c = good();
    c.url = "http://mail.example.org";
    CHECK(error_of(c) == "SMTP_URL: not smtp://host[:port], smtps://host[:port] or sendmail[:PATH]");
    c.url = "smtps://bot:app-password@mail.example.org";
    CHECK(error_of(c) == "SMTP_URL: give the host (and port) only; the user goes in SMTP_USER");
    c = good();
    c.password.clear();
    CHECK(error_of(c).find("no password") != std::string::npos);
    c = good();
    c.user.clear();
    CHECK(error_of(c) == "a password is set but SMTP_USER is not");
    c = good();
    c.to.clear();
    CHECK(error_of(c) == "MAIL_TO is not set");
    c = good();
    c.from.clear();
    CHECK(error_of(c) == "MAIL_FROM is not set");
    c = good();
    c.user.clear();
    c.password.clear();
    CHECK(error_of(c).empty());
}

TEST_CASE("the dry run shows the envelope and the message, not the password")
{
    SmtpChannel c(good(), DeliveryOptions{}, false);
    c.compose_test("notify-smtp");
    std::string shown = c.describe();
    CHECK(shown.rfind("SMTP smtp://mail.example.org:587 (STARTTLS required)\n", 0) == 0);
    CHECK(shown.find("MAIL FROM:<bot@example.org>\nRCPT TO:<ops@example.org>\n") != std::string::npos);
    CHECK(shown.find("Subject: quotawatch test message\n") != std::string::npos);
    CHECK(shown.find("app-password") == std::string::npos);
}

TEST_CASE("quoted-printable: readable ASCII, encoded bytes, soft breaks within 76")
{
    CHECK(quoted_printable("Kimi: $4.20 available\n") == "Kimi: $4.20 available\r\n");
    CHECK(quoted_printable("a=b\r\ntrailing \nend\t") == "a=3Db\r\ntrailing=20\r\nend=09\r\n");
    CHECK(quoted_printable("余") == "=E4=BD=99\r\n");
    const std::string long_line(200, 'x');
    const std::string qp = quoted_printable(long_line + "\n" + std::string(100, '\xe4'));
    auto lines = crlf_lines(qp);
    std::string joined;
    for (const std::string& l : lines) {
        CHECK(l.size() <= 76);
        joined += l.size() && l.back() == '=' ? l.substr(0, l.size() - 1) : l + "\n";
    }
    CHECK(joined.substr(0, 201) == long_line + "\n");
    CHECK(joined.find("=E4=E4") != std::string::npos);
    CHECK(joined.find("=E=") == std::string::npos);       // no escape split by a break
}

TEST_CASE("routes: sendmail, and clear text only to loopback or a named host")
{
    MailConfig c = good();
    c.user.clear();
    c.password.clear();
    c.url = "sendmail";
    CHECK(error_of(c).empty());
    CHECK(sendmail_path(c.url) == "/usr/sbin/sendmail");
    CHECK(sendmail_path("sendmail:/opt/mta/sendmail") == "/opt/mta/sendmail");
    CHECK(sendmail_path("smtp://sendmail.example.org").empty());
    c.url = "sendmail:relative/sendmail";
    CHECK(error_of(c) == "SMTP_URL: sendmail:PATH takes an absolute path");
    c = good();
    c.url = "sendmail";
    CHECK(error_of(c).find("no SMTP_USER or password") != std::string::npos);
    CHECK(error_of(c).find("remove the key file smtp-password") != std::string::npos);

    c = good();
    c.plain = true;
    CHECK(error_of(c) == "SMTP_STARTTLS=no: mail.example.org is not a loopback address; name it "
                         "in SMTP_PLAIN_HOSTS to send to it in clear text");
    c.plain_hosts = {"mail.example.org"};
    CHECK(error_of(c).empty());
    c.plain_hosts.clear();
    for (const char* url : {"smtp://127.0.0.1:25", "smtp://localhost", "smtp://[::1]:2525"}) {
        c.url = url;
        CHECK(error_of(c).empty());
    }
    c.url = "smtps://127.0.0.1";
    CHECK(error_of(c) == "SMTP_STARTTLS=no is for smtp:// only");
    CHECK(url_host("smtp://[::1]:2525/x") == "::1");
    CHECK(url_host("smtps://mail.example.org") == "mail.example.org");
}

TEST_CASE("EHLO: the name goes in the URL's path unless one is there")
{
    CHECK(url_with_ehlo("smtp://127.0.0.1:25", "host.example.org") ==
          "smtp://127.0.0.1:25/host.example.org");
    CHECK(url_with_ehlo("smtp://mail.example.org/mine.example.org", "host.example.org") ==
          "smtp://mail.example.org/mine.example.org");
    CHECK(url_with_ehlo("smtp://mail.example.org", "") == "smtp://mail.example.org");
}

TEST_CASE("owed mail: dropped for a recipient gone from MAIL_TO, kept when the route fails")
{
    MailConfig c = good();
    c.user.clear();
    c.password.clear();
    c.url = "sendmail:/nonexistent/sendmail";
    SmtpChannel ch(c, DeliveryOptions{}, false);
    CHECK(!ch.refused());
    Attempt a = ch.resend({1, "gone@example.org", "To: gone@example.org\r\n\r\nx\r\n", 0}, 1000);
    CHECK(a.result == Attempt::Result::failed);
    CHECK(a.error == "the mail owed to gone@example.org since 1970-01-01T00:00:00Z: no longer "
                     "in MAIL_TO");
    CHECK(ch.refused());
    a = ch.resend({2, "ops@example.org", "To: ops@example.org\r\n\r\nx\r\n", 0}, 1000);
    CHECK(a.result == Attempt::Result::retry);         // the route failed, not the recipient
    CHECK(ch.deferred().empty());
}
