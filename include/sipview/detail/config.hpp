// sipview — build mode: header-only (the default) or separate compilation;
// and the build switches and code-placement attributes every header uses.
//
// Header-only (SIPVIEW_SEPARATE_COMPILATION not defined): every function is
// defined inline in the headers and every TU that parses instantiates the
// Boost.Spirit X3 grammars it uses.
//
// Separate compilation (SIPVIEW_SEPARATE_COMPILATION defined for the whole
// program, after Boost.Beast and Boost.URL): the headers only declare the
// functions that run a grammar, and include no Boost.Spirit header; their
// definitions and the grammars are compiled once, in the one TU that
// includes <sipview/src.hpp> (or the CMake target sipview::compiled).
//
//   SIPVIEW_DECL             `inline` header-only, nothing in separate mode:
//                            the linkage of the functions defined in src.hpp.
//   SIPVIEW_HAS_DEFINITIONS  1 where those functions are defined (header-only,
//                            or the TU of src.hpp, which defines SIPVIEW_SOURCE).
//   SIPVIEW_HAS_GRAMMARS     1 where the X3 grammars are visible: the same,
//                            plus a separate-mode TU that defines
//                            SIPVIEW_EXPOSE_GRAMMARS (white-box tests of a
//                            detail:: grammar; they still link the library's
//                            functions, so nothing is defined twice).
// A function must not be inline in one TU and not in another of a program:
// define SIPVIEW_SEPARATE_COMPILATION for every TU or for none.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_CONFIG_HPP
#define SIPVIEW_DETAIL_CONFIG_HPP

#if defined(SIPVIEW_SEPARATE_COMPILATION)
#define SIPVIEW_DECL
#if defined(SIPVIEW_SOURCE)
#define SIPVIEW_HAS_DEFINITIONS 1
#define SIPVIEW_HAS_GRAMMARS 1
#else
#define SIPVIEW_HAS_DEFINITIONS 0
#if defined(SIPVIEW_EXPOSE_GRAMMARS)
#define SIPVIEW_HAS_GRAMMARS 1
#else
#define SIPVIEW_HAS_GRAMMARS 0
#endif
#endif
#else
#if defined(SIPVIEW_SOURCE)
#error "sipview/src.hpp is for SIPVIEW_SEPARATE_COMPILATION: define it for every TU of the program"
#endif
#define SIPVIEW_DECL inline
#define SIPVIEW_HAS_DEFINITIONS 1
#define SIPVIEW_HAS_GRAMMARS 1
#endif


// Code placement for GCC's speed builds (nothing when optimizing for size,
// -Os, where both would cost code, nor for clang, where alternating timings
// showed no gain: 0.95-1.28x the time without them):
//   SIPVIEW_HOT          the functions a message's parse runs every time (the
//                        split, the header-name lookup, the fast paths, the
//                        strict pass and the rows of the transaction and
//                        dialog core): placed together (.text.hot).
//   SIPVIEW_OUT_OF_LINE  not inlined into its caller: the strict pass's check
//                        of one row, so that the pass's dispatch does not
//                        hold every row's code.
// Why: the strict pass's hot code is about 26 KB per message, near a 32 KB
// L1 instruction cache, and spread over the ~100 rows' code it overfilled
// some of the cache's sets (callgrind's cache simulation: 60-75 misses per
// message, against none for the lazy path).
#if defined(__GNUC__) && !defined(__clang__) && !defined(__OPTIMIZE_SIZE__)
#define SIPVIEW_HOT __attribute__((hot))
#define SIPVIEW_OUT_OF_LINE __attribute__((noinline))
#else
#define SIPVIEW_HOT
#define SIPVIEW_OUT_OF_LINE
#endif

// SIPVIEW_SPEED_INLINE: always inlined in speed builds (g++ and clang), left
// to the compiler when optimizing for size. For the smallest scans of the
// X3 primitives (detail/x3.hpp: run_of, ci_lit, keyword), which take no
// context so that one copy serves every context type: at -Os that copy is
// shared, at -O2/-O3 it is inlined as the per-context parse() was (left to
// the compiler at -O2, they cost 2% more instructions on the strict wsinv
// message of bench/).
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define SIPVIEW_SPEED_INLINE inline __attribute__((always_inline))
#else
#define SIPVIEW_SPEED_INLINE inline
#endif

