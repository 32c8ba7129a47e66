// sipview — the X3 building blocks every grammar uses.
//
// X3 is used without exceptions and without RTTI (see detail/X3.md): no
// expectation points, no on_error handlers, no rules with names. Instead:
//   * table-driven character-class parsers (never x3::alnum & co., which
//     assert on bytes >= 0x80);
//   * directives that write std::string_view captures into an AST found in
//     the parse context (ast_tag<T>), so no X3 attribute machinery runs;
//   * a `describe` directive that records the farthest failure and what
//     went wrong there (a diag id of the catalogue, diagnostics.hpp) into an
//     error_sink found in the context.
//
// Reporting an error from a grammar (see diagnostics.hpp for the catalogue):
//   * add a row to the concept's list in diagnostics.hpp:
//       X(msg_cseq_number, syntax, "CSeq number (1*DIGIT)", "the CSeq value must start with a sequence number", "")
//   * name it where the rule is tried: describe(diag::msg_cseq_number)[p]
//     records it at the start of p when p fails (unless something inside got
//     farther); inside a primitive, report(ctx, at, diag::x) records it at `at`;
//   * run() builds the parse_error from the farthest id (make_error);
//   * an explainer refines it: if (e.id == diag::x && <the bytes say so>) e.refine(diag::y);
//   * tests assert on e.id and e.offset.
// describe("expected", "message") and report(ctx, at, "expected", "message")
// with literal strings still work (transitional, for grammars not yet
// converted: the error's id is then diag::none); they will go.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_X3_HPP
#define SIPVIEW_DETAIL_X3_HPP

#ifndef BOOST_SPIRIT_X3_NO_RTTI
#define BOOST_SPIRIT_X3_NO_RTTI
#endif

#include <boost/spirit/home/x3/auxiliary/eoi.hpp>
#include <boost/spirit/home/x3/auxiliary/eps.hpp>
#include <boost/spirit/home/x3/char/char.hpp>
#include <boost/spirit/home/x3/char/literal_char.hpp>
#include <boost/spirit/home/x3/core/parser.hpp>
#include <boost/spirit/home/x3/operator/alternative.hpp>
#include <boost/spirit/home/x3/operator/and_predicate.hpp>
#include <boost/spirit/home/x3/operator/kleene.hpp>
#include <boost/spirit/home/x3/operator/not_predicate.hpp>
#include <boost/spirit/home/x3/operator/optional.hpp>
#include <boost/spirit/home/x3/operator/plus.hpp>
#include <boost/spirit/home/x3/operator/sequence.hpp>
#include <boost/spirit/home/x3/support/context.hpp>
#include <boost/spirit/home/x3/support/unused.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <sipview/detail/charset.hpp>
#include <sipview/error.hpp>

namespace sipview {
namespace detail {

namespace x3 = boost::spirit::x3;
using iter = char const*;

// ---------------------------------------------------------------------------
// Error sink: the farthest failure wins; at equal offsets the first recorded
// (innermost) description wins.
struct error_sink {
    iter begin = nullptr;
    iter pos = nullptr;
    diag id = diag::none;
    // Transitional: the strings of describe("exp", "msg") / report(ctx, at,
    // "exp", "msg") for grammars not yet converted to ids (id is none then).
    char const* text_expected = nullptr;
    char const* text_message = nullptr;

    void fail(iter at, diag d) noexcept {
        if (pos == nullptr || at > pos) {
            pos = at;
            id = d;
        }
    }
    void fail(iter at, char const* exp, char const* msg) noexcept {
        if (pos == nullptr || at > pos) {
            pos = at;
            id = diag::none;
            text_expected = exp;
            text_message = msg;
        }
    }
};
struct error_tag;
template <class Ast> struct ast_tag;

/// Records diagnostic `d` at `at` in the context's error_sink (if any).
template <class Ctx>
inline void report(Ctx const& ctx, iter at, diag d) noexcept {
    auto&& sink = x3::get<error_tag>(ctx);
    if constexpr (!std::is_same_v<std::decay_t<decltype(sink)>, x3::unused_type>)
        sink.fail(at, d);
}
/// Transitional: free text instead of a diag id (see the top of this file).
template <class Ctx>
inline void report(Ctx const& ctx, iter at, char const* expected, char const* message) noexcept {
    auto&& sink = x3::get<error_tag>(ctx);
    if constexpr (!std::is_same_v<std::decay_t<decltype(sink)>, x3::unused_type>)
        sink.fail(at, expected, message);
}

template <class Ast, class Ctx>
inline Ast& ast_of(Ctx const& ctx) noexcept { return x3::get<ast_tag<Ast>>(ctx); }

template <class M> struct member_traits;
template <class C, class T> struct member_traits<T C::*> { using owner = C; using type = T; };

// A parser with no attribute: the base of every sipview primitive.
template <class Derived>
struct primitive : x3::parser<Derived> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
};

// ---------------------------------------------------------------------------
// Character classes.

/// One character of class M.
template <cmask M>
struct char_of : primitive<char_of<M>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first != last && is(*first, M)) { ++first; return true; }
        return false;
    }
};

