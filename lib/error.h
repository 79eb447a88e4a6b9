// The one exception type: a failure that ends the run (cannot open the
// database, cannot start a transfer).  Expected outcomes are values.
#pragma once
#include <stdexcept>
#include <string>

namespace qw {

struct Error : std::runtime_error {
    explicit Error(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace qw
