// sipview — writing parsed values back as SIP text in canonical spacing.
//
// Every AST sipview produces (uri, name_addr, name_addr_list, via, via_list,
// credentials, challenge, cseq, media_type, header_field, message) can be
// written back, either into a caller buffer:
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
// A message is written as its start line, each header line (known headers by
// their canonical name unless format_options says otherwise), the empty line
// and the body, each line ended by CRLF; the body is written unchanged, so
// Content-Length stays right (octets past Content-Length are not part of
// message::text() and are not written).
// Parsing the result gives an equal AST, and formatting is idempotent:
// format(parse(format(x))) == format(x).
//
// Nothing allocates. The buffer forms never throw; the iterator form throws
// only what the iterator throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_FORMAT_HPP
#define SIPVIEW_FORMAT_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>

#include <sipview/auth.hpp>
#include <sipview/core.hpp>
#include <sipview/error.hpp>
#include <sipview/message.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/uri.hpp>
#include <sipview/via.hpp>

namespace sipview {

/// Options of format() for whole messages and header fields.
struct format_options {
    enum class names : unsigned char {
        canonical,   ///< known headers by their canonical long name ("Call-ID", "CSeq"), others as written
        compact,     ///< known headers with a compact form by it ("v", "f", "i"), others as `canonical`
        as_written,  ///< every header name as it was written
    };
    names header_names = names::canonical;
    /// Re-format the values of the headers sipview knows the grammar of
    /// (From, To, Contact, Route, Record-Route, Via, CSeq, Content-Type,
    /// Authorization, Proxy-Authorization, WWW-Authenticate,
    /// Proxy-Authenticate) in canonical spacing; such a value that does not
    /// parse is written as it is. When false, every value is only unfolded.
    bool typed_values = true;
};

namespace detail {
namespace fmt {

// ---------------------------------------------------------------------------
// Sinks: where the characters go.

/// Counts the characters only (formatted_size).
struct count_sink {
    std::size_t n = 0;
    void put(char) noexcept { ++n; }
    void put(std::string_view s) noexcept { n += s.size(); }
};

/// Writes into [out, out + cap); counts everything, writes what fits.
struct buffer_sink {
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

/// `;name[=value]` for each parameter (the separator before every one).
template <class S>
inline void params(S& s, param_range const& r, char lead) {
    for (auto const& p : r) {
        s.put(lead);
        s.put(p.name);
        if (p.value) {
            s.put('=');
            value(s, *p.value);
        }
    }
}

template <class S>
inline void number(S& s, std::uint64_t v) {
    char digits[20];
    std::size_t n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) s.put(digits[--n]);
}

inline constexpr std::string_view crlf = "\r\n";

// ---------------------------------------------------------------------------
// One writer per AST.

/// SIP-URI / SIPS-URI from its fields; any other scheme as scheme ":" opaque.
template <class S>
inline void write(S& s, uri const& u, format_options const&) {
    std::string_view const scheme =
        !u.scheme.empty() ? u.scheme : u.kind == uri_scheme::sips ? std::string_view("sips") : u.kind == uri_scheme::sip ? std::string_view("sip") : std::string_view{};
    s.put(scheme);
    s.put(':');
    if (!u.is_sip()) {
        s.put(u.opaque);
        return;
    }
    if (u.user) {
        s.put(*u.user);
        if (u.password) {
            s.put(':');
            s.put(*u.password);
        }
        s.put('@');
    }
    s.put(u.host);
    if (u.port_text) {
        s.put(':');
        s.put(*u.port_text);
    }
    params(s, u.params(), ';');
    if (u.headers_text) {
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
        if (n.display_name_quoted) quoted(s, *n.display_name);
        else words(s, *n.display_name);
        s.put(' ');
    }
    if (brackets) s.put('<');
    write(s, n.uri, o);
    if (brackets) s.put('>');
    params(s, n.params(), ';');
}

/// Contact `*`, or the elements joined by ", ".
template <class S>
inline void write(S& s, name_addr_list const& l, format_options const& o) {
    if (l.is_star()) {
        s.put('*');
        return;
    }
    bool first = true;
    for (auto const& n : l) {
        if (!first) s.put(", ");
        write(s, n, o);
        first = false;
    }
}

/// protocol-name "/" protocol-version "/" transport SP host [":" port] *( ";" via-params )
template <class S>
inline void write(S& s, via const& v, format_options const&) {
    s.put(v.protocol_name);
    s.put('/');
    s.put(v.protocol_version);
    s.put('/');
    s.put(v.transport);
    s.put(' ');
    s.put(v.host);
    if (v.port_text) {
        s.put(':');
        s.put(*v.port_text);
    }
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
    auth(s, c.scheme, c.params());
}

/// WWW-Authenticate / Proxy-Authenticate value: `Digest realm="a", nonce="b", ...`.
template <class S>
inline void write(S& s, challenge const& c, format_options const&) {
    auth(s, c.scheme, c.params());
}

/// number SP method (the number as written when known, leading zeros kept).
template <class S>
inline void write(S& s, cseq const& c, format_options const&) {
    if (!c.number_text.empty()) s.put(c.number_text);
    else number(s, c.number);
    s.put(' ');
    s.put(c.method);
}

/// type "/" subtype *( ";" attribute "=" value )
template <class S>
inline void write(S& s, media_type const& m, format_options const&) {
    s.put(m.type);
    s.put('/');
    s.put(m.subtype);
    params(s, m.params(), ';');
}

/// The value of one header field: a typed header in canonical spacing when
/// it parses, as written when it does not (unfolding it could make it
/// parse, and formatting would no longer be idempotent); any other value
/// unfolded.
template <class S>
inline void header_value(S& s, header_field const& h, format_options const& o) {
    if (!o.typed_values) return unfolded(s, h.value);
    switch (h.id) {
    case header_id::from:
    case header_id::to:
        if (auto r = parse_name_addr(h.value)) return write(s, *r, o);
        break;
    case header_id::contact:
        if (auto r = parse_contact_list(h.value)) return write(s, *r, o);
        break;
    case header_id::route:
    case header_id::record_route:
        if (auto r = parse_route_list(h.value)) return write(s, *r, o);
        break;
    case header_id::via:
        if (auto r = parse_via_list(h.value)) return write(s, *r, o);
        break;
    case header_id::authorization:
    case header_id::proxy_authorization:
        if (auto r = parse_credentials(h.value)) return write(s, *r, o);
        break;
    case header_id::www_authenticate:
    case header_id::proxy_authenticate:
        if (auto r = parse_challenge(h.value)) return write(s, *r, o);
        break;
    case header_id::cseq:
        if (auto r = parse_cseq(h.value)) return write(s, *r, o);
        break;
    case header_id::content_type:
        if (auto r = parse_media_type(h.value)) return write(s, *r, o);
        break;
    default:
        return unfolded(s, h.value);
    }
    s.put(h.value);
}

/// name ":" SP value (no SP after ':' when the value is empty).
template <class S>
inline void write(S& s, header_field const& h, format_options const& o) {
    if (h.id != header_id::other && o.header_names != format_options::names::as_written) {
        char const c = compact_form(h.id);
        if (o.header_names == format_options::names::compact && c != '\0') s.put(c);
        else s.put(to_string(h.id));
    } else {
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
    if (m.is_request()) {
        s.put(m.method());
        s.put(' ');
        write(s, m.request_uri(), o);
        s.put(' ');
        s.put(m.version());
    } else {
        s.put(m.version());
        s.put(' ');
        std::uint16_t const code = m.status_code();
        if (code < 100) s.put('0');
        if (code < 10) s.put('0');
        number(s, code);
        s.put(' ');
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

template <class T, class = void>
struct formattable : std::false_type {};
template <class T>
struct formattable<T, std::void_t<decltype(write(std::declval<count_sink&>(), std::declval<T const&>(),
                                                 std::declval<format_options const&>()))>> : std::true_type {};

} // namespace fmt
} // namespace detail

/// True for the types format() writes.
template <class T>
inline constexpr bool is_formattable_v = detail::fmt::formattable<T>::value;

/// The number of characters format(v, ...) writes.
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
inline std::size_t formatted_size(T const& v, format_options const& opts = {}) noexcept {
    detail::fmt::count_sink s;
    detail::fmt::write(s, v, opts);
    return s.n;
}

/// Writes `v` in canonical spacing into [out, out + capacity). Returns the
/// text written (a view of `out`), or errc::too_large (offset = capacity)
/// when it does not fit; formatted_size(v) is the capacity needed.
/// Allocation-free; never throws.
template <class T, std::enable_if_t<is_formattable_v<T>, int> = 0>
inline result<std::string_view> format(T const& v, char* out, std::size_t capacity, format_options const& opts = {}) noexcept {
    detail::fmt::buffer_sink s{out, capacity};
    detail::fmt::write(s, v, opts);
    if (s.n > capacity)
        return parse_error{capacity, "", "output buffer too small", "formatted_size() gives the size needed", errc::too_large};
    return std::string_view(out, s.n);
}

/// Writes `v` in canonical spacing through an output iterator (no bound is
/// checked); returns the iterator past the last character written.
template <class T, class OutputIt,
          std::enable_if_t<is_formattable_v<T> && !std::is_same_v<std::decay_t<OutputIt>, format_options>, int> = 0>
inline OutputIt format(T const& v, OutputIt out, format_options const& opts = {}) {
    detail::fmt::iterator_sink<OutputIt> s{out};
    detail::fmt::write(s, v, opts);
    return s.it;
}

} // namespace sipview

#endif
