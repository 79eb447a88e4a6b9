// A fetcher's options from the environment, and the region its base URL implies.
#include "error.h"
#include "registry.h"
#include "tool/fetch_tool.h"
#include "tool/tool.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace qw;

namespace {

// fetch-glm's kind of options: a value with a default, a switch, a value.
cxxopts::Options glm_like(const char* program)
{
    auto opts = tool_options(program, "test");
    add_fetch_options(opts);
    opts.add_options()
        ("no-wallet", "a switch")
        ("organization", "a value", cxxopts::value<std::string>(), "ID")
        ("region", "a region", cxxopts::value<std::string>()->default_value("global"), "REGION");
    return opts;
}

cxxopts::ParseResult parse(cxxopts::Options& opts, std::vector<const char*> argv)
{
    argv.insert(argv.begin(), "fetch-test");
    cxxopts::ParseResult out;
    REQUIRE(parse_options(opts, static_cast<int>(argv.size()), const_cast<char**>(argv.data()), out));
    return out;
}

struct Env {
    std::vector<std::string> names;
    void set(const std::string& name, const char* value)
    {
        ::setenv(name.c_str(), value, 1);
        names.push_back(name);
    }
    ~Env()
    {
        for (const auto& n : names)
            ::unsetenv(n.c_str());
    }
};

}  // namespace

TEST_CASE("the variables' prefix is the fetcher's name; none for the other tools")
{
    CHECK(option_env_prefix("fetch-moonshot") == "MOONSHOT_");
    CHECK(option_env_prefix("fetch-kimi-code") == "KIMI_CODE_");
    CHECK(option_env_prefix("fetch-budget") == "");
    CHECK(option_env_prefix("evaluate") == "");
    CHECK(option_env_prefix("notify-discord") == "");
}

TEST_CASE("options the command line does not give come from the environment")
{
    Env env;
    env.set("TEST_REGION", "cn");
    env.set("TEST_TIMEOUT", "7");
    env.set("TEST_NO_WALLET", "yes");
    env.set("TEST_ORGANIZATION", "org $HOME `x` a b");
    env.set("TEST_BASE_URL", "https://example.com/v1");
    auto opts = glm_like("fetch-test");
    auto args = parse(opts, {});
    CHECK(args["region"].as<std::string>() == "cn");
    CHECK(args["timeout"].as<std::string>() == "7");
    CHECK(args.count("no-wallet") == 1);
    CHECK(args["organization"].as<std::string>() == "org $HOME `x` a b");
    CHECK(args.count("base-url") == 0);          // each fetcher names its own variable

    SUBCASE("the command line wins")
    {
        auto opts2 = glm_like("fetch-test");
        auto given = parse(opts2, {"--region", "global", "--timeout=3"});
        CHECK(given["region"].as<std::string>() == "global");
        CHECK(given["timeout"].as<std::string>() == "3");
    }
    SUBCASE("a switch is yes or no")
    {
        env.set("TEST_NO_WALLET", "no");
        auto opts2 = glm_like("fetch-test");
        CHECK(parse(opts2, {}).count("no-wallet") == 0);
        env.set("TEST_NO_WALLET", "maybe");
        auto opts3 = glm_like("fetch-test");
        cxxopts::ParseResult out;
        const char* argv[] = {"fetch-test"};
        CHECK_THROWS_WITH_AS(parse_options(opts3, 1, const_cast<char**>(argv), out),
                             "TEST_NO_WALLET: \"maybe\" is not yes or no", Error);
    }
}

TEST_CASE("a tool that is not a fetcher reads no option from the environment")
{
    Env env;
    env.set("TEST_REGION", "cn");
    env.set("REGION", "cn");
    auto opts = glm_like("evaluate");
    CHECK(parse(opts, {})["region"].as<std::string>() == "global");
}

TEST_CASE("a base URL on a China host, or on the registry's host of a region, implies that region, unless a region is given")
{
    const std::string hosts = "minimax";        // the registry's hosts
    auto opts = glm_like("fetch-test");
    auto none = parse(opts, {});
    CHECK(region_option(none, "", hosts) == "global");
    CHECK(region_option(none, "https://api.moonshot.cn", hosts) == "cn");
    CHECK(region_option(none, "https://proxy.example.com.cn:8443", hosts) == "cn");
    CHECK(region_option(none, "https://api.minimaxi.com", hosts) == "cn");
    CHECK(region_option(none, "https://api.minimax.io", hosts) == "global");
    CHECK(region_option(none, "https://cn.example.com", hosts) == "global");
    CHECK(region_option(none, "http://127.0.0.1:8080", hosts) == "global");
    auto opts2 = glm_like("fetch-test");
    auto given = parse(opts2, {"--region", "global"});
    CHECK(region_option(given, "https://api.moonshot.cn", hosts) == "global");
}

TEST_CASE("the registry's regions: name, currency and host; an unknown region is refused by name")
{
    auto all = qw::regions_of("moonshot");
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "global");
    CHECK(all[0].unit == "USD");
    CHECK(all[0].host == "api.moonshot.ai");
    CHECK(all[1].name == "cn");
    CHECK(all[1].unit == "CNY");
    CHECK(all[1].host == "api.moonshot.cn");
    CHECK(qw::find_region("glm", "cn").host == "open.bigmodel.cn");
    CHECK(qw::regions_of("deepseek").empty());
    CHECK_THROWS_WITH(qw::find_region("siliconflow", "mars"),
                      "--region: \"mars\" is not global or cn");
}
