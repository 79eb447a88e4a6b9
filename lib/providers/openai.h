// OpenAI organisation costs (providers.md §10a) and the ChatGPT / Codex plan
// windows (§10b, PARTLY confirmed: one client's reading of a private API).
#pragma once
#include "fetch.h"

#include <cstdint>
#include <map>

namespace qw {

// The two parts of fetch-openai, both provider "openai".  Admin keys:
// key_file, OPENAI_ADMIN_KEY, the keys directory ("openai-admin").  ChatGPT
// tokens: chatgpt_token_file, CHATGPT_ACCESS_TOKEN, the keys directory
// ("chatgpt"), else the Codex CLI's own auth.json when it holds one, read only.
std::vector<FetchPart> openai_parts(const std::string& base_url, const std::string& key_file,
                                    const std::string& chatgpt_token_file, int64_t now);

// The Codex CLI's auth.json: $CODEX_HOME/auth.json, else ~/.codex/auth.json.
std::string codex_auth_path();

// A secret holding a Codex auth.json becomes its tokens.access_token, and
// its tokens.account_id goes to account_ids[token]; no token is an error.
void codex_token(Account& a, std::map<std::string, std::string>& account_ids);

// GET /v1/organization/costs from the start of the UTC month, paged: spend
// records for today and this month.
Provider openai_admin_provider(const std::string& base_url, int64_t now);

// GET /backend-api/wham/usage with ChatGPT-Account-Id when known: a quota
// record per window.
Provider codex_provider(const std::string& base_url,
                        std::map<std::string, std::string> account_ids);

// The pure parsers.  Costs: amount.value in dollars, every page.
void parse_openai_costs(const Record& base, const std::vector<HttpResponse>& answers,
                        int64_t now, std::vector<Record>& out);
// Windows: rate_limit's primary (5h) and secondary (weekly) windows, and each
// of additional_rate_limits as "5h-<limit name>", in % used.
void parse_codex_usage(const Record& base, const HttpResponse& answer,
                       std::vector<Record>& out);

}  // namespace qw
