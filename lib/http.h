// HTTP over libcurl, behind plain types.  Many requests run at once through
// curl's multi interface; a response is capped at max_body bytes; no
// redirect is ever followed (a key must not travel to another host).
#pragma once
#include <string>
#include <vector>

namespace qw {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers;   // "Name: value"
    std::string body;                   // sent when method is POST
};

struct HttpResponse {
    long status = 0;                    // 0 when no response arrived
    std::string body;
    std::string error;                  // transport failure, one line; empty on a response
    std::string retry_after;            // Retry-After header, verbatim
    std::string content_type;
    double seconds = 0;                 // time the transfer took
};

struct HttpOptions {
    long timeout_ms = 30000;            // whole transfer
    long connect_timeout_ms = 10000;
    std::string cacert;                 // extra CA file (--cacert)
    size_t max_body = 1 << 20;
    int parallel = 16;                  // transfers at once
};

// curl_global_init/cleanup, once, at the top of main.
class CurlGlobal {
public:
    CurlGlobal();
    ~CurlGlobal();
    CurlGlobal(const CurlGlobal&) = delete;
    CurlGlobal& operator=(const CurlGlobal&) = delete;
};

// Runs every request, at most opts.parallel at a time; the answers come back
// in the order of the requests.  Never throws for a failed transfer: that is
// HttpResponse::error.
std::vector<HttpResponse> http_perform(const std::vector<HttpRequest>& requests,
                                       const HttpOptions& opts);

std::string user_agent();

}  // namespace qw
