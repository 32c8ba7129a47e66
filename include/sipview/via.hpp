// sipview — the Via header value (RFC 3261 §20.42, §25.1), with IPv6 forms
// (RFC 5118), rport (RFC 3581) and alias (RFC 5923), as read-only views over
// the caller's text.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_VIA_HPP
#define SIPVIEW_VIA_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>

namespace sipview {

namespace detail {
struct via_access;  // the grammar's only way to via's parser cache
} // namespace detail

/// One via-parm: `SIP/2.0/UDP host:port;branch=...;received=...`.
/// Every view points into the parsed text; nothing is decoded or copied.
struct via {
    std::string_view text;              ///< the whole via-parm, parameters included
    std::string_view protocol_name;     ///< "SIP" (any token is accepted)
    std::string_view protocol_version;  ///< "2.0" (any token is accepted)
    std::string_view transport;         ///< "UDP", "TCP", "TLS", "SCTP" or any other token, as written
    std::string_view host;              ///< sent-by host: hostname, IPv4address or IPv6reference (with brackets)
    host_type host_kind = host_type::hostname;
    std::optional<std::string_view> port_text;  ///< sent-by port digits (validated to fit 16 bits)
    std::string_view params_text;       ///< via-params starting at the first ';' (empty when none)

    /// The sent-by port, if one was written.
    std::optional<std::uint16_t> port() const noexcept {
        if (!port_text) return std::nullopt;
        auto v = to_uint(*port_text, 65535);
        if (!v) return std::nullopt;
        return static_cast<std::uint16_t>(*v);
    }
    /// The sent-by host without IPv6 brackets.
    std::string_view host_address() const noexcept {
        return host_kind == host_type::ipv6 && host.size() >= 2 ? host.substr(1, host.size() - 2) : host;
    }
    /// via-params as {name, optional value}, in order; names compare case-insensitively.
    param_range params() const noexcept { return {params_text, ';'}; }

