#include "fetch.h"

#include <doctest/doctest.h>

using namespace qw;

TEST_CASE("--base-url takes scheme, host and port only")
{
    CHECK(checked_base_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
    CHECK(checked_base_url("https://relay.example.com/") == "https://relay.example.com");
    CHECK_THROWS(checked_base_url("127.0.0.1:8080"));
    CHECK_THROWS(checked_base_url("http://127.0.0.1:8080/v1"));
    CHECK_THROWS(checked_base_url("ftp://example.com"));
    CHECK_THROWS(checked_base_url("http://user:pw@example.com"));
}

TEST_CASE("no account gives one skipped record naming the variable")
{
    Provider p;
    p.name = "moonshot";
    p.key_env = "MOONSHOT_API_KEY";
    FetchResult r = fetch_all(p, {}, HttpOptions{}, 0);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].status == "skipped");
    CHECK(r.records[0].reason.find("MOONSHOT_API_KEY") != std::string::npos);
    CHECK_FALSE(r.any_error);
}

TEST_CASE("an account whose key cannot be read is an error record, never the key")
{
    Provider p;
    p.name = "moonshot";
    p.key_env = "MOONSHOT_API_KEY";
    p.requests = [](const std::string&, const std::string&) { return std::vector<HttpRequest>{}; };
    FetchResult r = fetch_all(p, {Account{"work", "", "keys/work: key file is accessible"}},
                              HttpOptions{}, 0);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].status == "error");
    CHECK(r.records[0].account == "work");
    CHECK(r.any_error);
}
