#include "ndjson.h"

#include "json.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <unistd.h>

using namespace qw;

namespace {

// Feeds text through a pipe to a reader, as stdin would.
struct Piped {
    int fds[2];
    explicit Piped(const std::string& text)
    {
        REQUIRE(pipe(fds) == 0);
        REQUIRE(write(fds[1], text.data(), text.size()) == ssize_t(text.size()));
        close(fds[1]);
    }
    ~Piped() { close(fds[0]); }
};

}  // namespace

TEST_CASE("a record parses and writes back with unknown fields untouched")
{
    const std::string line =
        R"({"ts":"2026-11-22T09:00:00Z","provider":"moonshot","account":"default","kind":"balance",)"
        R"("unit":"USD","remaining":12.34,"parts":{"voucher":3.45,"cash":8.89},"status":"ok",)"
        R"("note":{"x":[1,"two",null]},"tag":"é"})";
    Record r;
    std::string err;
    REQUIRE_MESSAGE(parse_record(line, r, &err), err);
    CHECK(r.provider == "moonshot");
    CHECK(r.remaining == 12.34);
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[1].name == "cash");
    CHECK(r.parts[1].value == 8.89);
    std::string out;
    write_record(out, r);
    CHECK(out.back() == '\n');
    Record again;
    REQUIRE(parse_record(out.substr(0, out.size() - 1), again, &err));
    CHECK(again.extra == r.extra);
    Json j;
    REQUIRE(parse_json(out, j, &err));
    REQUIRE(j.at({"note", "x"}));
    CHECK(j.at({"note", "x"})->items.size() == 3);
    CHECK(j.get("tag")->text == "é");
}

TEST_CASE("a verdict added to a line keeps the rest of it byte for byte")
{
    const std::string line =
        R"( {"provider":"moonshot", "remaining":5.000,"note":{"x":[1,"two"]},"tag":"\u00e9"} )";
    Record r;
    std::string err;
    REQUIRE_MESSAGE(parse_record(line, r, &err), err);
    CHECK_FALSE(r.had_verdict);
    r.level = "warning";
    r.reason = "remaining 5.00 USD <= \"5\"";
    r.prev = R"({"remaining":9})";
    std::string out = "before\n";
    REQUIRE(append_verdict(out, line, r));
    CHECK(out == "before\n" + line.substr(0, line.size() - 2) +
                     R"(,"level":"warning","reason":"remaining 5.00 USD <= \"5\"",)"
                     R"("prev":{"remaining":9}})" "\n");
    Record again;
    REQUIRE_MESSAGE(parse_record(out.substr(7, out.size() - 8), again, &err), err);
    CHECK(again.level == "warning");
    CHECK(again.reason == r.reason);
    CHECK(again.remaining == 5.0);
    CHECK(again.extra == r.extra);
    CHECK(again.had_verdict);

    SUBCASE("not an object with members: nothing appended")
    {
        std::string none;
        CHECK_FALSE(append_verdict(none, "{ }", r));
        CHECK_FALSE(append_verdict(none, "[1]", r));
        CHECK(none.empty());
    }
    SUBCASE("an empty verdict field still counts as carried")
    {
        REQUIRE(parse_record(R"({"provider":"a","level":""})", again, &err));
        CHECK(again.had_verdict);
    }
}

TEST_CASE("the alert mark of evaluate --alert-on reads and writes back")
{
    Record r;
    std::string err;
    REQUIRE_MESSAGE(parse_record(R"({"provider":"kimi-code","event":"reset","alert":true})", r, &err),
                    err);
    CHECK(r.alert);
    std::string out;
    write_record(out, r);
    CHECK(out == R"({"provider":"kimi-code","event":"reset","alert":true})" "\n");
    REQUIRE(parse_record(R"({"provider":"a","alert":false})", r, &err));
    CHECK_FALSE(r.alert);
    out.clear();
    write_record(out, r);
    CHECK(out == R"({"provider":"a"})" "\n");
    CHECK_FALSE(parse_record(R"({"provider":"a","alert":"yes"})", r, &err));
    CHECK(err == "field \"alert\" is not true or false");
}

