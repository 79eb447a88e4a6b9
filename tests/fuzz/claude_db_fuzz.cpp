// fetch-claude-db's pure part: a query result (column names on the first
// line, then rows, cells separated by "|", \N for NULL) to a record, and
// PostgreSQL times; fetch-budget's record from a budget and a count.
#include "fuzz_check.h"
#include "json.h"
#include "providers/budget.h"
#include "providers/claude_db.h"
#include "timeutil.h"

namespace {

std::vector<std::string> cells(std::string_view line)
{
    std::vector<std::string> out;
    for (size_t start = 0;;) {
        size_t end = std::min(line.find('|', start), line.size());
        out.emplace_back(line.substr(start, end - start));
        if (end == line.size())
            return out;
        start = end + 1;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    qw::PgResult result;
    for (size_t start = 0; start <= text.size();) {
        size_t end = std::min(text.find('\n', start), text.size());
        std::vector<std::string> line = cells(text.substr(start, end - start));
        if (result.columns.empty()) {
            result.columns = line;
        } else {
            std::vector<std::optional<std::string>> row;
            for (std::string& c : line)
                row.emplace_back(c == "\\N" ? std::nullopt : std::optional(std::move(c)));
            row.resize(result.columns.size());
            result.rows.push_back(std::move(row));
        }
        for (const std::string& c : line)
            if (auto t = qw::parse_pg_time(c))
                (void)qw::format_rfc3339(*t);
        start = end + 1;
    }
    qw_fuzz::check_record(qw::claude_db_record(qw_fuzz::base("claude"), result, "USD"));
    result.error = "ERROR: relation \"balances\" does not exist";
    qw_fuzz::check_record(qw::claude_db_record(qw_fuzz::base("claude"), result, "USD"));

    auto p = qw_fuzz::pieces(data, size, 3);
    std::optional<double> budget = qw::parse_number(p[0]);
    if (budget && *budget < 0)
        budget.reset();                          // fetch_budget refuses a negative budget
    qw_fuzz::check_record(qw::budget_record(qw_fuzz::base("anthropic"), budget,
                                            "ANTHROPIC_BUDGET", qw::parse_number(p[1]),
                                            p[2].substr(0, p[2].find('\n'))));
    return 0;
}
