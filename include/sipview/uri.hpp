// sipview — SIP-URI / SIPS-URI (RFC 3261 §19.1, §25.1), tel URIs validated
// by the RFC 3966 grammar (tel.hpp) and absoluteURI for any other scheme, as
// a read-only view over the caller's text.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_URI_HPP
#define SIPVIEW_URI_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/tel.hpp>

namespace sipview {

/// sip, sips, tel (RFC 3966, validated by tel.hpp's grammar) or any other scheme.
enum class uri_scheme : unsigned char { sip, sips, other, tel };

/// A parsed URI. Every view points into the parsed text; nothing is decoded.
/// For sip/sips every field is set; for tel and other schemes only text,
/// scheme and opaque (telephone_subscriber() parses a tel URI's parts).
struct uri {
    std::string_view text;                     ///< the whole URI as on the wire
    std::string_view scheme;                   ///< "sip", "SIPS", "tel", ... as written
    uri_scheme kind = uri_scheme::other;
    std::optional<std::string_view> user;      ///< user / telephone-subscriber, escapes kept
    std::optional<std::string_view> password;  ///< present (maybe empty) after "user:"
    std::string_view host;                     ///< hostname, IPv4address or IPv6reference (with brackets)
    host_type host_kind = host_type::hostname;
    std::optional<std::string_view> port_text; ///< digits after ':' (validated to fit 16 bits)
    std::string_view params_text;              ///< uri-parameters, each with its leading ';'
    std::optional<std::string_view> headers_text; ///< after '?', without it
    std::string_view opaque;                   ///< everything after "scheme:" (all schemes)

    /// sip: or sips: (a tel URI is not a SIP URI).
    bool is_sip() const noexcept { return kind == uri_scheme::sip || kind == uri_scheme::sips; }
    bool is_tel() const noexcept { return kind == uri_scheme::tel; }
    bool is_secure() const noexcept { return kind == uri_scheme::sips; }

    /// The port number, if one was written.
    std::optional<std::uint16_t> port() const noexcept {
        if (!port_text) return std::nullopt;
        auto v = to_uint(*port_text, 65535);
        if (!v) return std::nullopt;
        return static_cast<std::uint16_t>(*v);
    }
    /// The host without IPv6 brackets.
    std::string_view host_address() const noexcept {
        return host_kind == host_type::ipv6 && host.size() >= 2 ? host.substr(1, host.size() - 2) : host;
    }
    /// uri-parameters as {name, optional value}; `;lr` has no value.
    param_range params() const noexcept { return {params_text, ';'}; }
    /// headers (`?h=v&h2=v2`) as {hname, hvalue}.
    param_range headers() const noexcept { return {headers_text.value_or(std::string_view{}), '&'}; }
    /// The value of uri-parameter `name` (case-insensitive); absent for a flag
    /// such as `;lr` too (params().find(name) / contains(name) tell them apart).
    /// Every AST with parameters has param_value(name).
    std::optional<std::string_view> param_value(std::string_view name) const noexcept { return params().value(name); }

