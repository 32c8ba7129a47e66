// sipview — header values that are lists of tokens: option-tags (Require,
// Proxy-Require, Supported, Unsupported; RFC 3261 §20.29, §20.32, §20.37,
// §20.40), Methods (Allow, §20.5), event-types (Allow-Events, RFC 6665
// §8.2.2), priv-values (Privacy, RFC 3323 §4.2), content-codings
// (Content-Encoding, §20.12), language-tags (Content-Language, §20.13),
// Call-IDs (In-Reply-To, §20.21), directives (Request-Disposition, RFC
// 3841 §9.1) and Info-package-types (Recv-Info, RFC 6086 §8.2.3).
//
//   Require       = "Require" HCOLON option-tag *(COMMA option-tag)
//   Proxy-Require = "Proxy-Require" HCOLON option-tag *(COMMA option-tag)
//   Unsupported   = "Unsupported" HCOLON option-tag *(COMMA option-tag)
//   Supported     = ( "Supported" / "k" ) HCOLON [option-tag *(COMMA option-tag)]
//   Allow         = "Allow" HCOLON [Method *(COMMA Method)]
//   Allow-Events  = ( "Allow-Events" / "u" ) HCOLON event-type *(COMMA event-type)
//   Privacy-hdr   = "Privacy" HCOLON priv-value *(";" priv-value)
//
//   auto r = sipview::parse_option_tags("100rel, timer");
//   for (std::string_view tag : *r) use(tag);      // "100rel", "timer"
//   bool prack = r->contains("100rel");
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_TOKEN_LIST_HPP
#define SIPVIEW_TOKEN_LIST_HPP

#include <cstddef>
#include <iterator>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>

namespace sipview {

/// A validated list of tokens separated by COMMA (or by ';' for Privacy):
/// an input range of std::string_view into the parsed text. Iterating skips
/// the separators and the whitespace and folds around them; no allocation.
class token_list {
public:
    constexpr token_list() noexcept = default;
    /// `text` must be a list the parser accepted (or empty).
    constexpr token_list(std::string_view text, char separator) noexcept : text_(text), sep_(separator) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;  // *it is held in the iterator
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = std::string_view const*;
        using reference = std::string_view const&;

        constexpr iterator() noexcept = default;
        iterator(char const* p, char const* end, char sep) noexcept : next_(p), end_(end), sep_(sep) { advance(); }
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { advance(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; advance(); return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.current_.data() == b.current_.data(); }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return !(a == b); }

    private:
        bool skipped(char c) const noexcept { return c == sep_ || c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
        void advance() noexcept {
            while (next_ != end_ && skipped(*next_)) ++next_;
            if (next_ == end_) { current_ = std::string_view(); return; }
            char const* b = next_;
            while (next_ != end_ && !skipped(*next_)) ++next_;
            current_ = std::string_view(b, static_cast<std::size_t>(next_ - b));
        }
        char const* next_ = nullptr;
        char const* end_ = nullptr;
        char sep_ = ',';
        std::string_view current_;  // data() == nullptr at the end
    };

    iterator begin() const noexcept { return iterator(text_.data(), text_.data() + text_.size(), sep_); }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return begin() == end(); }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }
    /// Whether `token` is in the list, compared exactly: option-tags and
    /// Methods are case-sensitive (RFC 3261 §19.2, §7.1).
    bool contains(std::string_view token) const noexcept {
        for (std::string_view t : *this)
            if (t == token) return true;
        return false;
    }
    /// The list as written (whitespace inside kept).
    std::string_view text() const noexcept { return text_; }
    /// The separator: ',' (COMMA) or ';' (Privacy).
    char separator() const noexcept { return sep_; }

private:
    std::string_view text_;
    char sep_ = ',';
};

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace token_list_rules {
using detail::describe;

/// token-nodot = 1*( alphanum / "-" / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
/// event-type = event-package *( "." event-template ), each a token-nodot (RFC 6665 §8.4).
/// Why hand-written: token without '.', a class no other rule needs.
struct event_type_parser : primitive<event_type_parser> {
    static constexpr bool nodot(char c) noexcept { return is(c, c_token_nodot); }
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        It p = first;
        for (;;) {
            It const part = p;
            while (p != last && nodot(*p)) ++p;
            if (p == part) {
                if (part != first) report(ctx, part, diag::tl_event_template);  // "presence." / "a..b"
                return false;
            }
            if (p == last || *p != '.') break;
            ++p;
        }
        first = p;
        return true;
    }
};
inline constexpr event_type_parser event_type{};

