// Tool support for dashboard: its options and its run.
#pragma once
#include "exit_status.h"

#include <cxxopts.hpp>

namespace qw {

void add_dashboard_options(cxxopts::Options& opts);
Exit run_dashboard(const cxxopts::ParseResult& args);

}  // namespace qw
