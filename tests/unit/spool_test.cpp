#include "ndjson.h"
#include "spool.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace qw;

namespace {

const char* const lines[] = {
    R"({"ts":"2026-11-22T09:00:00Z","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":4.2,"parts":{"voucher":3.45,"cash":0.75},"status":"ok","level":"warning","reason":"remaining 4.20 USD <= 5.00","threshold":"remaining<=5","undelivered":["discord","mail"]})",
    R"({"provider":"kimi-code","kind":"quota","window":"weekly","used_pct":3,"event":"reset","prev":{"used_pct":97},"alert":true,"future":[1,{"x":null}]})",
    R"({"provider":"glm","status":"error","error":"HTTP 401","remaining":null})",
};

// Every line written back as write_record writes it.
std::string through(Spool& spool)
{
    std::string err, expected;
    Record r;
    for (int round = 0; round < 400; ++round)
        for (const char* line : lines) {
            REQUIRE_MESSAGE(parse_record(line, r, &err), err);
            write_record(expected, r);
            spool.add(r);
        }
    std::string got;
    spool.replay([&](Record& back) { write_record(got, back); });
    CHECK(spool.records() == 1200);
    CHECK(got == expected);
    return got;
}

}  // namespace

TEST_CASE("a spool gives every record back as it came, in memory and from its file")
{
    Spool memory;
    Spool spilled(1000);                         // most of it in the temporary file
    CHECK(through(memory) == through(spilled));
    Spool empty;
    int n = 0;
    empty.replay([&](Record&) { ++n; });
    CHECK(n == 0);
}

TEST_CASE("a record's had_verdict survives the spool")
{
    Spool spool;
    Record r;
    std::string err;
    REQUIRE(parse_record(R"({"provider":"a","level":""})", r, &err));
    spool.add(r);
    REQUIRE(parse_record(R"({"provider":"b"})", r, &err));
    spool.add(r);
    std::vector<bool> seen;
    spool.replay([&](Record& back) { seen.push_back(back.had_verdict); });
    CHECK(seen == std::vector<bool>{true, false});
}
