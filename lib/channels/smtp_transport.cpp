#include "channels/smtp_transport.h"

#include "display.h"
#include "error.h"
#include "fetch.h"
#include "handle.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>

namespace qw {

namespace {

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

Attempt outcome(CURLcode rc, long reply, const char* errbuf)
{
    Attempt a;
    if (rc == CURLE_OK) {
        a.result = Attempt::Result::sent;
        return a;
    }
    a.error = one_line(errbuf[0] ? errbuf : curl_easy_strerror(rc));
    if (reply >= 400)
        a.error = "SMTP " + std::to_string(reply) + ": " + a.error;
    if (rc == CURLE_LOGIN_DENIED) {
        a.error += ": check SMTP_USER and the password";
        return a;
    }
    if (rc == CURLE_USE_SSL_FAILED) {
        a.error += ": the server offers no STARTTLS; use one that does, or smtps://";
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

Attempt smtp_send(const MailConfig& config, const std::string& message, const std::string& cacert,
                  long timeout_ms)
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
    curl_easy_setopt(e, CURLOPT_URL, config.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(e, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
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
    return outcome(rc, reply, errbuf);
}

}  // namespace qw
