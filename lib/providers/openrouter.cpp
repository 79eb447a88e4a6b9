#include "providers/openrouter.h"

#include "json.h"

#include <cmath>

namespace qw {

namespace {

double money(double v)
{
    return std::round(v * 1e6) / 1e6;
}

std::optional<double> number_at(const Json& j, std::string_view field)
{
    const Json* v = j.at({"data", field});
    return v ? v->as_number() : std::nullopt;
}

void parse_credits(const Record& base, const HttpResponse& answer, std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "balance", j, out, "/credits: "))
        return;
    auto credits = number_at(j, "total_credits");
    auto usage = number_at(j, "total_usage");
    if (!credits || !usage) {
        out.push_back(error_record(base, "balance",
                                   "no data.total_credits and data.total_usage in the answer"));
        return;
    }
    Record r = balance_record(base, "USD", money(*credits - *usage));
    r.used = *usage;
    out.push_back(std::move(r));
}

void parse_key(const Record& base, const HttpResponse& answer, std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "spend", j, out, "/key: "))
        return;
    Record r = base;
    r.unit = "USD";
    r.status = "ok";
    size_t before = out.size();
    if (auto limit = number_at(j, "limit")) {
        Record b = r;
        b.kind = "budget";
        if (const Json* reset = j.at({"data", "limit_reset"}); reset && reset->is_string())
            b.window = reset->text;
        b.limit = *limit;
        if (auto left = number_at(j, "limit_remaining")) {
            b.remaining = money(*left);
            b.used = money(*limit - *left);
        }
        out.push_back(std::move(b));
    }
    for (auto [field, window] : {std::pair{"usage_daily", "daily"}, {"usage_weekly", "weekly"},
                                 {"usage_monthly", "monthly"}, {"usage", "total"}}) {
        if (auto v = number_at(j, field)) {
            Record s = r;
            s.kind = "spend";
            s.window = window;
            s.used = *v;
            out.push_back(std::move(s));
        }
    }
    if (out.size() == before)
        out.push_back(error_record(base, "spend", "/key: no data.limit or data.usage in the answer"));
}

}  // namespace

void parse_openrouter(const Record& base, const std::vector<HttpResponse>& answers,
                      std::vector<Record>& out)
{
    const bool fell_back = answers.size() > 1 && answers[0].status == 403;
    if (!fell_back)
        parse_credits(base, answers.at(0), out);
    if (answers.size() > 1)
        parse_key(base, answers[1], out);
}

Provider openrouter_provider(const std::string& base_url, bool key_usage)
{
    Provider p = new_provider("openrouter", "OPENROUTER_API_KEY", base_url, "openrouter.ai");
    p.requests = [key_usage](const std::string& base, const std::string& key) {
        std::vector<HttpRequest> rq{bearer_get(base + "/api/v1/credits", key)};
        if (key_usage)
            rq.push_back(bearer_get(base + "/api/v1/key", key));
        return rq;
    };
    p.more = [](const std::string& base, const std::string& key,
                const std::vector<HttpResponse>& answers) {
        if (answers.size() == 1 && answers[0].status == 403)
            return std::vector<HttpRequest>{bearer_get(base + "/api/v1/key", key)};
        return std::vector<HttpRequest>{};
    };
    p.parse = parse_openrouter;
    return p;
}

}  // namespace qw
