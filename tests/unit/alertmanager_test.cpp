#include "channels/alertmanager.h"
#include "store/store_notify.h"
#include "temp_dir.h"

#include "error.h"
#include "json.h"
#include "timeutil.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

const int64_t t0 = *parse_rfc3339("2026-11-22T09:00:00Z");
const int64_t hour = 3600;

Record verdict(const std::string& level, double remaining = 4.2)
{
    Record r;
    r.ts = "2026-11-22T09:00:00Z";
    r.provider = "moonshot";
    r.account = "default";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = "ok";
    r.level = level;
    r.reason = level == "ok" ? "remaining 12.00 USD" : "remaining 4.20 USD <= 5.00";
    return r;
}

Item item(const Record& r, const std::string& was = "", int64_t was_since = 0)
{
    Item it;
    it.record = r;
    it.was = was;
    it.was_since = was_since;
    return it;
}

Report report(std::vector<Item> items, int64_t now = t0)
{
    Report rep;
    rep.items = std::move(items);
    rep.now = now;
    return rep;
}

// The body parsed back: its alerts.
Json alerts(const std::string& body)
{
    Json j;
    std::string err;
    REQUIRE(parse_json(body, j, &err));
    REQUIRE(j.is_array());
    return j;
}

std::string text(const Json& j, const char* path1, const char* path2 = nullptr)
{
    const Json* v = j.get(path1);
    if (v && path2)
        v = v->get(path2);
    return v && v->as_string() ? *v->as_string() : std::string("(none)");
}

HttpResponse answer(long status, const std::string& body, const std::string& error = "")
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    a.error = error;
    return a;
}

}  // namespace

TEST_CASE("a bad series is a firing alert: its labels, annotations and times")
{
    const Json j = alerts(alertmanager_body(report({item(verdict("warning"))}), 3 * hour));
    REQUIRE(j.items.size() == 1);
    const Json& a = j.items[0];
    CHECK(text(a, "labels", "alertname") == "QuotawatchBalance");
    CHECK(text(a, "labels", "severity") == "warning");
    CHECK(text(a, "labels", "provider") == "moonshot");
    CHECK(text(a, "labels", "account") == "default");
    CHECK(text(a, "labels", "kind") == "balance");
    CHECK(text(a, "labels", "unit") == "USD");
    CHECK(text(a, "labels", "window") == "(none)");
    CHECK(text(a, "annotations", "summary") == "remaining 4.20 USD <= 5.00");
    CHECK(text(a, "annotations", "description").starts_with("Kimi default balance USD: "));
    CHECK(text(a, "startsAt") == "2026-11-22T09:00:00Z");
    CHECK(text(a, "endsAt") == "2026-11-22T12:00:00Z");
}

TEST_CASE("a quota's alert has its window and no unit; an error its text as summary")
{
    Record q = verdict("critical");
    q.kind = "quota";
    q.window = "weekly";
    q.unit = "%";
    Record e = verdict("");
    e.status = "error";
    e.reason.clear();
    e.error = "HTTP 401: invalid key";
    const Json j = alerts(alertmanager_body(report({item(q), item(e)}), hour));
    REQUIRE(j.items.size() == 2);
    CHECK(text(j.items[0], "labels", "window") == "weekly");
    CHECK(text(j.items[0], "labels", "unit") == "(none)");
    CHECK(text(j.items[0], "labels", "alertname") == "QuotawatchQuota");
    CHECK(text(j.items[1], "labels", "severity") == "error");
    CHECK(text(j.items[1], "annotations", "summary") == "HTTP 401: invalid key");
}

TEST_CASE("startsAt is kept while the level is; a new level starts now")
{
    const int64_t first = t0 - 5 * hour;
    Json j = alerts(alertmanager_body(report({item(verdict("warning"), "warning", first)}),
                                      3 * hour));
    CHECK(text(j.items[0], "startsAt") == "2026-11-22T04:00:00Z");
    CHECK(text(j.items[0], "endsAt") == "2026-11-22T12:00:00Z");
    // warning to critical: the warning resolved (since its start), the critical new.
    j = alerts(alertmanager_body(report({item(verdict("critical"), "warning", first)}), hour));
    REQUIRE(j.items.size() == 2);
    const Json& old = j.items[0];
    const Json& now = j.items[1];
    CHECK(text(old, "labels", "severity") == "warning");
    CHECK(text(old, "startsAt") == "2026-11-22T04:00:00Z");
    CHECK(text(old, "endsAt") == "2026-11-22T09:00:00Z");
    CHECK(text(old, "annotations", "summary").starts_with("now critical: "));
    CHECK(text(now, "labels", "severity") == "critical");
    CHECK(text(now, "startsAt") == "2026-11-22T09:00:00Z");
}

