#include "spool.h"

#include "error.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace qw {

namespace {

// The binary form: each record is its size (4 bytes) and then its fields,
// strings as size and bytes, numbers as a flag byte and 8 bytes.  Written
// in one piece: appending field by field cost more than the parse it saves.
constexpr size_t number_size = 1 + sizeof(double);

size_t encoded_size(const Record& r)
{
    size_t n = 4 + 4 * Record::texts.size() + 4 * number_size + 4 + 4 + 1;
    for (std::string Record::*s : Record::texts)
        n += (r.*s).size();
    for (const Part& p : r.parts)
        n += 4 + p.name.size() + number_size;
    for (const std::string& c : r.undelivered)
        n += 4 + c.size();
    return n;
}

class Encoder {
public:
    explicit Encoder(char* p) : p_(p) {}
    void size(size_t n)
    {
        const auto v = static_cast<uint32_t>(n);
        std::memcpy(p_, &v, sizeof v);
        p_ += sizeof v;
    }
    void text(const std::string& s)
    {
        size(s.size());
        std::memcpy(p_, s.data(), s.size());
        p_ += s.size();
    }
    void number(const std::optional<double>& v)
    {
        *p_++ = v ? 1 : 0;
        const double d = v.value_or(0);
        std::memcpy(p_, &d, sizeof d);
        p_ += sizeof d;
    }
    void byte(char c) { *p_++ = c; }

private:
    char* p_;
};

void encode(std::string& out, const Record& r)
{
    const size_t n = encoded_size(r);
    const size_t start = out.size();
    out.resize(start + n);
    Encoder to(out.data() + start);
    to.size(n);
    for (std::string Record::*s : Record::texts)
        to.text(r.*s);
    for (const std::optional<double>* v : {&r.remaining, &r.used, &r.limit, &r.used_pct})
        to.number(*v);
    to.size(r.parts.size());
    for (const Part& p : r.parts) {
        to.text(p.name);
        to.number(p.value);
    }
    to.size(r.undelivered.size());
    for (const std::string& c : r.undelivered)
        to.text(c);
    to.byte(static_cast<char>(r.alert | r.had_verdict << 1));
}

class Decoder {
public:
    explicit Decoder(const char* p) : p_(p) {}
    size_t size()
    {
        uint32_t v;
        std::memcpy(&v, p_, sizeof v);
        p_ += sizeof v;
        return v;
    }
    void text(std::string& s)
    {
        const size_t n = size();
        s.assign(p_, n);
        p_ += n;
    }
    std::optional<double> number()
    {
        const bool has = *p_++ != 0;
        double d;
        std::memcpy(&d, p_, sizeof d);
        p_ += sizeof d;
        return has ? std::optional<double>(d) : std::nullopt;
    }
    char byte() { return *p_++; }

private:
    const char* p_;
};

void decode(const char* p, Record& r)
{
    Decoder in(p + 4);
    for (std::string Record::*s : Record::texts)
        in.text(r.*s);
    for (std::optional<double>* v : {&r.remaining, &r.used, &r.limit, &r.used_pct})
        *v = in.number();
    r.parts.resize(in.size());
    for (Part& part : r.parts) {
        in.text(part.name);
        part.value = in.number().value_or(0);
    }
    r.undelivered.resize(in.size());
    for (std::string& c : r.undelivered)
        in.text(c);
    const char flags = in.byte();
    r.alert = flags & 1;
    r.had_verdict = flags & 2;
}

uint32_t record_size(const char* p)
{
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

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

// Appends what fd holds next to buf, at least want bytes more if it can;
// false at the end of the file.
bool read_more(int fd, std::string& buf, size_t want)
{
    const size_t had = buf.size();
    buf.resize(had + std::max(want, size_t{1} << 20));
    size_t got = 0;
    while (got < want) {
        ssize_t n = ::read(fd, buf.data() + had + got, buf.size() - had - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(std::string("cannot read the temporary file: ") + std::strerror(errno));
        if (n == 0)
            break;
        got += n;
    }
    buf.resize(had + got);
    return got > 0;
}

}  // namespace

void Spool::add(const Record& r)
{
    encode(buf_, r);
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
    Record r;
    if (!file_) {
        for (size_t at = 0; at < buf_.size(); at += record_size(buf_.data() + at)) {
            decode(buf_.data() + at, r);
            fn(r);
        }
        return;
    }
    spill();
    const int fd = ::fileno(file_.get());
    if (::lseek(fd, 0, SEEK_SET) != 0)
        throw Error(std::string("cannot read the temporary file: ") + std::strerror(errno));
    std::string chunk;
    size_t at = 0;
    for (;;) {
        const size_t have = chunk.size() - at;
        const size_t need = have < 4 ? 4 : record_size(chunk.data() + at);
        if (have >= need && have >= 4) {
            decode(chunk.data() + at, r);
            fn(r);
            at += need;
            continue;
        }
        chunk.erase(0, at);
        at = 0;
        if (!read_more(fd, chunk, need - have)) {
            if (!chunk.empty())
                throw Error("cannot read the temporary file: it ends in mid-record");
            return;
        }
    }
}

}  // namespace qw
