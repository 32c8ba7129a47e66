// sipview — header values that are a list of "value *(SEMI param)"
// elements: Accept, Accept-Encoding, Accept-Language (RFC 3261 §20.1-3),
// Accept-Contact, Reject-Contact (RFC 3841), Security-Client / -Server /
// -Verify (RFC 3329), P-Access-Network-Info, P-Visited-Network-ID (RFC 7315),
// User-to-User (RFC 7433), Feature-Caps (RFC 6809), Info-Package (RFC 6086)
// and Session-ID (RFC 7989). One AST, valued_params, and one list type;
// each header brings the rule of its leading value.
//
//   Accept          = "Accept" HCOLON [ accept-range *(COMMA accept-range) ]
//   accept-range    = media-range *(SEMI accept-param)
//   media-range     = ( "*/*" / ( m-type SLASH "*" ) / ( m-type SLASH m-subtype ) ) *( SEMI m-parameter )
//   Accept-Encoding = "Accept-Encoding" HCOLON [ encoding *(COMMA encoding) ]
//   encoding        = codings *(SEMI accept-param);  codings = content-coding / "*"
//   Accept-Language = "Accept-Language" HCOLON [ language *(COMMA language) ]
//   language        = language-range *(SEMI accept-param)
//   language-range  = ( ( 1*8ALPHA *( "-" 1*8ALPHA ) ) / "*" )
//   Accept-Contact  = ( "Accept-Contact" / "a" ) HCOLON ac-value *(COMMA ac-value)
//   ac-value        = "*" *(SEMI ac-params)               ; Reject-Contact: rc-value, the same
//   Security-Client = "Security-Client" HCOLON sec-mechanism *(COMMA sec-mechanism)
//   sec-mechanism   = mechanism-name *( SEMI mech-parameters )
//   P-Access-Network-Info = "P-Access-Network-Info" HCOLON access-net-spec *(COMMA access-net-spec)
//   access-net-spec = (access-type / access-class) *( SEMI access-info )
//   P-Visited-Network-ID = "P-Visited-Network-ID" HCOLON vnetwork-spec *(COMMA vnetwork-spec)
//   vnetwork-spec   = (token / quoted-string) *(SEMI vnetwork-param)
//   User-to-User    = "User-to-User" HCOLON uui-value *(COMMA uui-value)
//   uui-value       = uui-data *(SEMI uui-param);  uui-data = token / quoted-string
//   Feature-Caps    = "Feature-Caps" HCOLON fc-value *(COMMA fc-value)
//   fc-value        = "*" *(SEMI feature-cap)
//   Info-Package    = "Info-Package" HCOLON Info-package-type *( SEMI Info-package-param )
//   Session-ID      = "Session-ID" HCOLON sess-id-value
//   sess-id-value   = session-id *( SEMI sess-id-param );  session-id = 32(DIGIT / %x61-66)
//
// The parameters of each are checked as generic-params (token [EQUAL
// gen-value]), the form every named parameter of these RFCs takes.
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_PARAM_LISTS_HPP
#define SIPVIEW_PARAM_LISTS_HPP

#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/value_list.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/token_list.hpp>

namespace sipview {

/// One element: its leading value and its parameters.
struct valued_params {
    std::string_view text;         ///< the whole element
    std::string_view value;        ///< the leading value as written: "application/sdp", "*", "ipsec-3gpp", "\"uui data\""...
    std::string_view params_text;  ///< the parameters, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    std::optional<std::string_view> param_value(std::string_view name) const noexcept { return params().value(name); }
};

/// The fields of an element by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(valued_params const& v, F&& f) {
    f("value", v.value);
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace param_list_rules {
using detail::describe;

/// session-id = 32(DIGIT / %x61-66): exactly 32 lowercase hex digits.
/// Why hand-written: a counted run, refused at the first byte that is not one.
struct session_id_parser : primitive<session_id_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        It p = first;
        while (p != last && p - first < 32 && (is(*p, c_digit) || (*p >= 'a' && *p <= 'f'))) ++p;
        if (p - first != 32 || (p != last && is(*p, token_chars))) return false;
        first = p;
        return true;
    }
};

