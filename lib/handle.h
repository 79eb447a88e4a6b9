// Owning pointers for C library handles: std::unique_ptr<CURL,
// Deleter<curl_easy_cleanup>> frees the handle with its library's function.
#pragma once
#include <memory>

namespace qw {

template <auto Free>
struct Deleter {
    template <class T>
    void operator()(T* p) const noexcept { Free(p); }
};

}  // namespace qw
