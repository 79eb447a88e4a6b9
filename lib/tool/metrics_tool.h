// Tool support for metrics: its options and its run.
#pragma once
#include "exit_status.h"

#include <cxxopts.hpp>

namespace qw {

void add_metrics_options(cxxopts::Options& opts);
Exit run_metrics(const cxxopts::ParseResult& args);

}  // namespace qw
