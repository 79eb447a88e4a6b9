#include "timeutil.h"

#include "error.h"

#include <charconv>
#include <cstdlib>
#include <ctime>

namespace qw {

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out)
{
    if (pos + n > s.size())
        return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

int64_t now()
{
    if (const char* fixed = std::getenv("QUOTAWATCH_NOW"); fixed && *fixed) {
        auto t = parse_rfc3339(fixed);
        if (!t)
            throw Error("QUOTAWATCH_NOW: not an RFC 3339 time: " + std::string(fixed));
        return *t;
    }
    return static_cast<int64_t>(std::time(nullptr));
}

std::optional<int64_t> whole_seconds(double v)
{
    constexpr double first = -62135596800.0;     // 0001-01-01T00:00:00Z
    constexpr double last = 253402300799.0;      // 9999-12-31T23:59:59Z
    if (!(v >= first && v <= last))
        return std::nullopt;
    return static_cast<int64_t>(v);
}

std::string format_epoch(double seconds)
{
    auto s = whole_seconds(seconds);
    return s ? format_rfc3339(*s) : std::string();
}

std::string format_rfc3339(int64_t epoch)
{
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int64_t month_start(int64_t epoch)
{
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, 1) * 86400;
}

int64_t next_month_start(int64_t epoch)
{
    return month_start(month_start(epoch) + 32 * 86400);
}

std::string format_local(int64_t epoch)
{
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

std::string format_local_zone(int64_t epoch)
{
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    localtime_r(&t, &tm);
    char zone[16];
    std::strftime(zone, sizeof zone, "%Z", &tm);
    return format_local(epoch) + " " + zone;
}

std::optional<int64_t> parse_rfc3339(std::string_view s)
{
    int y, mo, d, h, mi, se;
    if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) ||
        s[7] != '-' || !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
        !digits(s, 17, 2, se))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return std::nullopt;
    size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
        if (pos == start)
            return std::nullopt;
    }
    int64_t offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om))
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;                     // RFC 3339 requires a zone
    }
    if (pos != s.size())
        return std::nullopt;
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
}

std::string utc_text(std::string_view s)
{
    if (s.size() == 20 && s[10] == 'T' && s[19] == 'Z' && parse_rfc3339(s))
        return std::string(s);                   // already as stored
    auto t = parse_rfc3339(s);
    return t ? format_rfc3339(*t) : std::string();
}

std::optional<int64_t> parse_zoneless_time(std::string_view s)
{
    if (s.empty() || s.back() == 'Z' || s.back() == 'z')
        return std::nullopt;
    auto fields = parse_rfc3339(std::string(s) + "Z");   // its fields, read as UTC
    if (!fields)
        return std::nullopt;
    std::time_t t = static_cast<std::time_t>(*fields);
    std::tm tm{};
    gmtime_r(&t, &tm);
    tm.tm_isdst = -1;
    const std::time_t local = std::mktime(&tm);
    if (local == static_cast<std::time_t>(-1))
        return std::nullopt;
    return static_cast<int64_t>(local);
}

std::optional<int64_t> parse_duration(std::string_view s)
{
    int64_t n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || n < 0 || p + 1 != s.data() + s.size())
        return std::nullopt;
    int64_t unit;
    switch (*p) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    default: return std::nullopt;
    }
    if (n > max_duration / unit)
        return std::nullopt;
    return n * unit;
}

}  // namespace qw
