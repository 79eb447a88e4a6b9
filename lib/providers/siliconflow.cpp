#include "providers/siliconflow.h"

#include "error.h"
#include "json.h"
#include "registry.h"

namespace qw {

namespace {

// providers.md R1 (rikkahub/rikkahub#1811, the docs.siliconflow.cn release
// note it links, CodexBar docs/siliconflow.md).
const char* const retired =
    "SiliconFlow retired GET /v1/user/info on its China platform on 2026-08-14 (HTTP 410): "
    "the China balance is shown only in its console";

void retired_record(const Record& base, const std::string& unit, std::vector<Record>& out)
{
    Record r = base;
    r.kind = "balance";
    r.unit = unit;
    r.status = "na";
    r.reason = retired;
    out.push_back(std::move(r));
}

}  // namespace

void parse_siliconflow(const Record& base, const HttpResponse& answer, const std::string& unit,
                       std::vector<Record>& out)
{
    if (answer.error.empty() && answer.status == 410) {
        retired_record(base, unit, out);
        return;
    }
    Json j;
    if (!open_answer(base, answer, "balance", j, out))
        return;
    const Json* code = j.get("code");
    if (!code || code->as_number() != 20000.0) {
        out.push_back(error_record(base, "balance", answered_code(j, answer.body)));
        return;
    }
    auto number = [&j](const char* field) {
        const Json* v = j.at({"data", field});
        return v ? v->as_number() : std::nullopt;
    };
    auto total = number("totalBalance");
    auto gift = number("balance");
    auto charge = number("chargeBalance");
    if (!total && gift && charge)
        total = *gift + *charge;
    if (!total) {
        out.push_back(error_record(base, "balance", "no data.totalBalance in the answer"));
        return;
    }
    Record r = balance_record(base, unit, *total);
    if (gift)
        r.parts.push_back({"voucher", *gift});
    if (charge)
        r.parts.push_back({"cash", *charge});
    out.push_back(std::move(r));
}

Provider siliconflow_provider(const std::string& region, const std::string& base_url)
{
    const Region r = find_region("siliconflow", region);
    const std::string unit = r.unit;
    Provider p = new_provider("siliconflow", "SILICONFLOW_API_KEY", base_url, r.host);
    const bool china = region == "cn";
    p.requests = [china](const std::string& base, const std::string& key) {
        if (china)
            return std::vector<HttpRequest>{};
        return std::vector<HttpRequest>{bearer_get(base + "/v1/user/info", key)};
    };
    p.parse = [unit, china](const Record& base, const std::vector<HttpResponse>& answers,
                            std::vector<Record>& out) {
        if (china)
            retired_record(base, unit, out);
        else
            parse_siliconflow(base, answers.at(0), unit, out);
    };
    return p;
}

}  // namespace qw
