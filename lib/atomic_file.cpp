#include "atomic_file.h"

#include "error.h"
#include "handle.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
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
    Fd fd(::mkostemp(temp.data(), O_CLOEXEC));
    if (fd.fd < 0)
        throw Error(path + ": cannot create a file beside it: " + std::strerror(errno));
    bool ok = ::fchmod(fd.fd, mode) == 0;
    for (size_t at = 0; ok && at < content.size();) {
        const ssize_t n = ::write(fd.fd, content.data() + at, content.size() - at);
        ok = n > 0 || (n < 0 && errno == EINTR);
        at += n > 0 ? size_t(n) : 0;
    }
    ok = ok && ::fsync(fd.fd) == 0;
    int why = errno;
    if (::close(fd.fd) != 0 && ok)
        ok = false, why = errno;
    fd.fd = -1;
    if (ok && ::rename(temp.c_str(), path.c_str()) != 0)
        ok = false, why = errno;
    if (!ok) {
        ::unlink(temp.c_str());
        throw Error(path + ": cannot write: " + std::strerror(why));
    }
}

}  // namespace qw
