#include "secrets.h"

#include "error.h"
#include "handle.h"
#include "redact.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qw {

namespace {

constexpr size_t max_key_file = 16 * 1024;   // OAuth tokens are long; keys are not this long

std::string trim(std::string s)
{
    auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.back()))
        s.pop_back();
    size_t i = 0;
    while (i < s.size() && space(s[i]))
        ++i;
    return s.substr(i);
}

Account account_from_file(const std::string& label, const std::string& path,
                          mode_t allowed = 0)
{
    Account a{label, "", ""};
    if (!read_secret_file(path, a.secret, &a.error, allowed))
        a.secret.clear();
    return a;
}

// The names in a directory but "." and dot files, sorted; false with *err set
// when it cannot be read.
bool sorted_names(const std::string& dir, std::vector<std::string>& names, std::string* err)
{
    std::unique_ptr<DIR, Deleter<::closedir>> d(::opendir(dir.c_str()));
    if (!d) {
        *err = dir + ": " + std::strerror(errno);
        return false;
    }
    while (dirent* e = ::readdir(d.get()))
        if (e->d_name[0] != '.')
            names.emplace_back(e->d_name);
    std::sort(names.begin(), names.end());
    return true;
}

// The accounts in systemd's $CREDENTIALS_DIRECTORY (systemd.exec(5),
// LoadCredential=): a file <provider> is one account "default", as a file in
// the keys directory is; a directory loaded as <provider> gives a file
// <provider>_<label> per account, as the keys directory's <provider>/<label>;
// the whole keys directory loaded as "keys" gives keys_<provider> and
// keys_<provider>_<label>.  The first of the two prefixes with a file wins.
// systemd lets the unit's user read the copies by an ACL, which stat shows
// as a group read bit: that bit is allowed here.
std::vector<Account> credential_accounts(const std::string& dir, const std::string& provider)
{
    std::vector<std::string> names;
    std::string err;
    if (!sorted_names(dir, names, &err))
        return {};
    for (const std::string& prefix : {provider, "keys_" + provider}) {
        std::vector<Account> found;
        for (const std::string& name : names) {
            const bool single = name == prefix;
            if (!single && (name.size() <= prefix.size() + 1 ||
                            name.compare(0, prefix.size() + 1, prefix + "_") != 0))
                continue;
            const std::string label = single ? "default" : name.substr(prefix.size() + 1);
            if (label[0] != '.')
                found.push_back(account_from_file(label, dir + "/" + name, S_IRGRP));
        }
        if (!found.empty()) {
            std::sort(found.begin(), found.end(),
                      [](const Account& a, const Account& b) { return a.label < b.label; });
            return found;
        }
    }
    return {};
}

}  // namespace

std::string keys_dir()
{
    if (const char* d = std::getenv("QUOTAWATCH_KEYS"); d && *d)
        return d;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x == '/')
        return std::string(x) + "/quotawatch/keys";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/.config/quotawatch/keys";
}

bool read_secret_file(const std::string& path, std::string& out, std::string* err,
                      mode_t allowed)
{
    // O_NONBLOCK: a FIFO opens at once (and is refused below) instead of
    // waiting forever for a writer.
    const Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    auto refuse = [&](const std::string& why) {
        *err = path + ": " + why;
        return false;
    };
    if (f.fd < 0)
        return refuse(std::strerror(errno));
    struct stat st;
    if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
        return refuse("not a regular file");
    if (st.st_mode & (S_IRWXG | S_IRWXO) & ~allowed) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 07777));
        return refuse("key file is accessible by others (mode " + std::string(mode) +
                      "); run: chmod 600 " + path);
    }
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(f.fd, buf, sizeof buf)) > 0 && text.size() <= max_key_file)
        text.append(buf, n);
    if (n < 0)
        return refuse(std::strerror(errno));
    if (text.size() > max_key_file)
        return refuse("key file is larger than 16 KiB; it should hold one key");
    out = trim(std::move(text));
    if (out.empty())
        return refuse("key file is empty or holds only white space");
    // One key on one line; a JSON document (a client's credentials) may
    // span lines.
    const bool json = out[0] == '{';
    for (unsigned char c : out) {
        if (c == '\n' && !json)
            return refuse("key file holds more than one line; it should hold the key alone "
                          "(no comments)");
        if ((c < 0x20 && !(json && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
            return refuse("key file holds a control character; it should hold the key alone");
    }
    add_secret(out);
    return true;
}

std::vector<Account> find_accounts(const std::string& provider, const std::string& env_name,
                                   const std::string& key_file)
{
    if (!key_file.empty())
        return {account_from_file("default", key_file)};
    if (const char* v = std::getenv(env_name.c_str()); v && *v) {
        add_secret(trim(v));
        return {Account{"default", trim(v), ""}};
    }
    if (const char* cred = std::getenv("CREDENTIALS_DIRECTORY"); cred && *cred) {
        auto accounts = credential_accounts(cred, provider);
        if (!accounts.empty())
            return accounts;
    }
    const std::string base = keys_dir() + "/" + provider;
    struct stat st;
    if (::stat(base.c_str(), &st) != 0)
        return {};
    if (!S_ISDIR(st.st_mode))
        return {account_from_file("default", base)};
    std::vector<std::string> names;
    std::string err;
    if (!sorted_names(base, names, &err))
        return {Account{"default", "", err}};
    std::vector<Account> accounts;
    for (const std::string& name : names)
        accounts.push_back(account_from_file(name, base + "/" + name));
    return accounts;
}

std::string tool_file(const char* dir_env, const char* home_dir, const char* file)
{
    if (const char* dir = std::getenv(dir_env); dir && *dir)
        return std::string(dir) + "/" + file;
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/" + home_dir + "/" + file;
}

bool account_from_tool_file(const std::string& path, Account& a)
{
    if (::access(path.c_str(), F_OK) != 0)
        return false;
    a.label = "default";
    if (!read_secret_file(path, a.secret, &a.error))
        a.secret.clear();
    return true;
}

}  // namespace qw
