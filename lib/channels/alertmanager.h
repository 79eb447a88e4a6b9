// Alertmanager API v2 (notifiers.md §8a): each bad series is a firing alert
// posted to /api/v2/alerts of every member of a cluster, again on every run
// while it stays bad, with the startsAt of its first firing run and an endsAt
// --valid-for ahead; a series that recovers (or changes severity) resolves its
// alert with endsAt = now.  One member's 200 is a delivery.
#pragma once
#include "notify_delivery.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace qw {

// The members' alert endpoints from ALERTMANAGER_URL's list (separated by
// spaces or commas): /api/v2/alerts appended to each unless it ends so.
// Throws Error (naming no URL) for an empty list or a URL that is not
// http(s)://host... or carries user:password@.
std::vector<std::string> alertmanager_urls(const std::string& list);

// The Authorization header's value: "Bearer TOKEN", "Basic base64(user:
// password)", or empty when none is given.  Throws Error when both kinds
// are, or a user without a password or the reverse.
std::string alertmanager_auth(const std::string& token, const std::string& user,
                              const std::string& password);

// How long a firing alert stays valid without being sent again: valid_for
// when given (> 0), else three times the interval between this run and the
// previous delivery (last_sent), at least 1 h, 12 h when there is none.
int64_t alert_validity(int64_t valid_for, int64_t now, int64_t last_sent);

// The body: a JSON array of postableAlert, one firing alert per bad series
// (endsAt = now + validity) and one resolved alert (endsAt = now) per series
// whose remembered bad level is no longer its level.  "[]" when none.
std::string alertmanager_body(const Report& report, int64_t validity);

// One member's answer: 200 sent; 5xx and transport errors retried; any
// other status fails with the server's text (a 400's JSON string).
Attempt alertmanager_outcome(const HttpResponse& a);

class AlertmanagerChannel : public Channel {
public:
    // auth: the Authorization header's value ("Bearer ...", "Basic ..."),
    // or empty.  valid_for: --valid-for in seconds, 0 for the default.
    AlertmanagerChannel(std::vector<std::string> urls, std::string auth, int64_t valid_for,
                        DeliveryOptions opts);
    void compose(const Report& report) override;
    void compose_test(const std::string& tool) override;
    size_t pieces() const override { return body_.empty() ? 0 : 1; }
    std::string describe() const override;
    // Posts to every member: sent when one took it (each member that did
    // not is named on stderr, unless it was already down on the previous
    // run), else retried when every failure is temporary, else failed; the
    // error gives every member's reason.
    Attempt send(size_t piece, long timeout_ms) override;
    // The members that did not take the last alerts sent, as owed to them
    // (by scheme, host and port): the memory of which members are down.
    std::vector<Owed> deferred() const override;
    // Every run sends the current alerts to every member, so what is owed is
    // settled at once; it only tells send() that the member was down on the
    // previous run: an outage is named on its first run, not on every run.
    Attempt resend(const Owed& owed, long timeout_ms) override;

private:
    HttpRequest request(const std::string& url) const;
    std::vector<std::string> urls_;
    std::string auth_;
    int64_t valid_for_;
    DeliveryOptions opts_;
    std::string body_;          // empty: nothing to send
    std::set<std::string> was_down_;    // members down on the previous run
    std::vector<std::string> down_;     // members that did not take the last send
};

}  // namespace qw