TEST_CASE("a recovery resolves the alert (endsAt now); all well sends nothing")
{
    const Json j = alerts(alertmanager_body(
        report({item(verdict("ok", 12), "warning", t0 - hour)}), 3 * hour));
    REQUIRE(j.items.size() == 1);
    const Json& a = j.items[0];
    CHECK(text(a, "labels", "severity") == "warning");
    CHECK(text(a, "startsAt") == "2026-11-22T08:00:00Z");
    CHECK(text(a, "endsAt") == "2026-11-22T09:00:00Z");
    CHECK(text(a, "annotations", "summary") == "recovered: remaining 12.00 USD");
    CHECK(alertmanager_body(report({item(verdict("ok", 12))}), hour).empty());
    CHECK(alertmanager_body(report({item(verdict("ok", 12), "ok", t0)}), hour).empty());
    CHECK(alertmanager_body(report({}), hour).empty());
}

TEST_CASE("a firing alert stays valid for three times the job's interval")
{
    CHECK(alert_validity(90 * 60, t0, t0 - hour) == 90 * 60);        // --valid-for
    CHECK(alert_validity(0, t0, 0) == 36 * hour);                    // no run before
    CHECK(alert_validity(0, t0, t0 - hour) == 3 * hour);             // hourly
    CHECK(alert_validity(0, t0, t0 - 12 * hour) == 36 * hour);       // twice daily
    CHECK(alert_validity(0, t0, t0 - 600) == 3 * hour);              // at least 3 h
    CHECK(alert_validity(0, t0, t0 + hour) == 36 * hour);            // a clock set back
}

TEST_CASE("a member's answer: 200 sent, 400 fails with the server's text, 5xx retried")
{
    CHECK(alertmanager_outcome(answer(200, "")).result == Attempt::Result::sent);
    Attempt a = alertmanager_outcome(answer(400, "\"start time must be before end time\""));
    CHECK(a.result == Attempt::Result::failed);
    CHECK(a.error == "HTTP 400: start time must be before end time");
    a = alertmanager_outcome(answer(400, "{\"code\":400,\"message\":\"labels: invalid\"}"));
    CHECK(a.error == "HTTP 400: labels: invalid");
    a = alertmanager_outcome(answer(500, "\"cannot store\""));
    CHECK(a.result == Attempt::Result::retry);
    CHECK(a.error == "HTTP 500: cannot store");
    CHECK(alertmanager_outcome(answer(0, "", "Connection refused")).result ==
          Attempt::Result::retry);
    a = alertmanager_outcome(answer(401, "Unauthorized\n"));
    CHECK(a.result == Attempt::Result::failed);
    CHECK(a.error.find("ALERTMANAGER_BEARER_TOKEN") != std::string::npos);
    CHECK(alertmanager_outcome(answer(204, "")).result == Attempt::Result::failed);
}

TEST_CASE("the members' URLs: the API path appended, a prefix kept, credentials refused")
{
    CHECK(alertmanager_urls("http://am1:9093 http://am2:9093/") ==
          std::vector<std::string>{"http://am1:9093/api/v2/alerts", "http://am2:9093/api/v2/alerts"});
    CHECK(alertmanager_urls("https://proxy/am,https://am3/api/v2/alerts") ==
          std::vector<std::string>{"https://proxy/am/api/v2/alerts", "https://am3/api/v2/alerts"});
    CHECK_THROWS_AS(alertmanager_urls(" , "), Error);
    CHECK_THROWS_AS(alertmanager_urls("ftp://am1/"), Error);
    CHECK_THROWS_AS(alertmanager_urls("http:///x"), Error);
    CHECK_THROWS_WITH_AS(alertmanager_urls("http://u:secret@am1:9093"),
                         doctest::Contains("ALERTMANAGER_PASSWORD"), Error);
}

TEST_CASE("authentication: a bearer token or basic user:password, never both")
{
    CHECK(alertmanager_auth("", "", "") == "");
    CHECK(alertmanager_auth("tok", "", "") == "Bearer tok");
    CHECK(alertmanager_auth("", "bot", "pw") == "Basic Ym90OnB3");
    CHECK_THROWS_AS(alertmanager_auth("tok", "bot", "pw"), Error);
    CHECK_THROWS_AS(alertmanager_auth("", "bot", ""), Error);
    CHECK_THROWS_AS(alertmanager_auth("", "", "pw"), Error);
}

TEST_CASE("the memory keeps since when a series has been delivered at its level")
{
    TempDb t("alertmanager");
    Store s(t.path);
    NotifyStore am(s, "alertmanager");
    const Record low = verdict("warning");
    for (int64_t now : {t0, t0 + hour, t0 + 2 * hour})
        am.delivered(decide({low}, am.load(), When::always, 0, now));
    CHECK(am.load().series[series_key(low)].since == t0);
    Report rep = decide({low}, am.load(), When::always, 0, t0 + 3 * hour);
    CHECK(rep.items[0].was_since == t0);
    CHECK(rep.last_sent == t0 + 2 * hour);
    am.failed(decide({verdict("critical")}, am.load(), When::always, 0, t0 + 3 * hour));
    CHECK(am.load().series[series_key(low)].since == t0);
    am.delivered(decide({verdict("critical")}, am.load(), When::always, 0, t0 + 4 * hour));
    CHECK(am.load().series[series_key(low)].since == t0 + 4 * hour);
    am.delivered(decide({verdict("ok", 12)}, am.load(), When::always, 0, t0 + 5 * hour));
    CHECK(am.load().series[series_key(low)].since == t0 + 5 * hour);
}
