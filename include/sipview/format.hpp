// sipview — writing parsed values back as SIP text in canonical spacing.
//
// Every AST sipview produces (uri, name_addr, name_addr_list, via, via_list,
// credentials, challenge, cseq, media_type, session_expires, min_se, rack,
// header_field, message) can be written back, either into a caller buffer:
//
//     char buf[512];
//     result<std::string_view> t = format(na, buf, sizeof buf);  // errc::too_large when it does not fit
//     std::size_t need = formatted_size(na);
//
// or through any output iterator (no bound is checked, like std::format_to):
//
//     std::string s;
//     format(na, std::back_inserter(s));
//
// The text is built from the AST's fields (not copied from its `text`), so an
// AST changed or built by hand is written too. Canonical spacing:
//   * no whitespace or line folds around separators: `;name=value`,
//     `SIP/2.0/UDP host:port;branch=...`, `Digest a=b, c=d`, lists joined
//     by ", ";
//   * a token display name is written with single spaces between its words,
//     followed by one SP before '<'; a quoted display name as written;
//   * inside quoted strings and header values of unknown grammar, the CRLF
//     of each line fold is dropped and the whitespace after it kept
//     (RFC 3261 §7.3.1), so decode_quoted() of the result is unchanged;
//   * a header value of known grammar that does not parse (possible with
//     message_options::validate off) is written exactly as it is;
//   * everything else (URIs, tokens, escapes, quoted-pairs, case) as written.
// A header's value is written as its row of the header registry says
// (headers.hpp: typed, the AST in canonical spacing; text, unfolded); the
// writer of an AST defined in a concept header lives there (detail/write.hpp).
// A message is written as its start line, each header line (known headers by
// their canonical name unless format_options says otherwise), the empty line
// and the body, each line ended by CRLF; the body is written unchanged, so
// Content-Length stays right (octets past Content-Length are not part of
// message::text() and are not written).
// Parsing the result gives an equal AST, and formatting is idempotent:
// format(parse(format(x))) == format(x).
//
// Checked mode (format_options::checked, on by default). format() trusts
// nothing it writes: an AST built or changed by hand can hold any bytes, e.g.
// decode_percent("%0D%0A") put into uri::user, which unchecked would write
// `<sip:alice\r\nX-Injected: ...>` (header injection). In checked mode every
// field is first matched against the grammar rule of its position, with the
// library's own rules: the X3 rules of uri.hpp, name_addr.hpp, via.hpp,
// auth.hpp and core.hpp (URI user, password, host, port, parameters and
// headers; display names; header parameters; sent-protocol, sent-by and
// via-params; auth-scheme and auth-params; CSeq number and method; media
// types; tokens), the header-value rule of message validation for values
// written as they are (no control characters, CR LF only in a fold; in a
// known header a quoted-pair may escape any byte but CR and LF), and the
// Reason-Phrase rule with the charset.hpp classes. Field by field rather
// than format-then-reparse: a reparse would accept text whose structure the
// bytes changed (`X: a\r\nInjected: b` is a valid message with one more
// header, a host "h;maddr=x" a valid URI with one more parameter).
// A refused field gives a parse_error (errc::syntax) whose offset is where
// the refused byte would have been written in the output (for fields the
// writer re-spaces, such as quoted strings, display-name words and header
// values with folds, where the writer's output of that field reaches it;
// for a field too short or empty, where the field's output ends; for a
// value the grammar rejects as a whole, such as a Via branch, its control
// byte if it holds one, else its start), `expected` names what the grammar
// wants there, `message` names the byte ("byte 0x0D is not allowed here")
// or what the grammar found wrong, and `hint` says how to fix it. Every value a strict parse produces (message_options::
// validate on) passes the check and formats exactly as unchecked; a message
// parsed with validate off may hold header values with control characters,
// which checked mode refuses like any other.
//   * format(v, buf, cap) returns the error; nothing from the refused field
//     on is written to buf.
//   * format(v, out) writes nothing at all when v is refused (it checks
//     first, then writes) and returns `out`; check_format(v) says why.
//   * formatted_size(v) does not check; check_format(v) does.
// Formats of ASTs straight from a strict parse may set checked = false to
// skip the check (a grammar match per field; the iterator form also walks
// the value twice, to check before it writes).
//
// Nothing allocates. The buffer forms never throw; the iterator form throws
// only what the iterator throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_FORMAT_HPP
#define SIPVIEW_FORMAT_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include <sipview/auth.hpp>
#include <sipview/core.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/message.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/uri.hpp>
#include <sipview/via.hpp>

/// The types format() writes (is_formattable_v), for separate compilation:
/// src.hpp instantiates format(), formatted_size() and check_format() for
/// each and checks the list against the writers (header-only: deduced).
#define SIPVIEW_FORMATTABLE_TYPES(X)                                                                              \
    X(uri) X(tel_uri) X(name_addr) X(diversion) X(history_entry) X(name_addr_list) X(diversion_list)            \
    X(history_info_list) X(via) X(via_list) X(credentials) X(challenge) X(authentication_info) X(cseq)          \
    X(media_type) X(header_field) X(message) X(content_disposition) X(event) X(subscription_state) X(identity)   \
    X(p_charging_vector) X(product_item) X(product_list) X(rack) X(reason) X(reason_list) X(replaces)           \
    X(target_dialog) X(session_expires) X(min_se) X(retry_after) X(sip_date) X(timestamp) X(token_list) X(valued_params)       \
    X(accept_list) X(encoding_list) X(language_list) X(star_params_list) X(token_params_list)                   \
    X(token_or_quoted_params_list) X(warning_value) X(warning_value_list)

