// sipview benchmarks — heap allocation counting (see alloc_counter.hpp).
// Distributed under the Boost Software License, Version 1.0.
#include "alloc_counter.hpp"

#include <cerrno>
#include <cstdlib>
#include <new>

#if defined(__GLIBC__)
#define SIPVIEW_BENCH_WRAP_MALLOC 1
#else
#define SIPVIEW_BENCH_WRAP_MALLOC 0
#endif

namespace {
// Single-threaded benchmarks: plain counters (no atomics in the hot path).
std::uint64_t g_allocs = 0;
std::uint64_t g_frees = 0;
std::uint64_t g_bytes = 0;
std::uint64_t g_news = 0;
} // namespace

namespace bench {
alloc_stats alloc_snapshot() noexcept { return {g_allocs, g_frees, g_bytes, g_news}; }
bool malloc_counting_active() noexcept { return SIPVIEW_BENCH_WRAP_MALLOC != 0; }
} // namespace bench

#if SIPVIEW_BENCH_WRAP_MALLOC
// glibc exports its allocator under these names; defining malloc & co. in the
// executable interposes them for every shared library (glibc supports this).
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);

__attribute__((visibility("default"))) void* malloc(std::size_t n) {
    ++g_allocs;
    g_bytes += n;
    return __libc_malloc(n);
}
__attribute__((visibility("default"))) void* calloc(std::size_t n, std::size_t size) {
    ++g_allocs;
    g_bytes += n * size;
    return __libc_calloc(n, size);
}
__attribute__((visibility("default"))) void* realloc(void* p, std::size_t n) {
    ++g_allocs;
    g_bytes += n;
    if (p != nullptr && n == 0) ++g_frees;
    return __libc_realloc(p, n);
}
__attribute__((visibility("default"))) void free(void* p) {
    if (p != nullptr) ++g_frees;
    __libc_free(p);
}
__attribute__((visibility("default"))) void* memalign(std::size_t align, std::size_t n) {
    ++g_allocs;
    g_bytes += n;
    return __libc_memalign(align, n);
}
__attribute__((visibility("default"))) void* aligned_alloc(std::size_t align, std::size_t n) {
    ++g_allocs;
    g_bytes += n;
    return __libc_memalign(align, n);
}
__attribute__((visibility("default"))) int posix_memalign(void** out, std::size_t align, std::size_t n) {
    ++g_allocs;
    g_bytes += n;
    void* p = __libc_memalign(align, n);
    if (p == nullptr) return ENOMEM;
    *out = p;
    return 0;
}
} // extern "C"
#endif

// operator new/delete: counted as `news`; the bytes go through malloc above
// (counted there as allocs) or, without the malloc wrapper, are counted here.
void* operator new(std::size_t n) {
    ++g_news;
#if !SIPVIEW_BENCH_WRAP_MALLOC
    ++g_allocs;
    g_bytes += n;
#endif
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void* operator new(std::size_t n, std::nothrow_t const&) noexcept {
    ++g_news;
#if !SIPVIEW_BENCH_WRAP_MALLOC
    ++g_allocs;
    g_bytes += n;
#endif
    return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, std::nothrow_t const& t) noexcept { return ::operator new(n, t); }
void operator delete(void* p) noexcept {
#if !SIPVIEW_BENCH_WRAP_MALLOC
    if (p != nullptr) ++g_frees;
#endif
    std::free(p);
}
void operator delete[](void* p) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { ::operator delete(p); }
