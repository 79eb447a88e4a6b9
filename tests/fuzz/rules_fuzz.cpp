// Threshold expressions and rules files; what parses also judges a record.
#include "rules.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    qw::Condition c;
    std::string err;
    std::vector<qw::Condition> conds;
    if (qw::parse_condition(text, c, &err))
        conds.push_back(c);
    std::vector<qw::Rule> rules;
    if (!qw::parse_rules(text, rules, &err))
        rules.clear();
    qw::Evaluator e(conds, conds, rules);
    qw::Record r;
    r.provider = "moonshot";
    r.kind = "quota";
    r.unit = "USD";
    r.remaining = 4.2;
    r.limit = 10;
    r.status = "ok";
    e.judge(r);
    return 0;
}
