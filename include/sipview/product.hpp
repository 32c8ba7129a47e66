// sipview — the Server and User-Agent header values (RFC 3261 §20.35,
// §20.41, §25.1): products and comments separated by whitespace.
//
//   Server          = "Server" HCOLON server-val *(LWS server-val)
//   User-Agent      = "User-Agent" HCOLON server-val *(LWS server-val)
//   server-val      = product / comment
//   product         = token [SLASH product-version]
//   product-version = token
//   comment         = LPAREN *(ctext / quoted-pair / comment) RPAREN
//   ctext           = %x21-27 / %x2A-5B / %x5D-7E / UTF8-NONASCII / LWS
//   quoted-pair     = "\" (%x00-09 / %x0B-0C / %x0E-7F)
//
//   auto r = sipview::parse_product_list("Linphone/5.2.0 (belle-sip/5.2.0)");
//   for (sipview::product_item const& p : *r)
//       if (p.is_comment()) use(*p.comment);      // "belle-sip/5.2.0"
//       else use(p.name, p.version);                // "Linphone", "5.2.0"
//
// Comments nest to any depth: they are scanned with a depth counter, not
// by recursion. Offsets in errors are in the value. Nothing allocates;
// nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_PRODUCT_HPP
#define SIPVIEW_PRODUCT_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/comment.hpp>
#include <sipview/detail/value_list.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/scalar_headers.hpp>

namespace sipview {

/// What a server-val is.
enum class product_kind : unsigned char {
    product,  ///< token [SLASH product-version]
    comment,  ///< ( ... )
};

/// One server-val of a Server or User-Agent value.
struct product_item {
    product_kind kind = product_kind::product;
    std::string_view text;                     ///< the element as written: "Linphone/5.2.0", "(belle-sip/5.2.0)"
    std::string_view name;                     ///< a product's token ("Linphone"); empty for a comment
    std::optional<std::string_view> version;   ///< a product's product-version after '/' ("5.2.0"), or nullopt
    /// A comment's text between its outer parentheses, as written: nested
    /// comments, quoted-pairs and line folds kept ("X11; Linux x86_64",
    /// "a (b) c"); nullopt for a product.
    std::optional<std::string_view> comment;

    bool is_comment() const noexcept { return kind == product_kind::comment; }
};

/// The fields of a server-val by name, for generic consumers (equality):
/// the kind as a flag (a product or a comment), then the parts.
template <class F>
inline void visit_fields(product_item const& v, F&& f) {
    f("is_comment", v.is_comment());
    f("name", v.name);
    f("version", v.version);
    f("comment", v.comment);
}

namespace detail {

#if SIPVIEW_HAS_GRAMMARS
namespace grammar {
namespace product_rules {
using detail::describe;

/// comment = LPAREN *(ctext / quoted-pair / comment) RPAREN, without the
/// SWS around the outer parentheses (the LWS between server-vals takes it):
/// sets the kind, and the comment text between the outer parentheses.
/// Why hand-written: grammar::comment (detail/comment.hpp), keeping the text.
struct comment_parser : primitive<comment_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        It const open = first;
        if (!grammar::comment.parse(first, last, ctx, rctx, attr)) return false;
        auto& ast = ast_of<product_item>(ctx);
        ast.kind = product_kind::comment;
        ast.comment = std::string_view(open + 1, static_cast<std::size_t>(first - 1 - (open + 1)));
        return true;
    }
};

/// product = token [SLASH product-version]; product-version = token
inline constexpr auto product =
    set<&product_item::name>[token] >> -(SLASH >> describe(diag::prod_version)[set<&product_item::version>[token]]);

/// server-val = product / comment; each element starts with a fresh product_item in context.
inline constexpr auto server_val = set<&product_item::text>[describe(diag::prod_value)[comment_parser{} | product]];

/// server-val *(LWS server-val), counting the elements; the product_item in
/// context is scratch space for each in turn. LWS that no server-val follows
/// is left to what comes after (trailing whitespace).
/// Why hand-written: the per-element count and scratch reset (as
/// counted_values_parser, whose separator is COMMA).
struct counted_products_parser : primitive<counted_products_parser> {
    std::size_t* count;
    constexpr explicit counted_products_parser(std::size_t* n) : count(n) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        auto& scratch = ast_of<product_item>(ctx);
        if (!server_val.parse(first, last, ctx, rctx, attr)) return false;
        ++*count;
        for (;;) {
            It p = first;
            if (!LWS.parse(p, last, ctx, rctx, attr)) return true;
            scratch = product_item{};
            if (!server_val.parse(p, last, ctx, rctx, attr)) return true;
            ++*count;
            first = p;
        }
    }
};

} // namespace product_rules
} // namespace grammar
#endif // SIPVIEW_HAS_GRAMMARS
} // namespace detail

