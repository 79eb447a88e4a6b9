// Tool support for the notify-* mains: the options they share, the secret
// lookup, and the run: one report, delivery with retries, the delivery
// memory written only after success, and then the verdicts to stdout.
#pragma once
#include "exit_status.h"
#include "notify.h"
#include "notify_delivery.h"

#include <cxxopts.hpp>

#include <functional>
#include <memory>
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

// --cacert, --db, --dry-run, --name, --test, --timeout, and with timing
// --repeat and --when; without (a channel that sends every run and lets its
// server decide when to tell, notify-alertmanager) those two are no options
// and the settings say always.
void add_notify_options(cxxopts::Options& opts, bool timing = true);
NotifySettings notify_settings(const cxxopts::ParseResult& args, const char* tool,
                               const char* channel, bool timing = true);

// One secret by DESIGN.md §4: file (when given), the variable env,
// $CREDENTIALS_DIRECTORY/<name>, $QUOTAWATCH_KEYS/<name>.  Empty when none
// is configured and required is false; otherwise throws Error with missing.
std::string notify_secret(const char* name, const char* env, const std::string& file,
                          bool required, const std::string& missing);

// The run: all input kept (Spool), then one report decided, delivered and
// remembered, and only then the verdicts written on.  When the channel
// cannot be made (make throws Error: no webhook, say) or the report cannot
// be delivered, every verdict passed on carries "undelivered":[s.channel]
// and the status is 1 (DESIGN.md §3).
Exit run_notify(const NotifySettings& s, const std::function<std::unique_ptr<Channel>()>& make);

}  // namespace qw
