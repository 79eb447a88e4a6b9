// Tool support for evaluate: its options and its run.
#pragma once
#include "exit_status.h"

#include <cxxopts.hpp>

namespace qw {

void add_evaluate_options(cxxopts::Options& opts);
Exit run_evaluate(const cxxopts::ParseResult& args);

}  // namespace qw