TEST_CASE("the undelivered mark of a notifier reads and writes back, and counts as a failure")
{
    Record r;
    std::string err;
    REQUIRE_MESSAGE(parse_record(R"({"provider":"a","level":"warning","undelivered":["discord","mail"]})",
                                 r, &err), err);
    CHECK(r.undelivered == std::vector<std::string>{"discord", "mail"});
    CHECK(r.level == "warning");
    CHECK(marks_failure(r));
    std::string out;
    write_record(out, r);
    CHECK(out == R"({"provider":"a","level":"warning","undelivered":["discord","mail"]})" "\n");
    CHECK_FALSE(parse_record(R"({"provider":"a","undelivered":"discord"})", r, &err));
    CHECK(err == "field \"undelivered\" is not an array of channel names");
    CHECK_FALSE(parse_record(R"({"provider":"a","undelivered":[1]})", r, &err));
    REQUIRE(parse_record(R"({"provider":"a"})", r, &err));
    CHECK_FALSE(marks_failure(r));
    Record run = run_error_record("record", "x.db: cannot write\nmore");
    CHECK(marks_failure(run));
    CHECK(run.kind == "run");
    CHECK(run.error == "x.db: cannot write more");
}

TEST_CASE("malformed lines are reported with their line number and the rest flows")
{
    Piped in("{\"provider\":\"a\"}\nnot json\n\n{\"remaining\":\"abc\"}\n[1]\n"
             "{\"provider\":\"b\"}\n{\"provider\":\"c\"}");
    NdjsonReader reader(in.fds[0], "<stdin>");
    Record r;
    std::string err;
    std::vector<std::string> seen, errors;
    for (NdjsonReader::Read got; (got = reader.next(r, &err)) != NdjsonReader::Read::end;) {
        if (got == NdjsonReader::Read::record)
            seen.push_back(r.provider);
        else
            errors.push_back(err);
    }
    CHECK(seen == std::vector<std::string>{"a", "b", "c"});
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].rfind("<stdin>:2: ", 0) == 0);
    CHECK(errors[1] == "<stdin>:3: empty line");
    CHECK(errors[2] == "<stdin>:4: field \"remaining\" is not a number");
    CHECK(errors[3] == "<stdin>:5: not a JSON object");
}

TEST_CASE("a line over 1 MiB is refused without being held in memory")
{
    std::string big = "{\"provider\":\"" + std::string(3 << 20, 'x') + "\"}\n{\"provider\":\"ok\"}\n";
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    FILE* w = nullptr;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        w = fdopen(fds[1], "w");
        fwrite(big.data(), 1, big.size(), w);
        fclose(w);
        _exit(0);
    }
    close(fds[1]);
    NdjsonReader reader(fds[0], "<stdin>");
    Record r;
    std::string err;
    CHECK(reader.next(r, &err) == NdjsonReader::Read::bad_line);
    CHECK(err == "<stdin>:1: line longer than 1048576 bytes");
    CHECK(reader.next(r, &err) == NdjsonReader::Read::record);
    CHECK(r.provider == "ok");
    CHECK(reader.next(r, &err) == NdjsonReader::Read::end);
    close(fds[0]);
}

TEST_CASE("invalid UTF-8 and trailing junk are bad lines")
{
    Record r;
    std::string err;
    CHECK_FALSE(parse_record("{\"provider\":\"\xff\"}", r, &err));
    CHECK_FALSE(parse_record("{\"provider\":\"a\"} x", r, &err));
    CHECK(parse_record("{\"remaining\":null}", r, &err));
    CHECK_FALSE(r.remaining);
}

TEST_CASE("Json accessors read numbers from numbers and numeric strings")
{
    Json j;
    std::string err;
    REQUIRE(parse_json(R"({"a":"12.50","b":3,"c":"x","d":true,"e":{"f":" 7 "}})", j, &err));
    CHECK(j.get("a")->as_number() == 12.5);
    CHECK(j.get("b")->as_number() == 3.0);
    CHECK_FALSE(j.get("c")->as_number());
    CHECK(j.get("d")->as_bool() == true);
    CHECK(j.at({"e", "f"})->as_number() == 7.0);
    CHECK(j.at({"e", "g"}) == nullptr);
    CHECK_FALSE(parse_json("<html>", j, &err));
    CHECK_FALSE(parse_number("nan"));
    CHECK_FALSE(parse_number(""));
}
