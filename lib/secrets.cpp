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
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *err = path + ": " + std::strerror(errno);
        return false;
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        *err = path + ": not a regular file";
        return false;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        ::close(fd);
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 07777));
        *err = path + ": key file is accessible by others (mode " + mode +
               "); run: chmod 600 " + path;
        return false;
    }
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0 && text.size() < 65536)
        text.append(buf, n);
    ::close(fd);
    if (n < 0) {
        *err = path + ": " + std::strerror(errno);
        return false;
    }
    out = trim(std::move(text));
    if (out.empty()) {
        *err = path + ": key file is empty";
        return false;
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
