// sipview — URI comparison that says why: RFC 3261 §19.1.4 for SIP and SIPS
// URIs, with RFC 5954 §4 for IP address hosts. compare_uris returns equal or
// the first rule that makes two URIs differ, with the two parts (views into
// the URIs) and a one-line explanation. Escapes are decoded on the fly while
// comparing, never into a buffer; nothing allocates, nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_URI_COMPARE_HPP
#define SIPVIEW_URI_COMPARE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <sipview/tel.hpp>
#include <sipview/text.hpp>
#include <sipview/uri.hpp>

namespace sipview {

/// The rule by which two URIs differ, in the order compare_uris checks them.
enum class uri_rule : unsigned char {
    equal,       ///< no rule: the URIs are equivalent
    scheme,      ///< sip vs sips (never equivalent), or two other schemes
    user,        ///< userinfo user part: case-sensitive, escapes of unreserved characters decoded
    password,    ///< userinfo password: the same rules
    host,        ///< case-insensitive hostname; IP addresses as addresses (RFC 5954 §4)
    port,        ///< present vs absent differs, even for the default port
    param,       ///< a uri-parameter (param_name says which)
    headers,     ///< the headers component: all must match, in any order
    tel_number,  ///< tel URIs (RFC 3966 §4): the numbers differ (visual separators ignored)
    tel_param,   ///< tel URIs (RFC 3966 §4): a parameter differs (param_name says which)
    opaque,      ///< two URIs of a scheme sipview does not compare part by part differ after "scheme:"
};

/// The rule's name in lower case: "scheme", "user", "password", "host",
/// "port", "param", "headers", "tel-number", "tel-param", "opaque" ("equal"
/// for no difference). For param and tel_param the full name is this, ':'
/// and uri_difference::param_name (uri_difference::write_rule_name).
inline constexpr std::string_view to_string(uri_rule r) noexcept {
    switch (r) {
    case uri_rule::equal: return "equal";
    case uri_rule::scheme: return "scheme";
    case uri_rule::user: return "user";
    case uri_rule::password: return "password";
    case uri_rule::host: return "host";
    case uri_rule::port: return "port";
    case uri_rule::param: return "param";
    case uri_rule::headers: return "headers";
    case uri_rule::tel_number: return "tel-number";
    case uri_rule::tel_param: return "tel-param";
    case uri_rule::opaque: return "opaque";
    }
    return "equal";
}

/// What compare_uris found: equal, or the first rule that makes the URIs
/// differ with the parts of each URI it compared. Every view points into the
/// URIs compared (a_part into a's text, b_part into b's) or at a static
/// string (explanation); an absent part is std::nullopt.
struct uri_difference {
    uri_rule rule = uri_rule::equal;
    /// For uri_rule::param / tel_param: the parameter's name as written in a
    /// (in b when only b has it). Empty for every other rule.
    std::string_view param_name;
    /// The part of each URI the rule compared, as written (escapes kept):
    /// scheme, user, password, host (with IPv6 brackets), port digits, the
    /// whole parameter (`ttl=4`, `lr`; no ';'), the whole headers component
    /// (without '?'), or the text after "scheme:" (opaque). nullopt: absent.
    std::optional<std::string_view> a_part;
    std::optional<std::string_view> b_part;
    /// One line saying why the rule applies (static text; empty when equal).
    /// Show it to people; test and react on `rule` and the parts.
    std::string_view explanation;

