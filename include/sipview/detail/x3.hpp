// sipview — the X3 primitives every grammar uses: the error sink and
// report(), the parser base, character classes, literals and keywords, the
// X3 faces of the hand-written scanners (LWS, SWS, quoted-string, host,
// port), and run(), the entry point of every parse.
//
// X3 is used without exceptions and without RTTI (see detail/X3.md): no
// expectation points, no on_error handlers, no rules with names. Instead:
//   * table-driven character-class parsers (never x3::alnum & co., which
//     assert on bytes >= 0x80);
//   * directives (detail/directives.hpp) that write std::string_view
//     captures into an AST found in the parse context (ast_tag<T>), so no X3
//     attribute machinery runs;
//   * a `describe` directive that records the farthest failure and what
//     went wrong there (a diag id of the catalogue, diagnostics.hpp) into an
//     error_sink found in the context.
// The scanners themselves (no X3) are in detail/scan.hpp.
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
// There is no free-text form: every error a grammar reports is a row.
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
#include <type_traits>
#include <utility>

#include <sipview/detail/charset.hpp>
#include <sipview/detail/scan.hpp>
#include <sipview/error.hpp>

namespace sipview {
namespace detail {

namespace x3 = boost::spirit::x3;

// ---------------------------------------------------------------------------
// Error sink: the farthest failure wins; at equal offsets the first recorded
// (innermost) description wins.
// It also carries the parse's leniency flags (leniency.hpp) and where the
// deviations they accept are reported: grammars ask lenient(ctx, flag)
// where the ABNF and practice differ, and report what they accepted with
// accept_deviation(ctx, at, flag).
struct error_sink {
    iter begin = nullptr;
    iter pos = nullptr;
    diag id = diag::none;
    leniency_set lenient{};
    leniency_set asked{};  ///< the flags the grammar asked about (lenient()) on its way
    warning_list* warnings = nullptr;

    void fail(iter at, diag d) noexcept {
        if (pos == nullptr || at > pos) {
            pos = at;
            id = d;
        }
    }
    /// A deviation accepted under flag `l` at `at`: its warning, once per
    /// id and offset (a grammar may try a lenient branch more than once).
    void accepted(iter at, leniency l) noexcept {
        if (warnings != nullptr) warnings->add_unique(make_error(info(l).warning, static_cast<std::size_t>(at - begin)));
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

/// True when the parse runs with leniency flag `l` (never without an error_sink).
template <class Ctx>
inline bool lenient(Ctx const& ctx, leniency l) noexcept {
    auto&& sink = x3::get<error_tag>(ctx);
    if constexpr (!std::is_same_v<std::decay_t<decltype(sink)>, x3::unused_type>) {
        sink.asked.add(l);
        return sink.lenient.has(l);
    } else
        return false;
}

/// Reports a deviation from the ABNF at `at`, accepted under flag `l`.
template <class Ctx>
inline void accept_deviation(Ctx const& ctx, iter at, leniency l) noexcept {
    auto&& sink = x3::get<error_tag>(ctx);
    if constexpr (!std::is_same_v<std::decay_t<decltype(sink)>, x3::unused_type>)
        sink.accepted(at, l);
}

template <class Ast, class Ctx>
inline Ast& ast_of(Ctx const& ctx) noexcept { return x3::get<ast_tag<Ast>>(ctx); }

/// The error_sink of a context, or nullptr.
template <class Ctx>
inline error_sink* sink_of(Ctx const& ctx) noexcept {
    auto&& sink = x3::get<error_tag>(ctx);
    if constexpr (!std::is_same_v<std::decay_t<decltype(sink)>, x3::unused_type>)
        return &sink;
    else
        return nullptr;
}

template <class M> struct member_traits;
template <class C, class T> struct member_traits<T C::*> { using owner = C; using type = T; };

// A parser with no attribute: the base of every sipview primitive.
template <class Derived>
struct primitive : x3::parser<Derived> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
};

// The primitives below that need nothing of the context but its error_sink
// do their work in a scan() that takes the sink alone (or nothing): X3
// instantiates parse() once per context type (each AST a grammar fills, the
// bare error_sink...), and the scan is then compiled once for all of them
// instead of once per context. With separator_parser, this took 11.8 KB off
// the armhf -Os size probe (100,836 -> 88,996 bytes of .text) and 20.8 KB off
// x86-64 -O2, for the same instruction counts (bench/callgrind.sh).

// ---------------------------------------------------------------------------
// Character classes.

/// One character of class M. Why hand-written: x3::alnum & co. assert on
/// bytes >= 0x80 and x3::char_("...") sets are slower (detail/X3.md).
template <cmask M>
struct char_of : primitive<char_of<M>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first != last && is(*first, M)) { ++first; return true; }
        return false;
    }
};

