// A parsed JSON document as plain C++ values, for the provider parsers.
// Provider replies are small (at most 1 MiB), so a tree is the simple answer;
// the NDJSON hot path (ndjson.h) does not use it.  Implemented in ndjson.cpp,
// the one translation unit that includes simdjson.h.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qw {

struct Json {
    Json() = default;      // clang with libstdc++ 12 needs it declared (make fuzz)
    enum class Type { null, boolean, number, string, array, object };
    Type type = Type::null;
    bool boolean = false;
    double number = 0;
    std::string text;                                  // string, or a number's digits
    std::vector<Json> items;                           // array
    std::vector<std::pair<std::string, Json>> members; // object, in input order

    bool is_null() const { return type == Type::null; }
    bool is_object() const { return type == Type::object; }
    bool is_array() const { return type == Type::array; }
    bool is_string() const { return type == Type::string; }
    // The member called key, or nullptr (also when this is not an object).
    const Json* get(std::string_view key) const;
    // A path of members: j.at({"data", "available_balance"}).
    const Json* at(std::initializer_list<std::string_view> path) const;
    // A number, or a string holding one ("12.5"); nothing otherwise.
    std::optional<double> as_number() const;
    // A string, or a number's text; nothing otherwise.
    std::optional<std::string> as_string() const;
    // true/false, or nothing.
    std::optional<bool> as_bool() const;
};

// Parses a whole document.  On failure returns false and sets *err to a short
// description (never the input itself).
bool parse_json(std::string_view text, Json& out, std::string* err);

// A number from a string ("12.50", " 3 "); nothing when it is not one.
std::optional<double> parse_number(std::string_view s);

}  // namespace qw
