// The delivery memory of the notifiers (DESIGN.md §5) in the notify_state
// table, and the usage over a period that seed 002's report shows.
#pragma once
#include "notify.h"
#include "notify_delivery.h"
#include "store/store.h"

#include <optional>
#include <set>
#include <string>

namespace qw {

class NotifyStore {
public:
    // channel names the destination: "discord", or the user's --name.
    NotifyStore(Store& store, std::string channel);

    Memory load();
    // After the channel confirmed delivery: every series of the report as
    // sent now, with nothing owed but the message to the recipients that
    // refused it for now (deferred), kept until they take it.
    void delivered(const Report& report, const std::vector<Owed>& deferred = {});
    // After a failed delivery: the events of the report stay owed, so the
    // next run sends them; nothing is marked sent.
    void failed(const Report& report);
    // Forgets the stale notices (in memory, as loaded) of series whose data
    // is fresh again.
    void refresh(const Report& report, const Memory& memory);
    // The report's absence counts and forgotten series (quotawatch(7)
    // NOTIFICATIONS), on every run, sent or not.
    void track(const Report& report);

    // The digests of the parts of a message of several that went out
    // before a later part failed; parts_sent adds to them, and
    // forget_parts empties them once a whole message went out (or none).
    std::set<std::string> parts();
    void parts_sent(const std::vector<std::string>& digests);
    void forget_parts();

    // The messages owed to single recipients, oldest first.
    std::vector<Owed> owed();
    // The owed message is done with: taken, or refused for good.
    void settle(const Owed& owed);

    // How much r's series used from the newest snapshot at or before since
    // (else the oldest after it) up to r itself; top-ups and resets never
    // count as negative use.  Nothing when the history has no such snapshot.
    std::optional<Usage> usage(const Record& r, int64_t since);

private:
    Store& store_;
    std::string channel_;
};

}  // namespace qw
