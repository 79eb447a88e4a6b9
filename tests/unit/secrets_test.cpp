#include "secrets.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <sys/stat.h>

using namespace qw;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& p, const std::string& text, mode_t mode)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    chmod(p.c_str(), mode);
}

}  // namespace

TEST_CASE("lookup order: key file, environment, keys directory")
{
    TempDir d("secrets");
    setenv("QUOTAWATCH_KEYS", d.path.c_str(), 1);
    unsetenv("CREDENTIALS_DIRECTORY");
    unsetenv("QW_TEST_KEY");
    CHECK(find_accounts("moonshot", "QW_TEST_KEY", "").empty());

    write_file(d.path / "moonshot" / "work", "sk-work\n", 0600);
    write_file(d.path / "moonshot" / "home", "  sk-home  ", 0600);
    auto dir = find_accounts("moonshot", "QW_TEST_KEY", "");
    REQUIRE(dir.size() == 2);
    CHECK(dir[0].label == "home");
    CHECK(dir[0].secret == "sk-home");
    CHECK(dir[1].secret == "sk-work");

    setenv("QW_TEST_KEY", "sk-env", 1);
    auto env = find_accounts("moonshot", "QW_TEST_KEY", "");
    REQUIRE(env.size() == 1);
    CHECK(env[0].label == "default");
    CHECK(env[0].secret == "sk-env");

    write_file(d.path / "explicit", "sk-file", 0400);
    auto file = find_accounts("moonshot", "QW_TEST_KEY", (d.path / "explicit").string());
    REQUIRE(file.size() == 1);
    CHECK(file[0].secret == "sk-file");
    unsetenv("QW_TEST_KEY");
    unsetenv("QUOTAWATCH_KEYS");
}

TEST_CASE("a key file others can read is refused with the fix in the message")
{
    TempDir d("secrets");
    write_file(d.path / "glm", "sk-secret-value", 0644);
    std::string s, err;
    CHECK_FALSE(read_secret_file((d.path / "glm").string(), s, &err));
    CHECK(err.find("mode 0644") != std::string::npos);
    CHECK(err.find("chmod 600") != std::string::npos);
    CHECK(err.find("sk-secret-value") == std::string::npos);
    write_file(d.path / "group", "x", 0640);
    CHECK_FALSE(read_secret_file((d.path / "group").string(), s, &err));
    write_file(d.path / "empty", "\n", 0600);
    CHECK_FALSE(read_secret_file((d.path / "empty").string(), s, &err));
    CHECK(err.find("empty") != std::string::npos);
}

TEST_CASE("an unsafe file in a keys directory is that account's error, the others still load")
{
    TempDir d("secrets");
    setenv("QUOTAWATCH_KEYS", d.path.c_str(), 1);
    unsetenv("QW_TEST_KEY");
    write_file(d.path / "relay" / "a", "sk-a", 0600);
    write_file(d.path / "relay" / "b", "sk-b", 0644);
    auto acc = find_accounts("relay", "QW_TEST_KEY", "");
    REQUIRE(acc.size() == 2);
    CHECK(acc[0].error.empty());
    CHECK(acc[1].secret.empty());
    CHECK(acc[1].error.find("chmod 600") != std::string::npos);
    unsetenv("QUOTAWATCH_KEYS");
}

TEST_CASE("a key file of more than the key is refused, naming the file")
{
    TempDir d("secrets");
    const std::pair<const char*, std::string> bad[] = {
        {"two-lines", "sk-team-key\n# team account\n"},
        {"control", std::string("sk-ab\x01", 6) + "cd"},
        {"blank", " \t\n \n"},
        {"huge", std::string(16 * 1024 + 1, 'k')},
    };
    for (const auto& [name, text] : bad) {
        write_file(d.path / name, text, 0600);
        std::string s, err;
        CAPTURE(name);
        CHECK_FALSE(read_secret_file((d.path / name).string(), s, &err));
        CHECK(err.rfind((d.path / name).string() + ": ", 0) == 0);
        CHECK(err.find("sk-") == std::string::npos);
    }
    std::string s, err;
    write_file(d.path / "crlf", "sk-one\r\n\r\n", 0600);
    CHECK(read_secret_file((d.path / "crlf").string(), s, &err));
    CHECK(s == "sk-one");
    write_file(d.path / "json", "{\n  \"accessToken\": \"t\"\n}\n", 0600);
    CHECK(read_secret_file((d.path / "json").string(), s, &err));
    REQUIRE(::mkfifo((d.path / "fifo").c_str(), 0600) == 0);
    CHECK_FALSE(read_secret_file((d.path / "fifo").string(), s, &err));
    CHECK(err == (d.path / "fifo").string() + ": not a regular file");
}

