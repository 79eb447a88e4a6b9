// The one translation unit that includes simdjson.h: the NDJSON reader and
// the JSON tree of json.h both live here.
#include "ndjson.h"

#include "error.h"
#include "json.h"
#include "json_writer.h"
#include "timeutil.h"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace qw {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr size_t max_line = 1 << 20;            // a record is never this long
constexpr size_t buffer_size = 2 * max_line;

bool is_number(const element& e)
{
    auto t = e.type();
    return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

// A field given twice is a bad line, whatever its first value (even "", null
// or {}): the record would silently say one of the two.
bool twice(std::string_view key, std::string* err)
{
    *err = "field \"" + std::string(key) + "\" appears twice";
    return false;
}

bool set_string(const element& v, std::string_view key, std::string& dst, std::string* err)
{
    std::string_view s;
    if (v.get_string().get(s)) {
        *err = "field \"" + std::string(key) + "\" is not a string";
        return false;
    }
    dst.assign(s.data(), s.size());
    return true;
}

bool set_number(const element& v, std::string_view key, std::optional<double>& dst,
                std::string* err)
{
    if (v.is_null()) {
        dst.reset();
        return true;
    }
    double d;
    if (!is_number(v) || v.get_double().get(d)) {
        *err = "field \"" + std::string(key) + "\" is not a number";
        return false;
    }
    dst = d;
    return true;
}

bool set_raw(const element& v, std::string_view, std::string& dst, std::string*)
{
    dst = simdjson::minify(v);
    return true;
}

bool set_parts(const element& v, std::vector<Part>& parts, std::string* err)
{
    simdjson::dom::object obj;
    if (v.get_object().get(obj)) {
        *err = "field \"parts\" is not an object";
        return false;
    }
    parts.clear();
    for (auto member : obj) {
        double d;
        if (!is_number(member.value) || member.value.get_double().get(d)) {
            *err = "field \"parts." + std::string(member.key) + "\" is not a number";
            return false;
        }
        parts.push_back({std::string(member.key), d});
    }
    return true;
}

bool set_bool(const element& v, std::string_view key, bool& dst, std::string* err)
{
    if (v.get_bool().get(dst)) {
        *err = "field \"" + std::string(key) + "\" is not true or false";
        return false;
    }
    return true;
}

// "undelivered": the channels an earlier notifier could not deliver to.
bool set_channels(const element& v, std::vector<std::string>& dst, std::string* err)
{
    simdjson::dom::array items;
    if (!dst.empty())
        return twice("undelivered", err);
    if (v.get_array().get(items)) {
        *err = "field \"undelivered\" is not an array of channel names";
        return false;
    }
    for (element item : items) {
        std::string_view name;
        if (item.get_string().get(name)) {
            *err = "field \"undelivered\" is not an array of channel names";
            return false;
        }
        dst.emplace_back(name);
    }
    return true;
}

// The fields evaluate adds; the record remembers that the line had one.
bool set_verdict(const element& v, std::string_view k, Record& r, std::string* err)
{
    r.had_verdict = true;
    if (k == "level") return set_string(v, k, r.level, err);
    if (k == "reason") return set_string(v, k, r.reason, err);
    if (k == "threshold") return set_string(v, k, r.threshold, err);
    if (k == "event") return set_string(v, k, r.event, err);
    if (k == "alert") return set_bool(v, k, r.alert, err);
    return set_raw(v, k, r.prev, err);
}

// The fields a record knows, in the order fill_record dispatches them.
constexpr std::string_view known_fields[] = {
    "ts", "provider", "account", "kind", "window", "unit", "remaining", "used", "limit",
    "used_pct", "resets_at", "parts", "as_of", "status", "error", "undelivered",
    "level", "reason", "threshold", "event", "prev", "alert"};

bool fill_record(const element& doc, Record& r, std::string* err)
{
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) {
        *err = "not a JSON object";
        return false;
    }
    r.clear();
    uint32_t seen = 0;                               // the known fields met, by index
    thread_local std::vector<std::string_view> others;   // the unknown ones
    others.clear();
    for (auto member : obj) {
        std::string_view k = member.key;
        const element& v = member.value;
        size_t i = 0;
        while (i < std::size(known_fields) && known_fields[i] != k)
            ++i;
        if (i == std::size(known_fields)) {
            if (std::find(others.begin(), others.end(), k) != others.end())
                return twice(k, err);
            others.push_back(k);
            if (!r.extra.empty())
                r.extra += ',';
            append_json_string(r.extra, k);
            r.extra += ':';
            r.extra += simdjson::minify(v);
            continue;
        }
        if (seen & (1u << i))
            return twice(k, err);
        seen |= 1u << i;
        bool ok;
        switch (i) {
        case 0: ok = set_string(v, k, r.ts, err); break;
        case 1: ok = set_string(v, k, r.provider, err); break;
        case 2: ok = set_string(v, k, r.account, err); break;
        case 3: ok = set_string(v, k, r.kind, err); break;
        case 4: ok = set_string(v, k, r.window, err); break;
        case 5: ok = set_string(v, k, r.unit, err); break;
        case 6: ok = set_number(v, k, r.remaining, err); break;
        case 7: ok = set_number(v, k, r.used, err); break;
        case 8: ok = set_number(v, k, r.limit, err); break;
        case 9: ok = set_number(v, k, r.used_pct, err); break;
        case 10: ok = set_string(v, k, r.resets_at, err); break;
        case 11: ok = set_parts(v, r.parts, err); break;
        case 12: ok = set_string(v, k, r.as_of, err); break;
        case 13: ok = set_string(v, k, r.status, err); break;
        case 14: ok = set_string(v, k, r.error, err); break;
        case 15: ok = set_channels(v, r.undelivered, err); break;
        default: ok = set_verdict(v, k, r, err); break;
        }
        if (!ok)
            return false;
    }
    if (!r.ts.empty() && !parse_rfc3339(r.ts)) {
        *err = "field \"ts\" is not an RFC 3339 time such as 2026-11-22T09:00:00Z";
        return false;
    }
    return true;
}

