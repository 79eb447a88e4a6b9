#include "providers/moonshot.h"

#include "error.h"
#include "json.h"
#include "registry.h"

namespace qw {

void parse_moonshot(const Record& base, const HttpResponse& answer, const std::string& unit,
                    std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "balance", j, out))
        return;
    const Json* code = j.get("code");
    const Json* status = j.get("status");
    if (!code || code->as_number() != 0.0 || !status || status->as_bool() != true) {
        out.push_back(error_record(base, "balance", answered_code(j, answer.body)));
        return;
    }
    auto available = j.at({"data", "available_balance"});
    auto value = available ? available->as_number() : std::nullopt;
    if (!value) {
        out.push_back(error_record(base, "balance", "no data.available_balance in the answer"));
        return;
    }
    Record r = balance_record(base, unit, *value);
    for (auto [field, part] : {std::pair{"voucher_balance", "voucher"}, {"cash_balance", "cash"}})
        if (const Json* v = j.at({"data", field}); v && v->as_number())
            r.parts.push_back({part, *v->as_number()});
    out.push_back(std::move(r));
}

Provider moonshot_provider(const std::string& region, const std::string& base_url)
{
    const Region r = find_region("moonshot", region);
    const std::string unit = r.unit;
    Provider p = new_provider("moonshot", "MOONSHOT_API_KEY", base_url, r.host);
    p.requests = [](const std::string& base, const std::string& key) {
        return std::vector<HttpRequest>{bearer_get(base + "/v1/users/me/balance", key)};
    };
    p.parse = [unit](const Record& base, const std::vector<HttpResponse>& answers,
                     std::vector<Record>& out) { parse_moonshot(base, answers.at(0), unit, out); };
    return p;
}

}  // namespace qw
