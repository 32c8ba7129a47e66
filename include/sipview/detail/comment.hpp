// sipview — the comment of RFC 3261 §25.1, scanned (Server, User-Agent,
// Retry-After):
//
//   comment     = LPAREN *(ctext / quoted-pair / comment) RPAREN
//   ctext       = %x21-27 / %x2A-5B / %x5D-7E / UTF8-NONASCII / LWS
//   quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
//
// Nesting is counted, not recursed into (no depth limit, no stack).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_COMMENT_HPP
#define SIPVIEW_DETAIL_COMMENT_HPP

#include <cstddef>

#include <sipview/detail/charset.hpp>
#include <sipview/detail/config.hpp>
#include <sipview/detail/scan.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/diagnostics.hpp>
#if SIPVIEW_HAS_GRAMMARS
#include <sipview/detail/x3.hpp>
#endif

namespace sipview {
namespace detail {
namespace comment_impl {

/// ctext's ASCII part: %x21-27 / %x2A-5B / %x5D-7E (no '(', ')' or '\').
constexpr bool ctext_ascii(char ch) noexcept {
    unsigned const c = static_cast<unsigned char>(ch);
    return c >= 0x21 && c <= 0x7E && c != '(' && c != ')' && c != '\\';
}

/// How a scan of comment text ended.
enum class comment_stop : unsigned char {
    closed,  ///< at a ')' that closes depth 0 (p points at it)
    end,     ///< at the end of the input, every nested comment closed
    open,    ///< at the end of the input inside a nested comment
    bad,     ///< at a byte no comment may hold (p points at it, `why` says what)
};

/// *(ctext / quoted-pair / comment) from p: stops at the ')' that would
/// close the enclosing comment, at the end, or at a bad byte. Nested
/// comments are counted, not recursed into.
inline comment_stop scan_comment_text(iter& p, iter last, diag& why) noexcept {
    std::size_t depth = 0;
    while (p != last) {
        char const ch = *p;
        if (ctext_ascii(ch)) {
            ++p;
        } else if (ch == '(') {
            ++depth;
            ++p;
        } else if (ch == ')') {
            if (depth == 0) return comment_stop::closed;
            --depth;
            ++p;
        } else if (ch == '\\') {  // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
            if (last - p < 2 || !is(p[1], c_qpair)) {
                ++p;
                why = diag::prod_comment_quoted_pair;
                return comment_stop::bad;
            }
            p += 2;
        } else if (static_cast<unsigned char>(ch) >= 0x80) {  // UTF8-NONASCII
            std::size_t const n = utf8_nonascii_length(p, last);
            if (n == 0) {
                why = diag::prod_comment_utf8;
                return comment_stop::bad;
            }
            p += n;
        } else if (std::size_t const n = lws_length(p, last)) {  // LWS, folds included
            p += n;
        } else {
            why = diag::prod_comment_char;
            return comment_stop::bad;
        }
    }
    return depth == 0 ? comment_stop::end : comment_stop::open;
}

/// A whole comment from the '(' at `first`: true with `after` just past its
/// ')'; false with `after` at the error's byte and `why` its id (a byte no
/// comment may hold, or the '(' of a comment left open).
inline bool scan_comment(iter first, iter last, iter& after, diag& why) noexcept {
    iter p = first + 1;
    switch (scan_comment_text(p, last, why)) {
    case comment_stop::closed: after = p + 1; return true;
    case comment_stop::bad: after = p; return false;
    default: after = first; why = diag::prod_comment_unterminated; return false;
    }
}

} // namespace comment_impl

#if SIPVIEW_HAS_GRAMMARS
namespace grammar {
/// comment = LPAREN *(ctext / quoted-pair / comment) RPAREN from the '('
/// (the SWS of LPAREN before it and of RPAREN after it belong to the
/// rules around it); the text is not kept (product.hpp's keeps it).
/// Why hand-written: nesting counted without recursion (no depth limit, no
/// stack), and the error at the bad byte or at the '(' left open.
struct comment_parser : primitive<comment_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || *first != '(') return false;
        iter after = nullptr;
        diag why = diag::none;
        if (!comment_impl::scan_comment(first, last, after, why)) {
            report(ctx, after, why);
            return false;
        }
        first = after;
        return true;
    }
};
inline constexpr comment_parser comment{};

/// The text between a comment's outer parentheses (format's check of a
/// comment field: Server, User-Agent, Retry-After): balanced, every byte
/// one a comment may hold.
/// Why hand-written: the same scanner as comment_parser.
struct comment_text_parser : primitive<comment_text_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        iter p = first;
        diag why = diag::none;
        switch (comment_impl::scan_comment_text(p, last, why)) {
        case comment_impl::comment_stop::end: first = p; return true;
        case comment_impl::comment_stop::bad: report(ctx, p, why); return false;
        case comment_impl::comment_stop::closed: report(ctx, p, diag::prod_comment_char); return false;
        case comment_impl::comment_stop::open: report(ctx, p, diag::prod_comment_unterminated); return false;
        }
        return false;
    }
};
inline constexpr comment_text_parser comment_text{};
} // namespace grammar

namespace fmt {
/// Writes `(text)` for the text between a comment's outer parentheses
/// (Server, User-Agent, Retry-After), checked against comment_text.
template <class S>
inline void comment(S& s, std::string_view text) {
    check_rule(s, grammar::comment_text, text,
               {"comment text (ctext, quoted-pair or a nested comment; parentheses balanced)",
                "write '(' and ')' inside a comment in pairs or as \\( and \\)", rule_shape::verbatim});
    s.put('(');
    quoted(s, text);  // drops the line break of each fold, as in a quoted-string
    s.put(')');
}
} // namespace fmt
#endif // SIPVIEW_HAS_GRAMMARS
} // namespace detail
} // namespace sipview

#endif