namespace sipview {

/// Options of format() for whole messages and header fields.
struct format_options {
    enum class names : unsigned char {
        canonical,   ///< known headers by their canonical long name ("Call-ID", "CSeq"), others as written
        compact,     ///< known headers with a compact form by it ("v", "f", "i"), others as `canonical`
        as_written,  ///< every header name as it was written
    };
    names header_names = names::canonical;
    /// Re-format the values of the headers whose registry row says `typed`
    /// (headers.hpp: From, To, Contact, Route, Via, CSeq, Content-Type, the
    /// credentials and challenges, Session-Expires, RAck...) in canonical
    /// spacing; such a value that does not parse is written as it is. When
    /// false, every value is only unfolded.
    bool typed_values = true;
    /// Checked mode: refuse to write a field holding bytes the grammar does
    /// not accept in its position (a CR LF in a URI user part, an unescaped
    /// '"' in a quoted display name, a control character in a header value...),
    /// with a parse_error saying where and what (see the top of this file).
    /// On by default, for ASTs built or changed by hand; values straight
    /// from a strict parse always pass, and callers formatting only those
    /// may turn it off for speed.
    bool checked = true;
};

namespace detail {
namespace fmt {

// ---------------------------------------------------------------------------
// Sinks: where the characters go.

/// Counts the characters only (formatted_size).
struct count_sink {
    static constexpr bool checking = false;
    std::size_t n = 0;
    void put(char) noexcept { ++n; }
    void put(std::string_view s) noexcept { n += s.size(); }
};

/// Writes into [out, out + cap); counts everything, writes what fits.
struct buffer_sink {
    static constexpr bool checking = false;
    char* out;
    std::size_t cap;
    std::size_t n = 0;
    void put(char c) noexcept {
        if (n < cap) out[n] = c;
        ++n;
    }
    void put(std::string_view s) noexcept {
        if (n < cap && !s.empty()) {
            std::size_t const room = cap - n;
            std::memcpy(out + n, s.data(), s.size() < room ? s.size() : room);
        }
        n += s.size();
    }
};

/// Writes through an output iterator.
template <class It>
struct iterator_sink {
    static constexpr bool checking = false;
    It it;
    void put(char c) {
        *it = c;
        ++it;
    }
    void put(std::string_view s) {
        for (char c : s) {
            *it = c;
            ++it;
        }
    }
};

// ---------------------------------------------------------------------------
// Checked mode: the fields a writer checks before writing them. A sink whose
// `checking` is true (check_sink, below) matches each against the grammar
// rule of its position; for the others check() compiles to nothing.

enum class field : unsigned char {
    uri_scheme_sip,     ///< uri::scheme of a sip: URI: "sip" in any case
    uri_scheme_sips,    ///< uri::scheme of a sips: URI: "sips" in any case
    uri_scheme,         ///< scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    uri_opaque,         ///< absoluteURI text after "scheme:" (uric run)
    uri_opaque_sip,     ///< the opaque part of a non-SIP uri whose scheme is sip/sips: a SIP-URI's rest
    uri_opaque_tel,     ///< the opaque part of a uri whose scheme is tel: a telephone-subscriber (RFC 3966)
    uri_user,           ///< user
    uri_password,       ///< password
    uri_host,           ///< host
    uri_port,           ///< port
    uri_params,         ///< uri-parameters
    uri_headers,        ///< headers, without the '?'
    display_quoted,     ///< display-name as a quoted-string
    display_words,      ///< display-name as *(token LWS)
    header_params,      ///< *( SEMI param ) after a name-addr (tag, q, expires checked)
    via_protocol,       ///< protocol-name, protocol-version, transport
    via_host,           ///< sent-by host
    via_port,           ///< sent-by port
    via_params,         ///< *( SEMI via-params ) (branch, received, rport, ttl, maddr checked)
    auth_scheme,        ///< auth-scheme
    credentials_digest, ///< digest-response
    challenge_digest,   ///< digest-cln *(COMMA digest-cln)
    bearer_token,       ///< bearer-response = b64token (RFC 8898)
    challenge_bearer,   ///< bearer-cln *(COMMA bearer-cln) (RFC 8898)
    auth_params,        ///< auth-param *(COMMA auth-param) of another scheme
    cseq_number,        ///< CSeq 1*DIGIT below 2**31
    method,             ///< Method (CSeq, request line)
    media_type,         ///< m-type
    media_subtype,      ///< m-subtype
    media_params,       ///< *( SEMI m-parameter )
    header_name,        ///< field-name = token
    header_value,       ///< a value of unknown grammar written as it is: TEXT-UTF8 text and folds
    header_value_folded,///< the same, written unfolded
    known_value,        ///< a known header's value written as it is: the same, quoted-pairs escaping any byte but CR and LF
    known_value_folded, ///< the same, written unfolded
    version,            ///< SIP-Version
    reason,             ///< Reason-Phrase
};

/// Before a writer puts field `f` with value `v`: checks it (checking sinks only).
template <class S>
inline void check(S& s, field f, std::string_view v) noexcept {
    if constexpr (S::checking) s.verify(f, v);
    else {
        (void)s;
        (void)f;
        (void)v;
    }
}

// (The pieces every writer shares, quoted(), value(), params(), decimal(),
// number() and words()/unfolded(), are in detail/write.hpp.)

// ---------------------------------------------------------------------------
// One writer per AST.
// Separate compilation (detail/config.hpp): the writers, the checked mode's
// rules and check_sink are compiled in src.hpp; user TUs see only the
// declarations of the public functions below, instantiated there for every
// type of SIPVIEW_FORMATTABLE_TYPES.
#if SIPVIEW_HAS_GRAMMARS

/// SIP-URI / SIPS-URI from its fields; any other scheme as scheme ":" opaque.
template <class S>
inline void write(S& s, uri const& u, format_options const&) {
    std::string_view const scheme =
        !u.scheme.empty() ? u.scheme : u.kind == uri_scheme::sips ? std::string_view("sips") : u.kind == uri_scheme::sip ? std::string_view("sip")
                                     : u.kind == uri_scheme::tel ? std::string_view("tel") : std::string_view{};
    if (!u.is_sip()) check(s, field::uri_scheme, scheme);
    else if (!u.scheme.empty()) check(s, u.is_secure() ? field::uri_scheme_sips : field::uri_scheme_sip, scheme);
    s.put(scheme);
    s.put(':');
    if (!u.is_sip()) {
        // "sip:"/"sips:" is read back as a SIP-URI, whatever uri::kind said
        check(s, iequals(scheme, "sip") || iequals(scheme, "sips") ? field::uri_opaque_sip
                 : iequals(scheme, "tel")                            ? field::uri_opaque_tel
                                                                     : field::uri_opaque,
              u.opaque);
        s.put(u.opaque);
        return;
    }
    if (u.user) {
        check(s, field::uri_user, *u.user);
        s.put(*u.user);
        if (u.password) {
            s.put(':');
            check(s, field::uri_password, *u.password);
            s.put(*u.password);
        }
        s.put('@');
    }
    check(s, field::uri_host, u.host);
    s.put(u.host);
    if (u.port_text) {
        s.put(':');
        check(s, field::uri_port, *u.port_text);
        s.put(*u.port_text);
    }
    check(s, field::uri_params, u.params_text);
    params(s, u.params(), ';');
    if (u.headers_text) {
        if (!u.headers_text->empty()) check(s, field::uri_headers, *u.headers_text);  // an empty one writes nothing
        char lead = '?';
        for (auto const& h : u.headers()) {
            s.put(lead);
            lead = '&';
            s.put(h.name);
            s.put('=');
            if (h.value) s.put(*h.value);
        }
    }
}

/// Whether a URI must be written inside <> in a name-addr: it has
/// parameters or headers, or a ',' ';' '?' anywhere (RFC 3261 §20).
inline bool needs_brackets(uri const& u) noexcept {
    if (!u.params_text.empty() || u.headers_text) return true;
    auto has_sep = [](std::string_view v) {
        for (char c : v)
            if (c == ',' || c == ';' || c == '?') return true;
        return false;
    };
    if (!u.is_sip()) return has_sep(u.opaque);
    return (u.user && has_sep(*u.user)) || (u.password && has_sep(*u.password));
}

/// [display-name SP] "<" URI ">" *( ";" param ), or a bare addr-spec when
/// it was written without <> (and can be).
template <class S>
inline void write(S& s, name_addr const& n, format_options const& o) {
    bool const has_name = n.display_name && (n.display_name_quoted || !n.display_name->empty());
    bool const brackets = n.bracketed || has_name || needs_brackets(n.uri);
    if (has_name) {
        check(s, n.display_name_quoted ? field::display_quoted : field::display_words, *n.display_name);
        if (n.display_name_quoted) quoted(s, *n.display_name);
        else words(s, *n.display_name);
        s.put(' ');
    }
    if (brackets) s.put('<');
    write(s, n.uri, o);
    if (brackets) s.put('>');
    check(s, field::header_params, n.params_text);
    params(s, n.params(), ';');
}

/// Contact `*`, or the elements joined by ", ".
template <class S, class Element>
inline void write(S& s, basic_name_addr_list<Element> const& l, format_options const& o) {
    if (l.is_star()) {
        s.put('*');
        return;
    }
    bool first = true;
    for (auto const& n : l) {
        if (!first) s.put(", ");
        write(s, static_cast<name_addr const&>(n), o);
        first = false;
    }
}

/// protocol-name "/" protocol-version "/" transport SP host [":" port] *( ";" via-params )
template <class S>
inline void write(S& s, via const& v, format_options const&) {
    check(s, field::via_protocol, v.protocol_name);
    s.put(v.protocol_name);
    s.put('/');
    check(s, field::via_protocol, v.protocol_version);
    s.put(v.protocol_version);
    s.put('/');
    check(s, field::via_protocol, v.transport);
    s.put(v.transport);
    s.put(' ');
    check(s, field::via_host, v.host);
    s.put(v.host);
    if (v.port_text) {
        s.put(':');
        check(s, field::via_port, *v.port_text);
        s.put(*v.port_text);
    }
    check(s, field::via_params, v.params_text);
    params(s, v.params(), ';');
}

template <class S>
inline void write(S& s, via_list const& l, format_options const& o) {
    bool first = true;
    for (auto const& v : l) {
        if (!first) s.put(", ");
        write(s, v, o);
        first = false;
    }
}

/// auth-scheme [SP auth-param *( ", " auth-param )], auth-param = name "=" value.
template <class S>
inline void auth(S& s, std::string_view scheme, param_range const& r) {
    s.put(scheme);
    bool first = true;
    for (auto const& p : r) {
        s.put(first ? std::string_view(" ") : std::string_view(", "));
        first = false;
        s.put(p.name);
        if (p.value) {
            s.put('=');
            value(s, *p.value);
        }
    }
}

/// Authorization / Proxy-Authorization value: `Digest username="a", realm="b", ...`.
template <class S>
inline void write(S& s, credentials const& c, format_options const&) {
    check(s, field::auth_scheme, c.scheme);
    s.put(c.scheme);
    if (c.is_bearer()) {  // `Bearer b64token`: one token, no auth-params
        s.put(' ');
        check(s, field::bearer_token, c.params_text);
        s.put(c.params_text);
        return;
    }
    check(s, c.is_digest() ? field::credentials_digest : field::auth_params, c.params_text);
    auth(s, {}, c.params());
}

/// WWW-Authenticate / Proxy-Authenticate value: `Digest realm="a", nonce="b", ...`.
template <class S>
inline void write(S& s, challenge const& c, format_options const&) {
    check(s, field::auth_scheme, c.scheme);
    s.put(c.scheme);
    check(s, c.is_digest() ? field::challenge_digest : c.is_bearer() ? field::challenge_bearer : field::auth_params, c.params_text);
    auth(s, {}, c.params());
    if (!c.following.empty()) {  // allow_multiple_challenges: the further challenges, as written
        s.put(", ");
        s.put(c.following);
    }
}

/// number SP method (the number as written when known, leading zeros kept).
template <class S>
inline void write(S& s, cseq const& c, format_options const&) {
    char buf[20];
    std::string_view const digits = !c.number_text.empty() ? c.number_text : decimal(c.number, buf);
    check(s, field::cseq_number, digits);
    s.put(digits);
    s.put(' ');
    check(s, field::method, c.method);
    s.put(c.method);
}

/// type "/" subtype *( ";" attribute "=" value )
template <class S>
inline void write(S& s, media_type const& m, format_options const&) {
    check(s, field::media_type, m.type);
    s.put(m.type);
    s.put('/');
    check(s, field::media_subtype, m.subtype);
    s.put(m.subtype);
    check(s, field::media_params, m.params_text);
    params(s, m.params(), ';');
}

/// The value of one header field: a typed header in canonical spacing when
/// it parses, as written when it does not (unfolding it could make it
/// parse, and formatting would no longer be idempotent); any other value
/// unfolded.
template <class S>
inline void header_value(S& s, header_field const& h, format_options const& o) {
    bool const known = h.id != header_id::other;
    if (!o.typed_values) {
        check(s, known ? field::known_value_folded : field::header_value_folded, h.value);
        return unfolded(s, h.value);
    }
    bool const written = visit_header(h.id, [&](auto tag) {
        using H = decltype(tag);
        if constexpr (H::format == value_format::typed) {
            if (auto r = H::parse(h.value)) return write(s, *r, o);
            check(s, field::known_value, h.value);
            s.put(h.value);
        } else {
            check(s, field::known_value_folded, h.value);
            unfolded(s, h.value);
        }
    });
    if (!written) {
        check(s, field::header_value_folded, h.value);
        unfolded(s, h.value);
    }
}

/// name ":" SP value (no SP after ':' when the value is empty).
template <class S>
inline void write(S& s, header_field const& h, format_options const& o) {
    if (h.id != header_id::other && o.header_names != format_options::names::as_written) {
        char const c = compact_form(h.id);
        if (o.header_names == format_options::names::compact && c != '\0') s.put(c);
        else s.put(to_string(h.id));
    } else {
        check(s, field::header_name, h.name);
        s.put(h.name);
    }
    s.put(':');
    if (!h.value.empty()) {
        s.put(' ');
        header_value(s, h, o);
    }
}

/// Start line CRLF, each header CRLF, CRLF, body.
template <class S>
inline void write(S& s, message const& m, format_options const& o) {
    // (a message's start line only ever comes from parse_message, which
    // checks it as strictly; it is checked all the same)
    if (m.is_request()) {
        check(s, field::method, m.method());
        s.put(m.method());
        s.put(' ');
        write(s, m.request_uri(), o);
        s.put(' ');
        check(s, field::version, m.version());
        s.put(m.version());
    } else {
        check(s, field::version, m.version());
        s.put(m.version());
        s.put(' ');
        std::uint16_t const code = m.status_code();
        if (code < 100) s.put('0');
        if (code < 10) s.put('0');
        number(s, code);
        s.put(' ');
        check(s, field::reason, m.reason());
        s.put(m.reason());
    }
    s.put(crlf);
    for (auto const& h : m.headers()) {
        write(s, h, o);
        s.put(crlf);
    }
    s.put(crlf);
    s.put(m.body());
}

// ---------------------------------------------------------------------------
// Checked mode: the rule of each field, and the sink that applies them.

namespace rules {
using namespace sipview::detail;
namespace g = sipview::detail::grammar;
namespace ur = sipview::detail::grammar::uri_rules;

/// The AST of the rules that capture nothing.
struct none {};

// Rules that the grammar headers use inline rather than name, composed here
// from the same pieces (each says where it comes from).
/// absoluteURI's scheme and opaque part (uri_rules::absolute_uri).
inline constexpr auto scheme = char_of<c_alpha>{} >> *char_of<scheme_chars>{};
inline constexpr escaped_run_of<uric_chars> opaque{};
/// What follows "sip:" in a SIP-URI (uri_rules::sip_uri).
inline constexpr auto sip_rest = -ur::userinfo<0> >> ur::hostport >> ur::uri_parameters >> -ur::uri_headers;
/// user and password (uri_rules::userinfo).
inline constexpr escaped_run_of<user_chars> user{};
inline constexpr auto password = -escaped_run_of<password_chars>{};
/// header *( "&" header ) (uri_rules::uri_headers without its '?').
inline constexpr auto uri_headers = ur::uri_header >> *(x3::lit('&') >> ur::uri_header);
/// display-name = *(token LWS) (name_addr_rules::display_name); the LWS
/// around it is allowed, since the writer drops it.
inline constexpr auto display_words = g::SWS >> g::token >> *(g::LWS >> g::token) >> g::SWS;
/// *( SEMI m-parameter ) (message_impl::media_type_grammar).
inline constexpr auto media_params = *(g::SEMI >> g::token >> g::EQUAL >> (g::quoted | g::token));
/// CSeq's 1*DIGIT below 2**31 (message_impl::cseq_grammar).
inline constexpr message_impl::bounded_number cseq_number(0x7FFFFFFFu, diag::msg_cseq_range);

/// What follows "tel:": telephone-subscriber (tel.hpp's scanner, RFC 3966).
struct tel_subscriber_rule : primitive<tel_subscriber_rule> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        tel_impl::scan_state st;
        tel_uri t;
        if (!tel_impl::scan_subscriber(first, last, false, t, st)) {
            report(ctx, st.at, st.id);
            return false;
        }
        first = st.end;
        return true;
    }
};

/// Whether all of `v` matches `g` (with a fresh Ast in context); if not,
/// `at` is where it stops matching and `why` the grammar's diagnostic.
template <class Ast = none, class G>
inline bool matches(G const& g, std::string_view v, std::size_t& at, diag& why) noexcept {
    Ast ast{};
    parse_error e;
    if (sipview::detail::run(v, g, ast, e)) return true;
    at = e.offset;
    why = e.id;
    return false;
}

/// `v` is `lower` in any case (a SIP URI's scheme against uri::kind).
inline bool is_word(std::string_view v, std::string_view lower, std::size_t& at) noexcept {
    std::size_t i = 0;
    while (i < v.size() && i < lower.size() && ascii_lower(v[i]) == lower[i]) ++i;
    if (i == v.size() && i == lower.size()) return true;
    at = i;
    return false;
}

/// Reason-Phrase = *( reserved / unreserved / escaped / UTF8-NONASCII /
/// UTF8-CONT / SP / HTAB ): the loop of the status-line parser (message.hpp),
/// which has no rule of its own to call.
inline bool reason_phrase(std::string_view v, std::size_t& at) noexcept {
    char const* const b = v.data();
    char const* const e = b + v.size();
    for (char const* x = b; x != e;) {
        unsigned char const ch = static_cast<unsigned char>(*x);
        if (ch == '%') {
            if (e - x >= 3 && is(x[1], c_hex) && is(x[2], c_hex)) { x += 3; continue; }
        } else if (ch < 0x80) {
            if (is(*x, alphanum | c_reason_x)) { ++x; continue; }
        } else if (ch <= 0xBF) {  // UTF8-CONT
            ++x;
            continue;
        } else if (std::size_t const n = utf8_nonascii_length(x, e)) {
            x += n;
            continue;
        }
        at = static_cast<std::size_t>(x - b);
        return false;
    }
    return true;
}

/// Whether `v` is acceptable as field `f`; if not, `at` is the offset in `v`
/// where the grammar stops and `why` its diagnostic (may be generic).
inline bool acceptable(field f, std::string_view v, std::size_t& at, diag& why) noexcept {
    switch (f) {
    case field::uri_scheme_sip: return is_word(v, "sip", at);
    case field::uri_scheme_sips: return is_word(v, "sips", at);
    case field::uri_scheme: return matches(scheme, v, at, why);
    case field::uri_opaque: return matches(opaque, v, at, why);
    case field::uri_opaque_sip: return matches<sipview::uri>(sip_rest, v, at, why);
    case field::uri_opaque_tel: return matches(tel_subscriber_rule{}, v, at, why);
    case field::uri_user: return matches(user, v, at, why);
    case field::uri_password: return matches(password, v, at, why);
    case field::uri_host: return matches<sipview::uri>(host_into<&sipview::uri::host, &sipview::uri::host_kind>{}, v, at, why);
    case field::uri_port: return matches(port_parser{}, v, at, why);
    case field::uri_params: return matches(ur::uri_parameters, v, at, why);
    case field::uri_headers: return matches(uri_headers, v, at, why);
    case field::display_quoted:
        if (matches(g::quoted, v, at, why)) return true;
        if (at > 0 && at < v.size() && v[at - 1] == '"') {  // closed before its end: that '"' is the culprit
            --at;
            why = diag::msg_format_quote_early;
        }
        return false;
    case field::display_words: return matches(display_words, v, at, why);
    case field::header_params: return matches<sipview::name_addr>(g::name_addr_rules::header_params, v, at, why);
    case field::via_protocol: return matches(g::token, v, at, why);
    case field::via_host: return matches<sipview::via>(via_impl::sent_by_host<&sipview::via::host, &sipview::via::host_kind>{}, v, at, why);
    case field::via_port: return matches(port_parser{}, v, at, why);
    case field::via_params: return matches<sipview::via>(g::via_rules::via_params, v, at, why);
    case field::auth_scheme: return matches(g::auth_rules::tok, v, at, why);
    case field::credentials_digest: return matches<sipview::credentials>(g::auth_rules::digest_response, v, at, why);
    case field::challenge_digest: return matches<sipview::challenge>(g::auth_rules::digest_challenge, v, at, why);
    case field::bearer_token: return matches(g::auth_rules::bearer_response, v, at, why);
    case field::challenge_bearer: return matches(g::auth_rules::bearer_challenge, v, at, why);
    case field::auth_params: return matches(g::auth_rules::auth_params, v, at, why);
    case field::cseq_number: return matches(cseq_number, v, at, why);
    case field::method:
    case field::media_type:
    case field::media_subtype:
    case field::header_name: return matches(g::token, v, at, why);
    case field::media_params: return matches(media_params, v, at, why);
    case field::header_value:
    case field::header_value_folded:
    case field::known_value:
    case field::known_value_folded: {
        // The header-value rule of message validation. As there, a
        // quoted-pair in a known header's quoted-string or comment may escape
        // any byte but CR and LF (RFC 3261 §25.1; validate() allows it for
        // the headers whose grammar it checks, a subset of the known ones);
        // a header of unknown grammar gets the plain rule.
        bool const quoted_pairs = f == field::known_value || f == field::known_value_folded;
        std::size_t const bad = message_impl::check_text_value(v, quoted_pairs);
        if (bad == std::string_view::npos) return true;
        at = bad;
        return false;
    }
    case field::version: {
        bool supported = false;
        std::size_t const n = v.empty() ? 0 : message_impl::version_length(v.data(), v.data() + v.size(), supported);
        if (n != 0 && n == v.size() && supported) return true;
        at = n < v.size() ? n : 0;
        return false;
    }
    case field::reason: return reason_phrase(v, at);
    }
    return true;
}

} // namespace rules

/// How a writer turns a field into output, for the output offset of a byte.
enum class shape : unsigned char { verbatim, after_lead, quoted, words, unfolded, params, auth };

/// What a refused field says: what its position wants, and how to fix it.
struct field_info {
    char const* expected;
    char const* hint;
    shape how;
};

inline constexpr char hint_escape[] =
    "percent-encode the value (%HH) before putting it in the URI: e.g. CR is %0D, LF %0A, '@' %40";

inline constexpr field_info info(field f) noexcept {
    switch (f) {
    case field::uri_scheme_sip:
    case field::uri_scheme_sips:
        return {"the scheme of uri::kind (sip or sips)", "leave uri::scheme empty, or make it agree with uri::kind", shape::verbatim};
    case field::uri_scheme:
        return {"URI scheme (a letter, then letters, digits, '+', '-' or '.')",
                "set uri::scheme (e.g. tel), or uri::kind for a sip: or sips: URI", shape::verbatim};
    case field::uri_opaque: return {"URI characters after the scheme (escape others as %HH)", hint_escape, shape::verbatim};
    case field::uri_opaque_sip:
        return {"the rest of a SIP URI: [user[:password]@]host[:port][;params][?headers]",
                "a sip: or sips: URI is built from its fields: set uri::kind, user, host...", shape::verbatim};
    case field::uri_opaque_tel:
        return {"telephone-subscriber: +digits or a local number with ;phone-context=, then ;name[=value] parameters",
                "a local number needs ;phone-context=; separators are - . ( ); escape other bytes as %HH", shape::verbatim};
    case field::uri_user: return {"SIP URI user characters (escape others as %HH)", hint_escape, shape::verbatim};
    case field::uri_password: return {"SIP URI password characters (escape others as %HH)", hint_escape, shape::verbatim};
    case field::uri_host:
        return {"host (hostname, IPv4 address or [IPv6 address])",
                "a host has no escapes: check it is a hostname or an IP address before putting it in the URI", shape::verbatim};
    case field::uri_port: return {"port (0-65535)", "a port is 1 to 5 digits, at most 65535", shape::verbatim};
    case field::uri_params: return {"URI parameters: ;name[=value] (escape other characters as %HH)", hint_escape, shape::params};
    case field::uri_headers: return {"URI headers: name=value joined by '&' (escape other characters as %HH)", hint_escape, shape::after_lead};
    case field::display_quoted:
        return {"quoted display name: '\"' text '\"' with '\"' and '\\' escaped by '\\'",
                "escape '\"' and '\\' as \\\" and \\\\; CR, LF and NUL cannot be written in a display name", shape::quoted};
    case field::display_words:
        return {"display name words (tokens separated by whitespace)",
                "quote the display name (name_addr::display_name_quoted) to use other characters; CR, LF and NUL cannot be written",
                shape::words};
    case field::header_params:
        return {"header parameters: ;name[=value], the value a token, host or quoted-string",
                "quote a value that is not a token; tag is a token, q 0 to 1, expires a number; CR, LF and NUL cannot be written",
                shape::params};
    case field::via_protocol: return {"sent-protocol part (token, e.g. SIP, 2.0, UDP)", "", shape::verbatim};
    case field::via_host:
        return {"sent-by host (hostname, IPv4 address or [IPv6 address])",
                "check the host is a hostname or an IP address before putting it in the Via", shape::verbatim};
    case field::via_port: return {"sent-by port (0-65535)", "a port is 1 to 5 digits, at most 65535", shape::verbatim};
    case field::via_params:
        return {"Via parameters: ;name[=value], branch a token, received an address",
                "quote a value that is not a token, host or number; CR, LF and NUL cannot be written", shape::params};
    case field::auth_scheme: return {"auth-scheme (token, e.g. Digest)", "", shape::verbatim};
    case field::bearer_token:
        return {"bearer token (b64token: letters, digits, - . _ ~ + / then '=' padding)",
                "a Bearer credential is one token; encode other bytes (e.g. base64url) before putting it here", shape::verbatim};
    case field::credentials_digest:
    case field::challenge_digest:
    case field::challenge_bearer:
    case field::auth_params:
        return {"auth-params: name=token or name=\"quoted-string\" joined by ','",
                "quote a value that is not a token, escaping '\"' and '\\'; CR, LF and NUL cannot be written", shape::auth};
    case field::cseq_number: return {"CSeq number (digits, below 2**31)", "", shape::verbatim};
    case field::method: return {"method (token)", "", shape::verbatim};
    case field::media_type: return {"media type (token)", "", shape::verbatim};
    case field::media_subtype: return {"media subtype (token)", "", shape::verbatim};
    case field::media_params:
        return {"media type parameters: ;name=value, the value a token or quoted-string",
                "quote a value that is not a token; CR, LF and NUL cannot be written", shape::params};
    case field::header_name:
        return {"header name (token)", "a header name is letters, digits and - . ! % * _ + ` ' ~", shape::verbatim};
    case field::header_value:
    case field::header_value_folded:
    case field::known_value:
    case field::known_value_folded:
        return {"header value text (no control characters; CR LF only in a line fold, before SP or HTAB)",
                "remove CR, LF and other control characters from the value (fold a long line as CRLF SP)",
                f == field::header_value || f == field::known_value ? shape::verbatim : shape::unfolded};
    case field::version: return {"SIP-Version (SIP/2.0)", "", shape::verbatim};
    case field::reason: return {"Reason-Phrase characters (escape others as %HH)", "", shape::verbatim};
    }
    return {"", "", shape::verbatim};
}

/// "byte 0xHH is not allowed here", for each byte (static: parse_error owns nothing).
struct byte_messages {
    static constexpr char pattern[] = "byte 0x00 is not allowed here";
    char text[256][sizeof pattern];
    constexpr byte_messages() : text{} {
        for (unsigned c = 0; c < 256; ++c) {
            for (std::size_t i = 0; i < sizeof pattern; ++i) text[c][i] = pattern[i];
            text[c][7] = "0123456789ABCDEF"[c >> 4];
            text[c][8] = "0123456789ABCDEF"[c & 15];
        }
    }
    std::string_view operator[](char c) const noexcept {
        return std::string_view(text[static_cast<unsigned char>(c)], sizeof pattern - 1);
    }
};
inline constexpr byte_messages byte_message{};

/// The number of bytes the writer of a field of shape `how` writes for its
/// first bytes `prefix`.
inline std::size_t written_size(shape how, std::string_view prefix) noexcept {
    count_sink c;
    switch (how) {
    case shape::verbatim: return prefix.size();
    case shape::after_lead: return 1 + prefix.size();
    case shape::quoted: quoted(c, prefix); break;
    case shape::words:
        words(c, prefix);
        // after a word, whitespace ending the prefix is the one SP written before the next word
        if (c.n != 0 && !prefix.empty() && is_lws_char(prefix.back())) ++c.n;
        break;
    case shape::unfolded: unfolded(c, prefix); break;
    case shape::params: params(c, param_range(prefix, ';'), ';'); break;
    case shape::auth: auth(c, {}, param_range(prefix, ',')); break;
    }
    return c.n;
}

/// Checked mode's sink: counts, checks each field before it is written
/// (keeping the first refusal) and, given a buffer, writes what fits until
/// a field is refused.
struct check_sink {
    static constexpr bool checking = true;
    char* out = nullptr;
    std::size_t cap = 0;
    std::size_t n = 0;
    std::optional<parse_error> error;

