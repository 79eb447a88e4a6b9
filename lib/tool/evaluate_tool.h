// Tool support for evaluate: its options and its run.
#pragma once
#include "exit_status.h"
#include "rules.h"

#include <cxxopts.hpp>

namespace qw {

void add_evaluate_options(cxxopts::Options& opts);
Exit run_evaluate(const cxxopts::ParseResult& args);

// The rules of --rules FILE, else of $QUOTAWATCH_RULES, else none (the
// dashboard's threshold lines follow them too).
std::vector<Rule> rules_file(const cxxopts::ParseResult& args);

}  // namespace qw