inline constexpr auto media_range = token >> SLASH >> token;                 // "*/*" too: '*' is a token character
inline constexpr auto token_or_quoted = quoted | token;
inline constexpr auto star = x3::lit('*');
inline constexpr auto params = *(SEMI >> describe(diag::pl_param)[generic_param]);

/// One element: a leading value by `Head`, then its parameters.
template <class Head>
constexpr auto element(Head const& head) {
    return set<&sipview::valued_params::text>[set<&sipview::valued_params::value>[describe(diag::pl_value)[head]] >>
                                              set<&sipview::valued_params::params_text>[params]];
}

inline constexpr auto accept_range = element(media_range);
inline constexpr auto encoding = element(token);
inline constexpr auto language = element(token_list_rules::language_parser<true>{});
inline constexpr auto star_value = element(star);
inline constexpr auto token_value = element(token);
inline constexpr auto token_or_quoted_value = element(token_or_quoted);
inline constexpr auto session_id_value = element(session_id_parser{});

} // namespace param_list_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// The elements of one header line (an input range of valued_params).
template <auto const& Element>
using valued_params_list = detail::value_list<valued_params, Element>;

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace param_list_impl {
namespace rules = grammar::param_list_rules;

/// The list of `Element`s; an empty value (SWS only) is an empty list when `optional`.
template <auto const& Element>
inline result<valued_params_list<Element>> parse(std::string_view value, bool optional) noexcept {
    if (optional && lws_length(value.data(), value.data() + value.size()) == value.size())
        return valued_params_list<Element>(value.substr(0, 0), 0);
    return parse_value_list<valued_params, Element>(value, diag::pl_value, diag::pl_end);
}

/// One element and the end.
template <auto const& Element>
inline result<valued_params> parse_one(std::string_view value) noexcept {
    static constexpr auto whole = Element >> grammar::SWS >> describe(diag::pl_single_end)[x3::eoi];
    return parse_as<valued_params>(value, whole);
}

} // namespace param_list_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

namespace detail {
struct accept_range_rule;  // rule_ref's tags (value_list.hpp)
struct encoding_rule;  // rule_ref's tags (value_list.hpp)
struct language_rule;  // rule_ref's tags (value_list.hpp)
struct star_value_rule;  // rule_ref's tags (value_list.hpp)
struct token_value_rule;  // rule_ref's tags (value_list.hpp)
struct token_or_quoted_value_rule;  // rule_ref's tags (value_list.hpp)
#if SIPVIEW_HAS_GRAMMARS
struct accept_range_rule {
    static constexpr auto const& rule = grammar::param_list_rules::accept_range;
};
struct encoding_rule {
    static constexpr auto const& rule = grammar::param_list_rules::encoding;
};
struct language_rule {
    static constexpr auto const& rule = grammar::param_list_rules::language;
};
struct star_value_rule {
    static constexpr auto const& rule = grammar::param_list_rules::star_value;
};
struct token_value_rule {
    static constexpr auto const& rule = grammar::param_list_rules::token_value;
};
struct token_or_quoted_value_rule {
    static constexpr auto const& rule = grammar::param_list_rules::token_or_quoted_value;
};
#endif
SIPVIEW_RULE_REF(accept_range_ref, accept_range_rule)
SIPVIEW_RULE_REF(encoding_ref, encoding_rule)
SIPVIEW_RULE_REF(language_ref, language_rule)
SIPVIEW_RULE_REF(star_value_ref, star_value_rule)
SIPVIEW_RULE_REF(token_value_ref, token_value_rule)
SIPVIEW_RULE_REF(token_or_quoted_value_ref, token_or_quoted_value_rule)
} // namespace detail

using accept_list = valued_params_list<detail::accept_range_ref>;
using encoding_list = valued_params_list<detail::encoding_ref>;
using language_list = valued_params_list<detail::language_ref>;
using star_params_list = valued_params_list<detail::star_value_ref>;
using token_params_list = valued_params_list<detail::token_value_ref>;
using token_or_quoted_params_list = valued_params_list<detail::token_or_quoted_value_ref>;