    /// via-branch = "branch" EQUAL token
    std::optional<std::string_view> branch() const noexcept {
        if (branch_raw.data() != nullptr) return branch_raw;  // O(1): the grammar captured it
        return param_value("branch");
    }
    /// via-received = "received" EQUAL (IPv4address / IPv6address): the
    /// address without brackets, whether or not it was written as an
    /// IPv6reference (RFC 5118 §4.5). The raw value is in params().
    std::optional<std::string_view> received() const noexcept {
        auto v = param_value("received");
        if (v && v->size() >= 2 && v->front() == '[' && v->back() == ']') return v->substr(1, v->size() - 2);
        return v;
    }
    /// response-port = "rport" [EQUAL 1*DIGIT] (RFC 3581): absent when not
    /// written, present and empty for the bare flag, else the digits.
    std::optional<std::string_view> rport() const noexcept {
        auto p = params().find("rport");
        if (!p) return std::nullopt;
        return p->value.value_or(std::string_view{});
    }
    /// via-maddr = "maddr" EQUAL host, as written (IPv6 with brackets).
    std::optional<std::string_view> maddr() const noexcept { return param_value("maddr"); }
    /// via-ttl = "ttl" EQUAL ttl (0-255).
    std::optional<std::uint8_t> ttl() const noexcept {
        auto v = param_value("ttl");
        if (!v) return std::nullopt;
        auto n = to_uint(*v, 255);
        if (!n) return std::nullopt;
        return static_cast<std::uint8_t>(*n);
    }
    /// The alias flag (RFC 5923).
    bool alias() const noexcept { return params().contains("alias"); }
    /// The value of via-param `name` (case-insensitive); absent for a flag.
    std::optional<std::string_view> param_value(std::string_view name) const noexcept { return params().value(name); }

private:
    friend struct detail::via_access;
    // Parser cache: the first branch value, captured by the grammar
    // (data() == nullptr: not captured, so branch() scans params_text).
    std::string_view branch_raw;
};

namespace detail {
/// The member pointer the grammar writes via's private cache through.
struct via_access {
    static constexpr auto branch = &via::branch_raw;
};
} // namespace detail

// ===========================================================================
// The grammar's pieces (diagnostics: the via_ rows of diagnostics.hpp).
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace via_impl {

/// The kinds of via-params whose value is checked.
enum class typed : unsigned char { ttl, maddr, received, branch, rport };

/// A typed param value: the bytes up to the next SEMI/COMMA/LWS (or the end)
/// are taken as a whole and must all be valid, so `ttl=12a` and `ttl=256`
/// fail at the value's first byte rather than somewhere after it.
/// Why hand-written: exact error position (and what is wrong with the value).
template <typed K>
struct typed_value : primitive<typed_value<K>> {
    static constexpr diag missing() noexcept {
        switch (K) {
        case typed::ttl: return diag::via_ttl_missing;
        case typed::maddr: return diag::via_maddr_missing;
        case typed::received: return diag::via_received_missing;
        case typed::branch: return diag::via_branch_missing;
        case typed::rport: return diag::via_rport_missing;
        }
        return diag::none;
    }
    /// diag::none when [p, e) is a valid value, else what is wrong.
    static diag check(iter p, iter e) noexcept {
        std::size_t const n = static_cast<std::size_t>(e - p);
        if (n == 0) return missing();
        switch (K) {
        case typed::ttl:
        case typed::rport: {
            std::uint64_t v = 0;
            for (iter q = p; q != e; ++q) {
                if (!is(*q, c_digit)) return K == typed::ttl ? diag::via_ttl_not_number : diag::via_rport_not_number;
                if (v <= 65536) v = v * 10 + static_cast<std::uint64_t>(*q - '0');
            }
            if (K == typed::ttl) {
                if (v > 255) return diag::via_ttl_range;
                if (n > 3) return diag::via_ttl_digits;
            } else if (v > 65535) {
                return diag::via_rport_range;
            }
            return diag::none;
        }
        case typed::maddr: {
            host_kind_value kind = host_kind_value::hostname;
            if (host_length(p, e, kind) == n) return diag::none;
            if (*p != '[' && ipv6_length(p, e) == n) return diag::via_maddr_ipv6;
            return diag::via_maddr_bad;
        }
        case typed::received: {
            if (ipv4_length(p, e) == n || ipv6_length(p, e) == n) return diag::none;
            if (n >= 2 && *p == '[' && e[-1] == ']' && ipv6_length(p + 1, e - 1) == n - 2) return diag::none;
            return diag::via_received_bad;
        }
        case typed::branch: {
            for (iter q = p; q != e; ++q)
                if (!is(*q, token_chars)) return diag::via_branch_bad;
            return diag::none;
        }
        }
        return diag::none;
    }
    static bool value_end(char c) noexcept { return c == ';' || c == ',' || c == '\r' || c == '\n' || is(c, c_wsp); }
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        It e = first;
        if constexpr (K == typed::branch) {
            // one pass for the common case: a token up to a terminator is a valid branch
            while (e != last && is(*e, token_chars)) ++e;
            if (e != first && (e == last || value_end(*e))) {
                first = e;
                return true;
            }
        }
        while (e != last && !value_end(*e)) ++e;
        if (diag const d = check(first, e); d != diag::none) {
            report(ctx, first, d);
            return false;
        }
        first = e;
        return true;
    }
};

/// The LWS between transport and sent-by, with a precise complaint when the
/// sent-by is missing altogether.
/// Why hand-written: exact error position (missing sent-by vs missing space).
struct sent_by_space : primitive<sent_by_space> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        std::size_t const n = lws_length(first, last);
        if (n != 0 && first + static_cast<std::ptrdiff_t>(n) != last) {
            first += static_cast<std::ptrdiff_t>(n);
            return true;
        }
        bool const missing = n != 0 || first == last || *first == ';' || *first == ',';
        report(ctx, first, missing ? diag::via_sent_by_missing : diag::via_sent_by_space);
        return false;
    }
};