// SIPVIEW_SIMD_SSE2: 1 where the scanners of detail/simd.hpp's classes
// take 16 octets at a time with SSE2 (x86-64, whose baseline has it; g++
// and clang; not when optimizing for size, where the 16-octet loops are
// 0.8 KB more code), else 0 and the byte loops alone. Define
// SIPVIEW_NO_SIMD to keep the byte loops: the results are the same either
// way (tests/test_scan.cpp compares the two). Define it the same way in
// every TU of the program.
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__OPTIMIZE_SIZE__) && !defined(SIPVIEW_NO_SIMD)
#define SIPVIEW_SIMD_SSE2 1
#else
#define SIPVIEW_SIMD_SSE2 0
#endif

// SIPVIEW_NO_FAST_PATHS (part of the firmware profile, with
// SIPVIEW_NO_LENIENCY and SIPVIEW_NO_DIAGNOSTIC_TEXT): the hand-written scans
// that take the common shape of a value before its grammar runs (Digest
// credentials and challenges, CSeq, Call-ID, numbers, option-tag, Method
// and event-type lists, Server and User-Agent, name-addr values with their
// SIP URIs, Via, the request line's one-pass Request-URI) are compiled out,
// and every value goes through its grammar: the same results and the same
// errors, less code, slower strict parsing. Define it the same way in every TU of the program.
namespace sipview {
namespace detail {
#ifdef SIPVIEW_NO_FAST_PATHS
inline constexpr bool fast_paths = false;
#else
inline constexpr bool fast_paths = true;
#endif
} // namespace detail
} // namespace sipview

// Separate compilation checks at link time that every TU was compiled with
// the library's switches: src.hpp defines a check function whose parameter
// type spells its own configuration, and every other TU references the one
// of its own, so a TU built with other switches fails to link with an
// undefined reference that names them:
//   sipview::detail::build_switches_check(sipview::detail::build_switches<false, true, true>*)
//   sipview::detail::message_impl::validated_rows_check(...validated_rows<...>*)  (validate.hpp)
// (Header-only builds have no library TU to check against: define the
// switches the same way in every TU.)
#if defined(SIPVIEW_SEPARATE_COMPILATION)
#if defined(SIPVIEW_SOURCE) || !(defined(__GNUC__) || defined(__clang__))
#define SIPVIEW_LINK_CHECK(function, Configuration)
#else
// A reference to the check of this TU's configuration, kept in every object
// file: `used` keeps it from the optimizer, `retain` (SHF_GNU_RETAIN; GCC 11,
// clang 13) from --gc-sections, which would drop it and its undefined
// reference with it.
#if defined(__has_attribute)
#if __has_attribute(retain)
#define SIPVIEW_RETAIN __attribute__((retain))
#endif
#endif
#ifndef SIPVIEW_RETAIN
#define SIPVIEW_RETAIN
#endif
#define SIPVIEW_LINK_CHECK(function, Configuration)                                                   \
    [[gnu::used, maybe_unused]] SIPVIEW_RETAIN static void (*const function##_reference)(Configuration*) noexcept = &function;
#endif
namespace sipview {
namespace detail {
/// The switches that change inline code (the firmware profile's):
/// SIPVIEW_NO_FAST_PATHS, SIPVIEW_NO_LENIENCY, SIPVIEW_NO_DIAGNOSTIC_TEXT,
/// each true when the feature is compiled in.
template <bool FastPaths, bool Leniency, bool DiagnosticText>
struct build_switches {};
using this_build_switches = build_switches<
    fast_paths,
#if defined(SIPVIEW_NO_LENIENCY)
    false,
#else
    true,
#endif
#if defined(SIPVIEW_NO_DIAGNOSTIC_TEXT)
    false
#else
    true
#endif
    >;
/// Defined by src.hpp for the library's switches only.
void build_switches_check(this_build_switches*) noexcept;
SIPVIEW_LINK_CHECK(build_switches_check, this_build_switches)
} // namespace detail
} // namespace sipview
#endif // SIPVIEW_SEPARATE_COMPILATION

#endif