    check_sink() noexcept = default;
    check_sink(char* buffer, std::size_t capacity) noexcept : out(buffer), cap(capacity) {}

    void put(char c) noexcept {
        if (n < cap && !error) out[n] = c;
        ++n;
    }
    void put(std::string_view s) noexcept {
        if (n < cap && !s.empty() && !error) {
            std::size_t const room = cap - n;
            std::memcpy(out + n, s.data(), s.size() < room ? s.size() : room);
        }
        n += s.size();
    }
    void verify(field f, std::string_view v) noexcept {
        if (error) return;
        std::size_t at = 0;
        diag why = diag::none;
        if (rules::acceptable(f, v, at, why)) return;
        field_info const i = info(f);
        refuse(v, at, why, i.expected, i.hint, i.how);
    }
    /// check_rule() of a writer outside this file (detail/write.hpp).
    template <class Ast, class Rule>
    void verify_rule(Rule const& rule, std::string_view v, rule_info const& i) noexcept {
        if (error) return;
        std::size_t at = 0;
        diag why = diag::none;
        if (rules::matches<Ast>(rule, v, at, why)) return;
        refuse(v, at, why, i.expected, i.hint, i.shape == rule_shape::params ? shape::params : shape::verbatim);
    }

private:
    /// Records the refusal of field value `v`, which its rule stops matching at `at`.
    /// The error's id is the grammar's diagnostic, or msg_format_byte /
    /// msg_format_ends_early when the grammar has nothing precise to say;
    /// expected and hint are those of the field's position.
    void refuse(std::string_view v, std::size_t at, diag why, char const* expected, char const* hint, shape how) noexcept {
        if (at > v.size()) at = v.size();
        auto const control = [](char ch) {
            unsigned char const b = static_cast<unsigned char>(ch);
            return b < 0x20 || b == 0x7F;
        };
        // A value the grammar rejects as a whole (a Via branch, ttl...) fails
        // at its first byte: the refused byte is the control byte in it.
        if (at < v.size() && !control(v[at])) {
            for (std::size_t k = at + 1; k < v.size() && v[k] != ';' && v[k] != ',' && v[k] != ' ' && v[k] != '\t'; ++k) {
                if (control(v[k])) {
                    at = k;
                    why = diag::none;
                    break;
                }
            }
        }
        // The byte itself when the grammar has nothing more precise to say (or it is a control byte).
        // (positional rows have no message of their own: "unexpected character")
        bool const generic = why == diag::none || why == diag::unexpected_character || why == diag::unexpected_end ||
                             sipview::info(why).message.empty();
        std::string_view msg = generic ? std::string_view() : sipview::info(why).message;
        if (at < v.size()) {
            if (generic || control(v[at])) {
                why = diag::msg_format_byte;
                msg = byte_message[v[at]];
            }
        } else if (generic) {
            why = diag::msg_format_ends_early;
            msg = sipview::info(why).message;
        }
        parse_error e = make_error(why, n + written_size(how, v.substr(0, at)));
        e.code = errc::syntax;
        e.expected = expected;
        e.message = msg;
        e.hint = hint;
        error = e;
    }
};
#endif // SIPVIEW_HAS_GRAMMARS

#if !defined(SIPVIEW_SEPARATE_COMPILATION)
template <class T, class = void>
struct formattable : std::false_type {};
template <class T>
struct formattable<T, std::void_t<decltype(write(std::declval<count_sink&>(), std::declval<T const&>(),
                                                 std::declval<format_options const&>()))>> : std::true_type {};
#else
// Separate compilation: the types format() writes are listed (src.hpp checks
// the list against the writers and instantiates format() for each).
template <class T, class = void>
struct formattable : std::false_type {};
#define SIPVIEW_FORMATTABLE(T) \
    template <>                \
    struct formattable<T> : std::true_type {};
SIPVIEW_FORMATTABLE_TYPES(SIPVIEW_FORMATTABLE)
#undef SIPVIEW_FORMATTABLE

/// format(v, out)'s sink in separate mode: the output iterator behind a
/// function pointer, so that the writers are compiled once (write_erased).
struct erased_sink {
    static constexpr bool checking = false;
    void* target;
    void (*put_text)(void*, std::string_view);
    void put(char c) { put_text(target, std::string_view(&c, 1)); }
    void put(std::string_view s) { put_text(target, s); }
};
/// write(s, v, o) into an erased_sink: defined and instantiated in src.hpp.
template <class T>
void write_erased(erased_sink& s, T const& v, format_options const& o);
#endif

} // namespace fmt
} // namespace detail

