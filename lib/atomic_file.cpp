#include "atomic_file.h"

#include "error.h"
#include "handle.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace qw {

namespace {

std::string temp_name(const std::string& path)
{
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return dir + "." + name + ".XXXXXX";
}

}  // namespace

void write_atomically(const std::string& path, std::string_view content, mode_t mode)
{
    std::string temp = temp_name(path);
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        throw Error(path + ": cannot create a file beside it: " + std::strerror(errno));
    std::unique_ptr<FILE, Deleter<std::fclose>> file(::fdopen(fd, "w"));
    bool ok = file && ::fchmod(fd, mode) == 0 &&
              std::fwrite(content.data(), 1, content.size(), file.get()) == content.size() &&
              std::fflush(file.get()) == 0 && ::fsync(fd) == 0;
    int why = errno;
    if (!file)
        ::close(fd);
    else if (std::fclose(file.release()) != 0 && ok)
        ok = false, why = errno;
    if (ok && ::rename(temp.c_str(), path.c_str()) != 0)
        ok = false, why = errno;
    if (!ok) {
        ::unlink(temp.c_str());
        throw Error(path + ": cannot write: " + std::strerror(why));
    }
}

}  // namespace qw
