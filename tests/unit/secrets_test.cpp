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
