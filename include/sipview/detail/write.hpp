// sipview — what a value writer uses, for format.hpp and for the concept
// headers that bring their own AST's writer (session_timer.hpp,
// reliable_provisional.hpp...): the pieces every writer shares (quoted
// strings, parameters, numbers) and check_rule(), which in format()'s
// checked mode matches a field against the grammar rule of its position
// before it is written.
//
// A writer for an AST T is, in namespace sipview::detail::fmt,
//     template <class S, class O> void write(S& s, T const& v, O const& opts);
// putting characters with s.put(char) / s.put(std::string_view) and calling
// check_rule(s, rule, field, info) before each field it writes. format(),
// formatted_size() and check_format() then accept T (found by ADL on the
// sink, whose type lives in detail::fmt).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_WRITE_HPP
#define SIPVIEW_DETAIL_WRITE_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sipview/core.hpp>

namespace sipview {
namespace detail {
namespace fmt {

/// How a checked field is written, for the output offset of a refused byte.
enum class rule_shape : unsigned char {
    verbatim,  ///< as it is
    params,    ///< *( SEMI param ), re-spaced as `;name=value`
};

/// What a refused field says: what its position wants, how to fix it, and its shape.
struct rule_info {
    char const* expected;
    char const* hint;
    rule_shape shape;
};

/// The AST in context of a rule that captures nothing.
struct rule_ast {};

/// Checked mode: before a writer puts `v` in a position whose grammar rule
/// is `rule`, matches all of `v` against it (checking sinks only; for the
/// others this compiles to nothing). `Ast` is the AST type the rule's
/// captures write to, if any.
template <class Ast = rule_ast, class S, class Rule>
inline void check_rule(S& s, Rule const& rule, std::string_view v, rule_info const& info) {
    if constexpr (S::checking) s.template verify_rule<Ast>(rule, v, info);
    else {
        (void)s;
        (void)rule;
        (void)v;
        (void)info;
    }
}


// ---------------------------------------------------------------------------
// Pieces.

inline constexpr bool is_lws_char(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// A quoted string as written, minus the line break of each fold: CR and LF
/// never occur in a quoted string except in a fold (qdtext and quoted-pair
/// exclude them), so every CR and LF outside a quoted-pair is dropped.
template <class S>
inline void quoted(S& s, std::string_view q) {
    std::size_t run = 0;  // start of the pending run of copied bytes
    for (std::size_t i = 0; i < q.size(); ++i) {
        char const c = q[i];
        if (c == '\\' && i + 1 < q.size()) {
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            s.put(q.substr(run, i - run));
            run = i + 1;
        }
    }
    s.put(q.substr(run));
}

/// A value that may be a quoted string (gen-value, auth-param value).
template <class S>
inline void value(S& s, std::string_view v) {
    if (!v.empty() && v.front() == '"') quoted(s, v);
    else s.put(v);
}

/// Words separated by LWS, written with one SP between them (token display names).
template <class S>
inline void words(S& s, std::string_view v) {
    std::size_t i = 0;
    bool first = true;
    while (i < v.size()) {
        while (i < v.size() && is_lws_char(v[i])) ++i;
        std::size_t const b = i;
        while (i < v.size() && !is_lws_char(v[i])) ++i;
        if (i == b) break;
        if (!first) s.put(' ');
        s.put(v.substr(b, i - b));
        first = false;
    }
}

/// A header value of unknown grammar: the line break of each fold dropped
/// (the whitespace around it kept), everything else as written.
template <class S>
inline void unfolded(S& s, std::string_view v) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        // only the line break of a fold: CRLF (or a bare LF, which lenient
        // parsing accepts as a line end) followed by WSP; a bare CR is kept
        std::size_t j = i;
        if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') ++j;
        if (v[j] == '\n') {
            if (j + 1 < v.size() && (v[j + 1] == ' ' || v[j + 1] == '\t')) {
                s.put(v.substr(run, i - run));
                run = j + 1;
                i = j;
            }
        }
    }
    s.put(v.substr(run));
}

/// `name[=value]`, values as value() writes them.
template <class S>
inline void param(S& s, sipview::param const& p) {
    s.put(p.name);
    if (p.value) {
        s.put('=');
        value(s, *p.value);
    }
}

/// `;name[=value]` for each parameter (the separator before every one).
template <class S>
inline void params(S& s, param_range const& r, char lead) {
    for (auto const& p : r) {
        s.put(lead);
        param(s, p);
    }
}

/// `name[=value]` for each parameter, `separator` between them (", " for
/// Authentication-Info, ";" for P-Charging-Vector).
template <class S>
inline void param_list(S& s, param_range const& r, std::string_view separator) {
    bool first = true;
    for (auto const& p : r) {
        if (!first) s.put(separator);
        first = false;
        param(s, p);
    }
}

/// The decimal digits of v, written at the end of buf.
inline std::string_view decimal(std::uint64_t v, char (&buf)[20]) noexcept {
    std::size_t n = sizeof buf;
    do {
        buf[--n] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return std::string_view(buf + n, sizeof buf - n);
}

template <class S>
inline void number(S& s, std::uint64_t v) {
    char buf[20];
    s.put(decimal(v, buf));
}

inline constexpr std::string_view crlf = "\r\n";

} // namespace fmt
} // namespace detail
} // namespace sipview

#endif
