#include "channels/smtp_transport.h"

#include "display.h"
#include "error.h"
#include "fetch.h"
#include "handle.h"

#include <curl/curl.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <netdb.h>
#include <unistd.h>

namespace qw {

namespace {

// libcurl before 8.2 spells the option with three Ls (Debian 12 has 7.88).
#if LIBCURL_VERSION_NUM < 0x080200
constexpr CURLoption mail_rcpt_allowfails = CURLOPT_MAIL_RCPT_ALLLOWFAILS;
#else
constexpr CURLoption mail_rcpt_allowfails = CURLOPT_MAIL_RCPT_ALLOWFAILS;
#endif

using CurlPtr = std::unique_ptr<CURL, Deleter<curl_easy_cleanup>>;
using CurlListPtr = std::unique_ptr<curl_slist, Deleter<curl_slist_free_all>>;

struct Upload {
    const std::string* data;
    size_t offset = 0;
};

size_t on_read(char* buf, size_t size, size_t n, void* user)
{
    auto* u = static_cast<Upload*>(user);
    size_t len = std::min(size * n, u->data->size() - u->offset);
    std::memcpy(buf, u->data->data() + u->offset, len);
    u->offset += len;
    return len;
}

void append(CurlListPtr& list, const std::string& item)
{
    curl_slist* l = curl_slist_append(list.get(), item.c_str());
    if (!l)
        throw Error("out of memory");
    list.release();
    list.reset(l);
}

// The server's replies to RCPT TO, read from libcurl's protocol trace
// (CURLOPT_DEBUGFUNCTION): one command, then its reply, at a time.
struct RcptReplies {
    std::string pending;                 // the address of the RCPT TO sent last
    std::string reply;                   // its reply so far
    std::vector<Refusal> refused;
    long worst = 0;                      // the highest refusing reply code
};

int on_trace(CURL*, curl_infotype type, char* data, size_t size, void* user)
{
    auto* r = static_cast<RcptReplies*>(user);
    const std::string_view text(data, size);
    if (type == CURLINFO_HEADER_OUT) {
        r->pending.clear();
        if (text.rfind("RCPT TO:<", 0) == 0)
            r->pending = std::string(text.substr(9, text.find('>') - 9));
        r->reply.clear();
    } else if (type == CURLINFO_HEADER_IN && !r->pending.empty()) {
        std::string line = one_line(std::string(text));
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        r->reply += (r->reply.empty() ? "" : " ") + line;
        if (line.size() >= 4 && line[3] == '-')
            return 0;                    // a multi-line reply goes on
        const long code = std::atol(line.c_str());
        if (code >= 400) {
            r->refused.push_back({r->pending, code, r->reply});
            r->worst = std::max(r->worst, code);
        }
        r->pending.clear();
    }
    return 0;
}

std::string joined(const std::vector<Refusal>& refused)
{
    std::string out;
    for (const Refusal& r : refused)
        out += (out.empty() ? "" : "; ") + refusal_text(r);
    return out;
}

Attempt outcome(CURLcode rc, long reply, const char* errbuf)
{
    Attempt a;
    if (rc == CURLE_OK) {
        a.result = Attempt::Result::sent;
        return a;
    }
    a.error = one_line(errbuf[0] ? errbuf : curl_easy_strerror(rc));
    while (!a.error.empty() && a.error.back() == '.')
        a.error.pop_back();
    if (reply >= 400)
        a.error = "SMTP " + std::to_string(reply) + ": " + a.error;
    if (rc == CURLE_LOGIN_DENIED) {
        a.error += ": check SMTP_USER and the password";
        return a;
    }
    if (rc == CURLE_USE_SSL_FAILED) {
        a.error += ": the server offers no STARTTLS; use one that does, or smtps://; for the "
                   "local MTA, SMTP_URL=sendmail or SMTP_STARTTLS=no";
        return a;
    }
    if (reply >= 500 || rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
        rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL)
        return a;
    if (reply >= 400 || rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
        rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR ||
        rc == CURLE_GOT_NOTHING || rc == CURLE_SSL_CONNECT_ERROR ||
        rc == CURLE_WEIRD_SERVER_REPLY)
        a.result = Attempt::Result::retry;
    return a;
}

}  // namespace

std::string refusal_text(const Refusal& r)
{
    return r.address + " refused: " + r.reply;
}

std::string ehlo_name()
{
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || !host[0])
        return {};
    addrinfo hints{};
    hints.ai_flags = AI_CANONNAME;
    addrinfo* found = nullptr;
    std::string name = host;
    if (::getaddrinfo(host, nullptr, &hints, &found) == 0) {
        std::unique_ptr<addrinfo, Deleter<::freeaddrinfo>> owned(found);
        if (found->ai_canonname && std::strchr(found->ai_canonname, '.'))
            name = found->ai_canonname;
    }
    return name;
}

std::string url_with_ehlo(const std::string& url, const std::string& name)
{
    const size_t host = url.find("://");
    if (name.empty() || host == std::string::npos || url.find('/', host + 3) != std::string::npos)
        return url;
    return url + "/" + name;
}

Attempt smtp_send(const MailConfig& config, const std::string& message, const std::string& cacert,
                  long timeout_ms, std::vector<Refusal>& refused)
{
    CurlPtr easy(curl_easy_init());
    if (!easy)
        throw Error("cannot start a transfer (curl_easy_init failed)");
    CURL* e = easy.get();
    CurlListPtr rcpt;
    for (const std::string& to : config.to)
        append(rcpt, "<" + to + ">");
    const std::string from = "<" + mail_address(config.from) + ">";
    Upload up{&message};
    char errbuf[CURL_ERROR_SIZE] = {};
    const std::string url = url_with_ehlo(config.url, ehlo_name());
    RcptReplies replies;
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(e, CURLOPT_USE_SSL,
                     static_cast<long>(config.plain ? CURLUSESSL_NONE : CURLUSESSL_ALL));
    curl_easy_setopt(e, mail_rcpt_allowfails, 1L);
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_trace);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, &replies);
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
    if (!config.user.empty()) {
        curl_easy_setopt(e, CURLOPT_USERNAME, config.user.c_str());
        curl_easy_setopt(e, CURLOPT_PASSWORD, config.password.c_str());
    }
    curl_easy_setopt(e, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(e, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(e, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(e, CURLOPT_READDATA, &up);
    curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 10000L));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
    if (!cacert.empty())
        curl_easy_setopt(e, CURLOPT_CAINFO, cacert.c_str());
    CURLcode rc = curl_easy_perform(e);
    long reply = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &reply);
    refused = std::move(replies.refused);
    if (rc != CURLE_OK && refused.size() == config.to.size()) {
        Attempt a;                       // every recipient refused
        a.result = replies.worst < 500 ? Attempt::Result::retry : Attempt::Result::failed;
        a.error = "SMTP " + std::to_string(replies.worst) + ": " + joined(refused);
        return a;
    }
    return outcome(rc, reply, errbuf);
}

}  // namespace qw
