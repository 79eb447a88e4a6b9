// Claude subscription windows (providers.md §9b) and the Anthropic
// organisation's spend from the admin cost report (§9a).
#pragma once
#include "fetch.h"

#include <cstdint>

namespace qw {

// The two parts of fetch-claude.  OAuth tokens: key_file, CLAUDE_OAUTH_TOKEN,
// the keys directory ("claude"), else Claude Code's own credentials file,
// read only.  Admin keys: admin_key_file, ANTHROPIC_ADMIN_KEY, the keys
// directory ("anthropic-admin").
std::vector<FetchPart> claude_parts(const std::string& base_url, const std::string& key_file,
                                    const std::string& admin_key_file, int64_t now);

// Claude Code's credentials file: $CLAUDE_CONFIG_DIR/.credentials.json, else
// ~/.claude/.credentials.json.
std::string claude_credentials_path();

// A secret holding Claude Code's credentials JSON becomes its access token;
// a token past its expiresAt, or no token, becomes the account's error.
void claude_token(Account& a, int64_t now);

// GET /api/oauth/usage: a quota record per window, provider "claude", sent
// with User-Agent claude-code/2.1.0 or $CLAUDE_USER_AGENT (Error when that
// holds a control character).
Provider claude_oauth_provider(const std::string& base_url);

// GET /v1/organizations/cost_report from the start of the UTC month, paged:
// spend records for today and this month, provider "anthropic".
Provider anthropic_admin_provider(const std::string& base_url, int64_t now);

// The pure parsers.  Windows: five_hour (5h), seven_day (weekly), the
// model-scoped entries of limits[] (weekly-<model>, replacing the flat
// seven_day_sonnet and seven_day_opus of the same name), in % used; an
// enabled extra_usage is a spend record, window monthly, cents / 100.
void parse_claude_usage(const Record& base, const HttpResponse& answer,
                        std::vector<Record>& out);
// Every page of the cost report; amounts are cents as decimal strings.
void parse_anthropic_costs(const Record& base, const std::vector<HttpResponse>& answers,
                           int64_t now, std::vector<Record>& out);

}  // namespace qw
