#include "http.h"

#include "error.h"
#include "handle.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <cstring>
#include <strings.h>

namespace qw {

namespace {

using CurlPtr = std::unique_ptr<CURL, Deleter<curl_easy_cleanup>>;
using CurlMultiPtr = std::unique_ptr<CURLM, Deleter<curl_multi_cleanup>>;
using CurlListPtr = std::unique_ptr<curl_slist, Deleter<curl_slist_free_all>>;

struct Transfer {
    CurlPtr easy;
    CurlListPtr headers;
    HttpResponse* out = nullptr;
    size_t max_body = 0;
    bool too_big = false;
    char errbuf[CURL_ERROR_SIZE] = {};
};

size_t on_body(char* data, size_t size, size_t n, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    size_t len = size * n;
    if (t->out->body.size() + len > t->max_body) {
        t->too_big = true;
        return 0;                                // aborts the transfer
    }
    t->out->body.append(data, len);
    return len;
}

std::string header_value(const char* data, size_t len, size_t name_len)
{
    std::string v(data + name_len, len - name_len);
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    v.erase(v.begin(), std::find_if_not(v.begin(), v.end(), space));
    while (!v.empty() && space(v.back()))
        v.pop_back();
    return v;
}

size_t on_header(char* data, size_t size, size_t n, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    size_t len = size * n;
    if (len > 12 && strncasecmp(data, "retry-after:", 12) == 0)
        t->out->retry_after = header_value(data, len, 12);
    else if (len > 13 && strncasecmp(data, "content-type:", 13) == 0)
        t->out->content_type = header_value(data, len, 13);
    else if (len > 5 && strncmp(data, "HTTP/", 5) == 0) {
        t->out->retry_after.clear();             // a new response (after 100 Continue)
        t->out->content_type.clear();
    }
    return len;
}

void setup(Transfer& t, const HttpRequest& rq, const HttpOptions& opts)
{
    t.easy.reset(curl_easy_init());
    if (!t.easy)
        throw Error("cannot start a transfer (curl_easy_init failed)");
    CURL* e = t.easy.get();
    for (const std::string& h : rq.headers) {
        curl_slist* l = curl_slist_append(t.headers.get(), h.c_str());
        if (!l)
            throw Error("out of memory");
        t.headers.release();
        t.headers.reset(l);
    }
    curl_easy_setopt(e, CURLOPT_URL, rq.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent().c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers.get());
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, opts.timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     std::min(opts.connect_timeout_ms, opts.timeout_ms));
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(opts.max_body));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    if (!opts.cacert.empty())
        curl_easy_setopt(e, CURLOPT_CAINFO, opts.cacert.c_str());
    if (rq.method == "POST") {
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(rq.body.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, rq.body.c_str());
    } else if (rq.method != "GET") {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, rq.method.c_str());
    }
}

void finish(Transfer& t, CURLcode rc)
{
    HttpResponse& r = *t.out;
    double secs = 0;
    curl_easy_getinfo(t.easy.get(), CURLINFO_TOTAL_TIME, &secs);
    r.seconds = secs;
    if (rc == CURLE_OK) {
        curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &r.status);
        return;
    }
    r.status = 0;
    r.body.clear();
    if (t.too_big || rc == CURLE_FILESIZE_EXCEEDED)
        r.error = "response larger than " + std::to_string(t.max_body) + " bytes";
    else
        r.error = t.errbuf[0] ? t.errbuf : curl_easy_strerror(rc);
}

}  // namespace

CurlGlobal::CurlGlobal()
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        throw Error("cannot initialise libcurl");
}

CurlGlobal::~CurlGlobal()
{
    curl_global_cleanup();
}

std::string user_agent()
{
    return "quotawatch/" QUOTAWATCH_VERSION;
}

std::vector<HttpResponse> http_perform(const std::vector<HttpRequest>& requests,
                                       const HttpOptions& opts)
{
    std::vector<HttpResponse> out(requests.size());
    std::vector<Transfer> transfers(requests.size());
    CurlMultiPtr multi(curl_multi_init());
    if (!multi)
        throw Error("cannot start transfers (curl_multi_init failed)");
    size_t next = 0, running = 0;
    const size_t cap = static_cast<size_t>(std::max(1, opts.parallel));
    auto start_more = [&] {
        for (; next < requests.size() && running < cap; ++next, ++running) {
            Transfer& t = transfers[next];
            t.out = &out[next];
            t.max_body = opts.max_body;
            setup(t, requests[next], opts);
            curl_easy_setopt(t.easy.get(), CURLOPT_PRIVATE, &t);
            if (curl_multi_add_handle(multi.get(), t.easy.get()) != CURLM_OK)
                throw Error("cannot start a transfer (curl_multi_add_handle failed)");
        }
    };
    start_more();
    while (running > 0) {
        int still = 0;
        if (curl_multi_perform(multi.get(), &still) != CURLM_OK)
            throw Error("transfer loop failed (curl_multi_perform)");
        int queued = 0;
        while (CURLMsg* m = curl_multi_info_read(multi.get(), &queued)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            Transfer* t = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
            CURLcode rc = m->data.result;
            curl_multi_remove_handle(multi.get(), m->easy_handle);
            finish(*t, rc);
            t->easy.reset();
            t->headers.reset();
            --running;
        }
        start_more();
        if (running > 0 && curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr) != CURLM_OK)
            throw Error("transfer loop failed (curl_multi_poll)");
    }
    return out;
}

}  // namespace qw