/// 1*(class M): the picohttpparser-style tight loop. Why hand-written:
/// speed (one table test per byte, no per-character X3 call).
template <cmask M>
struct run_of : primitive<run_of<M>> {
    SIPVIEW_SPEED_INLINE static bool scan(iter& first, iter last) noexcept {
        iter p = first;
        while (p != last && is(*p, M)) ++p;
        if (p == first) return false;
        first = p;
        return true;
    }
    template <class Ctx, class RCtx, class Attr>
    bool parse(iter& first, iter const& last, Ctx const&, RCtx&, Attr&) const {
        return scan(first, last);
    }
};

/// 1*(class M but not class X / escaped), escaped = "%" HEXDIG HEXDIG.
/// A '%' not followed by two hex digits ends the run and is reported.
/// Why hand-written: exact error position (the byte after '%' that is not
/// a hex digit), and speed.
template <cmask M, cmask X = 0>
struct escaped_run_of : primitive<escaped_run_of<M, X>> {
    static bool scan(iter& first, iter last, error_sink* sink) noexcept {
        iter p = first;
        for (;;) {
            if (p != last && is(*p, M, X)) { ++p; continue; }
            if (p != last && *p == '%') {
                if (last - p >= 3 && is(p[1], c_hex) && is(p[2], c_hex)) { p += 3; continue; }
                if (sink) sink->fail(p + (last - p >= 2 && is(p[1], c_hex) ? 2 : 1), diag::core_percent_escape);
            }
            break;
        }
        if (p == first) return false;
        first = p;
        return true;
    }
    template <class Ctx, class RCtx, class Attr>
    bool parse(iter& first, iter const& last, Ctx const& ctx, RCtx&, Attr&) const {
        return scan(first, last, sink_of(ctx));
    }
};

/// A literal matched ASCII-case-insensitively (ABNF quoted strings are
/// case-insensitive). `lower` must be lower case. Why hand-written: speed
/// (a first-byte reject, ASCII-only case folding without <cctype>).
struct ci_lit : primitive<ci_lit> {
    char const* lower;
    std::size_t size;
    template <std::size_t N>
    constexpr ci_lit(char const (&s)[N]) : lower(s), size(N - 1) {}  // NOLINT: implicit from literal
    SIPVIEW_SPEED_INLINE bool scan(iter& first, iter last) const noexcept {
        if (static_cast<std::size_t>(last - first) < size) return false;
        // Quick reject on the first byte: for a letter l, (c | 0x20) == l iff c is l or its upper case.
        if (size != 0 && (is(lower[0], c_alpha) ? static_cast<char>(first[0] | 0x20) != lower[0] : first[0] != lower[0]))
            return false;
        for (std::size_t i = 1; i < size; ++i)
            if (ascii_lower(first[i]) != lower[i]) return false;
        first += static_cast<std::ptrdiff_t>(size);
        return true;
    }
    template <class Ctx, class RCtx, class Attr>
    bool parse(iter& first, iter const& last, Ctx const&, RCtx&, Attr&) const {
        return scan(first, last);
    }
};