    /// The telephone number this URI carries: a tel URI parsed as such
    /// (parse_tel_uri(text)), or the user part of a sip/sips URI with
    /// user=phone parsed as a telephone-subscriber (RFC 3261 §19.1.6:
    /// `sip:+358-555-1234567;postd=pp22@foo.com;user=phone`). Error offsets
    /// are in `text`; diag::tel_not_phone for any other URI.
    result<tel_uri> telephone_subscriber() const noexcept {
        if (kind == uri_scheme::tel) return parse_tel_uri(text);
        std::optional<std::string_view> const u = param_value("user");
        if (!is_sip() || !user || !u || !iequals(*u, "phone")) return make_error(diag::tel_not_phone, 0);
        result<tel_uri> r = parse_telephone_subscriber(*user);
        if (!r) {
            parse_error e = r.error();
            e.offset += static_cast<std::size_t>(user->data() - text.data());
            return e;
        }
        return r;
    }
};

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace uri_rules {
using namespace detail;
using x3::lit;
using sipview::uri;

// In an addr-spec outside <> a URI cannot contain ',', ';' or '?' (RFC 3261
// §20): `X` = c_addr_sep excludes them for that "bare" form, 0 keeps them.

/// userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"
/// user = 1*( unreserved / escaped / user-unreserved );
/// password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ).
/// telephone-subscriber's characters are all user characters.
template <cmask X>
inline constexpr auto userinfo =
    restore<&uri::user, &uri::password>[set<&uri::user>[escaped_run_of<user_chars, X>{}] >>
                  -(lit(':') >> set<&uri::password>[-escaped_run_of<password_chars, X>{}]) >> lit('@')];

/// hostport = host [ ":" port ]
inline constexpr auto hostport =
    describe(diag::uri_host)[host_into<&uri::host, &uri::host_kind>{}] >>
    -(lit(':') >> describe(diag::uri_port)[set<&uri::port_text>[port_parser{}]]);

/// Leniency allow_quoted_uri_param: a pvalue written as a quoted-string
/// (`;p="x y"`), which pvalue = 1*paramchar does not allow.
struct quoted_pvalue_parser : primitive<quoted_pvalue_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        if (first == last || *first != '"' || !lenient(ctx, leniency::allow_quoted_uri_param)) return false;
        It p = first;
        if (!quoted_string_parser{}.parse(p, last, ctx, rctx, attr)) return false;
        accept_deviation(ctx, first, leniency::allow_quoted_uri_param);
        first = p;
        return true;
    }
};

/// Leniency allow_trailing_semicolon: a ';' after a SIP or SIPS URI
/// (`sip:proxy.example.com;lr;`), where uri-parameter requires a pname.
/// Only where the URI ends ('>' or the end of the text); the ';' is not
/// part of the URI's text.
struct trailing_semicolon_parser : primitive<trailing_semicolon_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || *first != ';') return false;
        if (first + 1 != last && first[1] != '>') return false;
        if (!ast_of<sipview::uri>(ctx).is_sip() || !lenient(ctx, leniency::allow_trailing_semicolon)) return false;
        accept_deviation(ctx, first, leniency::allow_trailing_semicolon);
        ++first;
        return true;
    }
};

/// uri-parameters = *( ";" uri-parameter ); uri-parameter = pname [ "=" pvalue ];
/// pname = pvalue = 1*paramchar. transport-, user-, method-, ttl-, maddr- and
/// lr-param are all of that shape. (A quoted pvalue and a trailing ';' only
/// under their leniency flags.)
inline constexpr escaped_run_of<paramchar_chars> paramchars{};
inline constexpr auto uri_parameters =
    *(lit(';') >> describe(diag::uri_param_name)[paramchars] >>
      -(lit('=') >> describe(diag::uri_param_value)[paramchars | quoted_pvalue_parser{}]));

/// headers = "?" header *( "&" header ); header = hname "=" hvalue
inline constexpr escaped_run_of<hnv_chars> hnvchars{};
inline constexpr auto uri_header =
    describe(diag::uri_header_name)[hnvchars] >> describe(diag::uri_header_equal)[lit('=')] >> -hnvchars;
inline constexpr auto uri_headers = lit('?') >> set<&uri::headers_text>[uri_header >> *(lit('&') >> uri_header)];

/// "sips:" / "sip:" (any case) in one look at at most 5 bytes, setting scheme and kind.
/// Why hand-written: PEG ordered choice ("sip" would match before "sips") and speed.
struct sip_scheme_parser : primitive<sip_scheme_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (last - first < 4 || (first[0] | 0x20) != 's' || (first[1] | 0x20) != 'i' || (first[2] | 0x20) != 'p') return false;
        std::size_t n = 3;
        uri_scheme k = uri_scheme::sip;
        if ((first[3] | 0x20) == 's') {
            if (last - first < 5) return false;
            n = 4;
            k = uri_scheme::sips;
        }
        if (first[n] != ':') return false;
        uri& ast = ast_of<uri>(ctx);
        ast.scheme = std::string_view(first, n);
        ast.kind = k;
        first += static_cast<std::ptrdiff_t>(n + 1);
        return true;
    }
};
inline constexpr sip_scheme_parser sip_scheme{};

