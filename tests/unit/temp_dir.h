#pragma once
// Scratch space for the unit tests: a fresh directory under $TMPDIR (default
// /tmp), removed with everything in it when the test case ends.

#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

struct TempDir {
    std::filesystem::path path;

    explicit TempDir(const std::string& name)
    {
        const char* tmp = std::getenv("TMPDIR");
        const std::string want = std::string(tmp && *tmp ? tmp : "/tmp") + "/qw-" + name +
                                 ".XXXXXX";
        std::string made = want;
        const bool ok = ::mkdtemp(made.data()) != nullptr;
        const std::string why = ok ? "" : std::strerror(errno);
        REQUIRE_MESSAGE(ok, "cannot make " << want << ": " << why);
        path = made;
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

// A database file's path inside a TempDir; the file itself is left to the test.
struct TempDb {
    TempDir dir;
    std::string path;

    explicit TempDb(const std::string& name, const std::string& file = "q.db")
        : dir(name), path((dir.path / file).string())
    {
    }
};
