// One-api / new-api relays and the resellers built on them (providers.md §8):
// several accounts, each key on its relay's own host.
#pragma once
#include "fetch.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

struct RelayOptions {
    std::string mode = "billing";      // billing: §8a + §8b; token: new-api's §8c
    std::string unit = "USD";          // what the relay's amounts are in (a label)
    double quota_per_unit = 500000;    // token mode: raw quota units per unit
};

// base_url may be empty when every account carries its own.  now dates the
// usage request.  Throws Error on a bad mode, unit or quota_per_unit.
Provider relay_provider(const RelayOptions& opts, const std::string& base_url, int64_t now);

// Billing mode: remaining = hard_limit_usd - total_usage / 100 (total_usage
// is in hundredths), used, limit; status na for an unlimited key.
void parse_relay_billing(const Record& base, const HttpResponse& subscription,
                         const HttpResponse& usage, const std::string& unit,
                         std::vector<Record>& out);

// Token mode: total_available, total_used, total_granted in raw quota units,
// divided by quota_per_unit.
void parse_relay_token(const Record& base, const HttpResponse& answer, const std::string& unit,
                       double quota_per_unit, std::vector<Record>& out);

// The accounts file: one "NAME BASE_URL [KEY_FILE]" per line, # comments.
// KEY_FILE defaults to keys/relay/NAME; a relative one is read from dir (the
// file's own directory).  On a bad line returns false, *err "LINE: what".
struct RelayAccountLine {
    std::string name, base_url, key_file;
    std::string written;         // the third field as written, "" when absent
};
bool parse_relay_accounts(std::string_view text, const std::string& dir, const std::string& keys,
                          std::vector<RelayAccountLine>& out, std::string* err);

// Who to ask, first hit wins: accounts_file (--accounts); key_file or
// RELAY_API_KEY, one account "default"; keys/relay.accounts when it exists;
// keys/relay (a file, or a directory of one file per account).  Accounts
// without their own host need base_url.  Throws Error on an unreadable or
// malformed accounts file, or a missing base URL.
std::vector<Account> relay_accounts(const std::string& accounts_file, const std::string& key_file,
                                    const std::string& base_url);

}  // namespace qw