TEST_CASE("the keys directory: QUOTAWATCH_KEYS, else XDG_CONFIG_HOME, else ~/.config")
{
    const char* h = std::getenv("HOME");
    const std::string home = h ? h : "";
    setenv("HOME", "/home/u", 1);
    unsetenv("QUOTAWATCH_KEYS");
    unsetenv("XDG_CONFIG_HOME");
    CHECK(keys_dir() == "/home/u/.config/quotawatch/keys");
    setenv("XDG_CONFIG_HOME", "/srv/conf", 1);
    CHECK(keys_dir() == "/srv/conf/quotawatch/keys");
    setenv("XDG_CONFIG_HOME", "relative", 1);   // the XDG spec: ignore a relative path
    CHECK(keys_dir() == "/home/u/.config/quotawatch/keys");
    setenv("QUOTAWATCH_KEYS", "/k", 1);
    CHECK(keys_dir() == "/k");
    unsetenv("QUOTAWATCH_KEYS");
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", home.c_str(), 1);
}

// systemd.exec(5), LoadCredential=: a directory gives one credential per file,
// named ID_FILENAME; systemd's copies are mode 0400 plus an ACL for the unit's
// user, which stat shows as 0440.
TEST_CASE("a credentials directory gives the accounts and labels of the keys directory")
{
    TempDir keys("keys"), cred("cred");
    setenv("QUOTAWATCH_KEYS", keys.path.c_str(), 1);
    unsetenv("CREDENTIALS_DIRECTORY");
    unsetenv("QW_TEST_KEY");
    write_file(keys.path / "moonshot" / "personal", "sk-p", 0600);
    write_file(keys.path / "moonshot" / "team", "sk-t", 0600);
    write_file(keys.path / "glm", "sk-g", 0600);
    auto labels = [](const std::string& provider) {
        std::string out;
        for (const Account& a : find_accounts(provider, "QW_TEST_KEY", ""))
            out += a.label + "=" + a.secret + (a.error.empty() ? " " : "(" + a.error + ") ");
        return out;
    };
    const std::string moonshot = labels("moonshot"), glm = labels("glm");
    CHECK(moonshot == "personal=sk-p team=sk-t ");
    CHECK(glm == "default=sk-g ");

    setenv("QUOTAWATCH_KEYS", (keys.path / "elsewhere").c_str(), 1);
    setenv("CREDENTIALS_DIRECTORY", cred.path.c_str(), 1);
    write_file(cred.path / "moonshot_personal", "sk-p", 0440);
    write_file(cred.path / "moonshot_team", "sk-t", 0440);
    write_file(cred.path / "glm", "sk-g", 0400);
    write_file(cred.path / "moonshot-other_x", "sk-x", 0400);
    CHECK(labels("moonshot") == moonshot);
    CHECK(labels("glm") == glm);

    SUBCASE("the whole keys directory loaded as keys")
    {
        for (const char* f : {"moonshot_personal", "moonshot_team", "glm"})
            fs::rename(cred.path / f, cred.path / (std::string("keys_") + f));
        CHECK(labels("moonshot") == moonshot);
        CHECK(labels("glm") == glm);
    }
    SUBCASE("others may not read a credential")
    {
        chmod((cred.path / "glm").c_str(), 0404);
        CHECK(labels("glm").find("chmod 600") != std::string::npos);
    }
    unsetenv("CREDENTIALS_DIRECTORY");
    unsetenv("QUOTAWATCH_KEYS");
}
