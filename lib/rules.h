// Threshold rules: "FIELD OP NUMBER" conditions, a rules file of per-series
// overrides, and the judgement that turns an observation into a verdict.
#pragma once
#include "record.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

enum class Field { remaining, used, remaining_pct, used_pct };
enum class Op { lt, le, gt, ge };

struct Condition {
    Field field = Field::remaining;
    Op op = Op::le;
    double value = 0;
    std::string text;            // normalised: "remaining_pct<10"
    std::optional<double> budget;  // "used>=80% of 500": used as a share of 500
};

// (Parsing, in rules_parse.cpp:) "remaining<=5", "remaining_pct < 10", "used_pct>=80%", "used>=80%" (the
// same as used_pct), and for spend records, which have no limit of their
// own, "used>=80% of 500".  On failure returns false and *err says what is
// wrong.
bool parse_condition(std::string_view s, Condition& out, std::string* err);

// The value of a field for a record; percentages are derived from
// limit/remaining/used when the record does not carry them.
std::optional<double> field_value(const Record& r, Field f);

const char* field_name(Field f);
const char* op_text(Op op);
bool is_pct(Field f);           // remaining_pct or used_pct

struct Rule {
    std::string selector;        // provider[/account[/kind[/window[/unit]]]], * = any
    std::string level;           // warning | critical
    Condition condition;
};

// The rules file: one rule per line, "SELECTOR LEVEL CONDITION", # comments.
// On failure returns false and *err is "LINE: what is wrong".
bool parse_rules(std::string_view text, std::vector<Rule>& out, std::string* err);

class Evaluator {
public:
    // Command-line conditions replace the defaults of their level; rules
    // whose selector matches a series replace both, most specific first.
    Evaluator(std::vector<Condition> warn, std::vector<Condition> critical,
              std::vector<Rule> rules);
    // Sets level, reason and threshold on r.
    void judge(Record& r) const;
    // The conditions of one level that judge r: the most specific rules', else
    // the command line's, else the defaults (the dashboard draws them).
    std::vector<const Condition*> applying(const Record& r, bool warning) const;

private:
    // The conditions of one level that apply to r, into out.
    void conditions(const Record& r, bool warning, std::vector<const Condition*>& out) const;
    std::vector<Condition> warn_, critical_;
    std::vector<Rule> rules_;
    Condition pct_warn_, pct_critical_, balance_warn_, balance_critical_;   // the defaults
    // judge's lists, kept from record to record so that judging allocates nothing
    mutable std::vector<const Condition*> warn_found_, critical_found_;
};

// Formats a value in its unit: "$4.20", "¥20.00", "28%", "61 requests".
std::string format_amount(double v, std::string_view unit);

}  // namespace qw