/// SIP-URI  = "sip:"  [ userinfo ] hostport uri-parameters [ headers ]
/// SIPS-URI = "sips:" [ userinfo ] hostport uri-parameters [ headers ]
inline constexpr auto sip_uri =
    sip_scheme >> set<&uri::opaque>[-userinfo<0> >> hostport >> set<&uri::params_text>[uri_parameters] >> -uri_headers];
/// The bare form: no parameters or headers, no ',' ';' '?' in userinfo.
inline constexpr auto bare_sip_uri = sip_scheme >> set<&uri::opaque>[-userinfo<c_addr_sep> >> hostport];

/// telephone-uri = "tel:" telephone-subscriber (RFC 3966; tel.hpp's scanner):
/// an invalid one is an error at its byte, never an absoluteURI. `Bare`:
/// an addr-spec outside <>, where a ';' ends the URI (RFC 3261 §20).
/// Sets scheme, kind and opaque only when the whole tel URI is valid.
template <bool Bare>
struct tel_uri_parser : primitive<tel_uri_parser<Bare>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (last - first < 4 || (first[0] | 0x20) != 't' || (first[1] | 0x20) != 'e' || (first[2] | 0x20) != 'l' || first[3] != ':')
            return false;
        tel_impl::scan_state st;
        tel_uri t;
        if (!tel_impl::scan_subscriber(first + 4, last, Bare, t, st)) {
            report(ctx, st.at, st.id);
            return false;
        }
        uri& ast = ast_of<uri>(ctx);
        ast.scheme = std::string_view(first, 3);
        ast.kind = uri_scheme::tel;
        ast.opaque = std::string_view(first + 4, static_cast<std::size_t>(st.end - (first + 4)));
        first = st.end;
        return true;
    }
};

/// absoluteURI = scheme ":" ( hier-part / opaque-part ), scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
/// Every hier-part and opaque-part is a non-empty run of uric (reserved /
/// unreserved / escaped) and every such run is one of them.
/// The sip, sips and tel schemes never fall back to absoluteURI.
template <cmask X>
inline constexpr auto absolute_uri =
    !(ci_lit("sip:") | ci_lit("sips:") | ci_lit("tel:")) >> set<&uri::scheme>[char_of<c_alpha>{} >> *char_of<scheme_chars>{}] >> lit(':') >>
    set<&uri::opaque>[describe(diag::uri_opaque)[escaped_run_of<uric_chars, X>{}]];

} // namespace uri_rules

/// Request-URI / a URI inside <>: SIP-URI / SIPS-URI / telephone-uri / absoluteURI.
/// (A ';' after a SIP URI only under allow_trailing_semicolon, outside the URI's text.)
inline constexpr auto uri = detail::describe(diag::uri_expected)[detail::set<&sipview::uri::text>[uri_rules::sip_uri | uri_rules::tel_uri_parser<false>{} | uri_rules::absolute_uri<0>]] >>
                            -uri_rules::trailing_semicolon_parser{};
/// addr-spec outside <>: the same without ',' ';' '?' (RFC 3261 §20).
inline constexpr auto bare_uri = detail::describe(diag::uri_expected)[detail::set<&sipview::uri::text>[uri_rules::bare_sip_uri | uri_rules::tel_uri_parser<true>{} | uri_rules::absolute_uri<detail::c_addr_sep>]];

} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