/// sent-by host = hostname / IPv4address / IPv6reference, captured with its
/// kind; an unbracketed IPv6 address is named as such.
/// Why hand-written: PEG-vs-ABNF greediness (host_length, detail/scan.hpp)
/// and exact error position (an unbracketed IPv6 address).
template <auto HostMember, auto KindMember>
struct sent_by_host : primitive<sent_by_host<HostMember, KindMember>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || *first == ';' || *first == ',') {
            report(ctx, first, diag::via_sent_by_missing);
            return false;
        }
        host_kind_value kind = host_kind_value::hostname;
        std::size_t n = host_length(first, last, kind);
        // An IPv6 address reaches past a host only through a ':' right after
        // it, and never as host ':' DIGITs then the end of the sent-by (an
        // address with a single ':' is not IPv6): the common host:port is
        // not rescanned.
        bool maybe_ipv6 = *first != '[' && (n == 0 || (first + static_cast<std::ptrdiff_t>(n) != last && first[n] == ':'));
        if (maybe_ipv6 && n != 0) {
            It q = first + static_cast<std::ptrdiff_t>(n) + 1;
            while (q != last && is(*q, c_digit)) ++q;
            maybe_ipv6 = q != last && is(*q, c_ipv6);
        }
        if (maybe_ipv6 && ipv6_length(first, last) > n) {
            report(ctx, first, diag::via_sent_by_ipv6);
            return false;
        }
        n = lenient_host(ctx, first, last, n, kind);  // '_' and digit-led top labels, under their flags
        if (n == 0) {
            report(ctx, first, *first == '[' ? diag::via_sent_by_bad_ipv6 : diag::via_sent_by_bad);
            return false;
        }
        using owner = typename member_traits<decltype(HostMember)>::owner;
        auto& ast = ast_of<owner>(ctx);
        ast.*HostMember = std::string_view(first, n);
        ast.*KindMember = static_cast<typename member_traits<decltype(KindMember)>::type>(kind);
        first += static_cast<std::ptrdiff_t>(n);
        return true;
    }
};

} // namespace via_impl
} // namespace detail