/// The server-vals of a Server or User-Agent value, re-read one at a time
/// from the validated text as the iterator reaches them: no allocation.
namespace detail {
struct server_val_rule;  // rule_ref's tag (value_list.hpp)
#if SIPVIEW_HAS_GRAMMARS
struct server_val_rule {
    static constexpr auto const& rule = grammar::product_rules::server_val;
};
#endif
SIPVIEW_RULE_REF(server_val_ref, server_val_rule)
} // namespace detail
using product_list = detail::value_list<product_item, detail::server_val_ref>;

/// Server or User-Agent value (RFC 3261 §20.35, §20.41): products and
/// comments separated by whitespace. `Linphone/5.2.0 (belle-sip/5.2.0)`,
/// `Asterisk PBX 18.10.0`, `Mozilla/5.0 (X11; Linux x86_64)`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<product_list> parse_product_list(borrowed_text value) noexcept {
    std::size_t count = 0;
    if constexpr (detail::fast_paths) {
        // The fast path: products (token [SLASH token]) separated by LWS, no
        // comment (the grammar on anything else, for the exact error).
        using namespace detail;
        iter p = value.data();
        iter const e = p + value.size();
        for (;;) {
            iter const t = p;
            p = skip_class<token_chars>(p, e);
            if (p == t) break;
            if (p != e && *p == '/') {
                iter const v = ++p;
                p = skip_class<token_chars>(p, e);
                if (p == v) break;
            }
            ++count;
            if (p == e) return product_list(std::string_view(value), count);
            std::size_t const n = lws_may_start(p, e) ? lws_length(p, e) : 0;
            if (n == 0) break;
            p += n;
            if (p == e) return product_list(detail::without_trailing_lws(value), count);
            if (*p == '/') break;  // SLASH after whitespace: the grammar
        }
        count = 0;
    }
    product_item scratch{};
    parse_error err;
    auto const g = detail::grammar::product_rules::counted_products_parser(&count) >> detail::grammar::SWS >>
                   detail::describe(diag::prod_end)[boost::spirit::x3::eoi];
    std::string_view const v = value;
    if (!detail::run(v, g, scratch, err)) {
        // a control byte (as in `User-Agent: ESC]0;title BEL`) is said as such,
        // as for the headers known by name only
        std::size_t const bad = detail::message_impl::check_text_value(v, true);
        if (bad != std::string_view::npos && bad <= err.offset &&
            (static_cast<unsigned char>(v[bad]) < 0x20 || v[bad] == '\x7F'))
            return make_error(diag::msg_header_text, bad);
        return err;
    }
    return product_list(detail::without_trailing_lws(v), count);
}
#else
result<product_list> parse_product_list(borrowed_text value) noexcept;
#endif

// Writers (format.hpp): a product as name[/version], a comment as
// (text) with its line folds unfolded, the server-vals joined by one SP.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, product_item const& v, O const&) {
    if (v.is_comment()) {
        fmt::comment(s, v.comment.value_or(std::string_view{}));
        return;
    }
    check_rule(s, grammar::token, v.name, {"product (token)", "", rule_shape::verbatim});
    s.put(v.name);
    if (v.version) {
        check_rule(s, grammar::token, *v.version, {"product-version (token)", "", rule_shape::verbatim});
        s.put('/');
        s.put(*v.version);
    }
}

template <class S, class O>
inline void write(S& s, product_list const& v, O const& o) {
    bool first = true;
    for (product_item const& e : v) {
        if (!first) s.put(' ');
        first = false;
        write(s, e, o);
    }
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
