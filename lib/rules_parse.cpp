// The text of the rules: a condition ("remaining_pct<10") and the rules file.
#include "rules.h"

#include "json.h"

#include <cctype>
#include <cstdio>

namespace qw {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

bool parse_condition(std::string_view s, Condition& out, std::string* err)
{
    s = trim(s);
    size_t i = 0;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_'))
        ++i;
    std::string_view name = s.substr(0, i);
    std::string_view rest = trim(s.substr(i));
    if (name == "remaining") out.field = Field::remaining;
    else if (name == "used") out.field = Field::used;
    else if (name == "remaining_pct") out.field = Field::remaining_pct;
    else if (name == "used_pct") out.field = Field::used_pct;
    else {
        *err = "\"" + std::string(s) + "\": field must be remaining, used, remaining_pct or used_pct";
        return false;
    }
    size_t oplen = rest.size() >= 2 && rest[1] == '=' ? 2 : 1;
    std::string_view op = rest.substr(0, std::min(oplen, rest.size()));
    if (op == "<") out.op = Op::lt;
    else if (op == "<=") out.op = Op::le;
    else if (op == ">") out.op = Op::gt;
    else if (op == ">=") out.op = Op::ge;
    else {
        *err = "\"" + std::string(s) + "\": operator must be <, <=, > or >=";
        return false;
    }
    std::string_view num = trim(rest.substr(op.size()));
    out.budget.reset();
    if (size_t of = num.find(" of "); of != std::string_view::npos) {
        out.budget = parse_number(trim(num.substr(of + 4))).value_or(0);   // 0 is refused
        num = trim(num.substr(0, of));
    }
    if (!num.empty() && num.back() == '%' && out.field == Field::used)
        out.field = Field::used_pct;
    if (!num.empty() && num.back() == '%' && is_pct(out.field))
        num.remove_suffix(1);
    auto v = parse_number(num);
    if (!v) {
        *err = "\"" + std::string(s) + "\": \"" + std::string(num) + "\" is not a number";
        return false;
    }
    if (out.budget && (*out.budget <= 0 || out.field != Field::used_pct)) {
        *err = "\"" + std::string(s) + "\": a budget reads used>=PERCENT% of AMOUNT, AMOUNT above 0";
        return false;
    }
    out.value = *v;
    char n[32];
    std::snprintf(n, sizeof n, "%g", *v);
    out.text = std::string(field_name(out.field)) + op_text(out.op) + n;
    if (out.budget) {
        std::snprintf(n, sizeof n, "%g", *out.budget);
        out.text += std::string(" of ") + n;
    }
    return true;
}

bool parse_rules(std::string_view text, std::vector<Rule>& out, std::string* err)
{
    int line_no = 0;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        ++line_no;
        if (size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        line = trim(line);
        if (line.empty())
            continue;
        auto word = [&line]() {
            size_t sp = line.find_first_of(" \t");
            std::string_view w = line.substr(0, sp);
            line = trim(line.substr(sp == std::string_view::npos ? line.size() : sp));
            return w;
        };
        Rule rule;
        rule.selector = word();
        std::string_view level = word();
        if (level == "warn" || level == "warning") rule.level = "warning";
        else if (level == "crit" || level == "critical") rule.level = "critical";
        else {
            *err = std::to_string(line_no) + ": level must be warning or critical, not \"" +
                   std::string(level) + "\"";
            return false;
        }
        std::string why;
        if (!parse_condition(line, rule.condition, &why)) {
            *err = std::to_string(line_no) + ": " + why;
            return false;
        }
        out.push_back(std::move(rule));
    }
    return true;
}

}  // namespace qw
