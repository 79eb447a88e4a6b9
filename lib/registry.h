// The registry: every provider and channel quotawatch knows, in one table that
// the renderer, the jobs and the cross-provider tests read (render --list).
#pragma once
#include <string>
#include <vector>

namespace qw {

// One way of fetching a provider: a tool, with arguments when the tool serves
// several (fetch-budget --provider anthropic).  Several entries may report the
// same provider id (claude from fetch-claude and from fetch-claude-db).
struct ProviderEntry {
    const char* id;        // unique: "moonshot", "budget-openai"
    const char* provider;  // the records' provider field: "moonshot", "openai"
    const char* name;      // for people: "Kimi", "GLM (智谱)"
    const char* emoji;
    const char* tool;      // "fetch-moonshot"
    const char* args;      // "" or "--provider openai"
    // Its keys, space-separated, each VARIABLE:NAME[:OPTION]: the environment
    // variable, the name in the keys directory, the key-file option when not
    // --key-file ("CLAUDE_OAUTH_TOKEN:claude ANTHROPIC_ADMIN_KEY:anthropic-admin:--admin-key-file").
    const char* keys;
    const char* regions;   // "global:USD:api.moonshot.ai cn:CNY:api.moonshot.cn"
                           // (NAME:CURRENCY:HOST each); "" when it has none
    bool watch_all;        // the watch-all job runs it
    const char* fixture;   // tests/data/FIXTURE-routes.json and FIXTURE.env; "" for none
};

struct ChannelEntry {
    const char* id;        // "discord"
    const char* tool;      // "notify-discord"
    const char* secrets;   // its secret variables, space-separated
    const char* fixture;   // tests/data/FIXTURE-routes.json; "" when not HTTP
};

const std::vector<ProviderEntry>& provider_registry();
const std::vector<ChannelEntry>& channel_registry();

// The first entry reporting this provider id, or null.
const ProviderEntry* find_provider(const std::string& provider);

// One region of a provider: its name, the currency its amounts are in, and
// the host asked when no base URL is given.
struct Region {
    std::string name, unit, host;
};

// The regions of the registry's entry for provider, in the registry's order.
std::vector<Region> regions_of(const std::string& provider);

// The one named region; throws Error "--region: "mars" is not global or cn".
Region find_region(const std::string& provider, const std::string& region);

// Its name for people: "Kimi", "GLM (智谱)", ...; the id itself when unknown.
std::string display_name(const std::string& provider);

// render --list providers|channels: a header line, then one tab-separated line
// per entry, "-" for an empty field; throws Error for another WHAT.
std::string registry_table(const std::string& what);

}  // namespace qw
