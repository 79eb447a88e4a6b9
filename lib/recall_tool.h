// Tool support for recall (the history tool): its options and its run.
#pragma once
#include "exit_status.h"

#include <cxxopts.hpp>

namespace qw {

void add_history_options(cxxopts::Options& opts);
Exit run_history(const cxxopts::ParseResult& args);

}  // namespace qw
