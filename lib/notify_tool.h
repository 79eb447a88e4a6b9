// Tool support for the notify-* mains: the options they share, the secret
// lookup, and the run: verdicts through to stdout, one report, delivery
// with retries, and the delivery memory written only after success.
#pragma once
#include "exit_status.h"
#include "notify.h"
#include "notify_delivery.h"

#include <cxxopts.hpp>

#include <string>

namespace qw {

struct NotifySettings {
    std::string tool;           // "notify-discord"
    std::string channel;        // the delivery memory's key: --name, else the channel
    When when = When::change;
    int64_t repeat = 0;         // seconds; 0 never
    bool dry_run = false;
    bool test = false;
    DeliveryOptions delivery;
    std::string db;
};

// --cacert, --db, --dry-run, --name, --repeat, --test, --timeout, --when.
void add_notify_options(cxxopts::Options& opts);
NotifySettings notify_settings(const cxxopts::ParseResult& args, const char* tool,
                               const char* channel);

// One secret by DESIGN.md §4: file (when given), the variable env,
// $CREDENTIALS_DIRECTORY/<name>, $QUOTAWATCH_KEYS/<name>.  Empty when none
// is configured and required is false; otherwise throws Error with missing.
std::string notify_secret(const char* name, const char* env, const std::string& file,
                          bool required, const std::string& missing);

// The value of a string option, or empty.
std::string option_text(const cxxopts::ParseResult& args, const char* name);

Exit run_notify(const NotifySettings& s, Channel& channel);

}  // namespace qw
