// Secrets (DESIGN.md §4): API keys, webhook URLs, SMTP passwords.  They come
// from a file or the environment, never from argv, and never leave this
// process except in the request that needs them.
#pragma once
#include <string>
#include <sys/types.h>
#include <vector>

namespace qw {

struct Account {
    std::string label;       // "default", or the key file's name in a keys directory
    std::string secret;      // empty when error is set
    std::string error;       // why this account's key could not be read
    std::string base_url = {};  // its own host, for providers without a fixed one (relays)
};

// The accounts configured for a provider, first hit wins:
//   1. key_file (from --key-file), one account "default";
//   2. the environment variable env_name, one account "default";
//   3. $CREDENTIALS_DIRECTORY (systemd LoadCredential=): a file <provider>
//      for one account "default", files <provider>_<label> for a directory
//      loaded as <provider>, else keys_<provider>[_<label>] for the whole
//      keys directory loaded as "keys";
//   4. $QUOTAWATCH_KEYS (default ~/.config/quotawatch/keys): a file <provider>
//      for one account, or a directory <provider>/ with a file per account.
// Empty when none is configured.
std::vector<Account> find_accounts(const std::string& provider, const std::string& env_name,
                                   const std::string& key_file);

// The keys directory: $QUOTAWATCH_KEYS, else $XDG_CONFIG_HOME/quotawatch/keys,
// else ~/.config/quotawatch/keys.
std::string keys_dir();

// Reads a secret file: refused when group or others may read or write it,
// with a message that says how to fix it (unless the mode bits are in
// allowed), and when it is not a regular file
// (a FIFO is not waited for), is over 16 KiB, holds nothing but white space,
// a control character, or more than one line (unless it is a JSON document).
// Whitespace around it is removed.
// Returns false and sets *err on failure.  Every secret read by these
// functions is registered for redaction (redact.h).
bool read_secret_file(const std::string& path, std::string& out, std::string* err,
                      mode_t allowed = 0);

// Another tool's own credentials file: $dir_env/file when dir_env is set,
// else ~/home_dir/file (Claude Code's, Codex's).
std::string tool_file(const char* dir_env, const char* home_dir, const char* file);

// The "default" account read from such a file, its error set when it cannot
// be read; false, and a untouched, when there is no such file.
bool account_from_tool_file(const std::string& path, Account& a);

}  // namespace qw
