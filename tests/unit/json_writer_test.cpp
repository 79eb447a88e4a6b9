#include "json_writer.h"

#include "json.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace qw;

static Json round_trip_string(const std::string& s)
{
    std::string out;
    JsonWriter(out).begin_object().field("s", s).end_object();
    Json j;
    std::string err;
    REQUIRE_MESSAGE(parse_json(out, j, &err), err << " in " << out);
    return j;
}

TEST_CASE("strings survive quotes, backslashes, control characters and non-ASCII")
{
    for (std::string s : {std::string("plain"), std::string("say \"hi\""), std::string("C:\\keys\\"),
                          std::string("tab\tnew\nline\rret"), std::string("\x01\x1f\b\f", 4),
                          std::string("GLM (智谱) ⚠️ ¥20"), std::string("nul\0inside", 10),
                          std::string("")}) {
        Json j = round_trip_string(s);
        REQUIRE(j.get("s"));
        CHECK(j.get("s")->text == s);
    }
}

TEST_CASE("numbers parse back to the same double")
{
    for (double v : {0.0, 12.34, 8.89, -3.2, 49.58894, 1e-7, 123456789012.0, 0.1 + 0.2,
                     1.7976931348623157e308, 5e-324}) {
        std::string out;
        JsonWriter(out).begin_array().value(v).end_array();
        Json j;
        std::string err;
        REQUIRE(parse_json(out, j, &err));
        CHECK(j.items.at(0).number == v);
    }
}

TEST_CASE("a non-finite number is written as null, never as invalid JSON")
{
    std::string out;
    JsonWriter(out).begin_array().value(std::nan("")).value(INFINITY).end_array();
    CHECK(out == "[null,null]");
}

TEST_CASE("nested objects and arrays get their commas")
{
    std::string out;
    JsonWriter w(out);
    w.begin_object().field("a", 1.0).key("b").begin_array().value("x").value(true).end_array();
    w.key("c").begin_object().end_object().field("d", false).end_object();
    CHECK(out == R"({"a":1,"b":["x",true],"c":{},"d":false})");
}
