#include "json_writer.h"

#include <charconv>
#include <cmath>

namespace qw {

void append_json_string(std::string& out, std::string_view s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.data() + start, i - start);
        start = i + 1;
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
    out.append(s.data() + start, s.size() - start);
    out += '"';
}

void append_json_number(std::string& out, double v)
{
    if (!std::isfinite(v)) {                     // JSON has no NaN or infinity
        out += "null";
        return;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
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
