// A small JSON writer: appends to a std::string, escapes strings as RFC 8259
// requires, writes numbers so that they parse back to the same double.
#pragma once
#include <string>
#include <string_view>

namespace qw {

void append_json_string(std::string& out, std::string_view s);
void append_json_number(std::string& out, double v);

// Builds one object or array; the caller owns the buffer, so a tool can reuse
// it line after line without allocating.
class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(double v);
    JsonWriter& value(bool b);
    JsonWriter& raw(std::string_view json);      // already valid JSON text
    JsonWriter& members(std::string_view json);  // raw "k":v,... inside an object

    JsonWriter& field(std::string_view k, std::string_view s) { return key(k).value(s); }
    JsonWriter& field(std::string_view k, const char* s) { return key(k).value(s); }
    JsonWriter& field(std::string_view k, double v) { return key(k).value(v); }
    JsonWriter& field(std::string_view k, bool b) { return key(k).value(b); }

private:
    void comma();
    std::string& out_;
    bool first_ = true;
};

}  // namespace qw
