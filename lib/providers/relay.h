// One-api / new-api relays and the resellers built on them (providers.md §8):
// several accounts, each key on its relay's own host, each with its own
// mode and unit when the accounts file says so.
#pragma once
#include "fetch.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

struct RelayOptions {
    // billing: §8a + §8b, hard_limit_usd the key's total granted; user-stats:
    // the same answers from one-api in per-user stats mode, hard_limit_usd
    // what is left (R7); token: new-api's §8c.
    std::string mode = "billing";
    std::string unit = "USD";          // what the relay's amounts are in (a label)
    double quota_per_unit = 500000;    // raw quota units per unit (token mode, detection)
    // billing: the dashboard access token (a secret), to ask /api/user/self
    // whether the relay is in per-user stats mode; empty: not asked.
    std::string access_token;
};

// Throws Error naming the option on a bad mode, unit or quota_per_unit.
void check_relay_options(const RelayOptions& o);

// base_url may be empty when every account carries its own.  now dates the
// usage request.  Throws as check_relay_options.
Provider relay_provider(const RelayOptions& opts, const std::string& base_url, int64_t now);

// Billing and user-stats modes.  answers: the subscription, the usage and,
// when an access token was given, /api/user/self.  Billing: remaining =
// hard_limit_usd - total_usage / 100 (hundredths), limit = hard_limit_usd;
// user-stats (given, or detected from /api/user/self): remaining =
// hard_limit_usd, limit = remaining + used.  Status na for an unlimited
// key; a remaining below zero is an error record naming the likely cause.
void parse_relay_billing(const Record& base, const std::vector<HttpResponse>& answers,
                         const RelayOptions& o, std::vector<Record>& out);

// Token mode: total_available, total_used, total_granted in raw quota units,
// divided by quota_per_unit.
void parse_relay_token(const Record& base, const HttpResponse& answer, const std::string& unit,
                       double quota_per_unit, std::vector<Record>& out);

// The accounts file: one "NAME BASE_URL [KEY_FILE] [OPTION=VALUE...]" per
// line, # comments; the options are unit=, mode=, quota-per-unit= and
// access-token=FILE.  KEY_FILE defaults to keys/relay/NAME; a relative
// KEY_FILE or access token file is read from dir (the file's own
// directory).  On a bad line returns false, *err "LINE: what".
struct RelayAccountLine {
    std::string name, base_url, key_file;
    std::string written;         // the third field as written, "" when absent
    std::string unit, mode, quota_per_unit, access_token_file;   // "" when not given
};
bool parse_relay_accounts(std::string_view text, const std::string& dir, const std::string& keys,
                          std::vector<RelayAccountLine>& out, std::string* err);

// An account and the options it is fetched with.
struct RelayAccount {
    Account account;
    RelayOptions options;
};

// Who to ask, first hit wins: accounts_file (--accounts); key_file or
// RELAY_API_KEY, one account "default"; keys/relay.accounts when it exists;
// keys/relay (a file, or a directory of one file per account).  Accounts
// without their own host need base_url.  Each account starts from defaults;
// RELAY_ACCESS_TOKEN is the access token of the accounts asked at base_url
// only (never sent to another host).  Throws Error on an unreadable or
// malformed accounts file, a bad option in it, or a missing base URL.
std::vector<RelayAccount> relay_accounts(const RelayOptions& defaults,
                                         const std::string& accounts_file,
                                         const std::string& key_file,
                                         const std::string& base_url);

// One part per set of options, in the order the accounts first use them
// (one part without accounts when there is none).
std::vector<FetchPart> relay_parts(const std::vector<RelayAccount>& accounts,
                                   const std::string& base_url, int64_t now);

}  // namespace qw
