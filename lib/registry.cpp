#include "registry.h"

#include "error.h"

namespace qw {

const std::vector<ProviderEntry>& provider_registry()
{
    static const std::vector<ProviderEntry> entries = {
        {"moonshot", "moonshot", "Kimi", "🌙", "fetch-moonshot", "", "MOONSHOT_API_KEY:moonshot",
         "global:USD:api.moonshot.ai cn:CNY:api.moonshot.cn", true, "moonshot"},
        {"kimi-code", "kimi-code", "Kimi Code", "🌙", "fetch-kimi-code", "", "KIMI_CODE_API_KEY:kimi-code",
         "", true, "kimi"},
        {"glm", "glm", "GLM (智谱)", "🧠", "fetch-glm", "", "GLM_API_KEY:glm",
         "global:USD:api.z.ai cn:CNY:open.bigmodel.cn", true, "glm"},
        {"minimax", "minimax", "MiniMax", "🔷", "fetch-minimax", "", "MINIMAX_API_KEY:minimax",
         "global:USD:api.minimax.io cn:CNY:api.minimaxi.com", true, "minimax"},
        {"deepseek", "deepseek", "DeepSeek", "🐋", "fetch-deepseek", "", "DEEPSEEK_API_KEY:deepseek", "",
         true, "deepseek"},
        {"openrouter", "openrouter", "OpenRouter", "🔀", "fetch-openrouter", "",
         "OPENROUTER_API_KEY:openrouter", "", true, "openrouter"},
        {"siliconflow", "siliconflow", "SiliconFlow", "💧", "fetch-siliconflow", "",
         "SILICONFLOW_API_KEY:siliconflow",
         "global:USD:api.siliconflow.com cn:CNY:api.siliconflow.cn", true, "siliconflow"},
        {"claude", "claude", "Claude", "💳", "fetch-claude", "",
         "CLAUDE_OAUTH_TOKEN:claude ANTHROPIC_ADMIN_KEY:anthropic-admin:--admin-key-file", "", true, "claude"},
        {"openai", "openai", "Codex/OpenAI", "🤖", "fetch-openai", "",
         "OPENAI_ADMIN_KEY:openai-admin CHATGPT_ACCESS_TOKEN:chatgpt:--chatgpt-token-file", "", true, "openai"},
        {"relay", "relay", "Relay", "🔁", "fetch-relay", "", "RELAY_API_KEY:relay", "", false, "relay"},
        {"claude-db", "claude", "Claude", "💳", "fetch-claude-db", "", "PGPASSWORD", "", false, ""},
        {"budget-anthropic", "anthropic", "Anthropic", "💳", "fetch-budget",
         "--provider anthropic", "", "", true, ""},
        {"budget-openai", "openai", "Codex/OpenAI", "🤖", "fetch-budget", "--provider openai", "",
         "", true, ""},
    };
    return entries;
}

const std::vector<ChannelEntry>& channel_registry()
{
    static const std::vector<ChannelEntry> entries = {
        {"discord", "notify-discord", "DISCORD_WEBHOOK_URL", "discord"},
        {"feishu", "notify-feishu", "FEISHU_WEBHOOK_URL FEISHU_SECRET", "feishu"},
        {"smtp", "notify-smtp", "SMTP_URL SMTP_USER SMTP_PASSWORD", ""},
        {"alertmanager", "notify-alertmanager",
         "ALERTMANAGER_URL ALERTMANAGER_BEARER_TOKEN ALERTMANAGER_USER ALERTMANAGER_PASSWORD",
         "alertmanager"},
    };
    return entries;
}

const ProviderEntry* find_provider(const std::string& provider)
{
    for (const ProviderEntry& e : provider_registry())
        if (provider == e.provider)
            return &e;
    return nullptr;
}

std::string display_name(const std::string& provider)
{
    const ProviderEntry* e = find_provider(provider);
    return e ? e->name : provider;
}

std::vector<Region> regions_of(const std::string& provider)
{
    std::vector<Region> out;
    const ProviderEntry* e = find_provider(provider);
    const std::string all = e ? e->regions : "";
    for (size_t at = 0; at < all.size();) {
        size_t end = all.find(' ', at);
        if (end == std::string::npos)
            end = all.size();
        const std::string one = all.substr(at, end - at);
        const size_t a = one.find(':'), b = one.find(':', a + 1);
        out.push_back({one.substr(0, a), one.substr(a + 1, b - a - 1), one.substr(b + 1)});
        at = end + 1;
    }
    return out;
}

Region find_region(const std::string& provider, const std::string& region)
{
    std::string names;
    for (const Region& r : regions_of(provider)) {
        if (r.name == region)
            return r;
        names += (names.empty() ? "" : " or ") + r.name;
    }
    throw Error("--region: \"" + region + "\" is not " + names);
}

namespace {

void cells(std::string& out, std::initializer_list<std::string> fields)
{
    bool first = true;
    for (const std::string& f : fields) {
        out += first ? "" : "\t";
        out += f.empty() ? "-" : f;
        first = false;
    }
    out += '\n';
}

}  // namespace

std::string registry_table(const std::string& what)
{
    std::string out;
    if (what == "providers") {
        cells(out, {"id", "provider", "name", "emoji", "tool", "args", "keys", "regions",
                    "watch_all", "fixture"});
        for (const ProviderEntry& e : provider_registry())
            cells(out, {e.id, e.provider, e.name, e.emoji, e.tool, e.args, e.keys, e.regions,
                        e.watch_all ? "yes" : "no", e.fixture});
    } else if (what == "channels") {
        cells(out, {"id", "tool", "secrets", "fixture"});
        for (const ChannelEntry& e : channel_registry())
            cells(out, {e.id, e.tool, e.secrets, e.fixture});
    } else {
        throw Error("--list: \"" + what + "\" is not providers or channels");
    }
    return out;
}

}  // namespace qw
