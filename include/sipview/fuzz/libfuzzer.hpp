// sipview — libFuzzer adapter for the structure-aware SIP mutator
// (sipview/fuzz/mutator.hpp). Include it in one translation unit of a
// libFuzzer harness: it defines LLVMFuzzerCustomMutator and
// LLVMFuzzerCustomCrossOver.
//
//   SIPVIEW_FUZZ_PREFIX      octets at the front of each input that are not
//                            SIP (a harness's flags bytes): kept, and now and
//                            then randomised; default 0.
//   SIPVIEW_FUZZ_BYTE_SHARE  one call in N goes to libFuzzer's own mutations
//                            (LLVMFuzzerMutate: dictionary, comparison
//                            operands, byte edits); default 4, 0 for never.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_FUZZ_LIBFUZZER_HPP
#define SIPVIEW_FUZZ_LIBFUZZER_HPP

#include <sipview/fuzz/mutator.hpp>

#ifndef SIPVIEW_FUZZ_PREFIX
#define SIPVIEW_FUZZ_PREFIX 0
#endif
#ifndef SIPVIEW_FUZZ_BYTE_SHARE
#define SIPVIEW_FUZZ_BYTE_SHARE 4
#endif

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned int seed) {
    constexpr std::size_t p = SIPVIEW_FUZZ_PREFIX;
#if SIPVIEW_FUZZ_BYTE_SHARE > 0
    if (seed % SIPVIEW_FUZZ_BYTE_SHARE == 0) return LLVMFuzzerMutate(data, size, max_size);
#endif
    if (max_size <= p) return LLVMFuzzerMutate(data, size, max_size);
    if (size < p) {  // too short for the prefix: a fresh message behind zero flags
        for (std::size_t i = 0; i < p; ++i) data[i] = 0;
        return p + sipview::fuzz::generate(data + p, max_size - p, seed);
    }
    // Inputs grow slowly, as with libFuzzer's own mutations: seven calls in
    // eight may at most double the input (plus 512 octets); small inputs run faster.
    if ((seed >> 20) % 8 != 0 && max_size > 2 * size + 512) max_size = 2 * size + 512;
    if (p > 0 && (seed >> 8) % 4 == 0) {  // the harness's flags: one random byte, or one bit flipped
        std::uint8_t& f = data[(seed >> 12) % p];
        f = (seed >> 10) % 2 ? static_cast<std::uint8_t>(seed >> 16) : static_cast<std::uint8_t>(f ^ (1u << ((seed >> 16) % 8)));
    }
    return p + sipview::fuzz::mutate(data + p, size - p, max_size - p, seed);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(std::uint8_t const* a, std::size_t na, std::uint8_t const* b, std::size_t nb,
                                                 std::uint8_t* out, std::size_t max_out, unsigned int seed) {
    constexpr std::size_t p = SIPVIEW_FUZZ_PREFIX;
    if (na < p || nb < p || max_out <= p) return 0;
    for (std::size_t i = 0; i < p; ++i) out[i] = a[i];
    return p + sipview::fuzz::cross_over(a + p, na - p, b + p, nb - p, out + p, max_out - p, seed);
}

#endif