// ===========================================================================
namespace detail {
namespace grammar {
namespace via_rules {
using namespace detail;
using namespace detail::via_impl;
using x3::lit;
using sipview::via;

/// via-params = via-ttl / via-maddr / via-received / via-branch / via-extension,
/// plus response-port (RFC 3581) and alias (RFC 5923). Known names (any case)
/// must carry a well-formed value; they never fall back to via-extension.
inline constexpr auto via_param = by_name(
    generic_param,
    when("branch", describe(diag::via_branch_equal)[EQUAL] >> set_first<detail::via_access::branch>[typed_value<typed::branch>{}]),
    when("received", describe(diag::via_received_equal)[EQUAL] >> typed_value<typed::received>{}),
    when("rport", -(EQUAL >> typed_value<typed::rport>{})),
    when("alias", describe(diag::via_alias_value)[!(SWS >> lit('='))]),
    when("ttl", describe(diag::via_ttl_equal)[EQUAL] >> typed_value<typed::ttl>{}),
    when("maddr", describe(diag::via_maddr_equal)[EQUAL] >> typed_value<typed::maddr>{}));

/// *( SEMI via-params ), captured from the first ';'.
inline constexpr auto via_params =
    -(SWS >> set<&via::params_text>[lit(';') >> SWS >> describe(diag::via_param)[ref<via_param>] >>
                                    *(SEMI >> describe(diag::via_param)[ref<via_param>])]);

/// sent-protocol = protocol-name SLASH protocol-version SLASH transport;
/// protocol-name = "SIP" / token, protocol-version = token,
/// transport = "UDP" / "TCP" / "TLS" / "SCTP" / other-transport (token).
inline constexpr auto sent_protocol =
    describe(diag::via_protocol_name)[set<&via::protocol_name>[token]] >>
    describe(diag::via_slash_version)[SLASH] >>
    describe(diag::via_version)[set<&via::protocol_version>[token]] >>
    describe(diag::via_slash_transport)[SLASH] >>
    describe(diag::via_transport)[set<&via::transport>[token]];

/// sent-by = host [ COLON port ]
inline constexpr auto sent_by =
    sent_by_host<&via::host, &via::host_kind>{} >>
    -(COLON >> describe(diag::via_port)[set<&via::port_text>[port_parser{}]]);

/// via-parm = sent-protocol LWS sent-by *( SEMI via-params )
inline constexpr auto via_parm_body = set<&via::text>[sent_protocol >> sent_by_space{} >> sent_by >> via_params];

} // namespace via_rules

/// via-parm, filling a sipview::via found in the context.
inline constexpr auto via_parm = via_rules::via_parm_body;
/// The Via value: via-parm *( COMMA via-parm ). The AST in context ends up
/// holding the last entry; use parse_via_list to iterate them all.
inline constexpr auto via_value =
    ref<via_parm> >> *(COMMA >> detail::describe(diag::via_next_entry)[ref<via_parm>]);

} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

// ===========================================================================
namespace detail {
namespace via_impl {

#if SIPVIEW_HAS_GRAMMARS
inline constexpr auto next_in_list = grammar::COMMA >> ref<grammar::via_parm>;
#endif // SIPVIEW_HAS_GRAMMARS

/// Parses `COMMA via-parm` at p (validated text, under the leniency flags it
/// was validated with), filling `out`; false at the end.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL bool next_entry(char const* p, char const* last, via& out, leniency_set lenient) noexcept {
    via v;
    error_sink sink;
    sink.begin = p;
    sink.lenient = lenient;
    auto const sink_ctx = x3::make_context<error_tag>(sink);
    auto const ctx = x3::make_context<ast_tag<via>>(v, sink_ctx);
    if (!next_in_list.parse(p, last, ctx, x3::unused, x3::unused)) return false;
    out = v;
    return true;
}
#else
bool next_entry(char const* p, char const* last, via& out, leniency_set lenient) noexcept;
#endif

/// Scratch state while validating a list: the first entry is kept.
#if SIPVIEW_HAS_GRAMMARS
struct list_state {
    via first;
    via scratch;
    std::size_t count = 0;
};

inline constexpr auto list_grammar =
    into<&list_state::first>[ref<grammar::via_parm>] >>
    *(grammar::COMMA >> describe(diag::via_next_entry)[
                            count<&list_state::count>[into<&list_state::scratch>[ref<grammar::via_parm>]]]);

// The entry grammars, complete up to the end of the input. Kept as objects so
// that a call does not rebuild the grammar tree on the stack.
inline constexpr auto whole_list =
    list_grammar >> grammar::SWS >>
    describe(diag::via_list_end)[x3::eoi];
inline constexpr auto whole_entry =
    ref<grammar::via_parm> >> grammar::SWS >> describe(diag::via_entry_end)[x3::eoi];

/// The rows whose own message and hint stand even after a ',' (they say more
/// than "a ',' must be followed by another Via entry").
inline constexpr bool explained_by_row(diag d) noexcept {
    return d == diag::via_sent_by_missing || d == diag::via_sent_by_space || d == diag::via_sent_by_ipv6 ||
           d == diag::via_sent_by_bad_ipv6 || d == diag::via_maddr_ipv6 || d == diag::via_ttl_range ||
           d == diag::via_rport_range;
}

/// The end of the usual value of a checked via-param at `value`: a
/// received IPv4address or an rport number whose next byte ends the value
/// (SEMI / COMMA / LWS, or the end), which is then valid as a whole; else
/// `value` (the caller checks the whole value). Out of line: inlined, it
/// grew fast_via_parm enough for g++ to stop inlining lws_length there
/// (+100 instructions on the strict wsinv).
SIPVIEW_OUT_OF_LINE inline iter usual_checked_value(typed kind, iter value, iter last) noexcept {
    iter e = value;
    if (kind == typed::received) {
        e = value + ipv4_length(value, last);
    } else if (kind == typed::rport) {
        std::uint64_t port = 0;
        e = value + bounded_uint(value, last, 65535, port);
    }
    return e != value && (e == last || typed_value<typed::branch>::value_end(*e)) ? e : value;
}

/// The strict path's fast path for one via-parm in its common shape,
/// filling `v` as grammar::via_parm would; returns the entry's end, or
/// nullptr where the grammar must decide (the caller then runs it on the
/// whole value). It takes
///   via-parm = sent-protocol LWS sent-by *( SEMI via-params ),
///   sent-protocol = protocol-name SLASH protocol-version SLASH transport (tokens),
///   sent-by = host [ ":" port ] (host_length, as sent_by_host measures it;
///     no SWS around the ':' of COLON),
///   via-params = via-ttl / via-maddr / via-received / via-branch /
///     response-port / alias (checked by typed_value<>::check) / via-extension
///     = generic-param = token [ EQUAL token ],
/// with SLASH, SEMI and EQUAL = SWS "/" / ";" / "=" SWS, SWS = [LWS] and
/// LWS = [*WSP CRLF] 1*WSP (one fold at most), as the grammar has them.
/// Whatever follows is the caller's to check.
SIPVIEW_HOT inline iter fast_via_parm(iter p, iter last, via& v) noexcept {
    iter const start = p;
    // sent-protocol = protocol-name SLASH protocol-version SLASH transport
    if (last - p > 8 && std::memcmp(p, "SIP/2.0/", 8) == 0) {  // the usual name and version in one compare
        v.protocol_name = std::string_view(p, 3);
        v.protocol_version = std::string_view(p + 4, 3);
        p = sws_end(p + 8, last);
    } else {
        for (std::string_view* part : {&v.protocol_name, &v.protocol_version}) {
            iter const b = p;
            p = skip_class<token_chars>(p, last);
            if (p == b) return nullptr;
            *part = std::string_view(b, static_cast<std::size_t>(p - b));
            p = sws_end(p, last);
            if (p == last || *p != '/') return nullptr;
            p = sws_end(p + 1, last);
        }
    }
    iter const transport = p;
    p = skip_class<token_chars>(p, last);
    if (p == transport) return nullptr;
    v.transport = std::string_view(transport, static_cast<std::size_t>(p - transport));
    // LWS sent-by (sent_by_space: LWS that does not end the value); mostly one SP
    iter host = p + 1;
    if (p == last || *p != ' ' || host == last || is(*host, c_lws_first)) {
        std::size_t const lws = lws_length(p, last);
        if (lws == 0 || static_cast<std::size_t>(last - p) == lws) return nullptr;
        host = p + lws;
    }
    // sent-by = host [ COLON port ]
    host_kind_value k = host_kind_value::hostname;
    std::size_t const hn = host_length(host, last, k);
    if (hn == 0) return nullptr;
    v.host = std::string_view(host, hn);
    v.host_kind = static_cast<host_type>(k);
    p = host + hn;
    if (p != last && *p == ':') {  // the caller rejects an IPv6 byte after the digits (an unbracketed address)
        std::uint64_t n = 0;
        std::size_t const pn = bounded_uint(p + 1, last, 65535, n);
        if (pn == 0) return nullptr;
        v.port_text = std::string_view(p + 1, pn);
        p += pn + 1;
    }
    // *( SEMI via-params ), captured from the first ';'; the SWS of a SEMI
    // that is not followed by one is not part of the entry
    iter params = nullptr;
    // (each SWS is looked for only where the byte the rule wants is not there)
    for (;;) {
        iter q = p != last && *p == ';' ? p : sws_end(p, last);
        if (q == last || *q != ';') break;
        if (params == nullptr) params = q;
        iter name = q + 1;
        iter name_end = skip_class<token_chars>(name, last);
        if (name_end == name) {
            name = sws_end(name, last);
            name_end = skip_class<token_chars>(name, last);
        }
        std::string_view const pname(name, static_cast<std::size_t>(name_end - name));
        q = name_end != last && *name_end == '=' ? name_end : sws_end(name_end, last);
        bool const eq = q != last && *q == '=';
        iter const value = eq ? sws_end(q + 1, last) : q;
        p = name_end;  // a name without EQUAL ends the param
        if (iequals_lower(pname, "branch")) {  // via-branch = "branch" EQUAL token
            if (!eq) return nullptr;
            iter const e = skip_class<token_chars>(value, last);
            if (e == value || (e != last && !typed_value<typed::branch>::value_end(*e))) return nullptr;
            if ((v.*via_access::branch).data() == nullptr) v.*via_access::branch = std::string_view(value, static_cast<std::size_t>(e - value));
            p = e;
            continue;
        }
        typed kind = typed::branch;  // none of the checked kinds: via-extension
        if (iequals_lower(pname, "received")) kind = typed::received;
        else if (iequals_lower(pname, "rport")) kind = typed::rport;
        else if (iequals_lower(pname, "ttl")) kind = typed::ttl;
        else if (iequals_lower(pname, "maddr")) kind = typed::maddr;
        else if (iequals_lower(pname, "alias")) {  // alias (RFC 5923): no value
            if (eq) return nullptr;
            continue;
        }
        if (kind == typed::branch) {  // via-extension = generic-param = token [ EQUAL gen-value ], a token here
            if (pname.empty()) return nullptr;
            if (eq) {
                p = skip_class<token_chars>(value, last);
                if (p == value) return nullptr;
            }
            continue;
        }
        if (!eq) {  // response-port = "rport" [ EQUAL 1*DIGIT ]; the others need their value
            if (kind != typed::rport) return nullptr;
            continue;
        }
        // the checked values: up to the next SEMI / COMMA / LWS, as a whole
        // (the usual received IPv4address and rport number measured directly)
        iter e = usual_checked_value(kind, value, last);
        if (e == value) {
            while (e != last && !typed_value<typed::branch>::value_end(*e)) ++e;
            diag const d = kind == typed::received ? typed_value<typed::received>::check(value, e)
                           : kind == typed::rport  ? typed_value<typed::rport>::check(value, e)
                           : kind == typed::ttl    ? typed_value<typed::ttl>::check(value, e)
                                                   : typed_value<typed::maddr>::check(value, e);
            if (d != diag::none) return nullptr;
        }
        p = e;
    }
    if (params != nullptr) v.params_text = std::string_view(params, static_cast<std::size_t>(p - params));
    v.text = std::string_view(start, static_cast<std::size_t>(p - start));
    return p;
}

/// fast_via_parm over via-parm *( COMMA via-parm ) SWS (COMMA = SWS ","
/// SWS): the first entry into `first`, the others counted in `more`; false
/// where the grammar must decide.
inline bool fast_via_list(std::string_view text, via& first, std::size_t& more) noexcept {
    iter p = text.data();
    iter const last = p + text.size();
    std::size_t n = 0;
    p = fast_via_parm(p, last, first);
    for (;;) {
        if (p == nullptr) return false;
        if (p == last) break;
        if (*p != ',') {
            p = sws_end(p, last);
            if (p == last) break;
            if (*p != ',') return false;
        }
        via scratch;
        p = fast_via_parm(sws_end(p + 1, last), last, scratch);
        ++n;
    }
    more = n;
    return true;
}

/// Adds what a person needs to hear to a Via failure. The hints that always
/// apply are in the via_ rows themselves (diagnostics.hpp); this looks at
/// the bytes around the failure.
inline void explain(std::string_view text, parse_error& e) noexcept {
    std::size_t const at = e.offset < text.size() ? e.offset : text.size();
    // The last non-whitespace byte before the failure.
    std::size_t b = at;
    while (b > 0 && (is(text[b - 1], c_wsp) || text[b - 1] == '\r' || text[b - 1] == '\n')) --b;
    char const prev = b > 0 ? text[b - 1] : '\0';
    char const ch = at < text.size() ? text[at] : '\0';

    if (b == 0 && (at == text.size() || ch == ',' || ch == ';')) {
        e.refine(at == text.size() ? diag::via_empty : diag::via_no_sent_protocol);
    } else if (e.id == diag::core_port_range) {
        e.code = errc::out_of_range;  // as ttl and rport (via_ttl_range, via_rport_range)
    } else if (prev == ',' && (at == text.size() || ch == ',') && !explained_by_row(e.id)) {
        e.refine(diag::via_empty_entry);
    } else if (e.id == diag::via_entry_end && ch == ',') {
        e.refine(diag::via_several_entries);
    }
}

#endif // SIPVIEW_HAS_GRAMMARS
} // namespace via_impl
} // namespace detail

