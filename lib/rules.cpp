#include "rules.h"

#include "json.h"

#include <cctype>
#include <cmath>
#include <charconv>
#include <cstdio>

namespace qw {

namespace {

bool holds(double v, Op op, double limit)
{
    switch (op) {
    case Op::lt: return v < limit;
    case Op::le: return v <= limit;
    case Op::gt: return v > limit;
    case Op::ge: return v >= limit;
    }
    return false;
}

// The reason is built in place in the record's reused string: no allocation
// per record once warmed up.
void append_fixed(std::string& out, double v, int decimals)
{
    // std::to_chars rounds as printf's %.*f and %.6g do, without printf's cost
    // (a sixth of evaluate's time went to printf).
    char buf[64];
    const auto end = std::fabs(v) >= 1e15      // fixed would not fit: 1e+308
                         ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6)
                         : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    out.append(buf, end.ptr);
}

std::string fixed(double v, int decimals)
{
    std::string s;
    append_fixed(s, v, decimals);
    return s;
}

bool is_money(const std::string& unit)
{
    return unit == "USD" || unit == "CNY" || unit == "EUR";
}

// How a value of field f reads in a reason: "4.20 USD", "8.0%"; with more
// decimals when fewer would contradict the comparison it fired (9.99% left
// reads "9.99% < 10", not "10.0% < 10").
void append_reason_value(std::string& out, double v, Field f, const std::string& unit,
                         const Condition* fired = nullptr)
{
    int decimals = is_pct(f) ? 1 : is_money(unit) || v != std::floor(v) ? 2 : 0;
    for (; fired && decimals < 6; ++decimals) {
        const std::string shown = fixed(v, decimals);
        if (holds(std::strtod(shown.c_str(), nullptr), fired->op, fired->value))
            break;
    }
    if (is_pct(f)) {
        append_fixed(out, v, decimals);
        out += '%';
        return;
    }
    append_fixed(out, v, decimals);
    if (!unit.empty()) {
        out += ' ';
        out += unit;
    }
}

void append_limit(std::string& out, double v, Field f, const std::string& unit)
{
    append_fixed(out, v, (is_money(unit) && !is_pct(f)) || v != std::floor(v) ? 2 : 0);
}

// Selector parts: provider, account, kind, window, unit; missing or * match
// all.  A money series (unit_in_series) without a window also matches its
// unit in the window part: the selectors written when DeepSeek's currency
// was its window (before issue 25) keep working.
int specificity(const std::string& selector, const Record& r)
{
    const std::string* fields[] = {&r.provider, &r.account, &r.kind, &r.window, &r.unit};
    int score = 0;
    size_t start = 0;
    for (int i = 0; i < 5 && start <= selector.size(); ++i) {
        size_t slash = selector.find('/', start);
        std::string_view part(selector.data() + start,
                              (slash == std::string::npos ? selector.size() : slash) - start);
        if (part != "*" && !part.empty()) {
            const bool unit_as_window =
                i == 3 && r.window.empty() && unit_in_series(r.kind) && part == r.unit;
            if (part != *fields[i] && !unit_as_window)
                return -1;
            ++score;
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return score;
}

}  // namespace

const char* field_name(Field f)
{
    switch (f) {
    case Field::remaining: return "remaining";
    case Field::used: return "used";
    case Field::remaining_pct: return "remaining_pct";
    case Field::used_pct: return "used_pct";
    }
    return "";
}

bool is_pct(Field f)
{
    return f == Field::remaining_pct || f == Field::used_pct;
}

const char* op_text(Op op)
{
    switch (op) {
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    }
    return "";
}

std::optional<double> field_value(const Record& r, Field f)
{
    const bool has_limit = r.limit && *r.limit > 0;
    switch (f) {
    case Field::remaining:
        if (r.remaining) return r.remaining;
        if (r.limit && r.used) return *r.limit - *r.used;
        return std::nullopt;
    case Field::used:
        if (r.used) return r.used;
        if (r.limit && r.remaining) return *r.limit - *r.remaining;
        return std::nullopt;
    case Field::used_pct:
        if (r.used_pct) return r.used_pct;
        if (has_limit && r.used) return *r.used / *r.limit * 100;
        if (has_limit && r.remaining) return (*r.limit - *r.remaining) / *r.limit * 100;
        return std::nullopt;
    case Field::remaining_pct:
        if (has_limit && r.remaining) return *r.remaining / *r.limit * 100;
        if (has_limit && r.used) return (*r.limit - *r.used) / *r.limit * 100;
        if (r.used_pct) return 100 - *r.used_pct;
        return std::nullopt;
    }
    return std::nullopt;
}

Evaluator::Evaluator(std::vector<Condition> warn, std::vector<Condition> critical,
                     std::vector<Rule> rules)
    : warn_(std::move(warn)), critical_(std::move(critical)), rules_(std::move(rules))
{
    // The seeds' defaults: 10%/5% where there is a limit (seed 003),
    // remaining <= 5 for a balance without one (seed 001); a balance below
    // zero (an account in arrears, issue 25) is critical.
    pct_warn_ = {Field::remaining_pct, Op::lt, 10, "remaining_pct<10", {}};
    pct_critical_ = {Field::remaining_pct, Op::lt, 5, "remaining_pct<5", {}};
    balance_warn_ = {Field::remaining, Op::le, 5, "remaining<=5", {}};
    balance_critical_ = {Field::remaining, Op::lt, 0, "remaining<0", {}};
}

void Evaluator::conditions(const Record& r, bool warning,
                           std::vector<const Condition*>& out) const
{
    out.clear();
    const char* level = warning ? "warning" : "critical";
    int best = -1;
    for (const Rule& rule : rules_) {
        if (rule.level != level)
            continue;
        int s = specificity(rule.selector, r);
        if (s < 0 || s < best)
            continue;
        if (s > best)
            out.clear();
        best = s;
        out.push_back(&rule.condition);
    }
    if (best >= 0)
        return;
    const auto& given = warning ? warn_ : critical_;
    for (const Condition& c : given)
        out.push_back(&c);
    if (!given.empty())
        return;
    if (field_value(r, Field::remaining_pct))
        out.push_back(warning ? &pct_warn_ : &pct_critical_);
    else if (kind_of(r) == Kind::balance && r.remaining)
        out.push_back(warning ? &balance_warn_ : &balance_critical_);
}

std::vector<const Condition*> Evaluator::applying(const Record& r, bool warning) const
{
    std::vector<const Condition*> out;
    conditions(r, warning, out);
    return out;
}

namespace {

// The value a condition compares; with a budget, used as a share of it.
std::optional<double> condition_value(const Record& r, const Condition& c)
{
    if (!c.budget)
        return field_value(r, c.field);
    auto used = field_value(r, Field::used);
    return used ? std::optional<double>(*used / *c.budget * 100) : std::nullopt;
}

// "remaining 4.20 USD", "used_pct 85.0% of 500.00 USD", into out; for a
// condition that fired, with the digits that make it read true.
void judged(std::string& out, const Record& r, const Condition& c, double v, bool fired)
{
    out.clear();
    out += field_name(c.field);
    out += ' ';
    append_reason_value(out, v, c.field, r.unit, fired ? &c : nullptr);
    if (c.budget) {
        out += " of ";
        append_reason_value(out, *c.budget, Field::used, r.unit);
    }
}

}  // namespace

void Evaluator::judge(Record& r) const
{
    r.threshold.clear();
    if (status_of(r) == Status::error) {
        r.level = "error";
        r.reason = r.error.empty() ? "the fetch failed" : r.error;
        return;
    }
    if (status_of(r) == Status::skipped || status_of(r) == Status::na) {
        r.level = "info";
        if (r.reason.empty())
            r.reason = status_of(r) == Status::skipped ? "no key configured"
                                                       : "no balance to watch";
        return;
    }
    auto fire = [&](const std::vector<const Condition*>& conds, const char* level) {
        for (const Condition* c : conds) {
            auto v = condition_value(r, *c);
            if (v && holds(*v, c->op, c->value)) {
                r.level = level;
                r.threshold = c->text;
                judged(r.reason, r, *c, *v, true);
                r.reason += ' ';
                r.reason += op_text(c->op);
                r.reason += ' ';
                append_limit(r.reason, c->value, c->field, r.unit);
                return true;
            }
        }
        return false;
    };
    const auto& crit = critical_found_;
    const auto& warn = warn_found_;
    conditions(r, false, critical_found_);
    conditions(r, true, warn_found_);
    if (fire(crit, "critical") || fire(warn, "warning"))
        return;
    for (const auto* conds : {&warn, &crit}) {
        for (const Condition* c : *conds) {
            if (auto v = condition_value(r, *c)) {
                r.level = "ok";
                r.threshold = c->text;
                judged(r.reason, r, *c, *v, false);
                return;
            }
        }
    }
    if (kind_of(r) == Kind::spend && warn.empty() && crit.empty()) {
        r.level = "info";                       // money spent, with no budget to judge it by
        auto used = field_value(r, Field::used);
        r.reason.clear();
        if (used) {
            r.reason = "used ";
            append_reason_value(r.reason, *used, Field::used, r.unit);
            r.reason += ", ";
        }
        r.reason += "no budget set";
        return;
    }
    r.level = "unknown";
    r.reason = warn.empty() && crit.empty() ? "no threshold applies to this series"
                                            : "no value to compare with the threshold";
}

std::string format_amount(double v, std::string_view unit)
{
    if (unit == "USD") return (v < 0 ? "-$" : "$") + fixed(std::fabs(v), 2);
    if (unit == "CNY") return (v < 0 ? "-¥" : "¥") + fixed(std::fabs(v), 2);
    if (unit == "EUR") return (v < 0 ? "-€" : "€") + fixed(std::fabs(v), 2);
    std::string n = fixed(v, v == std::floor(v) ? 0 : 2);
    if (unit == "%") return n + "%";
    return unit.empty() ? n : n + " " + std::string(unit);
}

}  // namespace qw