    bool equal() const noexcept { return rule == uri_rule::equal; }
    /// to_string(rule): "param" for a parameter, the name being param_name.
    std::string_view rule_name() const noexcept { return to_string(rule); }
    /// Writes the full rule name ("host", "param:ttl", "tel-param:ext")
    /// through an output iterator; nothing is allocated here.
    template <class Out>
    Out write_rule_name(Out out) const {
        for (char c : rule_name()) *out++ = c;
        if (rule == uri_rule::param || rule == uri_rule::tel_param) {
            *out++ = ':';
            for (char c : param_name) *out++ = detail::ascii_lower(c);  // names compare case-insensitively
        }
        return out;
    }
    /// The number of characters write_rule_name writes.
    std::size_t rule_name_size() const noexcept {
        return rule_name().size() +
               (rule == uri_rule::param || rule == uri_rule::tel_param ? 1 + param_name.size() : 0);
    }
};

namespace detail {
namespace uri_compare {

// ---------------------------------------------------------------------------
// Explanations (one static line per way a rule can apply).

inline constexpr std::string_view why_sip_sips = "a SIP and a SIPS URI are never equivalent (RFC 3261 §19.1.4)";
inline constexpr std::string_view why_scheme = "the schemes differ (compared case-insensitively)";
inline constexpr std::string_view why_user_presence =
    "the user part is present on one side only; RFC 3261 §19.1.4: a URI omitting the user does not match one that includes it";
inline constexpr std::string_view why_user =
    "the user parts differ: userinfo is case-sensitive, and only an escaped unreserved character equals the character itself (RFC 3261 §19.1.4)";
inline constexpr std::string_view why_password_presence =
    "the password is present on one side only; RFC 3261 §19.1.4: a URI omitting the password does not match one that includes it";
inline constexpr std::string_view why_password =
    "the passwords differ: userinfo is case-sensitive, and only an escaped unreserved character equals the character itself (RFC 3261 §19.1.4)";
inline constexpr std::string_view why_host_name_vs_ip =
    "a hostname never equals an IP address, not even the one it resolves to (RFC 3261 §19.1.4)";
inline constexpr std::string_view why_host_v4_vs_v6 = "an IPv4 address and an IPv6 reference are different hosts";
inline constexpr std::string_view why_host_ip = "the IP addresses differ (compared as addresses, not as text: RFC 5954 §4)";
inline constexpr std::string_view why_host_name = "the hostnames differ (compared case-insensitively, RFC 3261 §19.1.4)";
inline constexpr std::string_view why_port_presence =
    "the port is present on one side only; RFC 3261 §19.1.4 does not treat an absent port as 5060";
inline constexpr std::string_view why_port = "the ports differ";
inline constexpr std::string_view why_param_presence =
    "a transport, user, ttl, method or maddr parameter is present on one side only; RFC 3261 §19.1.4: it never matches, even with its default value";
inline constexpr std::string_view why_param =
    "a parameter present on both sides differs (names and values compare case-insensitively after decoding escapes, RFC 3261 §19.1.4)";
inline constexpr std::string_view why_headers =
    "the headers differ: all must match, in any order (hname case-insensitive, hvalue case-sensitive; RFC 3261 §19.1.4)";
inline constexpr std::string_view why_opaque =
    "the URIs differ after the scheme; sipview compares URIs of this scheme as exact text";

// ---------------------------------------------------------------------------
// Escapes decoded on the fly (RFC 3261 §19.1.4: "Characters other than those
// in the 'reserved' set (see RFC 2396) are equivalent to their '%' HEX HEX
// encoding"). The text is read as a sequence of units: an escape of an
// unreserved (or any non-reserved) character is that character; an escape of
// a reserved character (";/?:@&=+$,") stays an escape, different from the
// character written as is; HEX case does not matter.

/// One unit: a byte and whether it is an escaped reserved character.
struct unit {
    unsigned char byte = 0;
    bool escaped = false;
};

/// Reads the unit at s[i] into u; returns the index after it. A '%' not
/// followed by two HEX digits (only in hand-built text) is the byte '%'.
inline std::size_t read_unit(std::string_view s, std::size_t i, unit& u) noexcept {
    if (s[i] == '%' && s.size() - i >= 3) {
        int const hi = hex_value(s[i + 1]);
        int const lo = hex_value(s[i + 2]);
        if (hi >= 0 && lo >= 0) {
            u.byte = static_cast<unsigned char>(hi * 16 + lo);
            u.escaped = is(static_cast<char>(u.byte), c_reserved);
            return i + 3;
        }
    }
    u.byte = static_cast<unsigned char>(s[i]);
    u.escaped = false;
    return i + 1;
}

/// Orders a unit: its byte (ASCII-lowered when `ci`), then escaped after plain.
inline unsigned unit_key(unit u, bool ci) noexcept {
    unsigned char const b = ci ? static_cast<unsigned char>(ascii_lower(static_cast<char>(u.byte))) : u.byte;
    return static_cast<unsigned>(b) * 2u + (u.escaped ? 1u : 0u);
}

/// Compares two texts unit by unit: <0, 0 or >0. `ci`: ASCII case-insensitive.
inline int compare_text(std::string_view a, std::string_view b, bool ci) noexcept {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        unit x, y;
        i = read_unit(a, i, x);
        j = read_unit(b, j, y);
        unsigned const kx = unit_key(x, ci), ky = unit_key(y, ci);
        if (kx != ky) return kx < ky ? -1 : 1;
    }
    if (i < a.size()) return 1;
    if (j < b.size()) return -1;
    return 0;
}

inline bool same_text(std::string_view a, std::string_view b, bool ci) noexcept { return compare_text(a, b, ci) == 0; }

// ---------------------------------------------------------------------------
// IP addresses as values (RFC 5954 §4: compare the addresses, not their
// text). These belong with the host scanners in detail/scan.hpp.

/// IPv4address (ipv4_length) as 4 octets; false unless `s` is exactly one.
inline bool ipv4_bytes(std::string_view s, unsigned char out[4]) noexcept {
    if (s.empty() || ipv4_length(s.data(), s.data() + s.size()) != s.size()) return false;
    unsigned v = 0;
    int k = 0;
    for (char c : s) {
        if (c == '.') {
            out[k++] = static_cast<unsigned char>(v);
            v = 0;
        } else {
            v = v * 10 + static_cast<unsigned>(c - '0');
        }
    }
    out[k] = static_cast<unsigned char>(v);
    return k == 3;
}

/// IPv6address (ipv6_length: RFC 4291 text form, "::", IPv4 tail) as its
/// 128-bit value, network order; false unless `s` is exactly one address.
inline bool ipv6_bytes(std::string_view s, unsigned char out[16]) noexcept {
    if (s.empty() || ipv6_length(s.data(), s.data() + s.size()) != s.size()) return false;
    unsigned groups[8] = {};
    int n = 0;         // groups read
    int gap = -1;      // index in groups where "::" stands
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') { gap = 0; i = 2; }
    while (i < s.size() && n < 8) {
        std::size_t j = i;
        unsigned v = 0;
        while (j < s.size() && j - i < 4 && hex_value(s[j]) >= 0) v = v * 16 + static_cast<unsigned>(hex_value(s[j++]));
        if (j < s.size() && s[j] == '.') {  // IPv4 tail: the last two groups
            unsigned char v4[4];
            if (n > 6 || !ipv4_bytes(s.substr(i), v4)) return false;
            groups[n++] = static_cast<unsigned>(v4[0]) << 8 | v4[1];
            groups[n++] = static_cast<unsigned>(v4[2]) << 8 | v4[3];
            i = s.size();
            break;
        }
        if (j == i) return false;
        groups[n++] = v;
        i = j;
        if (i == s.size()) break;
        if (s[i] != ':') return false;
        if (i + 1 < s.size() && s[i + 1] == ':') {
            if (gap >= 0) return false;
            gap = n;
            i += 2;
        } else {
            ++i;
        }
    }
    // "::" stands for at least one group (RFC 4291 §2.2), but ipv6_length
    // accepts `1:2:3:4:5::6:1.2.3.4` (eight groups with the IPv4 tail): as
    // the parser accepted it as a host, it is read here too ("::" = none).
    if (i != s.size() || (gap < 0 && n != 8) || n > 8) return false;
    unsigned full[8] = {};
    if (gap < 0) {
        for (int k = 0; k < 8; ++k) full[k] = groups[k];
    } else {
        for (int k = 0; k < gap; ++k) full[k] = groups[k];
        int const tail = n - gap;
        for (int k = 0; k < tail; ++k) full[8 - tail + k] = groups[gap + k];
    }
    for (int k = 0; k < 8; ++k) {
        out[2 * k] = static_cast<unsigned char>(full[k] >> 8);
        out[2 * k + 1] = static_cast<unsigned char>(full[k] & 0xFF);
    }
    return true;
}

/// A host as compared: its kind and, for an IP address that reads as one,
/// its value (4 or 16 bytes).
struct host_key {
    host_type kind = host_type::hostname;
    bool address = false;
    unsigned char bytes[16] = {};
};

/// `text` is a host of kind `kind` (IPv6 with its brackets).
inline host_key make_host_key(std::string_view text, host_type kind) noexcept {
    host_key k;
    k.kind = kind;
    if (kind == host_type::ipv4) {
        k.address = ipv4_bytes(text, k.bytes);
    } else if (kind == host_type::ipv6 && text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        k.address = ipv6_bytes(text.substr(1, text.size() - 2), k.bytes);
    }
    return k;
}

/// The kind of a host written in a parameter value (maddr=host): the whole
/// text must be one host, else it is compared as text (kind hostname).
inline host_type classify_host(std::string_view text) noexcept {
    host_kind_value kind = host_kind_value::hostname;
    if (text.empty() || host_length(text.data(), text.data() + text.size(), kind) != text.size()) return host_type::hostname;
    return kind == host_kind_value::ipv4 ? host_type::ipv4 : kind == host_kind_value::ipv6 ? host_type::ipv6 : host_type::hostname;
}

/// RFC 3261 §19.1.4 host rules with RFC 5954 §4: nullptr when the hosts
/// match, else the explanation. Hostnames compare case-insensitively (with
/// escapes decoded, for maddr values); IP addresses by value; a hostname
/// never equals an IP address, an IPv4 address never an IPv6 reference
/// (not even `[::ffff:192.0.2.1]` and `192.0.2.1`: RFC 5954 compares the
/// textual forms of one address family). A hostname's trailing dot counts:
/// RFC 3261 does not make `atlanta.com.` equal `atlanta.com`.
inline std::string_view host_difference(std::string_view a, host_type ka, std::string_view b, host_type kb) noexcept {
    host_key const x = make_host_key(a, ka), y = make_host_key(b, kb);
    if (x.kind != y.kind)
        return x.kind == host_type::hostname || y.kind == host_type::hostname ? why_host_name_vs_ip : why_host_v4_vs_v6;
    if (x.address && y.address) {
        std::size_t const n = x.kind == host_type::ipv4 ? 4 : 16;
        for (std::size_t i = 0; i < n; ++i)
            if (x.bytes[i] != y.bytes[i]) return why_host_ip;
        return {};
    }
    if (x.address != y.address) return why_host_ip;  // only in hand-built URIs
    return same_text(a, b, true) ? std::string_view{} : x.kind == host_type::hostname ? why_host_name : why_host_ip;
}

// ---------------------------------------------------------------------------
// Parameters.

/// The whole parameter as written: `name`, `name=` or `name=value`.
inline std::string_view param_text(param const& p) noexcept {
    char const* const end = p.value ? p.value->data() + p.value->size() : p.name.data() + p.name.size();
    return std::string_view(p.name.data(), static_cast<std::size_t>(end - p.name.data()));
}

/// The first parameter whose name equals `name` (case-insensitive, escapes decoded).
inline std::optional<param> find_param(param_range r, std::string_view name) noexcept {
    for (param const& p : r)
        if (same_text(p.name, name, true)) return p;
    return std::nullopt;
}

/// RFC 3261 §19.1.4: "A user, ttl, or method uri-parameter appearing in only
/// one URI never matches, even if it contains the default value. A URI that
/// includes an maddr parameter will not match a URI that contains no maddr
/// parameter." Its examples add transport ("can resolve to different
/// transports"). The order is the order compare_uris checks them in.
inline constexpr std::string_view special_params[] = {"transport", "user", "ttl", "method", "maddr"};

inline bool is_special(std::string_view name) noexcept {
    for (std::string_view s : special_params)
        if (same_text(name, s, true)) return true;
    return false;
}

/// A maddr value with its escapes of non-reserved characters decoded, for
/// reading it as a host: a fixed array on the stack (no allocation), long
/// enough for any IPv6 reference. `text` is empty when the value holds an
/// escaped reserved character (`%3A` is not the ':' of an address) or is
/// longer than any IP address: then it is compared as text.
struct maddr_host {
    char buf[64] = {};
    std::string_view text;
    explicit maddr_host(std::string_view v) noexcept {
        std::size_t n = 0;
        for (std::size_t i = 0; i < v.size();) {
            unit u;
            i = read_unit(v, i, u);
            if (u.escaped || n == sizeof buf) return;
            buf[n++] = static_cast<char>(u.byte);
        }
        text = std::string_view(buf, n);
    }
};

/// maddr = host: IP addresses by value (RFC 5954 §4), else as text
/// (case-insensitive, escapes decoded). classify_host decides what is an
/// address, the same way for both sides.
inline bool same_maddr(std::string_view x, std::string_view y) noexcept {
    maddr_host const hx(x), hy(y);
    host_type const kx = hx.text.empty() ? host_type::hostname : classify_host(hx.text);
    host_type const ky = hy.text.empty() ? host_type::hostname : classify_host(hy.text);
    if (kx != ky) return false;
    if (kx == host_type::hostname) return same_text(x, y, true);
    return host_difference(hx.text, kx, hy.text, ky).empty();
}

/// Two parameters of the same name match: both flags, or both values equal
/// case-insensitively after decoding (a flag never equals `name=`); maddr
/// values are hosts, IP addresses compared by value.
inline bool same_param_value(param const& x, param const& y, bool maddr) noexcept {
    if (x.value.has_value() != y.value.has_value()) return false;
    if (!x.value) return true;
    if (maddr) return same_maddr(*x.value, *y.value);
    return same_text(*x.value, *y.value, true);
}

// ---------------------------------------------------------------------------
// Headers: a multiset (order is not significant, RFC 3261 §19.1.4).

/// hname case-insensitive, hvalue case-sensitive, both with escapes decoded.
inline bool same_header(param const& x, param const& y) noexcept {
    if (!same_text(x.name, y.name, true)) return false;
    if (x.value.has_value() != y.value.has_value()) return false;
    return !x.value || same_text(*x.value, *y.value, false);
}

inline std::size_t count_header(param_range r, param const& h) noexcept {
    std::size_t n = 0;
    for (param const& p : r) n += same_header(p, h) ? 1 : 0;
    return n;
}

/// Every header of one side matches one of the other, as many times.
inline bool same_headers(param_range a, param_range b) noexcept {
    if (a.size() != b.size()) return false;
    for (param const& h : a)
        if (count_header(a, h) != count_header(b, h)) return false;
    return true;
}

inline uri_difference differ(uri_rule r, std::optional<std::string_view> a, std::optional<std::string_view> b,
                             std::string_view why, std::string_view name = {}) noexcept {
    uri_difference d;
    d.rule = r;
    d.param_name = name;
    d.a_part = a;
    d.b_part = b;
    d.explanation = why;
    return d;
}

/// RFC 3261 §19.1.4 parameter rules: the special parameters first (in
/// special_params order), then the other parameters present on both sides.
inline uri_difference compare_params(uri const& a, uri const& b) noexcept {
    param_range const pa = a.params(), pb = b.params();
    for (std::string_view s : special_params) {
        std::optional<param> const x = find_param(pa, s), y = find_param(pb, s);
        if (!x && !y) continue;
        std::string_view const name = x ? x->name : y->name;
        if (!x || !y)
            return differ(uri_rule::param, x ? std::optional<std::string_view>(param_text(*x)) : std::nullopt,
                          y ? std::optional<std::string_view>(param_text(*y)) : std::nullopt, why_param_presence, name);
        if (!same_param_value(*x, *y, s == "maddr"))
            return differ(uri_rule::param, param_text(*x), param_text(*y), why_param, name);
    }
    // "All other uri-parameters appearing in only one URI are ignored"; those
    // on both must match. Of a name written more than once, the first
    // occurrence counts (as param_range::find). When several differ, the one
    // whose name sorts first (case-insensitively, decoded) is reported, so
    // that compare_uris(a, b) and compare_uris(b, a) name the same one.
    std::optional<param> best_a, best_b;
    for (param const& p : pa) {
        if (is_special(p.name)) continue;
        std::optional<param> const first = find_param(pa, p.name);
        if (!first || first->name.data() != p.name.data()) continue;  // not the first of its name
        std::optional<param> const q = find_param(pb, p.name);
        if (!q || same_param_value(p, *q, false)) continue;
        if (!best_a || compare_text(p.name, best_a->name, true) < 0) {
            best_a = p;
            best_b = q;
        }
    }
    if (best_a) return differ(uri_rule::param, param_text(*best_a), param_text(*best_b), why_param, best_a->name);
    return {};
}

} // namespace uri_compare
} // namespace detail

