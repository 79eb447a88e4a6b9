#include "atomic_file.h"
#include "error.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using qw::write_atomically;

namespace {
std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("write_atomically replaces the file, 0644 whatever the umask, and leaves no temp file")
{
    TempDir dir("atomic");
    const std::string path = dir.path.string() + "/page.html";
    const mode_t old = ::umask(077);
    write_atomically(path, "first");
    write_atomically(path, "second");
    ::umask(old);
    CHECK(slurp(path) == "second");
    struct stat st{};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
    int files = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path))
        ++files;
    CHECK(files == 1);
}

TEST_CASE("write_atomically names the path when it cannot write, and the old file stays")
{
    TempDir dir("atomic");
    CHECK_THROWS_WITH_AS(write_atomically(dir.path.string() + "/no/such/dir/m.prom", "x"),
                         doctest::Contains("/no/such/dir/m.prom: cannot create"), qw::Error);
    const std::string path = dir.path.string() + "/m.prom";
    write_atomically(path, "kept", 0600);
    ::chmod(dir.path.string().c_str(), 0500);
    if (::access(dir.path.string().c_str(), W_OK) != 0) {          // not root
        CHECK_THROWS_AS(write_atomically(path, "new"), qw::Error);
        CHECK(slurp(path) == "kept");
    }
    ::chmod(dir.path.string().c_str(), 0700);
}
