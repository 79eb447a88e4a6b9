#include "evaluate_tool.h"

#include "error.h"
#include "rules.h"
#include "tool.h"

#include <fstream>
#include <sstream>

namespace qw {

namespace {

std::vector<Condition> conditions(const cxxopts::ParseResult& args, const char* name)
{
    std::vector<Condition> out;
    if (!args.count(name))
        return out;
    for (const std::string& text : args[name].as<std::vector<std::string>>()) {
        Condition c;
        std::string err;
        if (!parse_condition(text, c, &err))
            throw Error(std::string("--") + name + ": " + err);
        out.push_back(c);
    }
    return out;
}

std::vector<Rule> rules_file(const cxxopts::ParseResult& args)
{
    std::vector<Rule> rules;
    if (!args.count("rules"))
        return rules;
    const std::string path = args["rules"].as<std::string>();
    std::ifstream in(path);
    if (!in)
        throw Error(path + ": cannot read the rules file");
    std::stringstream text;
    text << in.rdbuf();
    std::string err;
    if (!parse_rules(text.str(), rules, &err))
        throw Error(path + ":" + err);
    return rules;
}

}  // namespace

void add_evaluate_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("c,critical", "critical when EXPR holds, e.g. 'remaining_pct<5' (repeatable)",
         cxxopts::value<std::vector<std::string>>(), "EXPR")
        ("rules", "per-series rules from FILE", cxxopts::value<std::string>(), "FILE")
        ("w,warn", "warning when EXPR holds, e.g. 'remaining<=5' (repeatable)",
         cxxopts::value<std::vector<std::string>>(), "EXPR");
}

Exit run_evaluate(const cxxopts::ParseResult& args)
{
    Evaluator judge(conditions(args, "warn"), conditions(args, "critical"), rules_file(args));
    Output out;
    Outcome outcome;
    for_each_record([&](Record& r) {
        judge.judge(r);
        outcome.saw_level(r.level);
        write_record(out.buffer(), r);
        out.maybe_flush();
    }, outcome);
    out.flush();
    return outcome.status();
}

}  // namespace qw
