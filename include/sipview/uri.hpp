// sipview — SIP-URI / SIPS-URI (RFC 3261 §19.1, §25.1) and absoluteURI for
// any other scheme, as a read-only view over the caller's text.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_URI_HPP
#define SIPVIEW_URI_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>

namespace sipview {

enum class uri_scheme : unsigned char { sip, sips, other };

/// A parsed URI. Every view points into the parsed text; nothing is decoded.
/// For sip/sips every field is set; for other schemes only text, scheme and opaque.
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

    bool is_sip() const noexcept { return kind != uri_scheme::other; }
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
    /// The value of uri-parameter `name` (case-insensitive); an empty
    /// optional-in-optional distinguishes "absent" from "present without value".
    std::optional<param> param_named(std::string_view name) const noexcept { return params().find(name); }
};

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
    describe("host", "the host is missing or malformed")[host_into<&uri::host, &uri::host_kind>{}] >>
    -(lit(':') >> describe("port (0-65535)", "the port is missing or malformed")[set<&uri::port_text>[port_parser{}]]);

/// uri-parameters = *( ";" uri-parameter ); uri-parameter = pname [ "=" pvalue ];
/// pname = pvalue = 1*paramchar. transport-, user-, method-, ttl-, maddr- and
/// lr-param are all of that shape.
inline constexpr escaped_run_of<paramchar_chars> paramchars{};
inline constexpr auto uri_parameters =
    *(lit(';') >> describe("URI parameter name")[paramchars] >> -(lit('=') >> describe("URI parameter value")[paramchars]));

/// headers = "?" header *( "&" header ); header = hname "=" hvalue
inline constexpr escaped_run_of<hnv_chars> hnvchars{};
inline constexpr auto uri_header =
    describe("URI header name")[hnvchars] >> describe("'=' after a URI header name")[lit('=')] >> -hnvchars;
inline constexpr auto uri_headers = lit('?') >> set<&uri::headers_text>[uri_header >> *(lit('&') >> uri_header)];

/// "sips:" / "sip:" (any case) in one look at at most 5 bytes, setting scheme and kind.
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

/// absoluteURI = scheme ":" ( hier-part / opaque-part ), scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
/// Every hier-part and opaque-part is a non-empty run of uric (reserved /
/// unreserved / escaped) and every such run is one of them.
/// The sip and sips schemes never fall back to absoluteURI.
template <cmask X>
inline constexpr auto absolute_uri =
    !(ci_lit("sip:") | ci_lit("sips:")) >> set<&uri::scheme>[char_of<c_alpha>{} >> *char_of<scheme_chars>{}] >> lit(':') >>
    set<&uri::opaque>[describe("URI text after the scheme")[escaped_run_of<uric_chars, X>{}]];

} // namespace uri_rules

/// Request-URI / a URI inside <>: SIP-URI / SIPS-URI / absoluteURI.
inline constexpr auto uri = detail::describe("URI (sip:, sips: or scheme:...)")[detail::set<&sipview::uri::text>[uri_rules::sip_uri | uri_rules::absolute_uri<0>]];
/// addr-spec outside <>: the same without ',' ';' '?' (RFC 3261 §20).
inline constexpr auto bare_uri = detail::describe("URI (sip:, sips: or scheme:...)")[detail::set<&sipview::uri::text>[uri_rules::bare_sip_uri | uri_rules::absolute_uri<detail::c_addr_sep>]];

} // namespace grammar

namespace detail {

/// Turns a raw URI failure into what a person needs to hear, looking at the
/// byte the parser stopped at and the URI text before it.
inline void explain_uri_error(std::string_view uri_text, std::size_t uri_offset, parse_error& e) noexcept {
    if (e.offset < uri_offset) return;
    std::size_t const at = e.offset - uri_offset;
    std::string_view const before = uri_text.substr(0, at < uri_text.size() ? at : uri_text.size());
    char const ch = at < uri_text.size() ? uri_text[at] : '\0';
    std::size_t const colon = before.find(':');
    std::string_view const after_scheme = colon == std::string_view::npos ? std::string_view{} : before.substr(colon + 1);
    std::string_view const rest = uri_text.substr(at < uri_text.size() ? at : uri_text.size());
    if (e.expected == std::string_view("host") && ch != '[' &&
        ipv6_length(rest.data(), rest.data() + rest.size()) > hostname_length(rest.data(), rest.data() + rest.size()) &&
        rest.find(':') != std::string_view::npos) {
        e.message = "an IPv6 address must be enclosed in brackets";
        e.hint = "write the host as an IPv6reference, e.g. sip:[2001:db8::1]:5060 (RFC 5118)";
    } else if (ch == '@' && after_scheme.find('@') != std::string_view::npos) {
        e.message = "a second unescaped '@': the user part cannot hold '@'";
        e.hint = "escape it as %40 (e.g. 1001%40company1@host), or move the tenant into the host (1001@company1.example.com)";
    } else if (e.expected == std::string_view("host") && (at == uri_text.size() || ch == ';' || ch == '>' || ch == ':' || ch == '?' || ch == ',') && !before.empty() && before.back() == '@') {
        e.message = "the host is missing after the '@'";
        e.hint = "write user@host, e.g. sip:1001@pbx.example.com";
    } else if (e.expected == std::string_view("host") && !before.empty() && before.back() == '@' &&
               ch == '[') {
        e.message = "malformed IPv6 reference";
        e.hint = "an IPv6 host is written [2001:db8::1] with at most 8 groups and one '::'";
    } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
        e.message = "whitespace inside a URI";
        e.hint = "remove it, or escape it as %20";
    } else if (ch == ':' || (e.expected == std::string_view("port (0-65535)") && after_scheme.find(':') != std::string_view::npos &&
                             is(ch, c_hex))) {
        // sip:2001:db8::1 — the host looks like an unbracketed IPv6 address
        std::size_t colons = 0;
        for (char c : after_scheme) colons += c == ':';
        if (colons >= 1 && ch == ':') {
            e.message = "an IPv6 address must be enclosed in brackets";
            e.hint = "write the host as [2001:db8::1]";
        }
    } else if (e.expected == std::string_view("port (0-65535)")) {
        e.hint = "a port is a number from 0 to 65535 (5060 is SIP's default, 5061 for sips)";
    } else if (ch == '%') {
        e.hint = "write '%' itself as %25";
    } else if (ch == '<' || ch == '>' || ch == '"') {
        if (e.hint.empty()) e.hint = "escape the character (%3C, %3E, %22)";
    }
}

} // namespace detail

namespace grammar {
/// A whole input that is one URI (built once: X3 copies a grammar built inside a call).
inline constexpr auto uri_entry = uri >> detail::describe("end of URI")[boost::spirit::x3::eoi];
} // namespace grammar

/// Parses a Request-URI or any URI written inside <>: SIP-URI, SIPS-URI, or
/// absoluteURI for any other scheme. Allocation-free; never throws.
inline result<uri> parse_uri(borrowed_text text) noexcept {
    result<uri> r(std::in_place);
    parse_error err;
    if (!detail::run(text, grammar::uri_entry, *r, err)) {
        detail::explain_uri_error(text, 0, err);
        r.set_error(err);
    }
    return r;
}

} // namespace sipview

#endif