class via_list;
namespace detail {
result<via_list> parse_via_list_impl(borrowed_text value, parse_options const& opts) noexcept;
} // namespace detail

/// A comma-separated Via value: an input range of `via` that re-reads each
/// entry from the validated text as it goes, without allocation.
class via_list {
public:
    via_list() noexcept = default;
    via_list(std::string_view text, via const& first, std::size_t count, leniency_set lenient = {}) noexcept
        : text_(text), first_(first), count_(count), lenient_(lenient) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;  // *it is held in the iterator
        using value_type = via;
        using difference_type = std::ptrdiff_t;
        using pointer = via const*;
        using reference = via const&;

        iterator() noexcept = default;
        iterator(via const& current, char const* last, leniency_set lenient) noexcept
            : current_(current), last_(last), lenient_(lenient) {}
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { advance(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; advance(); return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept {
            return a.current_.text.data() == b.current_.text.data();
        }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return !(a == b); }

    private:
        void advance() noexcept {
            char const* const p = current_.text.data() + current_.text.size();
            if (current_.text.data() == nullptr || !detail::via_impl::next_entry(p, last_, current_, lenient_)) current_ = via{};
        }
        via current_{};
        char const* last_ = nullptr;
        leniency_set lenient_{};
    };

    iterator begin() const noexcept {
        if (count_ == 0) return iterator();
        return iterator(first_, text_.data() + text_.size(), lenient_);
    }
    iterator end() const noexcept { return iterator(); }
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    /// The first (topmost) entry: the one a response is sent back to. By
    /// value, as front() of every sipview range (so it cannot dangle).
    via front() const noexcept { return first_; }
    /// The whole value as passed to parse_via_list.
    std::string_view text() const noexcept { return text_; }

private:
    friend result<via_list> detail::parse_via_list_impl(borrowed_text value, parse_options const& opts) noexcept;
    std::string_view text_;
    via first_{};
    std::size_t count_ = 0;
    leniency_set lenient_{};
};

