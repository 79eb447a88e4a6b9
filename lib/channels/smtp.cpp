#include "channels/smtp.h"

#include "channels/crypto.h"
#include "channels/quoted_printable.h"
#include "display.h"
#include "error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace qw {

namespace {

size_t sequence_length(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

bool plain_ascii(const std::string& s)
{
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7E)
            return false;
    return true;
}

// Encoded-words of whole characters, the first holding at most first_bytes
// bytes and the others next_bytes, separated by CRLF SPACE.
std::string encoded_words(const std::string& s, size_t first_bytes, size_t next_bytes)
{
    std::string out;
    size_t budget = first_bytes;
    for (size_t i = 0; i < s.size();) {
        size_t end = i;
        while (end < s.size()) {
            size_t n = std::min(sequence_length(static_cast<unsigned char>(s[end])), s.size() - end);
            if (end - i + n > budget)
                break;
            end += n;
        }
        out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
               base64(std::string_view(s).substr(i, end - i)) + "?=";
        i = end;
        budget = next_bytes;
    }
    return out;
}

std::string display_from(const std::string& from)
{
    size_t lt = from.find('<');
    if (lt == std::string::npos)
        return from;
    std::string name = from.substr(0, lt);
    while (!name.empty() && name.back() == ' ')
        name.pop_back();
    const std::string addr = "<" + mail_address(from) + ">";
    if (name.empty())
        return addr;
    if (!plain_ascii(name))
        return encoded_words(name, 45, 45) + " " + addr;
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
        return name + " " + addr;
    std::string quoted = "\"";
    for (char c : name)
        quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return quoted + "\" " + addr;
}

std::string to_header(const std::vector<std::string>& to)
{
    std::string out = "To: ";
    size_t line = out.size();
    for (size_t i = 0; i < to.size(); ++i) {
        if (i) {
            out += ",";
            if (line + to[i].size() + 2 > 76) {
                out += "\r\n";
                line = 0;
            }
            out += " ";
            ++line;
        }
        out += to[i];
        line += to[i].size() + 1;
    }
    return out;
}

bool loopback(const std::string& host)
{
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

std::string sendmail_path(const std::string& url)
{
    if (url == "sendmail")
        return "/usr/sbin/sendmail";
    return url.rfind("sendmail:", 0) == 0 ? url.substr(9) : std::string();
}

std::string url_host(const std::string& url)
{
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos)
        return {};
    const size_t start = scheme + 3;
    const size_t end = std::min(url.find('/', start), url.size());
    std::string host = url.substr(start, end - start);
    if (!host.empty() && host[0] == '[')
        return host.substr(1, host.find(']') - 1);
    return host.substr(0, host.find(':'));
}

std::string mail_address(const std::string& text)
{
    std::string a = text;
    if (size_t lt = a.find('<'); lt != std::string::npos) {
        size_t gt = a.find('>', lt);
        if (gt == std::string::npos || gt + 1 != a.size())
            throw Error("\"" + one_line(text) + "\" is not an address");
        a = a.substr(lt + 1, gt - lt - 1);
    }
    size_t at = a.find('@');
    if (a.empty() || at == 0 || at == std::string::npos || at + 1 == a.size() ||
        a.find('@', at + 1) != std::string::npos || a.find_first_of(" \t\r\n<>,;\"") != std::string::npos ||
        !plain_ascii(a))
        throw Error("\"" + one_line(text) + "\" is not an address");
    return a;
}

std::vector<std::string> mail_recipients(const std::string& list)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i < list.size()) {
        size_t end = std::min(list.find_first_of(",; \t\r\n", i), list.size());
        if (end > i)
            out.push_back(mail_address(list.substr(i, end - i)));
        i = end + 1;
    }
    return out;
}

std::string subject_header(const std::string& subject)
{
    if (plain_ascii(subject) && subject.size() <= 67)
        return "Subject: " + subject;
    return "Subject: " + encoded_words(subject, 39, 45);
}

std::string mail_date(int64_t epoch)
{
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                  tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

std::string mail_message(const Mail& m, int64_t now, const std::string& message_id)
{
    std::string out;
    out += "Date: " + mail_date(now) + "\r\n";
    out += "From: " + display_from(m.from) + "\r\n";
    out += to_header(m.to) + "\r\n";
    out += subject_header(m.subject) + "\r\n";
    out += "Message-ID: " + message_id + "\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: quoted-printable\r\n";
    out += "\r\n";
    out += quoted_printable(m.body);
    return out;
}

MailConfig mail_config_from_env(std::string password)
{
    auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v ? v : "");
    };
    MailConfig c;
    c.url = env("SMTP_URL");
    c.user = env("SMTP_USER");
    c.password = std::move(password);
    c.from = env("MAIL_FROM");
    c.to = mail_recipients(env("MAIL_TO"));
    const std::string starttls = env("SMTP_STARTTLS");
    if (starttls != "" && starttls != "yes" && starttls != "no")
        throw Error("SMTP_STARTTLS: \"" + one_line(starttls) + "\" is not yes or no");
    c.plain = starttls == "no";
    const std::string hosts = env("SMTP_PLAIN_HOSTS");
    for (size_t i = 0; i < hosts.size();) {
        const size_t end = std::min(hosts.find_first_of(", \t", i), hosts.size());
        if (end > i)
            c.plain_hosts.push_back(hosts.substr(i, end - i));
        i = end + 1;
    }
    return c;
}

void check_mail_config(const MailConfig& c)
{
    const bool smtp = c.url.rfind("smtp://", 0) == 0, smtps = c.url.rfind("smtps://", 0) == 0;
    const std::string sendmail = sendmail_path(c.url);
    if (!smtp && !smtps && sendmail.empty())
        throw Error("SMTP_URL: not smtp://host[:port], smtps://host[:port] or sendmail[:PATH]");
    if (!sendmail.empty()) {
        if (sendmail[0] != '/')
            throw Error("SMTP_URL: sendmail:PATH takes an absolute path");
        if (!c.user.empty() || !c.password.empty())
            throw Error("SMTP_URL=sendmail hands the mail to the local MTA: no SMTP_USER or "
                        "password (unset SMTP_USER, SMTP_PASSWORD and SMTP_PASSWORD_FILE, and "
                        "remove the key file smtp-password)");
    } else {
        const size_t host = c.url.find("://") + 3;
        const size_t end = std::min(c.url.find('/', host), c.url.size());
        if (host == end || c.url.find('@', host) < end ||
            c.url.find_first_of(" \t\r\n") != std::string::npos)
            throw Error("SMTP_URL: give the host (and port) only; the user goes in SMTP_USER");
    }
    if (c.plain) {
        const std::string h = url_host(c.url);
        if (!smtp)
            throw Error("SMTP_STARTTLS=no is for smtp:// only");
        if (!loopback(h) &&
            std::find(c.plain_hosts.begin(), c.plain_hosts.end(), h) == c.plain_hosts.end())
            throw Error("SMTP_STARTTLS=no: " + h + " is not a loopback address; name it in "
                        "SMTP_PLAIN_HOSTS to send to it in clear text");
    }
    if (c.user.empty() != c.password.empty())
        throw Error(c.user.empty() ? "a password is set but SMTP_USER is not"
                                   : "SMTP_USER is set but no password (SMTP_PASSWORD or "
                                     "SMTP_PASSWORD_FILE)");
    if (c.from.empty())
        throw Error("MAIL_FROM is not set");
    mail_address(c.from);
    if (c.to.empty())
        throw Error("MAIL_TO is not set");
}

}  // namespace qw