// Parses len bytes at p; SIMDJSON_PADDING readable bytes must follow them.
bool parse_padded(simdjson::dom::parser& parser, const char* p, size_t len, Record& r,
                  std::string* err)
{
    element doc;
    if (auto e = parser.parse(p, len, false).get(doc)) {
        *err = simdjson::error_message(e);
        return false;
    }
    return fill_record(doc, r, err);
}

void build_tree(const element& e, Json& out)
{
    switch (e.type()) {
    case element_type::OBJECT:
        out.type = Json::Type::object;
        for (auto member : simdjson::dom::object(e)) {
            out.members.emplace_back(std::string(member.key), Json{});
            build_tree(member.value, out.members.back().second);
        }
        break;
    case element_type::ARRAY:
        out.type = Json::Type::array;
        for (element item : simdjson::dom::array(e)) {
            out.items.emplace_back();
            build_tree(item, out.items.back());
        }
        break;
    case element_type::STRING:
        out.type = Json::Type::string;
        out.text = std::string_view(e);
        break;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        out.type = Json::Type::number;
        out.number = double(e);
        break;
    case element_type::BOOL:
        out.type = Json::Type::boolean;
        out.boolean = bool(e);
        break;
    case element_type::NULL_VALUE:
        out.type = Json::Type::null;
        break;
    }
}

}  // namespace

struct NdjsonReader::Impl {
    int fd;
    std::string name;
    std::unique_ptr<char[]> buf{new char[buffer_size + simdjson::SIMDJSON_PADDING]};
    size_t begin = 0, end = 0;
    bool eof = false, skipping = false;
    simdjson::dom::parser parser{max_line};
};

NdjsonReader::NdjsonReader(int fd, std::string name) : impl_(new Impl{fd, std::move(name)})
{
    std::memset(impl_->buf.get() + buffer_size, 0, simdjson::SIMDJSON_PADDING);
}

NdjsonReader::~NdjsonReader() = default;

NdjsonReader::Read NdjsonReader::next(Record& r, std::string* err)
{
    Impl& in = *impl_;
    char* buf = in.buf.get();
    for (;;) {
        const char* nl = static_cast<const char*>(
            std::memchr(buf + in.begin, '\n', in.end - in.begin));
        size_t len;
        if (nl) {
            len = nl - (buf + in.begin);
        } else if (in.eof) {
            if (in.begin == in.end && !in.skipping)   // a long last line is still told
                return Read::end;
            len = in.end - in.begin;              // a last line without newline
        } else {
            if (in.skipping || in.end - in.begin > max_line) {
                in.skipping = true;
                in.begin = in.end = 0;
            } else if (in.begin > 0) {
                std::memmove(buf, buf + in.begin, in.end - in.begin);
                in.end -= in.begin;
                in.begin = 0;
            }
            ssize_t n = ::read(in.fd, buf + in.end, buffer_size - in.end);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throw Error(in.name + ": read error: " + std::strerror(errno));
            if (n == 0)
                in.eof = true;
            in.end += n;
            continue;
        }
        const char* line = buf + in.begin;
        in.begin += len + (nl ? 1 : 0);
        ++line_;
        std::string what;
        bool ok = false;
        if (in.skipping) {
            in.skipping = false;
            what = "line longer than " + std::to_string(max_line) + " bytes";
        } else if (len > 0 && line[len - 1] == '\r') {
            --len;
        }
        if (what.empty() && len == 0)
            what = "empty line";
        else if (what.empty())
            ok = parse_padded(in.parser, line, len, r, &what);
        if (ok) {
            text_ = std::string_view(line, len);
            return Read::record;
        }
        *err = in.name + ":" + std::to_string(line_) + ": " + what;
        return Read::bad_line;
    }
}

bool parse_record(std::string_view line, Record& r, std::string* err)
{
    static thread_local simdjson::dom::parser parser;
    std::string padded;
    padded.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    padded.assign(line);
    return parse_padded(parser, padded.data(), padded.size(), r, err);
}

bool parse_json(std::string_view text, Json& out, std::string* err)
{
    simdjson::dom::parser parser;
    simdjson::padded_string padded(text);
    element doc;
    if (auto e = parser.parse(padded).get(doc)) {
        *err = simdjson::error_message(e);
        return false;
    }
    out = Json{};
    build_tree(doc, out);
    return true;
}

const Json* Json::get(std::string_view key) const
{
    for (const auto& [k, v] : members)
        if (k == key)
            return &v;
    return nullptr;
}

const Json* Json::at(std::initializer_list<std::string_view> path) const
{
    const Json* j = this;
    for (std::string_view k : path)
        if (!(j = j->get(k)))
            return nullptr;
    return j;
}

std::optional<double> parse_number(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    double d;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(d))
        return std::nullopt;
    return d;
}

std::optional<double> Json::as_number() const
{
    if (type == Type::number)
        return number;
    if (type == Type::string)
        return parse_number(text);
    return std::nullopt;
}

std::optional<std::string> Json::as_string() const
{
    if (type == Type::string)
        return text;
    if (type == Type::number) {
        std::string s;
        append_json_number(s, number);
        return s;
    }
    return std::nullopt;
}

std::optional<bool> Json::as_bool() const
{
    if (type == Type::boolean)
        return boolean;
    return std::nullopt;
}

}  // namespace qw
