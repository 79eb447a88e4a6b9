// The typed view of a record's states: known names, none, and other.
#include "record.h"

#include <doctest/doctest.h>

using namespace qw;

TEST_CASE("a record's states read as enums; an unknown one as other, an empty one as none")
{
    Record r;
    CHECK(status_of(r) == Status::none);
    CHECK(level_of(r) == Level::none);
    CHECK(kind_of(r) == Kind::none);
    r.status = "error";
    r.level = "critical";
    r.kind = "quota";
    CHECK(status_of(r) == Status::error);
    CHECK(is_error_status(r));
    CHECK(level_of(r) == Level::critical);
    CHECK(kind_of(r) == Kind::quota);
    r.status = "maintenance";
    r.level = "Warning";
    r.kind = "credits";
    CHECK(status_of(r) == Status::other);
    CHECK(level_of(r) == Level::other);
    CHECK(kind_of(r) == Kind::other);
    CHECK(r.status == "maintenance");               // the string passes through
    for (auto [name, level] : {std::pair{"ok", Level::ok}, {"info", Level::info},
                               {"warning", Level::warning}, {"error", Level::error},
                               {"unknown", Level::unknown}})
        CHECK(level_named(name) == level);
}