/// A case-insensitive name that must not continue as a token ("nonce" does
/// not match the start of "nonce-count"). `lower` must be lower case.
/// Why hand-written: PEG greediness (an ordered choice of literals matches
/// a prefix of a longer name) and speed (first-byte reject).
struct keyword : primitive<keyword> {
    char const* lower;
    std::size_t size;
    bool letters;  // only letters: `| 0x20` compares exactly (a letter's other case is its only partner)
    template <std::size_t N>
    constexpr keyword(char const (&s)[N]) : lower(s), size(N - 1), letters(all_letters(s, N - 1)) {}  // NOLINT: implicit from literal
    template <class Ctx, class RCtx, class Attr>
    bool parse(iter& first, iter const& last, Ctx const&, RCtx&, Attr&) const {
        return scan(first, last);
    }
    SIPVIEW_SPEED_INLINE bool scan(iter& first, iter last) const noexcept {
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
        iter const end = first + static_cast<std::ptrdiff_t>(size);
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

// ---------------------------------------------------------------------------
// Whitespace and quoted strings (RFC 3261 §25.1), over the scanners of
// detail/scan.hpp.

/// LWS = [*WSP CRLF] 1*WSP ; linear whitespace (a fold is CRLF + WSP).
/// Why hand-written: speed (lws_length, detail/scan.hpp).
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

/// SWS C SWS: the separators of RFC 3261 §25.1 (SEMI, COMMA, EQUAL, SLASH,
/// COLON). Why hand-written: size (as the X3 sequence SWS >> C >> SWS, it
/// was compiled once per context type and rule it sits in).
template <char C>
struct separator_parser : primitive<separator_parser<C>> {
    static bool scan(iter& first, iter last) noexcept {
        iter const p = sws_end(first, last);
        if (p == last || *p != C) return false;
        first = sws_end(p + 1, last);
        return true;
    }
    template <class Ctx, class RCtx, class Attr>
    bool parse(iter& first, iter const& last, Ctx const&, RCtx&, Attr&) const {
        return scan(first, last);
    }
};

/// DQUOTE *(qdtext / quoted-pair) DQUOTE — the quoted-string rule without its
/// leading SWS. qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII;
/// quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F).
/// Why hand-written: speed (the common bytes in one table loop) and exact
/// error position (the bad quoted-pair, the malformed UTF-8 lead byte, or
/// where the string ran out).
struct quoted_string_parser : primitive<quoted_string_parser> {
    template <class Ctx, class RCtx, class Attr>
    bool parse(iter& first, iter const& last, Ctx const& ctx, RCtx&, Attr&) const {
        return scan(first, last, sink_of(ctx));
    }
    static bool scan(iter& first, iter last, error_sink* sink) noexcept {
        auto const fail = [sink](iter at, diag d) {
            if (sink) sink->fail(at, d);
        };
        if (first == last || *first != '"') return false;
        iter p = first + 1;
        while (p != last) {
            while (p != last && is(*p, c_qd_fast)) ++p;  // the common bytes: one table test each
            if (p == last) break;
            char const ch = *p;
            if (ch == '"') { first = p + 1; return true; }
            if (ch == '\\') {
                if (last - p >= 2 && is(p[1], c_qpair)) { p += 2; continue; }
                fail(p + 1, diag::core_quoted_pair);
                return false;
            }
            if (static_cast<unsigned char>(ch) >= 0x80) {
                std::size_t const n = utf8_nonascii_length(p, last);
                if (n == 0) {
                    fail(p, diag::core_quoted_utf8);
                    return false;
                }
                p += n;
                continue;
            }
            if (is(ch, c_qdtext)) { ++p; continue; }
            if (std::size_t const n = lws_length(p, last)) { p += n; continue; }
            break;
        }
        fail(p, diag::core_quoted_unterminated);
        return false;
    }
};

// ---------------------------------------------------------------------------
// Hosts and numbers, over the scanners of detail/scan.hpp.

/// lenient_host() past its first test, once for every grammar (not inlined
/// into each host rule).
inline std::size_t lenient_host_length(error_sink* sink, iter first, iter last, std::size_t n, host_kind_value& kind) noexcept {
    if (sink == nullptr) return n;
    sink->asked.add(leniency::allow_underscore_host).add(leniency::allow_digit_toplabel);
    bool const underscore = sink->lenient.has(leniency::allow_underscore_host);
    bool const digit_top = sink->lenient.has(leniency::allow_digit_toplabel);
    if (!underscore && !digit_top) return n;
    iter underscore_at = nullptr, digit_top_at = nullptr;
    std::size_t const m = lenient_hostname_length(first, last, underscore, digit_top, underscore_at, digit_top_at);
    if (m <= n) return n;
    kind = host_kind_value::hostname;
    if (underscore_at) sink->accepted(underscore_at, leniency::allow_underscore_host);
    if (digit_top_at) sink->accepted(digit_top_at, leniency::allow_digit_toplabel);
    return m;
}

/// RFC 3261 §25.1 hostname: no '_', a top label starting with ALPHA. Where
/// the strict host (length n, from host_length) stops short of a '_', or is
/// none at all, the leniency flags allow_underscore_host and
/// allow_digit_toplabel may take the longer hostname phones write: returns
/// that length (reporting the deviations), else n.
template <class Ctx>
inline std::size_t lenient_host(Ctx const& ctx, iter first, iter last, std::size_t n, host_kind_value& kind) noexcept {
    if (first == last || *first == '[' || (n != 0 && (first + static_cast<std::ptrdiff_t>(n) == last || first[n] != '_'))) return n;
    return lenient_host_length(sink_of(ctx), first, last, n, kind);
}

/// host_into<&Ast::host, &Ast::kind>: host = hostname / IPv4address /
/// IPv6reference, capturing the text (brackets kept) and its kind.
/// Why hand-written: PEG-vs-ABNF greediness (host_length, detail/scan.hpp).
template <auto HostMember, auto KindMember>
struct host_into : primitive<host_into<HostMember, KindMember>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        host_kind_value kind = host_kind_value::hostname;
        std::size_t n = host_length(first, last, kind);
        n = lenient_host(ctx, first, last, n, kind);
        if (n == 0) return false;
        using owner = typename member_traits<decltype(HostMember)>::owner;
        auto& ast = ast_of<owner>(ctx);
        ast.*HostMember = std::string_view(first, n);
        ast.*KindMember = static_cast<typename member_traits<decltype(KindMember)>::type>(kind);
        first += static_cast<std::ptrdiff_t>(n);
        return true;
    }
};

