// Owning C handles: std::unique_ptr<CURL, Deleter<curl_easy_cleanup>> frees
// a library's handle with its library's function; Fd closes a descriptor.
#pragma once
#include <memory>
#include <unistd.h>

namespace qw {

template <auto Free>
struct Deleter {
    template <class T>
    void operator()(T* p) const noexcept { Free(p); }
};

// A file descriptor closed when it goes out of scope (or at reset()).
struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    void reset()
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

}  // namespace qw