/// 1*(class M): the picohttpparser-style tight loop.
template <cmask M>
struct run_of : primitive<run_of<M>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        It p = first;
        while (p != last && is(*p, M)) ++p;
        if (p == first) return false;
        first = p;
        return true;
    }
};

/// 1*(class M but not class X / escaped), escaped = "%" HEXDIG HEXDIG.
/// A '%' not followed by two hex digits ends the run and is reported.
template <cmask M, cmask X = 0>
struct escaped_run_of : primitive<escaped_run_of<M, X>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        It p = first;
        for (;;) {
            if (p != last && is(*p, M, X)) { ++p; continue; }
            if (p != last && *p == '%') {
                if (last - p >= 3 && is(p[1], c_hex) && is(p[2], c_hex)) { p += 3; continue; }
                report(ctx, p + (last - p >= 2 && is(p[1], c_hex) ? 2 : 1), diag::core_percent_escape);
            }
            break;
        }
        if (p == first) return false;
        first = p;
        return true;
    }
};

/// A literal matched ASCII-case-insensitively (ABNF quoted strings are
/// case-insensitive). `lower` must be lower case.
struct ci_lit : primitive<ci_lit> {
    char const* lower;
    std::size_t size;
    template <std::size_t N>
    constexpr ci_lit(char const (&s)[N]) : lower(s), size(N - 1) {}  // NOLINT: implicit from literal
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (static_cast<std::size_t>(last - first) < size) return false;
        // Quick reject on the first byte: for a letter l, (c | 0x20) == l iff c is l or its upper case.
        if (size != 0 && (is(lower[0], c_alpha) ? static_cast<char>(first[0] | 0x20) != lower[0] : first[0] != lower[0]))
            return false;
        for (std::size_t i = 1; i < size; ++i)
            if (ascii_lower(first[i]) != lower[i]) return false;
        first += static_cast<std::ptrdiff_t>(size);
        return true;
    }
};

/// A case-insensitive name that must not continue as a token ("nonce" does
/// not match the start of "nonce-count"). `lower` must be lower case.
struct keyword : primitive<keyword> {
    char const* lower;
    std::size_t size;
    bool letters;  // only letters: `| 0x20` compares exactly (a letter's other case is its only partner)
    template <std::size_t N>
    constexpr keyword(char const (&s)[N]) : lower(s), size(N - 1), letters(all_letters(s, N - 1)) {}  // NOLINT: implicit from literal
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (static_cast<std::size_t>(last - first) < size) return false;
        // Quick reject on the first byte (parameter alternatives try several
        // keywords per parameter): for a letter l, (c | 0x20) == l iff c is l in either case.
        if (size != 0 && (is(lower[0], c_alpha) ? static_cast<char>(first[0] | 0x20) != lower[0] : first[0] != lower[0]))
            return false;
        if (letters) {
            for (std::size_t i = 1; i < size; ++i)
                if (static_cast<char>(first[i] | 0x20) != lower[i]) return false;
        } else {
            for (std::size_t i = 1; i < size; ++i)
                if (ascii_lower(first[i]) != lower[i]) return false;
        }
        It const end = first + static_cast<std::ptrdiff_t>(size);
        if (end != last && is(*end, token_chars)) return false;
        first = end;
        return true;
    }

private:
    static constexpr bool all_letters(char const* s, std::size_t n) noexcept {
        for (std::size_t i = 0; i < n; ++i)
            if (s[i] < 'a' || s[i] > 'z') return false;
        return true;
    }
};