/// port = 1*DIGIT, checked to fit 16 bits. Why hand-written: exact error
/// position (a too-large port is reported at its first digit).
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

// ---------------------------------------------------------------------------
// Running a grammar: the entry point of every parse_* function.

/// One parse of all of `in` with `grammar` under `lenient`, filling `ast`
/// and reporting accepted deviations to `warnings`; on failure builds the
/// parse_error from the farthest recorded failure.
template <class Ast, class Grammar>
inline bool run_once(std::string_view in, Grammar const& grammar, Ast& ast, parse_error& err, leniency_set lenient,
                     warning_list* warnings, leniency_set& asked) noexcept {
    error_sink sink;
    sink.begin = in.data();
    sink.lenient = lenient;
    sink.warnings = warnings;
    iter first = in.data();
    iter const last = first + in.size();
    auto const sink_ctx = x3::make_context<error_tag>(sink);  // contexts hold references: keep each alive
    auto const ctx = x3::make_context<ast_tag<Ast>>(ast, sink_ctx);
    bool const ok = grammar.parse(first, last, ctx, x3::unused, x3::unused) && first == last;
    asked = sink.asked;
    if (ok) return true;
    if (sink.pos != nullptr && sink.pos >= first) {
        std::size_t const offset = static_cast<std::size_t>(sink.pos - in.data());
        err = make_error(sink.id, offset, offset >= in.size());
        return false;
    }
    std::size_t const offset = static_cast<std::size_t>(first - in.data());
    err = make_error(first == last ? diag::unexpected_end : diag::unexpected_character, offset);
    return false;
}

/// Of the deviations a parse with every flag accepted, the flag (not in
/// `lenient`) of the one at the failing byte `at`, else of the first.
inline leniency first_flag_not_in(warning_list const& found, leniency_set lenient, std::size_t at) noexcept {
    parse_error const* pick = nullptr;
    for (parse_error const& w : found) {
        if (lenient.has(leniency_of_warning(w.id))) continue;
        if (pick == nullptr || (w.offset == at && pick->offset != at)) pick = &w;
    }
    return pick != nullptr ? leniency_of_warning(pick->id) : leniency::none;
}

/// Parses all of `in` with `grammar` under `opts` (strict by default),
/// filling `ast`; on failure builds the parse_error from the farthest
/// recorded failure and, when a leniency flag not in `opts` would have
/// accepted the input, names it in err.would_accept: a second parse with
/// every flag (into `ast`, whose content after a failure is unspecified), on
/// the error path only, and only when the grammar met a point where a flag
/// it lacks makes a difference. One call site of the grammar: its code
/// exists once per run<>.
template <class Ast, class Grammar>
inline bool run(std::string_view in, Grammar const& grammar, Ast& ast, parse_error& err, parse_options const& opts = {}) noexcept {
    if constexpr (!leniency_compiled_in) {  // SIPVIEW_NO_LENIENCY: one parse, no flag to name
        leniency_set asked;
        return run_once(in, grammar, ast, err, opts.lenient, opts.warnings, asked);
    }
    leniency_set flags = opts.lenient;
    warning_list* warnings = opts.warnings;
    // The second parse's error and deviations: constructed on the error path
    // only, not on every call.
    union retry_state {
        struct {
            parse_error error;
            warning_list found;
        } s;
        retry_state() noexcept {}
    } retry;
    bool retrying = false;
    for (;;) {
        leniency_set asked;
        bool const ok = run_once(in, grammar, ast, retrying ? retry.s.error : err, flags, warnings, asked);
        if (retrying) {
            if (ok) err.would_accept = first_flag_not_in(retry.s.found, opts.lenient, err.offset);
            return false;
        }
        // A grammar that asked about no flag it lacks takes the same path
        // with all of them: no second parse then.
        if (ok || (asked.bits() & ~opts.lenient.bits()) == 0) return ok;
        retrying = true;
        new (&retry.s) decltype(retry.s)();
        flags = leniency_set::all();
        warnings = &retry.s.found;
        ast = Ast{};
    }
}

/// run() into a fresh Ast: the Ast, or the error. The body of most
/// parse_* functions of one value.
template <class Ast, class Grammar>
inline result<Ast> parse_as(std::string_view in, Grammar const& grammar, parse_options const& opts = {}) noexcept {
    result<Ast> r(std::in_place);  // returned by name (NRVO)
    parse_error err;
    if (!run(in, grammar, *r, err, opts)) r.set_error(err);
    return r;
}

} // namespace detail
} // namespace sipview

#endif
