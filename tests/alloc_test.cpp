// Proves that no parse entry point allocates: global operator new (and, on
// glibc, malloc/calloc/realloc) is replaced by a counting version for this
// binary, and every call in parse_calls.hpp must leave the counter unchanged.
#include "parse_calls.hpp"

#include <sipview/uri_compare.hpp>

#include <cstdio>
#include <cstdlib>
#include <new>

namespace {
std::size_t g_allocations = 0;
bool g_counting = false;
void note_allocation() noexcept {
    if (g_counting) ++g_allocations;
}
} // namespace

// The real allocator, reached without passing through the counting wrappers.
#if defined(__GLIBC__)
extern "C" void* __libc_malloc(std::size_t);
extern "C" void* __libc_calloc(std::size_t, std::size_t);
extern "C" void* __libc_realloc(void*, std::size_t);
extern "C" void __libc_free(void*);
namespace {
void* raw_alloc(std::size_t n) noexcept { return __libc_malloc(n ? n : 1); }
void raw_free(void* p) noexcept { __libc_free(p); }
} // namespace
extern "C" void* malloc(std::size_t n) {
    note_allocation();
    return __libc_malloc(n);
}
extern "C" void* calloc(std::size_t n, std::size_t m) {
    note_allocation();
    return __libc_calloc(n, m);
}
extern "C" void* realloc(void* p, std::size_t n) {
    note_allocation();
    return __libc_realloc(p, n);
}
#else
namespace {
void* raw_alloc(std::size_t n) noexcept { return std::malloc(n ? n : 1); }
void raw_free(void* p) noexcept { std::free(p); }
} // namespace
#endif

void* operator new(std::size_t n) {
    note_allocation();
    if (void* p = raw_alloc(n)) return p;
#if defined(__cpp_exceptions)
    throw std::bad_alloc();
#else
    std::abort();
#endif
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, std::nothrow_t const&) noexcept {
    note_allocation();
    return raw_alloc(n);
}
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept { return operator new(n, std::nothrow); }
void operator delete(void* p) noexcept { raw_free(p); }
void operator delete[](void* p) noexcept { raw_free(p); }
void operator delete(void* p, std::size_t) noexcept { raw_free(p); }
void operator delete[](void* p, std::size_t) noexcept { raw_free(p); }

struct counting_probe {
    int passed = 0;
    int failed = 0;
    void begin() noexcept {
        g_allocations = 0;
        g_counting = true;
    }
    void end(char const* entry, bool expected_ok, bool ok) {
        g_counting = false;
        if (g_allocations == 0 && ok == expected_ok) {
            ++passed;
            return;
        }
        ++failed;
        std::printf("FAIL: %s: %zu allocation(s), verdict %s (expected %s)\n", entry, g_allocations,
                    ok ? "ok" : "error", expected_ok ? "ok" : "error");
    }
};

int main() {
    // The counter must see an allocation, or a zero below would prove nothing.
    g_counting = true;
    int* volatile probe_allocation = new int(1);
    delete probe_allocation;
    g_counting = false;
    if (g_allocations != 1) {
        std::printf("FAIL: the allocation counter does not count (%zu)\n", g_allocations);
        return 1;
    }
    counting_probe probe;
    sipview_test::run_parse_calls(probe);
    // URI comparison (uri_compare.hpp): escapes decode on the fly, no buffer.
    {
        struct pair_row {
            std::string_view a, b;
            bool equal;
        };
        static constexpr pair_row pairs[] = {
            {"sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp", true},
            {"sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x", true},
            {"sip:bob@[::ffff:192.0.2.1];maddr=[::1]", "sip:bob@[::FFFF:c000:201];maddr=[0::1]", true},
            {"sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off", false},
            {"sip:bob@biloxi.com", "sip:bob@biloxi.com:5060", false},
        };
        for (auto const& c : pairs) {
            probe.begin();
            auto a = sipview::parse_uri(c.a);
            auto b = sipview::parse_uri(c.b);
            bool const ok = a && b && sipview::compare_uris(*a, *b).equal() == c.equal && sipview::uri_equal(*b, *a) == c.equal;
            probe.end("compare_uris", true, ok);
        }
    }
    std::printf("allocation test: %d passed, %d failed\n", probe.passed, probe.failed);
    return probe.failed == 0 && probe.passed > 0 ? 0 : 1;
}
