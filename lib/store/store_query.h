// One number from any SQLite file (fetch-budget counts seed 003's completed
// tasks in dispatch.db); SQLite stays behind the store files.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qw {

// The first column of the first row of sql, run on the file at path opened
// read-only (never created), with each named parameter of params (":provider")
// that sql uses bound as text.  A statement that would write is refused.
// Nothing on failure, and *err says why: the file, the SQL, no row, NULL, not
// a number.
std::optional<double> sqlite_number(const std::string& path, const std::string& sql,
                                    const std::vector<std::pair<std::string, std::string>>& params,
                                    std::string* err);

}  // namespace qw
