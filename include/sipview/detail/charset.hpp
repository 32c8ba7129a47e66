// sipview — 256-entry character-class table for RFC 3261 §25.1 basic rules.
// X3's own alnum/alpha/digit classes assert on bytes >= 0x80 (detail/X3.md),
// so every class in sipview is a bit in this table.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_CHARSET_HPP
#define SIPVIEW_DETAIL_CHARSET_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <sipview/detail/config.hpp>  // SIPVIEW_HOT
#include <sipview/detail/simd.hpp>

namespace sipview {
namespace detail {

using cmask = std::uint32_t;

// One bit per character class; a rule's class is an OR of bits.
enum : cmask {
    c_alpha      = 1u << 0,   // ALPHA
    c_digit      = 1u << 1,   // DIGIT
    c_hex        = 1u << 2,   // HEXDIG (either case)
    c_mark       = 1u << 3,   // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    c_token_x    = 1u << 4,   // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    c_user_x     = 1u << 5,   // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
    c_passwd_x   = 1u << 6,   // password extras = "&" / "=" / "+" / "$" / ","
    c_param_x    = 1u << 7,   // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    c_hnv_x      = 1u << 8,   // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
    c_reserved   = 1u << 9,   // reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ","
    c_word_x     = 1u << 10,  // word extras over token: "(" ")" "<" ">" ":" "\" DQUOTE "/" "[" "]" "?" "{" "}"
    c_qdtext     = 1u << 11,  // qdtext minus LWS: %x21 / %x23-5B / %x5D-7E / %x80-FF (UTF-8 checked separately)
    c_wsp        = 1u << 12,  // WSP = SP / HTAB
    c_scheme_x   = 1u << 13,  // scheme tail extras: "+" / "-" / "."
    c_qpair      = 1u << 14,  // quoted-pair payload: %x00-09 / %x0B-0C / %x0E-7F
    c_ipv6       = 1u << 15,  // characters that may appear in an IPv6 address: HEXDIG ":" "."
    c_reason_x   = 1u << 16,  // Reason-Phrase extras: reserved / unreserved / escaped / UTF8-NONASCII / SP / HTAB
    c_addr_sep   = 1u << 17,  // "," / ";" / "?": cannot appear in an addr-spec outside <> (RFC 3261 §20)
    c_label      = 1u << 18,  // hostname label interior: alphanum / "-"
    c_hostchar   = 1u << 19,  // any hostname character: alphanum / "-" / "."
    c_qd_fast    = 1u << 20,  // quoted-string bytes needing no special handling: SP / HTAB / qdtext ASCII
    c_lws_first  = 1u << 21,  // a byte LWS can start with: SP / HTAB / CR (of a fold)
    c_lhex       = 1u << 22,  // LHEX = DIGIT / %x61-66 (lowercase hex, RFC 3261 §25.1)
    c_user_fast  = 1u << 23,  // user without escaped and the addr-spec separators: unreserved / "&" / "=" / "+" / "$" / "/"
    c_paramchar  = 1u << 24,  // paramchar without escaped: unreserved / param-unreserved
    c_token_nodot = 1u << 25, // token-nodot = token minus "." (RFC 6665 §8.4: event-type's parts)
};

constexpr bool in_range(unsigned c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; }
constexpr bool one_of(unsigned c, char const* set) {
    for (; *set; ++set)
        if (static_cast<unsigned char>(*set) == c) return true;
    return false;
}

constexpr cmask classify(unsigned c) {
    cmask m = 0;
    bool const alpha = in_range(c, 'a', 'z') || in_range(c, 'A', 'Z');
    bool const digit = in_range(c, '0', '9');
    if (alpha) m |= c_alpha;
    if (digit) m |= c_digit;
    if (digit || in_range(c, 'a', 'f') || in_range(c, 'A', 'F')) m |= c_hex;
    if (one_of(c, "-_.!~*'()")) m |= c_mark;
    if (alpha || digit || one_of(c, "-.!%*_+`'~")) m |= c_token_x;
    if (one_of(c, "&=+$,;?/")) m |= c_user_x;
    if (one_of(c, "&=+$,")) m |= c_passwd_x;
    if (one_of(c, "[]/:&+$")) m |= c_param_x;
    if (one_of(c, "[]/?:+$")) m |= c_hnv_x;
    if (one_of(c, ";/?:@&=+$,")) m |= c_reserved;
    if (one_of(c, "()<>:\\\"/[]?{}")) m |= c_word_x;
    if (c == 0x21 || in_range(c, 0x23, 0x5B) || in_range(c, 0x5D, 0x7E) || c >= 0x80) m |= c_qdtext;
    if (c == ' ' || c == '\t') m |= c_wsp;
    if (one_of(c, "+-.")) m |= c_scheme_x;
    if (c <= 0x09 || c == 0x0B || c == 0x0C || in_range(c, 0x0E, 0x7F)) m |= c_qpair;
    if (digit || in_range(c, 'a', 'f') || in_range(c, 'A', 'F') || c == ':' || c == '.') m |= c_ipv6;
    if (c == ' ' || c == '\t' || c >= 0x80 || one_of(c, ";/?:@&=+$,-_.!~*'()%")) m |= c_reason_x;
    if (one_of(c, ",;?")) m |= c_addr_sep;
    if (alpha || digit || c == '-') m |= c_label;
    if (alpha || digit || c == '-' || c == '.') m |= c_hostchar;
    if (c == ' ' || c == '\t' || c == 0x21 || in_range(c, 0x23, 0x5B) || in_range(c, 0x5D, 0x7E)) m |= c_qd_fast;
    if (c == ' ' || c == '\t' || c == '\r') m |= c_lws_first;
    if (digit || in_range(c, 'a', 'f')) m |= c_lhex;
    if (alpha || digit || one_of(c, "-_.!~*'()&=+$/")) m |= c_user_fast;
    if (alpha || digit || one_of(c, "-_.!~*'()[]/:&+$")) m |= c_paramchar;
    if (alpha || digit || one_of(c, "-!%*_+`'~")) m |= c_token_nodot;
    return m;
}

struct char_table {
    cmask bits[256];
    constexpr char_table() : bits{} {
        for (unsigned c = 0; c < 256; ++c) bits[c] = classify(c);
    }
};

inline constexpr char_table table{};

constexpr bool is(char ch, cmask mask) noexcept {
    return (table.bits[static_cast<unsigned char>(ch)] & mask) != 0;
}
/// In class `mask` and not in class `except`.
constexpr bool is(char ch, cmask mask, cmask except) noexcept {
    cmask const bits = table.bits[static_cast<unsigned char>(ch)];
    return (bits & mask) != 0 && (bits & except) == 0;
}

// Composite classes named after the RFC 3261 rules they implement.
inline constexpr cmask alphanum = c_alpha | c_digit;
inline constexpr cmask unreserved = alphanum | c_mark;                 // unreserved
inline constexpr cmask token_chars = c_token_x;                        // token
inline constexpr cmask word_chars = c_token_x | c_word_x;              // word
inline constexpr cmask user_chars = unreserved | c_user_x;             // user (without escaped)
inline constexpr cmask password_chars = unreserved | c_passwd_x;       // password (without escaped)
inline constexpr cmask paramchar_chars = unreserved | c_param_x;       // paramchar (without escaped)
inline constexpr cmask hnv_chars = unreserved | c_hnv_x;               // hname/hvalue (without escaped)
inline constexpr cmask uric_chars = unreserved | c_reserved;           // uric (without escaped)
inline constexpr cmask scheme_chars = alphanum | c_scheme_x;           // scheme tail

/// The end of the run of class-`Bit` bytes starting at p (Bit: one class
/// bit). Four bytes per step: one branch on the AND of their classes; 16
/// per step (detail/simd.hpp) for the classes of long runs (quoted-string
/// text, LHEX) where SIPVIEW_SIMD_SSE2 is 1 and 16 are left.
template <cmask Bit>
inline char const* skip_class(char const* p, char const* last) noexcept {
    static_assert(Bit != 0 && (Bit & (Bit - 1)) == 0, "skip_class takes a single class bit");
#if SIPVIEW_SIMD_SSE2
    if constexpr (Bit == c_qd_fast) {
        if (last - p >= 16) return simd::skip<simd::qd_fast>(p, last);
    } else if constexpr (Bit == c_lhex) {
        if (last - p >= 16) return simd::skip<simd::lhex>(p, last);
    }
#endif
    while (last - p >= 4) {
        cmask const all = table.bits[static_cast<unsigned char>(p[0])] & table.bits[static_cast<unsigned char>(p[1])] &
                          table.bits[static_cast<unsigned char>(p[2])] & table.bits[static_cast<unsigned char>(p[3])];
        if ((all & Bit) == 0) break;
        p += 4;
    }
    while (p != last && (table.bits[static_cast<unsigned char>(*p)] & Bit) != 0) ++p;
    return p;
}

constexpr int hex_value(char ch) noexcept {
    unsigned const c = static_cast<unsigned char>(ch);
    return in_range(c, '0', '9') ? int(c - '0')
         : in_range(c, 'a', 'f') ? int(c - 'a' + 10)
         : in_range(c, 'A', 'F') ? int(c - 'A' + 10)
         : -1;
}

constexpr char ascii_lower(char ch) noexcept {
    return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
}

/// `name` is `lower` (lower-case letters only) in any case: a byte OR 0x20
/// is a given lower-case letter only for that letter and its upper case.
/// Up to 16 letters are compared in one or two words (a parameter name is
/// matched against each known name in turn: a byte loop per name was a
/// tenth of the Via fast path).
template <std::size_t N>
inline bool iequals_lower(std::string_view name, char const (&lower)[N]) noexcept {
    constexpr std::size_t n = N - 1;
    if (name.size() != n) return false;
    if constexpr (n >= 1 && n <= 16) {
        constexpr std::size_t head = n < 8 ? n : 8;
        std::uint64_t v = 0, w = 0;
        std::memcpy(&v, name.data(), head);
        std::memcpy(&w, lower, head);
        if ((v | (0x2020202020202020ull >> (8 * (8 - head)))) != w) return false;
        if constexpr (n > 8) {
            std::uint64_t v2 = 0, w2 = 0;
            std::memcpy(&v2, name.data() + 8, n - 8);
            std::memcpy(&w2, lower + 8, n - 8);
            if ((v2 | (0x2020202020202020ull >> (8 * (16 - n)))) != w2) return false;
        }
        return true;
    } else {
        for (std::size_t i = 0; i < n; ++i)
            if ((name[i] | 0x20) != lower[i]) return false;
        return true;
    }
}

} // namespace detail
} // namespace sipview

#endif