/// One case of by_name: a parameter name and the parser for what follows it.
template <class Tail>
struct name_case {
    keyword name;
    Tail tail;
};
/// when("tag", EQUAL >> token): a by_name case.
template <class Tail>
constexpr auto when(keyword name, Tail const& tail) {
    using p = typename x3::extension::as_parser<Tail>::value_type;
    return name_case<p>{name, x3::as_parser(tail)};
}

/// by_name(other, when("tag", t1), when("q", t2), ...): the parameter-name
/// switch. Picks the cases whose name starts with the letter at the current
/// position (a table lookup), matches their names in order as keywords
/// (any case, whole token: "nonce" does not name "nonce-count") and parses
/// the tail of the first one that matches from just after the name; a name
/// no case knows is parsed by `other` from the start of the name. It accepts
/// exactly what (kw1 >> t1) | (kw2 >> t2) | ... | (!(kw1 | kw2 | ...) >> other)
/// accepts, without trying every keyword: a known name whose value is
/// malformed fails, it never falls back to `other`.
template <class Other, class... Tails>
struct by_name_parser : primitive<by_name_parser<Other, Tails...>> {
    static constexpr std::size_t case_count = sizeof...(Tails);
    static_assert(case_count > 0 && case_count <= 16, "by_name: 1 to 16 cases");

    Other other;
    std::tuple<Tails...> tails;
    keyword names[case_count];
    // The cases by first letter (any case), in declaration order: 1 + the
    // index of the first case, and of the next one with the same letter; 0 ends.
    unsigned char first_case[32];
    unsigned char next_case[case_count];

    static constexpr std::size_t bucket(char c) noexcept { return static_cast<unsigned char>(c | 0x20) & 31u; }

    constexpr by_name_parser(Other const& o, name_case<Tails> const&... c)
        : other(o), tails(c.tail...), names{c.name...}, first_case{}, next_case{} {
        for (std::size_t i = 0; i < case_count; ++i) {
            unsigned char* link = &first_case[bucket(names[i].lower[0])];
            while (*link != 0) link = &next_case[*link - 1];
            *link = static_cast<unsigned char>(i + 1);
        }
    }

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        if (first != last) {
            for (unsigned k = first_case[bucket(*first)]; k != 0; k = next_case[k - 1]) {
                It after = first;
                if (names[k - 1].parse(after, last, ctx, rctx, x3::unused))
                    return parse_tail(k - 1, after, first, last, ctx, rctx, std::make_index_sequence<case_count>{});
            }
        }
        return other.parse(first, last, ctx, rctx, x3::unused);
    }

private:
    /// Parses case i's tail from `from` (just past its name); on success
    /// `first` moves past it. A failed tail never falls back to `other`.
    template <class It, class Ctx, class RCtx, std::size_t... I>
    bool parse_tail(std::size_t i, It from, It& first, It const& last, Ctx const& ctx, RCtx& rctx,
                    std::index_sequence<I...>) const {
        bool ok = false;
        (void)((i == I && (ok = std::get<I>(tails).parse(from, last, ctx, rctx, x3::unused), true)) || ...);
        if (ok) first = from;
        return ok;
    }
};
template <class Other, class... Tails>
constexpr auto by_name(Other const& other, name_case<Tails> const&... cases) {
    using p = typename x3::extension::as_parser<Other>::value_type;
    return by_name_parser<p, Tails...>(x3::as_parser(other), cases...);
}

// ---------------------------------------------------------------------------
// Whitespace (RFC 3261 §25.1).

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

/// True when LWS may start at p (SP, HTAB or the CR of a fold): the inline
/// fast path that spares the call to lws_length between most tokens.
inline bool lws_may_start(iter p, iter last) noexcept {
    return p != last && is(*p, c_lws_first);
}

/// LWS = [*WSP CRLF] 1*WSP ; linear whitespace (a fold is CRLF + WSP)
struct lws_parser : primitive<lws_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (!lws_may_start(first, last)) return false;
        std::size_t const n = lws_length(first, last);
        first += static_cast<std::ptrdiff_t>(n);
        return n != 0;
    }
};

/// SWS = [LWS] ; sep whitespace
struct sws_parser : primitive<sws_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (lws_may_start(first, last)) first += static_cast<std::ptrdiff_t>(lws_length(first, last));
        return true;
    }
};

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

