#include "tool/fetch_tool.h"

#include "error.h"
#include "json.h"
#include "registry.h"
#include "timeutil.h"
#include "tool/tool.h"

#include <cmath>
#include <cstdlib>

namespace qw {

void add_fetch_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("base-url", "scheme://host[:port] to ask instead of the provider",
         cxxopts::value<std::string>(), "URL")
        ("cacert", "trust the CA certificates in FILE too", cxxopts::value<std::string>(),
         "FILE")
        ("key-file", "read the key from FILE (mode 0600)", cxxopts::value<std::string>(), "FILE")
        ("parallel", "at most N requests at once", cxxopts::value<std::string>()->default_value("16"),
         "N")
        ("t,timeout", "give up after SECONDS in all, every page included",
         cxxopts::value<std::string>()->default_value("30"), "SECONDS");
}

std::string base_url_option(const cxxopts::ParseResult& args, const char* env,
                            const std::string& def)
{
    if (args.count("base-url"))
        return checked_base_url(args["base-url"].as<std::string>());
    if (const char* v = std::getenv(env); v && *v)
        return checked_base_url(v);
    return def;
}

std::string region_option(const cxxopts::ParseResult& args, const std::string& base_url,
                          const std::string& provider)
{
    if (!args.count("region") && !base_url.empty()) {
        std::string host = base_url.substr(base_url.find("://") + 3);
        host = host.substr(0, host.find_first_of(":/"));
        for (const Region& r : regions_of(provider))
            if (host == r.host)
                return r.name;
        if (host.size() > 3 && host.compare(host.size() - 3, 3, ".cn") == 0)
            return "cn";
    }
    return args["region"].as<std::string>();
}

HttpOptions http_options(const cxxopts::ParseResult& args)
{
    HttpOptions h;
    std::string t = args["timeout"].as<std::string>();
    auto secs = parse_number(t);
    if (!secs || *secs <= 0 || *secs > 86400)
        throw Error("--timeout: \"" + t + "\" is not a number of seconds");
    h.timeout_ms = static_cast<long>(std::ceil(*secs * 1000));
    h.connect_timeout_ms = std::min(h.timeout_ms, 10000L);
    if (args.count("cacert"))
        h.cacert = args["cacert"].as<std::string>();
    else if (const char* ca = std::getenv("QUOTAWATCH_CACERT"); ca && *ca)
        h.cacert = ca;
    std::string n = args["parallel"].as<std::string>();
    auto parallel = parse_number(n);
    if (!parallel || *parallel < 1 || *parallel > 10000 || *parallel != std::floor(*parallel))
        throw Error("--parallel: \"" + n + "\" is not a whole number from 1 to 10000");
    h.parallel = static_cast<int>(*parallel);
    return h;
}

Exit run_fetch(const Provider& p, const cxxopts::ParseResult& args)
{
    std::string key_file = args.count("key-file") ? args["key-file"].as<std::string>() : "";
    HttpOptions http = http_options(args);
    CurlGlobal curl;
    auto accounts = find_accounts(p.name, p.key_env, key_file);
    FetchResult got = fetch_all(p, accounts, http, now());
    for (const Record& r : got.records)
        if (status_of(r) == Status::error)
            warn(r.account + ": " + r.error);
    return write_records(got.records);
}

Exit run_fetch_parts(const std::vector<FetchPart>& parts, const cxxopts::ParseResult& args)
{
    HttpOptions http = http_options(args);
    CurlGlobal curl;
    FetchResult got = fetch_parts(parts, http, now());
    for (const Record& r : got.records)
        if (status_of(r) == Status::error)
            warn(r.account + ": " + r.error);
    return write_records(got.records);
}

}  // namespace qw
