// What every fetcher shares: accounts, concurrent requests, error records,
// and the rule that no secret reaches any output.
#pragma once
#include "http.h"
#include "record.h"
#include "secrets.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

// One provider as a fetcher sees it.  requests() lists what to ask for one
// account; parse() turns the answers (same order) into records, starting
// from base (ts, provider, account already set).
struct Provider {
    std::string name;                          // "moonshot"
    std::string key_env;                       // "MOONSHOT_API_KEY"
    std::string base_url;                      // scheme://host[:port]
    std::function<std::vector<HttpRequest>(const std::string& base_url,
                                           const std::string& key)> requests;
    std::function<void(const Record& base, const std::vector<HttpResponse>& answers,
                       std::vector<Record>& out)> parse;
    // Optional: what to ask next for one account given its answers so far (a
    // next page, a fallback); asked after every round until it returns none.
    // Its answers are appended to that account's answers for parse().
    std::function<std::vector<HttpRequest>(const std::string& base_url, const std::string& key,
                                           const std::vector<HttpResponse>& answers)> more;
    std::string error_kind = "balance";        // kind of an unreadable key's error record
};

// The start every provider factory shares: its name, its key variable, and
// the base URL: base_url, else https://HOST (a relay has no host of its own).
Provider new_provider(const char* name, const char* key_env, const std::string& base_url,
                      const std::string& host);

struct FetchResult {
    std::vector<Record> records;
    bool any_error = false;                    // some record has status error
};

// Fetches every account at once.  No account: one "skipped" record.
FetchResult fetch_all(const Provider& p, const std::vector<Account>& accounts,
                      const HttpOptions& http, int64_t now);

// One tool asking several providers, each with its own accounts
// (fetch-claude: subscription windows and admin spend).
struct FetchPart {
    Provider provider;
    std::vector<Account> accounts;
};

// fetch_all for each part that has accounts; when none has, one skipped
// record of the first part naming every part's variable.
FetchResult fetch_parts(const std::vector<FetchPart>& parts, const HttpOptions& http,
                        int64_t now);

// scheme://host[:port] with no path; throws Error otherwise.
std::string checked_base_url(const std::string& url);

// Why an answer is not a usable JSON document, or empty when it is one:
// "cannot connect: ...", "HTTP 401: Invalid Authentication", "HTTP 502: not
// JSON (text/html)".  ok_status is the status that means success.
std::string http_problem(const HttpResponse& a, long ok_status = 200);

// The provider's own message in an error body (error.message, message, msg).
std::string body_message(const std::string& body);

struct Json;

// The opening every provider parser shares: an answer that is not a usable
// JSON document (http_problem) gives an error record of kind, its reason after
// prefix ("wallet: ") and before what hint adds for that answer ("run claude
// to log in again"), and false; else true, with the body parsed into j.
bool open_answer(const Record& base, const HttpResponse& answer, const std::string& kind,
                 Json& j, std::vector<Record>& out, const std::string& prefix = "",
                 std::string (*hint)(const HttpResponse&) = nullptr);

// A business failure's reason: "provider answered code 3: account suspended",
// from j's code member and the body's own message.
std::string answered_code(const Json& j, const std::string& body);

// The cursor of the next page when the last answer is a page of the
// {"data":[...],"has_more":true,"next_page":"..."} envelope (the Anthropic and
// OpenAI admin APIs); empty when there is no more.
std::string next_page_cursor(const std::vector<HttpResponse>& answers);

// s percent-encoded for a URL query: all but RFC 3986's unreserved bytes.
std::string url_encode(std::string_view s);

// A GET of url with the key as a bearer token, asking for JSON.
HttpRequest bearer_get(const std::string& url, const std::string& key);

}  // namespace qw