#if SIPVIEW_HAS_GRAMMARS
namespace detail {

/// The strict path's fast path for a SIP-URI / SIPS-URI in its common
/// shape, filling `u` as grammar::uri (or grammar::bare_uri when `bare`)
/// would; returns the end of the URI, or nullptr where the grammar must
/// decide (it never rejects: the caller then runs the grammar on the whole
/// value). It takes:
///   SIP-URI = "sip:" [ userinfo ] hostport uri-parameters, SIPS-URI alike,
///   userinfo = user [ ":" password ] "@" without escapes and without the
///     user-unreserved ',' ';' '?' (the password without ','),
///   hostport = host [ ":" port ] (host_length: hostname, IPv4address,
///     IPv6reference, as the grammar measures them),
///   uri-parameters = *( ";" pname [ "=" pvalue ] ) without escapes, none
///     when `bare` (an addr-spec outside <>, RFC 3261 §20).
/// headers ('?'), escapes and anything else stop it where the caller checks
/// the next byte ('>' or a header parameter) and falls back.
SIPVIEW_HOT inline iter fast_sip_uri(iter p, iter last, bool bare, sipview::uri& u) noexcept {
    iter const start = p;
    // "sip:" / "sips:", any case (as uri_rules::sip_scheme_parser)
    if (last - p < 5 || (p[0] | 0x20) != 's' || (p[1] | 0x20) != 'i' || (p[2] | 0x20) != 'p') return nullptr;
    std::size_t const n = (p[3] | 0x20) == 's' ? 4 : 3;
    if (p[n] != ':') return nullptr;
    u.scheme = std::string_view(p, n);
    u.kind = n == 4 ? uri_scheme::sips : uri_scheme::sip;
    p += n + 1;
    iter const body = p;
    // userinfo = ( user / telephone-subscriber ) [ ":" password ] "@": the
    // grammar takes the longest user run; ',' ';' '?' '%' continue it inside
    // <> (and '%' starts an escape), so they are the grammar's to judge.
    iter q = skip_class<c_user_fast>(p, last);
    if (q != last && *q == '%') return nullptr;
    if (q != last && !bare && is(*q, c_addr_sep)) {
        // Inside <> the run goes on over ',' ';' '?' (user-unreserved): a
        // user holding them is the grammar's to judge, and there is one only
        // if an '@' ends that longer run or its password. Otherwise (the
        // usual `<sip:proxy.example.com;lr>`) there is no userinfo, and the
        // host starts at p.
        iter r = q;
        while (r != last && is(*r, c_user_fast | c_addr_sep)) ++r;
        if (r != last && *r == ':') {
            for (++r; r != last && is(*r, password_chars, c_addr_sep);) ++r;
            if (r != last && *r == ',') return nullptr;
        }
        if (r != last && (*r == '%' || *r == '@')) return nullptr;
    } else if (q != last && q != p && (*q == '@' || *q == ':')) {
        iter w = q;
        if (*q == ':') {
            for (w = q + 1; w != last && is(*w, password_chars, c_addr_sep);) ++w;
            if (w != last && (*w == '%' || (!bare && *w == ','))) return nullptr;
        }
        if (w != last && *w == '@') {  // else no userinfo: hostport from the start
            u.user = std::string_view(p, static_cast<std::size_t>(q - p));
            if (*q == ':') u.password = std::string_view(q + 1, static_cast<std::size_t>(w - q - 1));
            p = w + 1;
        }
    }
    // hostport = host [ ":" port ]
    host_kind_value k = host_kind_value::hostname;
    std::size_t const hn = host_length(p, last, k);
    if (hn == 0) return nullptr;
    u.host = std::string_view(p, hn);
    u.host_kind = static_cast<host_type>(k);
    p += hn;
    if (p != last && *p == ':') {
        std::uint64_t v = 0;
        std::size_t const pn = bounded_uint(p + 1, last, 65535, v);
        if (pn == 0) return nullptr;
        u.port_text = std::string_view(p + 1, pn);
        p += pn + 1;
    }
    if (!bare) {
        // uri-parameters = *( ";" uri-parameter ), uri-parameter = pname [ "=" pvalue ]
        iter const params = p;
        while (p != last && *p == ';') {
            iter const name = p + 1;
            p = skip_class<c_paramchar>(name, last);
            if (p == name) return nullptr;
            if (p != last && *p == '=') {
                iter const value = p + 1;
                p = skip_class<c_paramchar>(value, last);
                if (p == value) return nullptr;
            }
        }
        u.params_text = std::string_view(params, static_cast<std::size_t>(p - params));
    }
    u.opaque = std::string_view(body, static_cast<std::size_t>(p - body));
    u.text = std::string_view(start, static_cast<std::size_t>(p - start));
    return p;
}

} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