/// True for the types format() writes.
template <class T>
inline constexpr bool is_formattable_v = detail::fmt::formattable<T>::value;

/// The number of characters format(v, ...) writes when it writes `v`. It does
/// not check `v` (checked mode): check_format(v) does.
#if SIPVIEW_HAS_DEFINITIONS
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
SIPVIEW_DECL std::size_t formatted_size(T const& v, format_options const& opts = {}) noexcept {
    detail::fmt::count_sink s;
    detail::fmt::write(s, v, opts);
    return s.n;
}
#else
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
std::size_t formatted_size(T const& v, format_options const& opts = {}) noexcept;
#endif

/// Checks `v` as checked mode does (whatever opts.checked says; the other
/// options choose what is written): nullopt when format(v, ..., opts) would
/// write it, else the refusal format(v, buf, cap, opts) returns in checked
/// mode (errc::syntax, offset into the text that would be written).
/// Allocation-free; never throws.
#if SIPVIEW_HAS_DEFINITIONS
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
SIPVIEW_DECL std::optional<parse_error> check_format(T const& v, format_options const& opts = {}) noexcept {
    detail::fmt::check_sink s;
    detail::fmt::write(s, v, opts);
    return s.error;
}
#else
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
std::optional<parse_error> check_format(T const& v, format_options const& opts = {}) noexcept;
#endif

