#include "parts.h"
#include "store/store.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

using namespace qw;

TEST_CASE("parts: the older names are read as the one vocabulary's")
{
    CHECK(current_part_name("gift") == "voucher");
    CHECK(current_part_name("charge") == "cash");
    CHECK(current_part_name("granted") == "voucher");
    CHECK(current_part_name("topped_up") == "cash");
    for (const char* name : {"cash", "voucher", "credit", "owed", "frozen", "other"})
        CHECK(current_part_name(name) == name);
}

TEST_CASE("parts: a snapshot stored with the older names is read with the current ones")
{
    TempDb t("parts", "q.db");
    Store s(t.path);
    Record r;
    r.ts = "2026-11-21T13:00:00Z";
    r.provider = "deepseek";
    r.account = "default";
    r.kind = "balance";
    r.unit = "CNY";
    r.remaining = 110;
    r.parts = {{"granted", 10}, {"topped_up", 100}};   // as 0.1.0 stored them
    r.status = "ok";
    s.begin();
    s.insert(r);
    s.commit();
    Record probe = r, last;
    probe.ts = "2026-11-22T00:00:00Z";
    REQUIRE(s.last(probe, last));
    REQUIRE(last.parts.size() == 2);
    CHECK(last.parts[0].name == "voucher");
    CHECK(last.parts[0].value == 10);
    CHECK(last.parts[1].name == "cash");
    CHECK(last.parts[1].value == 100);
}