namespace detail {

/// Turns a raw URI failure into what a person needs to hear, looking at the
/// id, the byte the parser stopped at and the URI text before it.
/// `uri_text` starts at offset `uri_offset` of the text e.offset is in.
inline void explain_uri_error(std::string_view uri_text, std::size_t uri_offset, parse_error& e) noexcept {
    if (e.offset < uri_offset) return;
    std::size_t const at = e.offset - uri_offset;
    std::string_view const before = uri_text.substr(0, at < uri_text.size() ? at : uri_text.size());
    char const ch = at < uri_text.size() ? uri_text[at] : '\0';
    std::size_t const colon = before.find(':');
    std::string_view const after_scheme = colon == std::string_view::npos ? std::string_view{} : before.substr(colon + 1);
    std::string_view const rest = uri_text.substr(at < uri_text.size() ? at : uri_text.size());
    bool const host = e.id == diag::uri_host;
    bool const port = e.id == diag::uri_port || e.id == diag::core_port_range || e.id == diag::via_port;  // "port (0-65535)"
    if (host && ch != '[' &&
        ipv6_length(rest.data(), rest.data() + rest.size()) > hostname_length(rest.data(), rest.data() + rest.size()) &&
        rest.find(':') != std::string_view::npos) {
        e.refine(diag::uri_ipv6_unbracketed);
    } else if (ch == '@' && after_scheme.find('@') != std::string_view::npos) {
        e.refine(diag::uri_second_at);
    } else if (host && (at == uri_text.size() || ch == ';' || ch == '>' || ch == ':' || ch == '?' || ch == ',') && !before.empty() && before.back() == '@') {
        e.refine(diag::uri_host_missing);
    } else if (host && !before.empty() && before.back() == '@' && ch == '[') {
        e.refine(diag::uri_ipv6_malformed);
    } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
        e.refine(diag::uri_whitespace);
    } else if (ch == ':' || (port && after_scheme.find(':') != std::string_view::npos && is(ch, c_hex))) {
        // sip:2001:db8::1 — the host looks like an unbracketed IPv6 address
        std::size_t colons = 0;
        for (char c : after_scheme) colons += c == ':';
        if (colons >= 1 && ch == ':') e.refine(diag::uri_ipv6_unbracketed_port);
    } else if (port) {
        e.add_hint(diag::uri_port_hint);
    } else if (ch == '%') {
        e.add_hint(diag::uri_percent_hint);
    } else if (ch == '<' || ch == '>' || ch == '"') {
        if (e.hint.empty()) e.add_hint(diag::uri_escape_hint);
    }
}

} // namespace detail

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
/// A whole input that is one URI (built once: X3 copies a grammar built inside a call).
inline constexpr auto uri_entry = uri >> detail::describe(diag::uri_end)[boost::spirit::x3::eoi];
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Parses a Request-URI or any URI written inside <>: SIP-URI, SIPS-URI,
/// a tel URI (RFC 3966, checked as parse_tel_uri does), or absoluteURI for
/// any other scheme. Allocation-free; never throws.
/// With `opts`, under leniency flags (allow_underscore_host,
/// allow_digit_toplabel, allow_quoted_uri_param, allow_trailing_semicolon),
/// reporting what they accepted to opts.warnings.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<uri> parse_uri_impl(borrowed_text text, parse_options const& opts) noexcept {
    result<uri> r(std::in_place);
    parse_error err;
    if (!detail::run(text, detail::grammar::uri_entry, *r, err, opts)) {
        detail::explain_uri_error(text, 0, err);
        r.set_error(err);
    }
    return r;
}
#else
result<uri> parse_uri_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<uri>, detail::parse_uri_impl> parse_uri{};

} // namespace sipview

#endif