/// DQUOTE *(qdtext / quoted-pair) DQUOTE — the quoted-string rule without its
/// leading SWS. qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII;
/// quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F).
struct quoted_string_parser : primitive<quoted_string_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || *first != '"') return false;
        It p = first + 1;
        while (p != last) {
            while (p != last && is(*p, c_qd_fast)) ++p;  // the common bytes: one table test each
            if (p == last) break;
            char const ch = *p;
            if (ch == '"') { first = p + 1; return true; }
            if (ch == '\\') {
                if (last - p >= 2 && is(p[1], c_qpair)) { p += 2; continue; }
                report(ctx, p + 1, diag::core_quoted_pair);
                return false;
            }
            if (static_cast<unsigned char>(ch) >= 0x80) {
                std::size_t const n = utf8_nonascii_length(p, last);
                if (n == 0) {
                    report(ctx, p, diag::core_quoted_utf8);
                    return false;
                }
                p += n;
                continue;
            }
            if (is(ch, c_qdtext)) { ++p; continue; }
            if (std::size_t const n = lws_length(p, last)) { p += n; continue; }
            break;
        }
        report(ctx, p, diag::core_quoted_unterminated);
        return false;
    }
};

// ---------------------------------------------------------------------------
// Hosts and numbers.

enum class host_kind_value : unsigned char { hostname, ipv4, ipv6 };

/// IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet
/// (1*3DIGIT as in RFC 3261, value <= 255 as RFC 5954 corrects it).
/// Returns the length matched, or 0.
inline std::size_t ipv4_length(iter p, iter last) noexcept {
    iter q = p;
    for (int octet = 0; octet < 4; ++octet) {
        if (octet != 0) {
            if (q == last || *q != '.') return 0;
            ++q;
        }
        unsigned value = 0;
        int digits = 0;
        while (q != last && digits < 3 && is(*q, c_digit)) {
            value = value * 10 + static_cast<unsigned>(*q - '0');
            ++q;
            ++digits;
        }
        if (digits == 0 || value > 255) return 0;
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
inline std::size_t hostname_length(iter p, iter last) noexcept {
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

/// Classifies and measures a host = hostname / IPv4address / IPv6reference.
/// IPv4 is tried first and must not be followed by a hostname character
/// (so "1.2.3.4.example.com" is a hostname).
inline std::size_t host_length(iter p, iter last, host_kind_value& kind) noexcept {
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

// ---------------------------------------------------------------------------
// Directives.

/// The base of a sipview directive d[p]: holds the subject p, has no attribute.
template <class Subject, class Derived>
struct directive_base : x3::unary_parser<Subject, Derived> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    constexpr explicit directive_base(Subject const& s) : x3::unary_parser<Subject, Derived>(s) {}
};

/// The generator `d` of a directive: d[p] builds Gen::apply<parser of p>.
template <class Gen>
struct directive_gen {
    template <class Subject>
    constexpr auto operator[](Subject const& s) const {
        using p = typename x3::extension::as_parser<Subject>::value_type;
        return typename Gen::template apply<p>(x3::as_parser(s));
    }
};

/// describe(diag::x)[p]: on failure, records diagnostic x at the position
/// where p was tried (unless something inside got farther).
template <class Subject>
struct describe_directive : directive_base<Subject, describe_directive<Subject>> {
    using base = directive_base<Subject, describe_directive<Subject>>;
    diag id;
    constexpr describe_directive(Subject const& s, diag d) : base(s), id(d) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        It const start = first;
        if (this->subject.parse(first, last, ctx, rctx, x3::unused)) return true;
        first = start;
        report(ctx, start, id);
        return false;
    }
};
/// Transitional: describe("expected", "message")[p] with free text.
template <class Subject>
struct describe_text_directive : directive_base<Subject, describe_text_directive<Subject>> {
    using base = directive_base<Subject, describe_text_directive<Subject>>;
    char const* expected;
    char const* message;
    constexpr describe_text_directive(Subject const& s, char const* e, char const* m)
        : base(s), expected(e), message(m) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        It const start = first;
        if (this->subject.parse(first, last, ctx, rctx, x3::unused)) return true;
        first = start;
        report(ctx, start, expected, message);
        return false;
    }
};
struct describe_gen {
    diag id;
    template <class Subject>
    constexpr auto operator[](Subject const& s) const {
        using p = typename x3::extension::as_parser<Subject>::value_type;
        return describe_directive<p>(x3::as_parser(s), id);
    }
};
struct describe_text_gen {
    char const* expected;
    char const* message;
    template <class Subject>
    constexpr auto operator[](Subject const& s) const {
        using p = typename x3::extension::as_parser<Subject>::value_type;
        return describe_text_directive<p>(x3::as_parser(s), expected, message);
    }
};
/// describe(diag::x)[p]
constexpr describe_gen describe(diag d) noexcept { return {d}; }
/// Transitional: describe("expected", "message")[p] (the error's id is diag::none).
constexpr describe_text_gen describe(char const* expected, char const* message = nullptr) noexcept {
    return {expected, message};
}

/// set<&Ast::member>[p]: on success, Ast::member = the text p matched.
template <auto Member, class Subject>
struct set_directive : directive_base<Subject, set_directive<Member, Subject>> {
    using base = directive_base<Subject, set_directive<Member, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        It const start = first;
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        using owner = typename member_traits<decltype(Member)>::owner;
        ast_of<owner>(ctx).*Member = std::string_view(start, static_cast<std::size_t>(first - start));
        return true;
    }
};
template <auto Member>
struct set_gen : directive_gen<set_gen<Member>> {
    template <class p> using apply = set_directive<Member, p>;
};
template <auto Member> inline constexpr set_gen<Member> set{};