/// language-range = ( ( 1*8ALPHA *( "-" 1*8ALPHA ) ) / "*" ); `Star` allows "*".
/// Why hand-written: counted runs (1 to 8 letters) reported at the bad byte.
template <bool Star>
struct language_parser : primitive<language_parser<Star>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (Star && first != last && *first == '*') {
            if (first + 1 != last && is(first[1], token_chars)) return false;
            ++first;
            return true;
        }
        It p = first;
        for (;;) {
            It const part = p;
            while (p != last && p - part < 8 && is(*p, c_alpha)) ++p;
            if (p == part || (p != last && is(*p, c_alpha))) return false;  // empty, or more than 8 letters
            if (p == last || *p != '-') break;
            ++p;
        }
        if (p != last && is(*p, token_chars)) return false;
        first = p;
        return true;
    }
};

/// One item, then *( COMMA item ).
template <class Item>
constexpr auto comma_list(Item const& item, diag expected) {
    return describe(expected)[item] >> *(COMMA >> describe(expected)[item]);
}

inline constexpr auto option_tags = comma_list(token, diag::tl_option_tag);
inline constexpr auto language_tags = comma_list(language_parser<false>{}, diag::tl_language_tag);
/// callid = word [ "@" word ]
inline constexpr auto call_ids = comma_list(word >> -(x3::lit('@') >> word), diag::tl_call_id);
inline constexpr auto methods = comma_list(token, diag::tl_method);
inline constexpr auto event_types = comma_list(event_type, diag::tl_event_type);
/// priv-value *(";" priv-value): the separator is a bare ';' (no SEMI).
inline constexpr auto priv_values =
    describe(diag::tl_priv_value)[token] >> *(x3::lit(';') >> describe(diag::tl_priv_value)[token]);

/// A whole value: the list (or nothing, where the list is optional), then
/// the end.
template <class List>
constexpr auto whole(List const& list, diag end) {
    return list >> SWS >> describe(end)[x3::eoi];
}

} // namespace token_list_rules
} // namespace grammar

namespace token_list_impl {
namespace rules = grammar::token_list_rules;

/// Whether `value` is item *(COMMA item) [SWS], an item a token (the
/// option-tag and Method lists) or, when `Dotted`, an event-type =
/// token-nodot *( "." token-nodot ) (Allow-Events): what their grammars
/// accept, on the common shape only (a false answer means "ask the grammar").
template <bool Dotted>
inline bool plain_token_list(std::string_view value) noexcept {
    iter p = value.data();
    iter const end = p + value.size();
    for (;;) {
        if constexpr (Dotted) {
            for (;;) {  // each part non-empty: no leading, trailing or doubled '.'
                iter const part = p;
                while (p != end && is(*p, c_token_nodot)) ++p;
                if (p == part) return false;
                if (p == end || *p != '.') break;
                ++p;
            }
        } else {
            iter const t = p;
            p = skip_class<token_chars>(p, end);
            if (p == t) return false;
        }
        if (p == end) return true;
        if (*p == ' ') ++p;  // the usual single space (SWS is greedy: the same end)
        if (lws_may_start(p, end)) p += lws_length(p, end);
        if (p == end) return true;
        if (*p != ',') return false;
        ++p;
        if (p != end && *p == ' ') ++p;
        if (lws_may_start(p, end)) p += lws_length(p, end);
    }
}

/// Runs `g` over all of `value`; an empty value is an empty list when `optional`.
template <class Grammar>
inline result<token_list> parse(std::string_view value, Grammar const& g, char sep, bool optional) noexcept {
    // an empty list: nothing but SWS = [LWS]
    if (optional && lws_length(value.data(), value.data() + value.size()) == value.size())
        return token_list(value.substr(0, 0), sep);
    // The fast path of the token lists (option-tags, Methods, event-types):
    // tokens and COMMAs scanned with the character tables; anything else
    // (or any error) goes to the grammar, which gives the exact error.
    using token_items = decltype(rules::whole(rules::option_tags, diag::tl_end));
    using event_items = decltype(rules::whole(rules::event_types, diag::tl_end));
    if constexpr (fast_paths && (std::is_same_v<Grammar, token_items> || std::is_same_v<Grammar, event_items>)) {
        if (sep == ',' && plain_token_list<std::is_same_v<Grammar, event_items>>(value))
            return token_list(detail::without_trailing_lws(value), sep);
    }
    struct no_ast {} ast;
    parse_error err;
    if (!run(value, g, ast, err)) return err;
    return token_list(detail::without_trailing_lws(value), sep);
}

inline constexpr auto option_tags_value = rules::whole(rules::option_tags, diag::tl_end);
inline constexpr auto language_tags_value = rules::whole(rules::language_tags, diag::tl_end);
inline constexpr auto call_ids_value = rules::whole(rules::call_ids, diag::tl_end);
inline constexpr auto methods_value = rules::whole(rules::methods, diag::tl_end);
inline constexpr auto event_types_value = rules::whole(rules::event_types, diag::tl_end);
inline constexpr auto priv_values_value = rules::whole(rules::priv_values, diag::tl_priv_end);

} // namespace token_list_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Require / Proxy-Require / Unsupported value: option-tag *(COMMA option-tag), at least one.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_option_tags(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::option_tags_value, ',', false);
}
#else
result<token_list> parse_option_tags(borrowed_text value) noexcept;
#endif