/// Accept value: media ranges with their parameters; may be empty.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<accept_list> parse_accept(borrowed_text value) noexcept {
    return detail::param_list_impl::parse<detail::accept_range_ref>(value, true);
}
#else
result<accept_list> parse_accept(borrowed_text value) noexcept;
#endif
/// Accept-Encoding value: codings ("*" or a content-coding) with parameters; may be empty.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<encoding_list> parse_accept_encoding(borrowed_text value) noexcept {
    return detail::param_list_impl::parse<detail::encoding_ref>(value, true);
}
#else
result<encoding_list> parse_accept_encoding(borrowed_text value) noexcept;
#endif
/// Accept-Language value: language ranges with parameters; may be empty.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<language_list> parse_accept_language(borrowed_text value) noexcept {
    return detail::param_list_impl::parse<detail::language_ref>(value, true);
}
#else
result<language_list> parse_accept_language(borrowed_text value) noexcept;
#endif
/// Accept-Contact, Reject-Contact (RFC 3841) and Feature-Caps (RFC 6809): "*" and feature parameters.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<star_params_list> parse_star_params(borrowed_text value) noexcept {
    return detail::param_list_impl::parse<detail::star_value_ref>(value, false);
}
#else
result<star_params_list> parse_star_params(borrowed_text value) noexcept;
#endif
/// Security-Client / -Server / -Verify (RFC 3329) and P-Access-Network-Info
/// (RFC 7315): a token and its parameters, at least one.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_params_list> parse_token_params(borrowed_text value) noexcept {
    return detail::param_list_impl::parse<detail::token_value_ref>(value, false);
}
#else
result<token_params_list> parse_token_params(borrowed_text value) noexcept;
#endif
/// P-Visited-Network-ID (RFC 7315) and User-to-User (RFC 7433): a token or
/// quoted-string and its parameters, at least one.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<token_or_quoted_params_list> parse_token_or_quoted_params(borrowed_text value) noexcept {
    return detail::param_list_impl::parse<detail::token_or_quoted_value_ref>(value, false);
}
#else
result<token_or_quoted_params_list> parse_token_or_quoted_params(borrowed_text value) noexcept;
#endif
/// Info-Package (RFC 6086 §8.2.4): one Info-package-type and its parameters.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<valued_params> parse_info_package(borrowed_text value) noexcept {
    return detail::param_list_impl::parse_one<detail::grammar::param_list_rules::token_value>(value);
}
#else
result<valued_params> parse_info_package(borrowed_text value) noexcept;
#endif
/// Session-ID (RFC 7989 §5): 32 lowercase hex digits and parameters (remote=...).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<valued_params> parse_session_id(borrowed_text value) noexcept {
    return detail::param_list_impl::parse_one<detail::grammar::param_list_rules::session_id_value>(value);
}
#else
result<valued_params> parse_session_id(borrowed_text value) noexcept;
#endif

// Writers (format.hpp): the value, then `;name[=value]` for each parameter;
// elements joined by ", ".
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, valued_params const& v, O const&) {
    // every header's leading value is a token, token/token or a quoted-string
    // (a list also checks the whole element with its own rule)
    check_rule(s, grammar::quoted | (grammar::token >> -(grammar::SLASH >> grammar::token)), v.value,
               {"value (token, type/subtype or quoted-string)", "", rule_shape::verbatim});
    s.put(v.value);
    check_rule(s, grammar::param_list_rules::params, v.params_text,
               {"parameters: ;name[=value]", "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}

template <class S, class O, auto const& Element>
inline void write(S& s, value_list<valued_params, Element> const& v, O const& o) {
    bool first = true;
    for (valued_params const& e : v) {
        if (!first) s.put(", ");
        first = false;
        check_rule<valued_params>(s, Element, e.text, {"list element (value *(;param))", "", rule_shape::verbatim});
        write(s, e, o);
    }
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
