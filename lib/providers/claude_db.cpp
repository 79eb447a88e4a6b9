#include "providers/claude_db.h"

#include "display.h"
#include "json.h"
#include "record.h"
#include "redact.h"
#include "secrets.h"
#include "timeutil.h"

#include <cstdlib>

namespace qw {

const char* const claude_db_default_query =
    "SELECT available_balance, updated_at FROM claude_api_usage "
    "ORDER BY updated_at DESC LIMIT 1";

namespace {

bool set(const char* (*getenv)(const char*), const char* name)
{
    const char* v = getenv(name);
    return v && *v;
}

// The index of the first column named one of names, or -1.
int column(const PgResult& r, std::initializer_list<std::string_view> names)
{
    for (std::string_view name : names)
        for (size_t i = 0; i < r.columns.size(); ++i)
            if (r.columns[i] == name)
                return static_cast<int>(i);
    return -1;
}

}  // namespace

PgParams claude_db_params(const char* (*getenv)(const char*))
{
    PgParams p;
    if (!set(getenv, "PGHOST") && !set(getenv, "PGHOSTADDR") && !set(getenv, "PGSERVICE") &&
        set(getenv, "SUPABASE_DB_HOST")) {
        p.emplace_back("host", getenv("SUPABASE_DB_HOST"));
        if (!set(getenv, "PGPORT"))
            p.emplace_back("port", "5432");
        if (!set(getenv, "PGUSER"))
            p.emplace_back("user", "postgres");
        if (!set(getenv, "PGDATABASE"))
            p.emplace_back("dbname", "postgres");
    }
    if (!set(getenv, "PGPASSWORD") && set(getenv, "SUPABASE_DB_PASSWORD"))
        p.emplace_back("password", getenv("SUPABASE_DB_PASSWORD"));
    return p;
}

std::optional<int64_t> parse_pg_time(std::string_view s)
{
    if (auto t = parse_rfc3339(s))
        return t;
    std::string u(s);
    if (u.size() == 10)
        u += "T00:00:00";
    if (size_t n = u.size(); n > 19 && (u[n - 3] == '+' || u[n - 3] == '-'))
        u += ":00";
    if (auto t = parse_rfc3339(u))
        return t;
    return parse_rfc3339(u + "Z");
}

Record claude_db_record(const Record& base, const PgResult& result, const std::string& unit)
{
    if (!result.error.empty())
        return error_record(base, "balance", result.error);
    if (result.columns.empty() || result.rows.empty())
        return error_record(base, "balance", "the query returned no rows");
    const auto& row = result.rows.front();
    int remaining = column(result, {"remaining", "available_balance"});
    if (remaining < 0)
        remaining = 0;
    const std::string& name = result.columns[remaining];
    if (!row[remaining])
        return error_record(base, "balance", name + " is NULL in the newest row");
    auto value = parse_number(*row[remaining]);
    if (!value)
        return error_record(base, "balance", name + " is not a number: \"" +
                                                 one_line(*row[remaining]) + "\"");
    Record r = balance_record(base, unit, *value);
    for (auto [field, target] : {std::pair{"used", &r.used}, {"limit", &r.limit}}) {
        int i = column(result, {field});
        if (i >= 0 && row[i])
            *target = parse_number(*row[i]);
    }
    if (int i = column(result, {"as_of", "updated_at"}); i >= 0 && row[i]) {
        auto t = parse_pg_time(*row[i]);
        if (!t)
            return error_record(base, "balance", result.columns[i] + " is not a time: \"" +
                                                     one_line(*row[i]) + "\"");
        r.as_of = format_rfc3339(*t);
    }
    return r;
}

Record fetch_claude_db(const ClaudeDbOptions& opts, int64_t now)
{
    Record base;
    base.ts = format_rfc3339(now);
    base.provider = "claude";
    base.account = opts.account;
    const auto getenv = [](const char* name) -> const char* { return std::getenv(name); };
    PgParams params = claude_db_params(getenv);
    Record r = claude_db_record(base, pg_query(params, opts.query, opts.timeout_seconds),
                                opts.unit);
    std::vector<std::string> secrets;
    for (const char* name : {"PGPASSWORD", "SUPABASE_DB_PASSWORD"})
        if (const char* v = std::getenv(name); v && *v)
            secrets.emplace_back(v);
    for (const std::string& s : secrets)
        add_secret(s);
    redact(r.error, secrets);
    return r;
}

}  // namespace qw
