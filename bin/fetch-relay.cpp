// fetch-relay: the balance of every key on one-api / new-api relays (seed 002).
#include "error.h"
#include "tool/fetch_tool.h"
#include "json.h"
#include "providers/relay.h"
#include "timeutil.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-relay", "print the balance of every relay key");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("accounts", "the accounts file: NAME BASE_URL [KEY_FILE] [OPTION=VALUE...] lines",
         cxxopts::value<std::string>(), "FILE")
        ("mode", "billing (one-api, new-api), user-stats (one-api counting per user) or "
                 "token (new-api)",
         cxxopts::value<std::string>()->default_value("billing"), "MODE")
        ("quota-per-unit", "raw quota units per UNIT",
         cxxopts::value<std::string>()->default_value("500000"), "N")
        ("unit", "what the relay's amounts are in: USD, CNY, quota",
         cxxopts::value<std::string>()->default_value("USD"), "UNIT");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    qw::RelayOptions o;
    o.mode = args["mode"].as<std::string>();
    o.unit = args["unit"].as<std::string>();
    const std::string per = args["quota-per-unit"].as<std::string>();
    auto n = qw::parse_number(per);
    if (!n)
        throw qw::Error("--quota-per-unit: \"" + per + "\" is not a number");
    o.quota_per_unit = *n;
    qw::check_relay_options(o);
    const std::string base = qw::base_url_option(args, "RELAY_BASE_URL", "");
    auto accounts = qw::relay_accounts(
        o, args.count("accounts") ? args["accounts"].as<std::string>() : "",
        args.count("key-file") ? args["key-file"].as<std::string>() : "", base);
    return qw::run_fetch_parts(qw::relay_parts(accounts, base, qw::now()), args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-relay", argc, argv, run);
}
