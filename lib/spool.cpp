#include "spool.h"

#include "error.h"
#include "ndjson.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace qw {

namespace {

// An unlinked file in dir: O_TMPFILE where the file system has it.
int temp_file(const std::string& dir)
{
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    std::string name = dir + "/quotawatch-spool.XXXXXX";
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0)
        ::unlink(name.c_str());
    return fd;
}

void write_all(int fd, const std::string& data)
{
    for (size_t off = 0; off < data.size();) {
        ssize_t n = ::write(fd, data.data() + off, data.size() - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(std::string("cannot write the temporary file: ") + std::strerror(errno));
        off += n;
    }
}

}  // namespace

void Spool::add(std::string_view line)
{
    buf_ += line;
    buf_ += '\n';
    ++records_;
    if (buf_.size() >= limit_)
        spill();
}

void Spool::spill()
{
    if (!file_) {
        const char* env = std::getenv("TMPDIR");
        const std::string dir = env && *env ? env : "/tmp";
        int fd = temp_file(dir);
        if (fd < 0)
            throw Error(dir + ": cannot create a temporary file: " + std::strerror(errno));
        file_.reset(::fdopen(fd, "w+"));
        if (!file_) {
            ::close(fd);
            throw Error(dir + ": cannot create a temporary file: " + std::strerror(errno));
        }
    }
    write_all(::fileno(file_.get()), buf_);
    buf_.clear();
}

void Spool::replay(const std::function<void(Record&)>& fn)
{
    if (file_) {
        spill();
        if (::lseek(::fileno(file_.get()), 0, SEEK_SET) != 0)
            throw Error(std::string("cannot read the temporary file: ") + std::strerror(errno));
    }
    auto in = file_ ? std::make_unique<NdjsonReader>(::fileno(file_.get()), "<spool>")
                    : std::make_unique<NdjsonReader>(std::string_view(buf_), "<spool>");
    Record r;
    std::string err;
    for (;;) {
        auto got = in->next(r, &err);
        if (got == NdjsonReader::Read::end)
            break;
        if (got == NdjsonReader::Read::bad_line)     // it parsed once: never happens
            throw Error(err);
        fn(r);
    }
}

}  // namespace qw