/// Compares two URIs by RFC 3261 §19.1.4 (SIP and SIPS URIs) and RFC 5954 §4
/// (IP addresses as addresses). Returns equal, or the first rule that makes
/// them differ, in this order:
///   scheme   sip and sips are never equivalent; other schemes compare
///            case-insensitively;
///   user     present vs absent differs; case-sensitive; an escaped
///            unreserved character equals the character (%61 is a), an
///            escaped reserved one does not (%3B is not ;);
///   password the same;
///   host     case-insensitive; IP addresses by value ([::1] equals
///            [0:0::1], an IPv6 reference's IPv4 tail included); a hostname
///            never equals an IP address;
///   port     present vs absent differs, even for 5060; else by number;
///   param    transport, user, ttl, method and maddr must match when present
///            on either side; any other parameter only when on both; names
///            and values case-insensitive, escapes decoded;
///   headers  all must match, in any order (hname case-insensitive, hvalue
///            case-sensitive, escapes decoded).
/// URIs of any other scheme (kind uri_scheme::other) are compared by their
/// scheme (case-insensitively) and then by the rest of their text, exactly
/// (uri_rule::opaque): sipview does not know their equivalence rules.
/// Symmetric (compare_uris(b, a) gives the same rule and parameter name) and
/// reflexive; not transitive, as RFC 3261 §19.1.4 notes (sip:carol@chicago.com
/// equals both ;security=on and ;security=off, which differ from each other).
/// No allocation; escapes are decoded while comparing.
inline uri_difference compare_uris(uri const& a, uri const& b) noexcept {
    using namespace detail::uri_compare;
    // RFC 3261 §19.1.4: "A SIP and SIPS URI are never equivalent."
    if (a.kind != b.kind)
        return differ(uri_rule::scheme, a.scheme, b.scheme, a.is_sip() && b.is_sip() ? why_sip_sips : why_scheme);
    if (!a.is_sip()) {
        if (!iequals(a.scheme, b.scheme)) return differ(uri_rule::scheme, a.scheme, b.scheme, why_scheme);
        // Two tel URIs (the kinds are equal here) compare by RFC 3966 §4:
        // visual separators ignored, parameters as a set (tel.hpp).
        if (a.is_tel()) {
            auto const x = a.telephone_subscriber();
            auto const y = b.telephone_subscriber();
            if (x && y) {
                tel_difference const t = compare_tel_uris(*x, *y);
                if (t.equal()) return {};
                auto part = [](std::string_view v) { return v.empty() ? std::nullopt : std::optional<std::string_view>(v); };
                return differ(t.rule == tel_rule::number ? uri_rule::tel_number : uri_rule::tel_param, part(t.a_part), part(t.b_part),
                              t.explanation, t.param_name);
            }
        }
        // A scheme sipview does not know: the rest of the text, exactly.
        if (a.opaque != b.opaque) return differ(uri_rule::opaque, a.opaque, b.opaque, why_opaque);
        return {};
    }
    // "Comparison of the userinfo of SIP and SIPS URIs is case-sensitive";
    // "A URI omitting the user component will not match a URI that includes
    // one. A URI omitting the password component will not match a URI that
    // includes one."
    if (a.user.has_value() != b.user.has_value()) return differ(uri_rule::user, a.user, b.user, why_user_presence);
    if (a.user && !same_text(*a.user, *b.user, false)) return differ(uri_rule::user, a.user, b.user, why_user);
    if (a.password.has_value() != b.password.has_value())
        return differ(uri_rule::password, a.password, b.password, why_password_presence);
    if (a.password && !same_text(*a.password, *b.password, false))
        return differ(uri_rule::password, a.password, b.password, why_password);
    // "An IP address that is the result of a DNS lookup of a host name does
    // not match that host name"; RFC 5954 §4: addresses by value.
    if (std::string_view const why = host_difference(a.host, a.host_kind, b.host, b.host_kind); !why.empty())
        return differ(uri_rule::host, a.host, b.host, why);
    // "A URI omitting any component with a default value will not match a URI
    // explicitly containing that component with its default value."
    if (a.port_text.has_value() != b.port_text.has_value())
        return differ(uri_rule::port, a.port_text, b.port_text, why_port_presence);
    if (a.port_text) {
        std::optional<std::uint16_t> const x = a.port(), y = b.port();
        if (x && y ? *x != *y : (x.has_value() != y.has_value() || *a.port_text != *b.port_text))
            return differ(uri_rule::port, a.port_text, b.port_text, why_port);
    }
    if (uri_difference d = compare_params(a, b); !d.equal()) return d;
    // "The ordering of parameters and header fields is not significant."
    // An empty headers component (hand-built) is no headers at all.
    if (!same_headers(a.headers(), b.headers())) return differ(uri_rule::headers, a.headers_text, b.headers_text, why_headers);
    return {};
}

/// True when compare_uris(a, b) finds no difference.
inline bool uri_equal(uri const& a, uri const& b) noexcept { return compare_uris(a, b).equal(); }

} // namespace sipview

#endif