/// Supported value: [option-tag *(COMMA option-tag)]: may be empty (`Supported:`).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_supported(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::option_tags_value, ',', true);
}
#else
result<token_list> parse_supported(borrowed_text value) noexcept;
#endif

/// Allow value: [Method *(COMMA Method)]: may be empty.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_allow(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::methods_value, ',', true);
}
#else
result<token_list> parse_allow(borrowed_text value) noexcept;
#endif

/// Allow-Events value: event-type *(COMMA event-type), at least one.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_allow_events(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::event_types_value, ',', false);
}
#else
result<token_list> parse_allow_events(borrowed_text value) noexcept;
#endif

/// Content-Encoding value (RFC 3261 §20.12): content-coding *(COMMA content-coding), at least one;
/// Request-Disposition (RFC 3841 §9.1): directive *(COMMA directive), each a token.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_token_list(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::option_tags_value, ',', false);
}
#else
result<token_list> parse_token_list(borrowed_text value) noexcept;
#endif

/// Recv-Info value (RFC 6086 §8.2.3): [Info-package-type *(COMMA Info-package-type)]: may be empty.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_recv_info(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::option_tags_value, ',', true);
}
#else
result<token_list> parse_recv_info(borrowed_text value) noexcept;
#endif

/// Content-Language value (RFC 3261 §20.13): language-tag *(COMMA language-tag),
/// language-tag = 1*8ALPHA *( "-" 1*8ALPHA ).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_content_language(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::language_tags_value, ',', false);
}
#else
result<token_list> parse_content_language(borrowed_text value) noexcept;
#endif

/// In-Reply-To value (RFC 3261 §20.21): callid *(COMMA callid).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_in_reply_to(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::call_ids_value, ',', false);
}
#else
result<token_list> parse_in_reply_to(borrowed_text value) noexcept;
#endif

/// Privacy value: priv-value *(";" priv-value) (RFC 3323 §4.2: header,
/// session, user, none, critical, id (RFC 3325), history (RFC 7044) or a token).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_list> parse_privacy(borrowed_text value) noexcept {
    return detail::token_list_impl::parse(value, detail::token_list_impl::priv_values_value, ';', false);
}
#else
result<token_list> parse_privacy(borrowed_text value) noexcept;
#endif

// Writer (format.hpp): the tokens joined by ", " (or ";" for Privacy).
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, token_list const& v, O const&) {
    bool first = true;
    for (std::string_view t : v) {
        if (!first) s.put(v.separator() == ';' ? std::string_view(";") : std::string_view(", "));
        first = false;
        // every item is a token but In-Reply-To's Call-IDs: words, '@' between
        check_rule(s, grammar::word >> -(x3::lit('@') >> grammar::word), t,
                   {"list item (token, or a Call-ID)", "an option-tag, Method or priv-value is a token", rule_shape::verbatim});
        s.put(t);
    }
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
