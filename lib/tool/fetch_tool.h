// Tool support for fetch-* mains: the options they share and the run.
#pragma once
#include "exit_status.h"
#include "fetch.h"

#include <cxxopts.hpp>

namespace qw {

// --base-url, --key-file, --timeout, --cacert, --parallel.
void add_fetch_options(cxxopts::Options& opts);

// The base URL: --base-url, else the environment variable env, else def.
std::string base_url_option(const cxxopts::ParseResult& args, const char* env,
                            const std::string& def);

// The region: --region (or its variable); else the region of the provider
// (registry.h) whose host the base URL names, or "cn" when that host ends in
// .cn (a China account's amounts are in CNY); else --region's default.
std::string region_option(const cxxopts::ParseResult& args, const std::string& base_url,
                          const std::string& provider);

HttpOptions http_options(const cxxopts::ParseResult& args);

// Finds the accounts, fetches them all at once, writes the records; exit 1
// when any record is an error, else 0.
Exit run_fetch(const Provider& p, const cxxopts::ParseResult& args);

// The same for a tool of several parts whose accounts the caller found.
Exit run_fetch_parts(const std::vector<FetchPart>& parts, const cxxopts::ParseResult& args);

}  // namespace qw
