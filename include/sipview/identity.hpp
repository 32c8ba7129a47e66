// sipview — the Identity header (RFC 8224 §4.1, STIR/SHAKEN): a signed
// PASSporT and where to find the certificate that verifies it.
//
//   Identity               = "Identity" HCOLON signed-identity-digest SEMI ident-info
//                            *( SEMI ident-info-params )
//   signed-identity-digest = 1*(base64-char / ".")
//   ident-info             = "info" EQUAL ident-info-uri
//   ident-info-uri         = LAQUOT absoluteURI RAQUOT
//   ident-info-params      = ident-info-alg / ident-type / ident-info-extension
//   ident-info-alg         = "alg" EQUAL token
//   ident-type             = "ppt" EQUAL token
//   ident-info-extension   = generic-param
//
// RFC 4474's Identity (obsoleted by RFC 8224) is the digest alone, in
// quotes, with its certificate in an Identity-Info header: it parses too,
// with an empty `info`.
//
// base64-char in RFC 8224 is ALPHA / DIGIT / "/" / "+", but the compact
// PASSporT it carries is base64url (RFC 8225 §7, RFC 7515), whose
// alphabet has "-" and "_" instead: both alphabets and "=" padding are
// accepted, as every deployed SHAKEN signer writes base64url.
//
//   auto id = sipview::parse_identity(value);
//   if (id) use(id->signature, id->info, id->alg(), id->ppt());   // ppt "shaken", "div"...
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_IDENTITY_HPP
#define SIPVIEW_IDENTITY_HPP

#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/uri.hpp>

namespace sipview {

/// Identity value.
struct identity {
    std::string_view signature;    ///< signed-identity-digest: the compact PASSporT (header.payload.signature), or RFC 4474's quoted digest
    std::string_view info;         ///< ident-info-uri without its <>: where the certificate is (empty in the RFC 4474 form)
    std::string_view params_text;  ///< the parameters after ident-info, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// ident-info-alg: "ES256" (RFC 8225) or another token.
    std::optional<std::string_view> alg() const noexcept { return params().value("alg"); }
    /// ident-type: the PASSporT extension, "shaken" (RFC 8588), "div" (RFC 8946), ...
    std::optional<std::string_view> ppt() const noexcept { return params().value("ppt"); }
};

/// The fields of an identity by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(identity const& v, F&& f) {
    f("signature", v.signature);
    f("info", v.info);
    f("alg", v.alg());
    f("ppt", v.ppt());
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace identity_rules {
using detail::describe;
using detail::keyword;
using detail::when;

/// signed-identity-digest = 1*(base64-char / "."), base64 and base64url alphabets, "=" padding.
/// Why hand-written: an alphabet no other rule uses (no class bit spent on it).
struct signature_parser : primitive<signature_parser> {
    static constexpr bool sig(char c) noexcept {
        return is(c, alphanum) || c == '/' || c == '+' || c == '-' || c == '_' || c == '=' || c == '.';
    }
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        It p = first;
        while (p != last && sig(*p)) ++p;
        if (p == first) return false;
        first = p;
        return true;
    }
};

/// ident-info-params = ident-info-alg / ident-type / ident-info-extension
inline constexpr auto ident_param = detail::by_name(
    generic_param, when("alg", describe(diag::id_alg_equal)[EQUAL] >> describe(diag::id_alg_value)[token]),
    when("ppt", describe(diag::id_ppt_equal)[EQUAL] >> describe(diag::id_ppt_value)[token]));
inline constexpr auto ident_params = *(SEMI >> describe(diag::id_param)[ident_param]);

/// ident-info-uri = LAQUOT absoluteURI RAQUOT (the URI's text is captured without the brackets)
inline constexpr auto info_uri = describe(diag::id_info_laquot)[x3::lit('<')] >>
                                 set<&sipview::identity::info>[scratch<sipview::uri>[describe(diag::id_info_uri)[grammar::uri]]] >>
                                 describe(diag::id_info_raquot)[x3::lit('>')];

/// Identity value, from the digest to the end. The RFC 4474 form (the
/// digest alone, quoted or not, its certificate in an Identity-Info header;
/// RFC 4475's mpart01 carries one) is accepted too: a digest followed by
/// parameters must start them with ;info=<URI>.
inline constexpr auto identity_value =
    set<&sipview::identity::signature>[describe(diag::id_signature)[quoted | signature_parser{}]] >>
    -(SEMI >> describe(diag::id_info_missing)[keyword("info")] >> describe(diag::id_info_equal)[EQUAL] >> info_uri >>
      set<&sipview::identity::params_text>[ident_params]) >>
    SWS >> describe(diag::id_end)[x3::eoi];

} // namespace identity_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Identity value (RFC 8224 §4.1):
/// `eyJhbGciOiJFUzI1NiJ9.eyJ...;info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken`.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<identity> parse_identity_impl(borrowed_text value, parse_options const& opts) noexcept {
    return detail::parse_as<identity>(value, detail::grammar::identity_rules::identity_value, opts);
}
#else
result<identity> parse_identity_impl(borrowed_text value, parse_options const& opts) noexcept;
#endif
} // namespace detail
/// (With `opts`: the info URI under the leniency flags of URIs.)
inline constexpr detail::parser_with_options<result<identity>, detail::parse_identity_impl> parse_identity{};

// Writer (format.hpp): digest;info=<uri> then `;name[=value]` for each parameter.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, identity const& v, O const&) {
    namespace rules = grammar::identity_rules;
    check_rule(s, grammar::quoted | rules::signature_parser{}, v.signature,
               {"signed-identity-digest (base64 or base64url and '.', or RFC 4474's quoted digest)", "", rule_shape::verbatim});
    s.put(v.signature);
    if (v.info.empty() && v.params_text.empty()) return;  // the RFC 4474 form
    s.put(";info=<");
    check_rule<sipview::uri>(s, grammar::uri, v.info, {"ident-info URI (absoluteURI)", "", rule_shape::verbatim});
    s.put(v.info);
    s.put('>');
    check_rule<identity>(s, rules::ident_params, v.params_text,
                         {"Identity parameters: ;alg=token, ;ppt=token, ;name[=value]",
                          "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