/// Writes `v` in canonical spacing into [out, out + capacity). Returns the
/// text written (a view of `out`); in checked mode (the default) the
/// refusal of a field holding bytes its position does not allow (see
/// check_format; nothing from that field on is written); else errc::too_large
/// (offset = capacity) when it does not fit: formatted_size(v) is the
/// capacity needed. Allocation-free; never throws.
#if SIPVIEW_HAS_DEFINITIONS
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
SIPVIEW_DECL result<std::string_view> format(T const& v, char* out, std::size_t capacity, format_options const& opts = {}) noexcept {
    std::size_t n = 0;
    if (opts.checked) {
        detail::fmt::check_sink s{out, capacity};
        detail::fmt::write(s, v, opts);
        if (s.error) return *s.error;
        n = s.n;
    } else {
        detail::fmt::buffer_sink s{out, capacity};
        detail::fmt::write(s, v, opts);
        n = s.n;
    }
    if (n > capacity)
        return make_error(diag::msg_format_buffer_full, capacity);
    return std::string_view(out, n);
}
#else
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
result<std::string_view> format(T const& v, char* out, std::size_t capacity, format_options const& opts = {}) noexcept;
#endif

/// Writes `v` in canonical spacing through an output iterator (no bound is
/// checked); returns the iterator past the last character written. In
/// checked mode (the default) `v` is checked before anything is written:
/// when it is refused nothing at all is written and `out` is returned as it
/// was; check_format(v, opts) gives the reason (call it first to tell).
#if !defined(SIPVIEW_SEPARATE_COMPILATION)
template <class T, class OutputIt,
          std::enable_if_t<is_formattable_v<T> && !std::is_same_v<std::decay_t<OutputIt>, format_options>, int> = 0>
inline OutputIt format(T const& v, OutputIt out, format_options const& opts = {}) {
    if (opts.checked && check_format(v, opts)) return out;
    detail::fmt::iterator_sink<OutputIt> s{out};
    detail::fmt::write(s, v, opts);
    return s.it;
}
#else
// Separate compilation: the same, through the writers compiled in src.hpp.
template <class T, class OutputIt,
          std::enable_if_t<is_formattable_v<T> && !std::is_same_v<std::decay_t<OutputIt>, format_options>, int> = 0>
inline OutputIt format(T const& v, OutputIt out, format_options const& opts = {}) {
    if (opts.checked && check_format(v, opts)) return out;
    detail::fmt::erased_sink s{&out, [](void* target, std::string_view text) {
                                   OutputIt& it = *static_cast<OutputIt*>(target);
                                   for (char c : text) {
                                       *it = c;
                                       ++it;
                                   }
                               }};
    detail::fmt::write_erased(s, v, opts);
    return out;
}
#endif

} // namespace sipview

#endif
