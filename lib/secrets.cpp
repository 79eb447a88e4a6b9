#include "secrets.h"

#include "error.h"
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

Account account_from_file(const std::string& label, const std::string& path)
{
    Account a{label, "", ""};
    if (!read_secret_file(path, a.secret, &a.error))
        a.secret.clear();
    return a;
}

}  // namespace

std::string keys_dir()
{
    if (const char* d = std::getenv("QUOTAWATCH_KEYS"); d && *d)
        return d;
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/.config/quotawatch/keys";
}

bool read_secret_file(const std::string& path, std::string& out, std::string* err)
{
    // O_NONBLOCK: a FIFO opens at once (and is refused below) instead of
    // waiting forever for a writer.
    struct Fd {
        int fd;
        ~Fd() { if (fd >= 0) ::close(fd); }
    } f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
    auto refuse = [&](const std::string& why) {
        *err = path + ": " + why;
        return false;
    };
    if (f.fd < 0)
        return refuse(std::strerror(errno));
    struct stat st;
    if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
        return refuse("not a regular file");
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
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
        std::string path = std::string(cred) + "/" + provider;
        if (::access(path.c_str(), F_OK) == 0)
            return {account_from_file("default", path)};
    }
    const std::string base = keys_dir() + "/" + provider;
    struct stat st;
    if (::stat(base.c_str(), &st) != 0)
        return {};
    if (!S_ISDIR(st.st_mode))
        return {account_from_file("default", base)};
    std::vector<Account> accounts;
    DIR* dir = ::opendir(base.c_str());
    if (!dir)
        return {Account{"default", "", base + ": " + std::strerror(errno)}};
    while (dirent* e = ::readdir(dir)) {
        std::string name = e->d_name;
        if (name.empty() || name[0] == '.')
            continue;
        accounts.push_back(account_from_file(name, base + "/" + name));
    }
    ::closedir(dir);
    std::sort(accounts.begin(), accounts.end(),
              [](const Account& a, const Account& b) { return a.label < b.label; });
    return accounts;
}

std::string read_secret(const std::string& env_name, const std::string& file)
{
    if (!file.empty()) {
        std::string s, err;
        if (!read_secret_file(file, s, &err))
            throw Error(err);
        return s;
    }
    const char* v = std::getenv(env_name.c_str());
    const std::string secret = v ? trim(v) : std::string();
    add_secret(secret);
    return secret;
}

}  // namespace qw