/// Parses one via-parm (`SIP/2.0/UDP host:port;params`). Trailing whitespace
/// is allowed; a ',' is not (use parse_via_list). Allocation-free; never throws.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<via> parse_via_impl(borrowed_text one_via_parm, parse_options const& opts) noexcept {
    via v;
    if (fast_paths && opts.lenient.bits() == 0) {  // via-parm SWS, in the common shape
        iter const last = one_via_parm.data() + one_via_parm.size();
        iter const e = detail::via_impl::fast_via_parm(one_via_parm.data(), last, v);
        if (e != nullptr && sws_end(e, last) == last) return v;
        v = via{};
    }
    parse_error err;
    if (detail::run(one_via_parm, detail::via_impl::whole_entry, v, err, opts))
        return v;
    detail::via_impl::explain(one_via_parm, err);
    return err;
}
#else
result<via> parse_via_impl(borrowed_text one_via_parm, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<via>, detail::parse_via_impl> parse_via{};

/// Parses a Via header value: via-parm *( COMMA via-parm ), trailing
/// whitespace allowed. With `opts`, sent-by hosts under the leniency flags
/// allow_underscore_host and allow_digit_toplabel. Allocation-free; never throws.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_HOT SIPVIEW_DECL result<via_list> parse_via_list_impl(borrowed_text value, parse_options const& opts) noexcept {
    result<via_list> r(std::in_place);  // built in place, returned by name (NRVO)
    if (fast_paths && opts.lenient.bits() == 0) {
        if (detail::via_impl::fast_via_list(value, r->first_, r->count_)) {
            r->text_ = value;  // the common shape, as the grammar would have filled it
            r->count_ += 1;
            return r;
        }
        r->first_ = via{};
    }
    detail::via_impl::list_state state;
    parse_error err;
    if (detail::run(value, detail::via_impl::whole_list, state, err, opts)) {
        r->text_ = value;
        r->first_ = state.first;
        r->count_ = state.count + 1;
        r->lenient_ = opts.lenient;
    } else {
        detail::via_impl::explain(value, err);
        r.set_error(err);
    }
    return r;
}
#else
result<via_list> parse_via_list_impl(borrowed_text value, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<via_list>, detail::parse_via_list_impl> parse_via_list{};

} // namespace sipview

#endif
