// sipview benchmarks — heap allocation counting for the whole bench binary.
//
// alloc_counter.cpp replaces malloc/calloc/realloc/free (forwarding to
// glibc's __libc_* entry points) and the global operator new/delete, so every
// heap allocation made by sipview, by the peer C libraries (which call malloc
// through the PLT) and by libstdc++ is counted. The bench target is linked
// with exported symbols so the shared peer libraries bind to these.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_BENCH_ALLOC_COUNTER_HPP
#define SIPVIEW_BENCH_ALLOC_COUNTER_HPP

#include <cstddef>
#include <cstdint>

namespace bench {

struct alloc_stats {
    std::uint64_t allocs = 0;  ///< malloc + calloc + realloc + memalign family + operator new calls
    std::uint64_t frees = 0;   ///< free / operator delete of a non-null pointer
    std::uint64_t bytes = 0;   ///< bytes requested
    std::uint64_t news = 0;    ///< operator new calls (a subset of allocs)
};

/// Counts since the program started.
alloc_stats alloc_snapshot() noexcept;

/// True when the malloc replacement is active (glibc); false means the
/// counters only see operator new.
bool malloc_counting_active() noexcept;

inline alloc_stats operator-(alloc_stats const& a, alloc_stats const& b) noexcept {
    return {a.allocs - b.allocs, a.frees - b.frees, a.bytes - b.bytes, a.news - b.news};
}

} // namespace bench

#endif
