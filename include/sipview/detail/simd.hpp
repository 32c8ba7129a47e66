// sipview — character classes of 16 octets at a time (SSE2), for the
// scanners whose runs are long enough to pay for it: skip_class
// (detail/charset.hpp) over quoted-string text and LHEX, and the hostname
// scanner (detail/scan.hpp). Not for tokens (too short: a 16-octet token
// class cost 2-5% more instructions per message than the table's 4-octet
// steps) nor for a line's LF (memchr does it in fewer). Each classifier
// gives a 16-bit mask (bit i: octet i is in the class) and is exact over
// all 256 octet values: tests/test_scan.cpp compares each with the
// character table on every octet. Where SIPVIEW_SIMD_SSE2 is 0 (ARM, -Os,
// SIPVIEW_NO_SIMD: detail/config.hpp) nothing here is compiled and the
// scanners keep their byte loops.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_SIMD_HPP
#define SIPVIEW_DETAIL_SIMD_HPP

#include <sipview/detail/config.hpp>  // SIPVIEW_SIMD_SSE2

#if SIPVIEW_SIMD_SSE2
#include <emmintrin.h>

namespace sipview {
namespace detail {
namespace simd {

using block = __m128i;

/// The 16 octets at p (unaligned; the caller keeps p + 16 within its input).
inline block load16(char const* p) noexcept { return _mm_loadu_si128(reinterpret_cast<__m128i const*>(p)); }

/// One bit per octet: the top bit of each lane of a compare's result.
inline unsigned mask16(block b) noexcept { return static_cast<unsigned>(_mm_movemask_epi8(b)); }

/// Octets equal to C.
template <char C>
inline block equal(block v) noexcept { return _mm_cmpeq_epi8(v, _mm_set1_epi8(C)); }

/// Octets in Lo..Hi (as unsigned octets): v - Lo, moved by 0x80 into the
/// signed range, is below -128 + the range's width only for them.
template <unsigned char Lo, unsigned char Hi>
inline block in_range(block v) noexcept {
    static_assert(Lo <= Hi, "a range");
    block const moved = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - Lo)));
    return _mm_cmplt_epi8(moved, _mm_set1_epi8(static_cast<char>(-128 + (Hi - Lo + 1))));
}

/// ALPHA: only the letters fold into 'a'..'z' with | 0x20.
inline block alpha(block v) noexcept { return in_range<'a', 'z'>(_mm_or_si128(v, _mm_set1_epi8(0x20))); }

/// "-" / "." / DIGIT: 0x2D..0x39 without "/".
inline block dash_dot_digit(block v) noexcept { return _mm_andnot_si128(equal<'/'>(v), in_range<'-', '9'>(v)); }

/// hostname octets: alphanum / "-" / "." (c_hostchar).
inline block hostchar(block v) noexcept { return _mm_or_si128(alpha(v), dash_dot_digit(v)); }

/// The quoted-string octets that need no special handling (c_qd_fast):
/// SP / HTAB / %x21 / %x23-5B / %x5D-7E, i.e. 0x20..0x7E and HTAB without
/// DQUOTE and "\".
inline block qd_fast(block v) noexcept {
    block const printable = _mm_or_si128(in_range<0x20, 0x7E>(v), equal<'\t'>(v));
    return _mm_andnot_si128(_mm_or_si128(equal<'"'>(v), equal<'\\'>(v)), printable);
}

/// LHEX = DIGIT / %x61-66 (c_lhex).
inline block lhex(block v) noexcept { return _mm_or_si128(in_range<'0', '9'>(v), in_range<'a', 'f'>(v)); }

/// The end of the run of octets that Class (one of the classifiers above)
/// accepts, from p; needs last - p >= 16. Blocks of 16 while 16 are left;
/// the last block is the 16 octets that end at `last` (octets already seen
/// are shifted out), so no load reaches past `last`.
template <block (*Class)(block)>
inline char const* skip(char const* p, char const* last) noexcept {
    while (last - p >= 16) {
        unsigned const outside = ~mask16(Class(load16(p))) & 0xFFFFu;
        if (outside != 0) return p + __builtin_ctz(outside);
        p += 16;
    }
    if (p == last) return p;
    unsigned const outside = (~mask16(Class(load16(last - 16))) & 0xFFFFu) >> (16 - (last - p));
    return outside != 0 ? p + __builtin_ctz(outside) : last;
}

} // namespace simd
} // namespace detail
} // namespace sipview

#endif // SIPVIEW_SIMD_SSE2
#endif