/// mark<&Ast::member, value>[p]: on success, Ast::member = value.
template <auto Member, auto Value, class Subject>
struct mark_directive : directive_base<Subject, mark_directive<Member, Value, Subject>> {
    using base = directive_base<Subject, mark_directive<Member, Value, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        using owner = typename member_traits<decltype(Member)>::owner;
        ast_of<owner>(ctx).*Member = Value;
        return true;
    }
};
template <auto Member, auto Value>
struct mark_gen : directive_gen<mark_gen<Member, Value>> {
    template <class p> using apply = mark_directive<Member, Value, p>;
};
template <auto Member, auto Value> inline constexpr mark_gen<Member, Value> mark{};

/// into<&Ast::member>[p]: parses p with Ast::member as the AST in context
/// (a sub-grammar filling a nested AST, e.g. the URI of a name-addr).
template <auto Member, class Subject>
struct into_directive : directive_base<Subject, into_directive<Member, Subject>> {
    using base = directive_base<Subject, into_directive<Member, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        using owner = typename member_traits<decltype(Member)>::owner;
        using sub = typename member_traits<decltype(Member)>::type;
        auto sub_ctx = x3::make_context<ast_tag<sub>>(ast_of<owner>(ctx).*Member, ctx);
        return this->subject.parse(first, last, sub_ctx, rctx, x3::unused);
    }
};
template <auto Member>
struct into_gen : directive_gen<into_gen<Member>> {
    template <class p> using apply = into_directive<Member, p>;
};
template <auto Member> inline constexpr into_gen<Member> into{};

/// reset_on_failure<Ast>[p]: undoes the captures of a partially matched
/// alternative (X3 does not undo side effects on backtracking) for an AST
/// known to be fresh (value-initialised) when p starts: on failure it is
/// made fresh again, with no copy saved beforehand.
template <class Ast, class Subject>
struct reset_directive : directive_base<Subject, reset_directive<Ast, Subject>> {
    using base = directive_base<Subject, reset_directive<Ast, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        if (this->subject.parse(first, last, ctx, rctx, x3::unused)) return true;
        ast_of<Ast>(ctx) = Ast{};
        return false;
    }
};
template <class Ast>
struct reset_gen : directive_gen<reset_gen<Ast>> {
    template <class p> using apply = reset_directive<Ast, p>;
};
template <class Ast> inline constexpr reset_gen<Ast> reset_on_failure{};

/// restore<&Ast::m1, &Ast::m2...>[p]: if p fails, the named members get back
/// the values they had before; only the members p can write are saved (a
/// copy of a whole uri would be ~200 bytes twice per attempt, and userinfo
/// is attempted on every URI).
template <class Subject, auto First, auto... Rest>
struct restore_directive : directive_base<Subject, restore_directive<Subject, First, Rest...>> {
    using base = directive_base<Subject, restore_directive<Subject, First, Rest...>>;
    using base::base;
    using owner = typename member_traits<decltype(First)>::owner;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        owner& ast = ast_of<owner>(ctx);
        auto const saved_first = ast.*First;
        auto const saved_rest = std::make_tuple((ast.*Rest)...);
        if (this->subject.parse(first, last, ctx, rctx, x3::unused)) return true;
        ast.*First = saved_first;
        std::tie((ast.*Rest)...) = saved_rest;
        return false;
    }
};
template <auto... Members>
struct restore_gen : directive_gen<restore_gen<Members...>> {
    template <class p> using apply = restore_directive<p, Members...>;
};
template <auto... Members> inline constexpr restore_gen<Members...> restore{};

