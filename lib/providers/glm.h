// Zhipu GLM / z.ai Coding Plan windows and the BigModel wallet (providers.md §3).
#pragma once
#include "fetch.h"

#include <optional>

namespace qw {

// BigModel team usage: the organisation and project the windows belong to.
struct GlmTeam {
    std::string organization, project;
};

// region "cn" (open.bigmodel.cn, and the wallet on www.bigmodel.cn) or
// "global" (api.z.ai, windows only).  A base_url replaces both hosts.
// wallet false leaves the wallet out.  A team (cn only, both ids given)
// asks for the team's windows instead, without the wallet; their account
// reads LABEL@PROJECT, so that they stay a series apart from the key's own.
Provider glm_provider(const std::string& region, const std::string& base_url, bool wallet,
                      const GlmTeam& team = {});

// The window a limit entry measures, from its type, unit code and number:
// 5h, weekly, monthly, ...; empty when the unit code or number is missing.
std::string glm_window(const std::string& type, std::optional<double> unit,
                       std::optional<double> number);

// quota/limit: one quota record per window, or an error record; when the
// answer holds no window, empty_hint ends that record's message.
void parse_glm_quota(const Record& base, const HttpResponse& answer, std::vector<Record>& out,
                     const std::string& empty_hint = "");

// query-customer-account-report: one CNY balance record, or an error record.
void parse_glm_wallet(const Record& base, const HttpResponse& answer, std::vector<Record>& out);

}  // namespace qw
