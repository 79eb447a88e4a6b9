// The relay's accounts: the accounts file with its per-account options, the
// other ways of finding keys, and the parts they are fetched in.
#include "providers/relay.h"

#include "error.h"
#include "json.h"
#include "redact.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace qw {

namespace {

const char* const line_shape = "expected NAME BASE_URL [KEY_FILE] [OPTION=VALUE...], the "
                               "options unit, mode, quota-per-unit, access-token";

// An OPTION=VALUE field of an accounts line into a; false when the field
// names no option (then it may be the key file).  The value is never shown:
// a key may have been written there.
bool option_field(const std::string& word, RelayAccountLine& a)
{
    for (auto [name, field] : {std::pair{"unit=", &a.unit}, {"mode=", &a.mode},
                               {"quota-per-unit=", &a.quota_per_unit},
                               {"access-token=", &a.access_token_file}}) {
        const std::string_view n = name;
        if (word.compare(0, n.size(), n) == 0) {
            *field = word.substr(n.size());
            return true;
        }
    }
    return false;
}

std::string in_dir(const std::string& dir, const std::string& path)
{
    return path.empty() || path[0] == '/' ? path : dir + "/" + path;
}

// The options of one accounts line over the defaults; throws Error.
RelayOptions line_options(const RelayOptions& defaults, const RelayAccountLine& line)
{
    RelayOptions o = defaults;
    o.access_token.clear();
    if (!line.unit.empty())
        o.unit = line.unit;
    if (!line.mode.empty())
        o.mode = line.mode;
    if (!line.quota_per_unit.empty()) {
        auto n = parse_number(line.quota_per_unit);
        if (!n)
            throw Error("quota-per-unit: \"" + line.quota_per_unit + "\" is not a number");
        o.quota_per_unit = *n;
    }
    check_relay_options(o);
    return o;
}

}  // namespace

bool parse_relay_accounts(std::string_view text, const std::string& dir, const std::string& keys,
                          std::vector<RelayAccountLine>& out, std::string* err)
{
    std::istringstream in{std::string(text)};
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (size_t hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::istringstream words(line);
        RelayAccountLine a;
        if (!(words >> a.name))
            continue;
        words >> a.base_url;
        bool bad = a.base_url.empty(), options = false;
        for (std::string w; !bad && words >> w;) {
            if (option_field(w, a)) {
                options = true;
                bad = w.back() == '=';           // an option without its value
            } else if (options || !a.written.empty())
                bad = true;
            else
                a.written = w;
        }
        if (bad) {
            *err = std::to_string(n) + ": " + line_shape;
            return false;
        }
        if (a.name.find('/') != std::string::npos || a.name[0] == '.') {
            *err = std::to_string(n) + ": \"" + a.name + "\" is not a plain account name";
            return false;
        }
        try {
            a.base_url = checked_base_url(a.base_url);
        } catch (const Error& e) {
            *err = std::to_string(n) + ": " + e.what();
            return false;
        }
        a.key_file = a.written.empty() ? keys + "/relay/" + a.name : in_dir(dir, a.written);
        a.access_token_file = in_dir(dir, a.access_token_file);
        for (const auto& seen : out)
            if (seen.name == a.name) {
                *err = std::to_string(n) + ": account \"" + a.name + "\" is listed twice";
                return false;
            }
        out.push_back(std::move(a));
    }
    return true;
}

std::vector<RelayAccount> relay_accounts(const RelayOptions& defaults,
                                         const std::string& accounts_file,
                                         const std::string& key_file,
                                         const std::string& base_url)
{
    RelayOptions at_base = defaults;
    if (const char* t = std::getenv("RELAY_ACCESS_TOKEN"); t && *t) {
        at_base.access_token = t;
        add_secret(at_base.access_token);
    }
    std::string file = accounts_file;
    struct stat st;
    const std::string in_keys = keys_dir() + "/relay.accounts";
    const char* env = std::getenv("RELAY_API_KEY");
    if (file.empty() && key_file.empty() && !(env && *env) && ::stat(in_keys.c_str(), &st) == 0)
        file = in_keys;
    std::vector<RelayAccount> accounts;
    if (file.empty()) {
        for (Account& a : find_accounts("relay", "RELAY_API_KEY", key_file))
            accounts.push_back({std::move(a), at_base});
        if (!accounts.empty() && base_url.empty())
            throw Error("no relay host: give --base-url or RELAY_BASE_URL, or list the "
                        "accounts with their hosts in " + in_keys);
        return accounts;
    }
    std::ifstream in(file);
    if (!in)
        throw Error(file + ": cannot read the accounts file");
    std::stringstream text;
    text << in.rdbuf();
    std::vector<RelayAccountLine> lines;
    std::string err;
    size_t slash = file.rfind('/');
    std::string dir = slash == std::string::npos ? "." : file.substr(0, slash);
    if (!parse_relay_accounts(text.str(), dir, keys_dir(), lines, &err))
        throw Error(file + ":" + err);
    for (const auto& line : lines) {
        RelayAccount r;
        try {
            r.options = line_options(base_url.empty() ? defaults : at_base, line);
        } catch (const Error& e) {
            throw Error(file + ": account " + line.name + ": " + e.what());
        }
        if (!base_url.empty())
            r.options.access_token = at_base.access_token;
        Account& a = r.account;
        a.label = line.name;
        if (!line.written.empty() && ::access(line.key_file.c_str(), F_OK) != 0) {
            // Seed 002 wrote the key itself there: never show it.
            add_secret(line.written);
            a.error = file + ": account " + line.name + ": no such key file (the third field "
                      "names a 0600 file; a key is never written there)";
        } else if (!read_secret_file(line.key_file, a.secret, &a.error)) {
            a.secret.clear();
        } else if (!line.access_token_file.empty() &&
                   !read_secret_file(line.access_token_file, r.options.access_token, &a.error)) {
            a.error = "access-token: " + a.error;
            a.secret.clear();
        }
        a.base_url = base_url.empty() ? line.base_url : base_url;
        accounts.push_back(std::move(r));
    }
    return accounts;
}

std::vector<FetchPart> relay_parts(const std::vector<RelayAccount>& accounts,
                                   const std::string& base_url, int64_t now)
{
    std::vector<FetchPart> parts;
    std::vector<RelayOptions> seen;
    auto same = [](const RelayOptions& x, const RelayOptions& y) {
        return x.mode == y.mode && x.unit == y.unit && x.quota_per_unit == y.quota_per_unit &&
               x.access_token == y.access_token;
    };
    for (const RelayAccount& a : accounts) {
        size_t i = 0;
        while (i < seen.size() && !same(seen[i], a.options))
            ++i;
        if (i == seen.size()) {
            seen.push_back(a.options);
            parts.push_back({relay_provider(a.options, base_url, now), {}});
        }
        parts[i].accounts.push_back(a.account);
    }
    if (parts.empty())                           // no key: one skipped record
        parts.push_back({relay_provider(RelayOptions{}, base_url, now), {}});
    return parts;
}

}  // namespace qw