/// set_first<&Ast::member>[p]: like set, but keeps the first capture when p
/// matches several times (the first of repeated parameters wins, as in
/// param_range::find). `member` must be a std::string_view, empty data() = unset.
template <auto Member, class Subject>
struct set_first_directive : directive_base<Subject, set_first_directive<Member, Subject>> {
    using base = directive_base<Subject, set_first_directive<Member, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        It const start = first;
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        using owner = typename member_traits<decltype(Member)>::owner;
        auto& m = ast_of<owner>(ctx).*Member;
        if (m.data() == nullptr) m = std::string_view(start, static_cast<std::size_t>(first - start));
        return true;
    }
};
template <auto Member>
struct set_first_gen : directive_gen<set_first_gen<Member>> {
    template <class p> using apply = set_first_directive<Member, p>;
};
template <auto Member> inline constexpr set_first_gen<Member> set_first{};

/// host_into<&Ast::host, &Ast::kind>: host = hostname / IPv4address /
/// IPv6reference, capturing the text (brackets kept) and its kind.
template <auto HostMember, auto KindMember>
struct host_into : primitive<host_into<HostMember, KindMember>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        host_kind_value kind = host_kind_value::hostname;
        std::size_t const n = host_length(first, last, kind);
        if (n == 0) return false;
        using owner = typename member_traits<decltype(HostMember)>::owner;
        auto& ast = ast_of<owner>(ctx);
        ast.*HostMember = std::string_view(first, n);
        ast.*KindMember = static_cast<typename member_traits<decltype(KindMember)>::type>(kind);
        first += static_cast<std::ptrdiff_t>(n);
        return true;
    }
};

/// port = 1*DIGIT, checked to fit 16 bits.
struct port_parser : primitive<port_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        std::uint64_t v = 0;
        std::size_t const n = bounded_uint(first, last, 65535, v);
        if (n == 0) {
            if (v > 65535) report(ctx, first, diag::core_port_range);
            return false;
        }
        first += static_cast<std::ptrdiff_t>(n);
        return true;
    }
};

/// A predicate on the next byte (for PEG look-ahead without consuming).
template <cmask M>
struct peek_of : primitive<peek_of<M>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        return first != last && is(*first, M);
    }
};

// ---------------------------------------------------------------------------
// Running a grammar: the entry point of every parse_* function.

/// Parses all of `in` with `grammar`, filling `ast`; on failure builds the
/// parse_error from the farthest recorded failure.
template <class Ast, class Grammar>
inline bool run(std::string_view in, Grammar const& grammar, Ast& ast, parse_error& err) noexcept {
    error_sink sink;
    sink.begin = in.data();
    iter first = in.data();
    iter const last = first + in.size();
    auto const sink_ctx = x3::make_context<error_tag>(sink);  // contexts hold references: keep each alive
    auto const ctx = x3::make_context<ast_tag<Ast>>(ast, sink_ctx);
    if (grammar.parse(first, last, ctx, x3::unused, x3::unused) && first == last) return true;
    if (sink.pos != nullptr && sink.pos >= first) {
        std::size_t const offset = static_cast<std::size_t>(sink.pos - in.data());
        if (sink.id != diag::none) {
            err = make_error(sink.id, offset, offset >= in.size());
            return false;
        }
        // transitional: free text from describe("exp", "msg") / report(ctx, at, "exp", "msg")
        err = parse_error{};
        err.offset = offset;
        err.expected = sink.text_expected ? sink.text_expected : "";
        err.message = sink.text_message ? sink.text_message : "";
        if (err.message.empty())
            err.message = info(offset < in.size() ? diag::unexpected_character : diag::unexpected_end).message;
        return false;
    }
    std::size_t const offset = static_cast<std::size_t>(first - in.data());
    err = make_error(first == last ? diag::unexpected_end : diag::unexpected_character, offset);
    return false;
}

} // namespace detail
} // namespace sipview

#endif
