// Tool support for render: its options and its run (records to text for people).
#pragma once
#include "exit_status.h"

#include <cxxopts.hpp>

namespace qw {

void add_render_options(cxxopts::Options& opts);
Exit run_render(const cxxopts::ParseResult& args);

}  // namespace qw
