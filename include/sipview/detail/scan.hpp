// sipview — the hand-written scanners of the grammar: LWS, UTF-8 sequences,
// IPv4, IPv6, hostname, host and bounded numbers. Each measures the match at
// p and returns its length (0: no match), so an X3 primitive, a validator or
// a decoder can use it alike. No X3 here: plain functions over char const*
// and the character table of detail/charset.hpp.
//
// Why some rules are scanners and not X3 expressions (see detail/X3.md):
//   * speed: LWS/SWS runs between almost every two tokens;
//   * exact error position: the scanner knows where the input went wrong;
//   * PEG-vs-ABNF greediness: hosts transcribed rule by rule reject valid input.
// Each scanner says which applies, and names the ABNF rule it implements.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_SCAN_HPP
#define SIPVIEW_DETAIL_SCAN_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sipview/detail/charset.hpp>
#include <sipview/detail/simd.hpp>
#include <sipview/diagnostics.hpp>

namespace sipview {
namespace detail {

using iter = char const*;

// ---------------------------------------------------------------------------
// Whitespace (RFC 3261 §25.1).

// Why hand-written: speed. LWS/SWS sits between almost every two tokens;
// a loop over the table beats the X3 expression *WSP >> -(CRLF >> +WSP), and
// lws_may_start lets the callers skip even the call on most bytes.
/// Length of LWS = [*WSP CRLF] 1*WSP at p, or 0.
inline std::size_t lws_length(iter p, iter last) noexcept {
    iter q = p;
    while (q != last && is(*q, c_wsp)) ++q;
    if (last - q >= 3 && q[0] == '\r' && q[1] == '\n' && is(q[2], c_wsp)) {
        q += 3;
        while (q != last && is(*q, c_wsp)) ++q;
    }
    return static_cast<std::size_t>(q - p);
}

/// `v` without the whitespace and line breaks at its end (a value that its
/// grammar ended with SWS: the view of what was matched before it).
inline std::string_view without_trailing_lws(std::string_view v) noexcept {
    std::size_t n = v.size();
    while (n > 0 && (is(v[n - 1], c_wsp) || v[n - 1] == '\r' || v[n - 1] == '\n')) --n;
    return v.substr(0, n);
}

/// True when LWS may start at p (SP, HTAB or the CR of a fold): the inline
/// fast path that spares the call to lws_length between most tokens.
inline bool lws_may_start(iter p, iter last) noexcept {
    return p != last && is(*p, c_lws_first);
}

/// The end of SWS = [LWS] at p (p itself when there is none).
inline iter sws_end(iter p, iter last) noexcept {
    return lws_may_start(p, last) ? p + lws_length(p, last) : p;
}

// ---------------------------------------------------------------------------
// UTF-8 (RFC 3261 UTF8-NONASCII, RFC 3629).

// Why hand-written: exact error position and reuse. The same UTF-8 shape is
// checked by the grammar (quoted-string, Reason-Phrase), by the decoders of
// text.hpp (which need no X3) and by format.hpp; a malformed sequence is
// reported at its lead byte.
/// Number of UTF8-CONT bytes after the lead byte `c` of a UTF8-NONASCII
/// sequence (RFC 3261: lead C0-DF + 1, E0-EF + 2, F0-F7 + 3, F8-FB + 4,
/// FC-FD + 5 UTF8-CONT), or 0 when `c` is no lead byte (ASCII, 80-BF, FE, FF).
inline constexpr std::size_t utf8_continuations(unsigned c) noexcept {
    return c >= 0xC0 && c <= 0xDF ? 1
         : c >= 0xE0 && c <= 0xEF ? 2
         : c >= 0xF0 && c <= 0xF7 ? 3
         : c >= 0xF8 && c <= 0xFB ? 4
         : c >= 0xFC && c <= 0xFD ? 5 : 0;
}

/// Why a sequence of RFC 3261 UTF8-NONASCII shape (lead byte `lead`, then
/// `second`, length `length`) is not UTF-8 as RFC 3629 restricts it, or
/// diag::none when it is. RFC 3261's grammar accepts all of these; decoding in
/// decode_mode::text does not. `second` only matters for leads C2-F4.
inline constexpr diag utf8_rfc3629_problem(unsigned lead, unsigned second, std::size_t length) noexcept {
    if (lead < 0xC2 || (lead == 0xE0 && second < 0xA0) || (lead == 0xF0 && second < 0x90))
        return diag::decode_overlong_utf8;
    if (lead == 0xED && second >= 0xA0) return diag::decode_surrogate;
    if (length > 4 || lead > 0xF4 || (lead == 0xF4 && second >= 0x90)) return diag::decode_beyond_unicode;
    return diag::none;
}

/// Length of one UTF8-NONASCII sequence at p (RFC 3261's shape, see
/// utf8_continuations; overlong forms are accepted), or 0 when it is malformed.
inline std::size_t utf8_nonascii_length(iter p, iter last) noexcept {
    std::size_t const n = utf8_continuations(static_cast<unsigned char>(*p));
    if (n == 0 || static_cast<std::size_t>(last - p) <= n) return 0;
    for (std::size_t i = 1; i <= n; ++i) {
        unsigned const cont = static_cast<unsigned char>(p[i]);
        if (cont < 0x80 || cont > 0xBF) return 0;
    }
    return n + 1;
}

// ---------------------------------------------------------------------------
// Hosts and numbers.

enum class host_kind_value : unsigned char { hostname, ipv4, ipv6 };

// Why hand-written: PEG-vs-ABNF greediness (detail/X3.md). Transcribed rule
// by rule, X3's greedy repetition and ordered choice reject valid hosts
// ("atlanta.com" against *(domainlabel ".") toplabel, a trailing dot,
// "[::ffff:1.2.3.4]"); these scanners implement the ABNF quoted above each,
// and measure the longest valid match in one pass.
/// IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet
/// (1*3DIGIT as in RFC 3261, value <= 255 as RFC 5954 corrects it).
/// Returns the length matched, or 0.
SIPVIEW_HOT inline std::size_t ipv4_length(iter p, iter last) noexcept {
    iter q = p;
    for (int octet = 0; octet < 4; ++octet) {
        if (octet != 0) {
            if (q == last || *q != '.') return 0;
            ++q;
        }
        // 1*3DIGIT, unrolled: a digit is an octet whose value minus '0' is below 10
        auto digit = [&](iter at) { return at != last && static_cast<unsigned>(*at - '0') < 10u; };
        if (!digit(q)) return 0;
        unsigned value = static_cast<unsigned>(*q++ - '0');
        if (digit(q)) {
            value = value * 10 + static_cast<unsigned>(*q++ - '0');
            if (digit(q)) value = value * 10 + static_cast<unsigned>(*q++ - '0');
        }
        if (value > 255) return 0;
    }
    return static_cast<std::size_t>(q - p);
}

/// IPv6address (RFC 3261 §25.1 as fixed by RFC 5954, RFC 4291 text form):
/// at most eight h16 groups, at most one "::", an optional IPv4 tail counting
/// as two groups. Matches the longest valid address at p; returns its length or 0.
inline std::size_t ipv6_length(iter p, iter last) noexcept {
    iter q = p;
    int groups = 0;
    bool compressed = false;
    if (last - q >= 2 && q[0] == ':' && q[1] == ':') { compressed = true; q += 2; }
    else if (q != last && *q == ':') return 0;
    iter end_ok = compressed ? q : nullptr;  // longest valid end so far
    for (;;) {
        iter g = q;
        int digits = 0;
        while (g != last && digits < 5 && is(*g, c_hex)) { ++g; ++digits; }
        if (digits == 0) break;
        if (g != last && *g == '.') {  // IPv4 tail
            std::size_t const n = ipv4_length(q, last);
            if (n == 0 || groups + 2 > 8 || (!compressed && groups + 2 != 8)) break;
            q += n;
            groups += 2;
            end_ok = q;
            break;
        }
        if (digits > 4) return 0;
        ++groups;
        q = g;
        if (groups > 8 || (compressed && groups > 7)) return 0;
        if (compressed || groups == 8) end_ok = q;
        if (q == last || *q != ':') break;
        if (last - q >= 2 && q[1] == ':') {
            if (compressed) break;
            compressed = true;
            q += 2;
            if (groups > 7) return 0;
            end_ok = q;
            continue;
        }
        if (groups == 8) break;
        ++q;  // single ':' then the next group
    }
    if (end_ok == nullptr) return 0;
    return static_cast<std::size_t>(end_ok - p);
}

/// hostname = *( domainlabel "." ) toplabel [ "." ];
/// domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum;
/// toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum.
/// PEG-safe: the maximal run of [alnum-.] is taken and then validated, because
/// no character that may follow a host can continue a hostname.
/// The byte loop; hostname_length uses it where fewer than 16 octets are left.
inline std::size_t hostname_length_bytes(iter p, iter last) noexcept {
    // One pass, label by label; equivalent to taking the maximal run of
    // [alnum-.] and validating it: any hostname byte right after the end
    // found here makes the whole run invalid.
    iter q = p;
    bool top_alpha = false;  // the current (so far last) label starts with ALPHA
    while (q != last && is(*q, alphanum)) {  // a label starts with alphanum
        top_alpha = is(*q, c_alpha);
        ++q;
        while (q != last && is(*q, c_label)) ++q;  // *( alphanum / "-" )
        if (q[-1] == '-') return 0;                // ... alphanum at its end
        if (q == last || *q != '.') break;
        ++q;                                       // "." (possibly the optional trailing one)
    }
    if (q == p || !top_alpha) return 0;
    if (q != last && is(*q, c_hostchar)) return 0;  // "a..b", "a.-b", "a.b-": not a hostname
    return static_cast<std::size_t>(q - p);
}

#if SIPVIEW_SIMD_SSE2
/// The classes of 16 octets at p as bit masks (bit i: octet p[i]): a
/// hostname octet (alphanum / "-" / "."), "." and "-".
struct host_octets16 {
    unsigned member, dot, hyphen;
};
inline host_octets16 classify_host_octets16(iter p) noexcept {
    simd::block const v = simd::load16(p);
    return {simd::mask16(simd::hostchar(v)), simd::mask16(simd::equal<'.'>(v)), simd::mask16(simd::equal<'-'>(v))};
}

/// hostname_length for last - p >= 16: the maximal run of [alnum-.] found
/// 16 octets at a time, in one or two blocks (the second is the 16 octets
/// that end at `last` when fewer than 32 are left, so no load reaches past
/// it), then the rule checked on bit masks of the run's dots and hyphens and
/// on the first octet of the top label. A run of 32 octets or more goes to
/// the byte loop.
inline std::size_t hostname_length_sse2(iter p, iter last) noexcept {
    std::size_t const available = static_cast<std::size_t>(last - p);
    host_octets16 const first = classify_host_octets16(p);
    std::uint32_t dot = first.dot, hyphen = first.hyphen;
    std::uint32_t outside = ~first.member & 0xFFFFu;  // bit i: octet i ends the run
    if (outside == 0) {                                // the run goes on past 16 octets
        if (available == 16) {
            outside = 1u << 16;
        } else {
            unsigned const shift = available < 32 ? static_cast<unsigned>(32 - available) : 0u;  // octets seen twice
            host_octets16 const second = classify_host_octets16(p + 16 - shift);
            dot |= (second.dot >> shift) << 16;
            hyphen |= (second.hyphen >> shift) << 16;
            outside = (~(second.member >> shift) & 0xFFFFu) << 16;
            if (outside == 0) return hostname_length_bytes(p, last);
        }
    }
    unsigned const n = static_cast<unsigned>(__builtin_ctz(outside));
    if (n == 0) return 0;
    std::uint32_t const in_run = (1u << n) - 1;
    dot &= in_run;
    hyphen &= in_run;
    std::uint32_t const separator = dot | hyphen;
    std::uint32_t const final_octet = 1u << (n - 1);
    if (separator & 1u) return 0;           // a label starts with alphanum
    if (dot & (separator >> 1)) return 0;   // "..", ".-": likewise
    if (hyphen & (dot >> 1)) return 0;      // "-.": a label ends with alphanum
    if (hyphen & final_octet) return 0;     // "-" at the end: likewise
    std::uint32_t const inner_dots = dot & ~final_octet;  // a final "." is the optional trailing one
    unsigned const top = inner_dots ? 32u - static_cast<unsigned>(__builtin_clz(inner_dots)) : 0u;
    return is(p[top], c_alpha) ? n : 0;     // toplabel starts with ALPHA
}
#endif

/// hostname (the rule above): 16 octets at a time where SSE2 is there and
/// at least 16 octets are left, else the byte loop.
SIPVIEW_HOT inline std::size_t hostname_length(iter p, iter last) noexcept {
#if SIPVIEW_SIMD_SSE2
    if (last - p >= 16) return hostname_length_sse2(p, last);
#endif
    return hostname_length_bytes(p, last);
}

/// A hostname as some phones write it, for the leniency flags
/// allow_underscore_host ('_' in labels, `underscore`) and
/// allow_digit_toplabel (a top label starting with a digit, all-digit
/// included, `digit_top`); otherwise the rules of hostname_length. Returns
/// the length (0: not even that), with `underscore_at` the first '_' and
/// `digit_top_at` the digit-led top label (nullptr when there is none).
inline std::size_t lenient_hostname_length(iter p, iter last, bool underscore, bool digit_top, iter& underscore_at,
                                           iter& digit_top_at) noexcept {
    underscore_at = nullptr;
    digit_top_at = nullptr;
    auto label_char = [&](char c) { return is(c, c_label) || (underscore && c == '_'); };
    iter q = p;
    iter top = nullptr;  // start of the current (so far last) label
    while (q != last && (is(*q, alphanum) || (underscore && *q == '_'))) {
        top = q;
        while (q != last && label_char(*q)) {
            if (*q == '_' && underscore_at == nullptr) underscore_at = q;
            ++q;
        }
        if (q[-1] == '-') return 0;
        if (q == last || *q != '.') break;
        ++q;
    }
    if (top == nullptr) return 0;
    if (is(*top, c_digit)) {
        if (!digit_top) return 0;
        digit_top_at = top;
    }
    if (q != last && (is(*q, c_hostchar) || (underscore && *q == '_'))) return 0;
    return static_cast<std::size_t>(q - p);
}

/// Classifies and measures a host = hostname / IPv4address / IPv6reference.
/// IPv4 is tried first and must not be followed by a hostname character
/// (so "1.2.3.4.example.com" is a hostname).
SIPVIEW_HOT inline std::size_t host_length(iter p, iter last, host_kind_value& kind) noexcept {
    if (p == last) return 0;
    if (*p == '[') {
        std::size_t const n = ipv6_length(p + 1, last);
        if (n == 0 || p + 1 + n == last || p[1 + n] != ']') return 0;
        kind = host_kind_value::ipv6;
        return n + 2;
    }
    if (std::size_t const n = is(*p, c_digit) ? ipv4_length(p, last) : 0) {
        iter const after = p + n;
        if (after == last || !(is(*after, alphanum) || *after == '-' || *after == '.')) {
            kind = host_kind_value::ipv4;
            return n;
        }
    }
    kind = host_kind_value::hostname;
    return hostname_length(p, last);
}

// Why hand-written: exact error position. A value that does not fit is
// told apart from a missing number (the caller reports the range error at
// the first digit), and no X3 numeric parser (with its overflow policy) runs.
/// Reads 1*DIGIT at p into value if it is at most max. Returns the length, or 0
/// when there is no digit or the value is larger (value then holds max + 1).
inline std::size_t bounded_uint(iter p, iter last, std::uint64_t max, std::uint64_t& value) noexcept {
    iter q = p;
    value = 0;
    while (q != last && is(*q, c_digit)) {
        value = value * 10 + static_cast<std::uint64_t>(*q - '0');
        if (value > max) { value = max + 1; return 0; }
        ++q;
    }
    return static_cast<std::size_t>(q - p);
}

} // namespace detail
} // namespace sipview

#endif
