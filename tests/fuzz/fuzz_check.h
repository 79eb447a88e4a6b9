// What the provider and notifier fuzz targets share: the input cut into
// several answers, and the properties every record a parser makes must keep.
#pragma once
#include "http.h"
#include "ndjson.h"
#include "record.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw_fuzz {

// The input cut at lines holding only "---" into exactly n pieces (missing
// ones empty, the last one takes the rest), so that a corpus file can hold
// the several answers one parser reads.
inline std::vector<std::string> pieces(const uint8_t* data, size_t size, size_t n)
{
    std::string_view s(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> out;
    while (out.size() + 1 < n) {
        size_t cut = s.find("\n---\n");
        if (cut == std::string_view::npos)
            break;
        out.emplace_back(s.substr(0, cut));
        s.remove_prefix(cut + 5);
    }
    out.emplace_back(s);
    out.resize(n);
    return out;
}

inline bool finite(const std::optional<double>& v)
{
    return !v || std::isfinite(*v);
}

// Each record: a known status, an error record says why on one line, the
// numbers are finite (JSON has no infinity: it would be written as null),
// and its line parses back and writes again to the same text.
inline void check_record(const qw::Record& r)
{
    if (r.status != "ok" && r.status != "error" && r.status != "skipped" && r.status != "na")
        __builtin_trap();
    if (r.status == "error" &&
        (r.error.empty() || r.error.find_first_of("\r\n") != std::string::npos))
        __builtin_trap();
    if (!finite(r.remaining) || !finite(r.used) || !finite(r.limit) || !finite(r.used_pct))
        __builtin_trap();
    for (const qw::Part& p : r.parts)
        if (!std::isfinite(p.value))
            __builtin_trap();
    std::string once;
    qw::write_record(once, r);
    if (once.empty() || once.back() != '\n' || once.find('\n') != once.size() - 1)
        __builtin_trap();
    qw::Record again;
    std::string err;
    if (!qw::parse_record(std::string_view(once).substr(0, once.size() - 1), again, &err))
        __builtin_trap();
    std::string twice;
    qw::write_record(twice, again);
    if (once != twice)
        __builtin_trap();
}

// A parser's output: at least min records, each one checked.
inline void check_records(const std::vector<qw::Record>& out, size_t min = 1)
{
    if (out.size() < min)
        __builtin_trap();
    for (const qw::Record& r : out)
        check_record(r);
}

// The series every provider target starts from.
inline qw::Record base(const char* provider)
{
    qw::Record r;
    r.ts = "2026-11-22T09:00:00Z";
    r.provider = provider;
    r.account = "default";
    return r;
}

inline qw::HttpResponse answer(long status, std::string body)
{
    qw::HttpResponse a;
    a.status = status;
    a.body = std::move(body);
    a.content_type = "application/json";
    return a;
}

}  // namespace qw_fuzz
