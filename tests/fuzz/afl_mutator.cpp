// AFL++ custom mutator (AFL_CUSTOM_MUTATOR_LIBRARY) around sipview's
// structure-aware SIP mutator (sipview/fuzz/mutator.hpp). Built by CMake as
// the shared library sipview_afl_mutator (libsipview_afl_mutator.so):
//
//   AFL_CUSTOM_MUTATOR_LIBRARY=.../libsipview_afl_mutator.so afl-fuzz -i seeds -o out -- ./target
//
// SIPVIEW_FUZZ_PREFIX=N (environment): the target's inputs start with N
// octets that are not SIP (flags), kept as they are. add_buf, when AFL++
// gives one, is crossed over now and then.
#include <sipview/fuzz/mutator.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

struct state {
    std::uint32_t seed;
    std::size_t prefix;
    std::uint8_t out[sipview::fuzz::scratch_capacity];
};

} // namespace

extern "C" void* afl_custom_init(void* /*afl*/, unsigned int seed) {
    auto* s = static_cast<state*>(std::calloc(1, sizeof(state)));
    if (!s) return nullptr;
    s->seed = seed;
    if (char const* p = std::getenv("SIPVIEW_FUZZ_PREFIX")) s->prefix = std::strtoul(p, nullptr, 10) % 16;
    return s;
}

extern "C" std::size_t afl_custom_fuzz(void* data, std::uint8_t* buf, std::size_t buf_size, std::uint8_t** out_buf,
                                       std::uint8_t* add_buf, std::size_t add_buf_size, std::size_t max_size) {
    auto* s = static_cast<state*>(data);
    std::uint32_t const seed = s->seed = s->seed * 1664525u + 1013904223u;
    std::size_t const cap = max_size < sizeof s->out ? max_size : sizeof s->out;
    std::size_t const p = s->prefix;
    *out_buf = s->out;
    if (cap <= p || buf_size < p) return 0;
    std::memcpy(s->out, buf, p);
    if (add_buf && add_buf_size >= p && seed % 8 == 0)
        return p + sipview::fuzz::cross_over(buf + p, buf_size - p, add_buf + p, add_buf_size - p, s->out + p, cap - p, seed);
    std::size_t const n = buf_size - p < cap - p ? buf_size - p : cap - p;
    std::memcpy(s->out + p, buf + p, n);
    return p + sipview::fuzz::mutate(s->out + p, n, cap - p, seed);
}

extern "C" void afl_custom_deinit(void* data) { std::free(data); }
