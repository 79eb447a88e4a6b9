#include "json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace qw {

namespace {

// True when one of the 8 bytes of w is a control character, '"' or '\\'.
bool needs_escape(uint64_t w)
{
    constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto has_zero = [](uint64_t x) { return (x - ones) & ~x; };
    return ((w - ones * 0x20) & ~w & highs) ||
           (has_zero(w ^ (ones * '"')) & highs) || (has_zero(w ^ (ones * '\\')) & highs);
}

// The length of the start of s that needs no escaping, 8 bytes at a time.
size_t plain_prefix(std::string_view s)
{
    size_t i = 0;
    for (uint64_t w; i + 8 <= s.size(); i += 8) {
        std::memcpy(&w, s.data() + i, 8);
        if (needs_escape(w))
            break;
    }
    for (; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == '"' || c == '\\')
            break;
    }
    return i;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (;;) {
        size_t n = plain_prefix(s);
        out.append(s.data(), n);
        if (n == s.size())
            break;
        unsigned char c = static_cast<unsigned char>(s[n]);
        s.remove_prefix(n + 1);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out += '"';
}

void append_json_number(std::string& out, double v)
{
    if (!std::isfinite(v)) {                     // JSON has no NaN or infinity
        out += "null";
        return;
    }
    if (v == 0)
        v = 0;                                   // -0 would read back as 0: write 0
    char buf[32];
    char* end;
    // Money (whole cents under 100000) the way std::to_chars writes it, but
    // without its general algorithm: the shortest form is the cents' digits.
    const double a = std::fabs(v);
    const long long cents = std::llround(a * 100);
    if (a > 0 && a < 1e5 && static_cast<double>(cents) / 100 == a) {
        end = buf;
        if (v < 0)
            *end++ = '-';
        end = std::to_chars(end, buf + sizeof buf, cents / 100).ptr;
        if (int frac = static_cast<int>(cents % 100)) {
            *end++ = '.';
            *end++ = static_cast<char>('0' + frac / 10);
            if (frac % 10)
                *end++ = static_cast<char>('0' + frac % 10);
        }
    } else if (a >= 1e18) {                      // an integer this long would not read back
        end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific).ptr;
    } else {
        end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    }
    out.append(buf, end);
}

void JsonWriter::comma()
{
    if (!first_)
        out_ += ',';
    first_ = false;
}

JsonWriter& JsonWriter::begin_object()
{
    comma();
    out_ += '{';
    first_ = true;
    return *this;
}

JsonWriter& JsonWriter::end_object()
{
    out_ += '}';
    first_ = false;
    return *this;
}

JsonWriter& JsonWriter::begin_array()
{
    comma();
    out_ += '[';
    first_ = true;
    return *this;
}

JsonWriter& JsonWriter::end_array()
{
    out_ += ']';
    first_ = false;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k)
{
    comma();
    append_json_string(out_, k);
    out_ += ':';
    first_ = true;                               // the value follows without a comma
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s)
{
    comma();
    append_json_string(out_, s);
    return *this;
}

JsonWriter& JsonWriter::value(double v)
{
    comma();
    append_json_number(out_, v);
    return *this;
}

JsonWriter& JsonWriter::value(bool b)
{
    comma();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json)
{
    comma();
    out_ += json;
    return *this;
}

JsonWriter& JsonWriter::members(std::string_view json)
{
    if (!json.empty()) {
        comma();
        out_ += json;
    }
    return *this;
}

}  // namespace qw
