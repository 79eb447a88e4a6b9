#include "providers/deepseek.h"

#include "json.h"

namespace qw {

void parse_deepseek(const Record& base, const HttpResponse& answer, std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "balance", j, out))
        return;
    const Json* infos = j.get("balance_infos");
    const Json* available = j.get("is_available");
    const bool usable = !available || available->as_bool() != false;
    if (infos && infos->is_array() && infos->items.empty() && !usable) {
        // An account with no balance at all (providers.md R6): zero, in no
        // known currency, which the default rules alert on.
        Record r = base;
        r.kind = "balance";
        r.remaining = 0;
        r.status = "ok";
        out.push_back(std::move(r));
        return;
    }
    if (!infos || !infos->is_array() || infos->items.empty()) {
        out.push_back(error_record(base, "balance", "no balance_infos in the answer"));
        return;
    }
    for (const Json& info : infos->items) {
        const Json* currency = info.get("currency");
        auto code = currency ? currency->as_string() : std::nullopt;
        if (!code || code->empty()) {
            out.push_back(error_record(base, "balance", "a balance_infos entry has no currency"));
            continue;
        }
        Record r = base;
        r.kind = "balance";
        r.unit = *code;
        const Json* total = info.get("total_balance");
        if (!total || !total->as_number()) {
            out.push_back(error_record(r, "balance", *code + ": no total_balance"));
            continue;
        }
        r.remaining = *total->as_number();
        for (auto [field, part] : {std::pair{"granted_balance", "voucher"},
                                   {"topped_up_balance", "cash"}})
            if (const Json* v = info.get(field); v && v->as_number())
                r.parts.push_back({part, *v->as_number()});
        r.status = usable ? "ok" : "error";
        if (!usable)
            r.error = "is_available is false: DeepSeek refuses API calls on this account";
        out.push_back(std::move(r));
    }
}

Provider deepseek_provider(const std::string& base_url)
{
    Provider p = new_provider("deepseek", "DEEPSEEK_API_KEY", base_url, "api.deepseek.com");
    p.requests = [](const std::string& base, const std::string& key) {
        return std::vector<HttpRequest>{bearer_get(base + "/user/balance", key)};
    };
    p.parse = [](const Record& base, const std::vector<HttpResponse>& answers,
                 std::vector<Record>& out) { parse_deepseek(base, answers.at(0), out); };
    return p;
}

}  // namespace qw
