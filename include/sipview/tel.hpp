// sipview — tel URIs (RFC 3966) with trunk groups (RFC 4904), and the
// telephone-subscriber a SIP URI carries in its user part with user=phone
// (RFC 3261 §19.1.6), as read-only views over the caller's text; their
// comparison (RFC 3966 §4) and their writer (format.hpp).
//
// The grammar (RFC 3966 §3, RFC 4904 §5):
//   telephone-uri        = "tel:" telephone-subscriber
//   telephone-subscriber = global-number / local-number
//   global-number        = global-number-digits *par
//   local-number         = local-number-digits *par context *par
//   par                  = parameter / extension / isdn-subaddress
//                          / trunk-group / trunk-context            (RFC 4904)
//   isdn-subaddress      = ";isub=" 1*uric
//   extension            = ";ext=" 1*phonedigit
//   context              = ";phone-context=" descriptor
//   descriptor           = domainname / global-number-digits
//   global-number-digits = "+" *phonedigit DIGIT *phonedigit
//   local-number-digits  = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex
//   domainname           = *( domainlabel "." ) toplabel [ "." ]
//   parameter            = ";" pname ["=" pvalue ]
//   pname                = 1*( alphanum / "-" )
//   pvalue               = 1*paramchar
//   paramchar            = param-unreserved / unreserved / pct-encoded
//   phonedigit           = DIGIT / [ visual-separator ]
//   phonedigit-hex       = HEXDIG / "*" / "#" / [ visual-separator ]
//   visual-separator     = "-" / "." / "(" / ")"
//   trunk-group          = ";tgrp=" trunk-group-label
//   trunk-context        = ";trunk-context=" descriptor
//   trunk-group-label    = 1*( unreserved / pct-encoded / trunk-group-unreserved )
//   trunk-group-unreserved = "/" / "&" / "+" / "$"
//
// Parameter order. RFC 3966 §3 (the text after the ABNF) says isub or ext
// come first, then phone-context, then the other parameters in
// lexicographical order, and that no parameter name appears twice. Its ABNF
// accepts the pars in any order around the one context. sipview accepts
// every order the ABNF allows (a reader insisting on the prose order would
// reject URIs that peers send) and writes the parameters back in the order
// they were written. Other choices where the ABNF is loose, each for a reason:
//   * isub = 1*uric, and uric holds ';': an isub that swallowed the next
//     parameters would make ';isub=1;ext=2' one parameter. The isub value
//     stops at ';' (as every implementation reads it).
//   * ext = 1*phonedigit, and phonedigit may be a lone separator: ext needs
//     a DIGIT (as global-number-digits does), so ';ext=-' is refused.
//   * a global number with ';phone-context=' matches the ABNF through the
//     generic parameter rule; it is accepted (RFC 3966 §5.1.5 only requires
//     the context of local numbers) and its value must be a descriptor too.
//   * isub, ext, phone-context, tgrp and trunk-context may appear once each
//     (diag::tel_duplicate_param). Other names may repeat: refusing them
//     would compare every name with every other, quadratic in the number of
//     parameters; compare_tel_uris treats the parameters as a set.
//
// Why the telephone-subscriber is a hand-written scanner (detail/X3.md) and
// not an X3 expression: exact error positions (a local number's missing
// phone-context is only known after its last parameter; a trailing ';', an
// empty parameter and an empty isub each get their own diagnostic at their
// byte) and PEG-vs-ABNF greediness (`"+" *phonedigit DIGIT *phonedigit`:
// a greedy *phonedigit eats the DIGIT). X3 composes it with the scheme and
// the end of input (parse_tel_uri) and with the rest of the URI grammar
// (uri.hpp: parse_uri, name-addr, Contact, Request-URI).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_TEL_HPP
#define SIPVIEW_TEL_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/write.hpp>

namespace sipview {

/// A parsed tel URI (or a telephone-subscriber). Every view points into the
/// parsed text; nothing is decoded.
struct tel_uri {
    std::string_view text;    ///< the whole URI as on the wire (the telephone-subscriber for parse_telephone_subscriber)
    std::string_view scheme;  ///< "tel" as written (any case); empty for parse_telephone_subscriber
    std::string_view number;  ///< global-number-digits (with its '+') or local-number-digits, as written
    std::string_view params_text;                 ///< every par, each with its leading ';' (isub, ext, phone-context included)
    std::optional<std::string_view> phone_context; ///< the descriptor of ;phone-context= (a domain name or +digits)
    std::optional<std::string_view> isub;          ///< the value of ;isub=, escapes kept
    std::optional<std::string_view> ext;           ///< the value of ;ext=, separators kept

    /// A global number ("+" and digits); otherwise a local number, which has a phone_context.
    bool global() const noexcept { return !number.empty() && number.front() == '+'; }
    /// Every par as {name, optional value}, in the order written.
    param_range params() const noexcept { return {params_text, ';'}; }
    /// The value of parameter `name` (case-insensitive).
    std::optional<std::string_view> param_value(std::string_view name) const noexcept { return params().value(name); }
    /// RFC 4904's trunk group label and its context.
    std::optional<std::string_view> tgrp() const noexcept { return param_value("tgrp"); }
    std::optional<std::string_view> trunk_context() const noexcept { return param_value("trunk-context"); }

    /// The number without visual separators ("-" "." "(" ")"), the leading
    /// '+' of a global number kept, letters as written, into
    /// [buf, buf + cap). diag::decode_buffer_full when it does not fit.
    result<std::string_view> digits(char* buf, std::size_t cap) const noexcept {
        std::size_t n = 0;
        for (std::size_t i = 0; i < number.size(); ++i) {
            char const c = number[i];
            if (c == '-' || c == '.' || c == '(' || c == ')') continue;
            if (n == cap) return make_error(diag::decode_buffer_full, i);
            buf[n++] = c;
        }
        return std::string_view(buf, n);
    }
};

namespace detail {
namespace tel_impl {

/// visual-separator = "-" / "." / "(" / ")"
inline constexpr bool visual_separator(char c) noexcept { return c == '-' || c == '.' || c == '(' || c == ')'; }
/// pname = 1*( alphanum / "-" )
inline bool pname_char(char c) noexcept { return is(c, alphanum) || c == '-'; }

/// Length of 1*(char / pct-encoded) at p, `ok(c)` saying which bytes are
/// chars; 0 when empty. A '%' that does not start an escape ends the run,
/// `bad` then points at it.
template <class Ok>
inline std::size_t escaped_run(iter p, iter last, Ok ok, iter& bad) noexcept {
    iter q = p;
    bad = nullptr;
    for (;;) {
        if (q != last && ok(*q)) { ++q; continue; }
        if (q != last && *q == '%') {
            if (last - q >= 3 && is(q[1], c_hex) && is(q[2], c_hex)) { q += 3; continue; }
            bad = q;
        }
        break;
    }
    return static_cast<std::size_t>(q - p);
}

/// global-number-digits = "+" *phonedigit DIGIT *phonedigit at p (p at '+').
/// Returns the end, or nullptr when no DIGIT follows the '+'.
inline iter global_digits(iter p, iter last) noexcept {
    iter q = p + 1;
    bool digit = false;
    while (q != last && (is(*q, c_digit) || visual_separator(*q))) {
        digit = digit || is(*q, c_digit);
        ++q;
    }
    return digit ? q : nullptr;
}

/// descriptor = domainname / global-number-digits. Returns the end or nullptr.
inline iter descriptor(iter p, iter last) noexcept {
    if (p == last) return nullptr;
    if (*p == '+') return global_digits(p, last);
    std::size_t const n = hostname_length(p, last);  // domainname is RFC 3261's hostname rule
    return n == 0 ? nullptr : p + n;
}

/// The outcome of a scan: `end` where the scanned part stops (the caller
/// decides whether what follows may follow it), or the failure `id` at `at`.
struct scan_state {
    iter end = nullptr;
    iter at = nullptr;
    diag id = diag::none;
    bool fail(iter where, diag d) noexcept {
        at = where;
        id = d;
        return false;
    }
};

/// global-number-digits / local-number-digits at [first, last) into t.number.
inline bool scan_number(iter first, iter last, tel_uri& t, scan_state& st) noexcept {
    iter p = first;
    if (p != last && *p == '+') {
        iter const e = global_digits(p, last);
        if (e == nullptr) return st.fail(p + 1, diag::tel_global_no_digit);
        p = e;
    } else {
        bool digit = false;
        while (p != last && (is(*p, c_hex) || *p == '*' || *p == '#' || visual_separator(*p))) {
            digit = digit || !visual_separator(*p);
            ++p;
        }
        if (p == first) return st.fail(first, diag::tel_number);
        if (!digit) return st.fail(first, diag::tel_local_no_digit);
    }
    t.number = std::string_view(first, static_cast<std::size_t>(p - first));
    st.end = p;
    return true;
}

/// *par after the number (with the context of a local number among them)
/// at [first, last) into t.params_text, phone_context, isub, ext. `global`:
/// the number was global (else a phone-context is required).
inline bool scan_params(iter first, iter last, bool global, tel_uri& t, scan_state& st) noexcept {
    iter p = first;
    bool seen_tgrp = false, seen_trunk_context = false;
    while (p != last && *p == ';') {
        iter const semi = p++;
        // a ';' that ends the URI (the end of the input, or a byte that
        // cannot be in a parameter, such as the '>' of a name-addr)
        if (p == last || !(*p == ';' || *p == '=' || *p == '%' || is(*p, paramchar_chars)))
            return st.fail(semi, diag::tel_trailing_semicolon);
        if (*p == ';') return st.fail(p, diag::tel_empty_param);
        iter const n0 = p;
        while (p != last && pname_char(*p)) ++p;
        if (p == n0) return st.fail(p, diag::tel_param_name);
        std::string_view const name(n0, static_cast<std::size_t>(p - n0));
        enum class known { other, isub, ext, phone_context, tgrp, trunk_context };
        known const k = iequals(name, "isub") ? known::isub
                      : iequals(name, "ext") ? known::ext
                      : iequals(name, "phone-context") ? known::phone_context
                      : iequals(name, "tgrp") ? known::tgrp
                      : iequals(name, "trunk-context") ? known::trunk_context
                                                        : known::other;
        bool const dup = (k == known::isub && t.isub) || (k == known::ext && t.ext) ||
                         (k == known::phone_context && t.phone_context) || (k == known::tgrp && seen_tgrp) ||
                         (k == known::trunk_context && seen_trunk_context);
        if (dup) return st.fail(n0, diag::tel_duplicate_param);
        if (p == last || *p != '=') {
            if (k != known::other) return st.fail(p, diag::tel_param_needs_value);
            continue;  // a flag parameter
        }
        iter const v = ++p;
        iter bad = nullptr;
        diag value_diag = diag::tel_param_value;
        switch (k) {
        case known::isub:  // 1*uric, without ';' (see the top of the file)
            value_diag = diag::tel_isub_empty;
            p += escaped_run(p, last, [](char c) { return is(c, uric_chars) && c != ';'; }, bad);
            break;
        case known::ext: {  // 1*phonedigit, with a DIGIT
            value_diag = diag::tel_ext_value;
            bool digit = false;
            while (p != last && (is(*p, c_digit) || visual_separator(*p))) {
                digit = digit || is(*p, c_digit);
                ++p;
            }
            if (!digit) return st.fail(v, value_diag);
            break;
        }
        case known::phone_context:
        case known::trunk_context: {  // descriptor
            value_diag = diag::tel_descriptor;
            iter const e = descriptor(p, last);
            if (e == nullptr) return st.fail(v, value_diag);
            p = e;
            break;
        }
        case known::tgrp:  // trunk-group-label
            value_diag = diag::tel_tgrp_value;
            p += escaped_run(p, last, [](char c) { return is(c, unreserved) || c == '/' || c == '&' || c == '+' || c == '$'; }, bad);
            break;
        case known::other:  // pvalue = 1*paramchar
            p += escaped_run(p, last, [](char c) { return is(c, paramchar_chars); }, bad);
            break;
        }
        if (bad != nullptr) return st.fail(bad, diag::core_percent_escape);
        if (p == v) return st.fail(v, value_diag);
        // ext, descriptors and tgrp are narrower than pvalue: a pvalue byte
        // right after one is a wrong byte in it, not the end of the URI
        if (k != known::isub && k != known::other && p != last && (*p == '%' || is(*p, paramchar_chars)))
            return st.fail(p, value_diag);
        std::string_view const value(v, static_cast<std::size_t>(p - v));
        switch (k) {
        case known::isub: t.isub = value; break;
        case known::ext: t.ext = value; break;
        case known::phone_context: t.phone_context = value; break;
        case known::tgrp: seen_tgrp = true; break;
        case known::trunk_context: seen_trunk_context = true; break;
        case known::other: break;
        }
    }
    t.params_text = std::string_view(first, static_cast<std::size_t>(p - first));
    if (!global && !t.phone_context) return st.fail(p, diag::tel_local_needs_context);
    st.end = p;
    return true;
}

/// telephone-subscriber at [first, last) into `t`. `bare`: in an addr-spec
/// outside <> (RFC 3261 §20) a ';' ends the URI, so no parameter is read
/// (and a local number, which needs its phone-context, cannot be written).
inline bool scan_subscriber(iter first, iter last, bool bare, tel_uri& t, scan_state& st) noexcept {
    if (!scan_number(first, last, t, st)) return false;
    iter const p = st.end;
    bool const global = *first == '+';
    if (bare) {
        t.params_text = std::string_view(p, 0);
        if (!global) return st.fail(p, diag::tel_local_needs_context);
        return true;
    }
    return scan_params(p, last, global, t, st);
}

} // namespace tel_impl

#if SIPVIEW_HAS_GRAMMARS
namespace grammar {
namespace tel_rules {

/// telephone-subscriber, filling the tel_uri in context (uri.hpp has the
/// form that fills a uri, inside and outside <>).
struct telephone_subscriber_parser : detail::primitive<telephone_subscriber_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        tel_impl::scan_state st;
        tel_uri& t = ast_of<tel_uri>(ctx);
        if (!tel_impl::scan_subscriber(first, last, false, t, st)) {
            report(ctx, st.at, st.id);
            return false;
        }
        first = st.end;
        return true;
    }
};

/// telephone-uri = "tel:" telephone-subscriber, then the end of the input.
inline constexpr auto tel_uri_entry =
    set<&tel_uri::text>[set<&tel_uri::scheme>[ci_lit("tel")] >> x3::lit(':') >> telephone_subscriber_parser{}] >>
    describe(diag::tel_end)[x3::eoi];
/// telephone-subscriber alone (a SIP URI's user part with user=phone).
inline constexpr auto subscriber_entry =
    set<&tel_uri::text>[telephone_subscriber_parser{}] >> describe(diag::tel_end)[x3::eoi];

} // namespace tel_rules
} // namespace grammar

namespace tel_impl {
template <class Grammar>
inline result<tel_uri> parse_with(std::string_view text, Grammar const& g) noexcept {
    result<tel_uri> r(std::in_place);
    parse_error err;
    if (!run(text, g, *r, err)) r.set_error(err);
    return r;
}
} // namespace tel_impl
#endif // SIPVIEW_HAS_GRAMMARS
} // namespace detail

/// Parses a tel URI (RFC 3966, with RFC 4904's tgrp and trunk-context):
/// `tel:+1-201-555-0123`, `tel:7042;phone-context=example.com`. The scheme
/// is matched in any case. Allocation-free; never throws.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<tel_uri> parse_tel_uri(borrowed_text text) noexcept {
    if (text.size() < 4 || detail::ascii_lower(text[0]) != 't' || detail::ascii_lower(text[1]) != 'e' ||
        detail::ascii_lower(text[2]) != 'l' || text[3] != ':') {
        std::size_t at = 0;
        while (at < 3 && at < text.size() && detail::ascii_lower(text[at]) == "tel"[at]) ++at;
        return make_error(diag::tel_scheme, at, at >= text.size());
    }
    return detail::tel_impl::parse_with(text, detail::grammar::tel_rules::tel_uri_entry);
}
#else
result<tel_uri> parse_tel_uri(borrowed_text text) noexcept;
#endif

/// Parses a telephone-subscriber without the "tel:" prefix: the user part
/// of a SIP URI with user=phone (RFC 3261 §19.1.6), e.g.
/// `+358-555-1234567;postd=pp22`. scheme is empty in the result.
/// Allocation-free; never throws.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<tel_uri> parse_telephone_subscriber(borrowed_text text) noexcept {
    return detail::tel_impl::parse_with(text, detail::grammar::tel_rules::subscriber_entry);
}
#else
result<tel_uri> parse_telephone_subscriber(borrowed_text text) noexcept;
#endif

// ===========================================================================
// Comparison (RFC 3966 §4).

/// Which rule makes two tel URIs differ.
enum class tel_rule : unsigned char {
    equal,   ///< they are equal
    number,  ///< "tel-number": global vs local, or the digits (separators ignored, any case)
    param,   ///< "tel-param:<name>": a parameter on one side only, or with other values
};

/// What compare_tel_uris found: equal, or the first difference.
struct tel_difference {
    tel_rule rule = tel_rule::equal;
    std::string_view param_name;   ///< the parameter's name as written (rule == param)
    std::string_view a_part;       ///< the differing part of a: the number, or the parameter as `name[=value]` (empty: absent)
    std::string_view b_part;       ///< the same in b
    std::string_view explanation;  ///< one line, static

    bool equal() const noexcept { return rule == tel_rule::equal; }
    /// "tel-number" or "tel-param" (the name of the parameter is `param_name`), "" when equal.
    std::string_view rule_name() const noexcept {
        return rule == tel_rule::number ? "tel-number" : rule == tel_rule::param ? "tel-param" : "";
    }
    /// The rule as the issue names it, "tel-number" or "tel-param:<name>"
    /// (the name in lower case), into [buf, buf + cap).
    result<std::string_view> write_rule(char* buf, std::size_t cap) const noexcept {
        std::string_view const base = rule_name();
        std::size_t const need = base.size() + (rule == tel_rule::param ? 1 + param_name.size() : 0);
        if (need > cap) return make_error(diag::decode_buffer_full, cap);
        std::size_t n = 0;
        for (char c : base) buf[n++] = c;
        if (rule == tel_rule::param) {
            buf[n++] = ':';
            for (char c : param_name) buf[n++] = detail::ascii_lower(c);
        }
        return std::string_view(buf, n);
    }
};

namespace detail {
namespace tel_impl {

/// The next byte of `v` from `i` for comparison: a %HH escape decoded, ASCII
/// letters in lower case, visual separators skipped when `skip_separators`.
/// Returns -1 at the end.
inline int next_compared(std::string_view v, std::size_t& i, bool skip_separators) noexcept {
    while (i < v.size()) {
        char c = v[i];
        if (c == '%' && i + 2 < v.size() && hex_value(v[i + 1]) >= 0 && hex_value(v[i + 2]) >= 0) {
            c = static_cast<char>(hex_value(v[i + 1]) * 16 + hex_value(v[i + 2]));
            i += 3;
        } else {
            ++i;
            if (skip_separators && visual_separator(c)) continue;
        }
        return static_cast<unsigned char>(ascii_lower(c));
    }
    return -1;
}

inline bool same_text(std::string_view a, std::string_view b, bool skip_separators) noexcept {
    std::size_t i = 0, j = 0;
    for (;;) {
        int const x = next_compared(a, i, skip_separators);
        int const y = next_compared(b, j, skip_separators);
        if (x != y) return false;
        if (x < 0) return true;
    }
}

/// A value compared digit by digit when it is a number (ext, and a
/// descriptor that is global-number-digits), as a host name otherwise (any
/// case; a domain's trailing dot is not ignored).
inline bool same_value(std::string_view name, std::string_view a, std::string_view b) noexcept {
    bool const numeric = iequals(name, "ext") ||
                         ((iequals(name, "phone-context") || iequals(name, "trunk-context")) && !a.empty() && a.front() == '+');
    return same_text(a, b, numeric);
}

inline bool same_param(param const& a, param const& b) noexcept {
    if (!iequals(a.name, b.name) || a.value.has_value() != b.value.has_value()) return false;
    return !a.value || same_value(a.name, *a.value, *b.value);
}

/// A total order on parameters that does not depend on which URI they come
/// from: the name (any case), then no value before a value, then the value
/// (any case, %HH decoded). Two parameters it finds equal are same_param.
inline int param_order(param const& a, param const& b) noexcept {
    std::size_t i = 0, j = 0;
    for (;;) {
        int const x = i < a.name.size() ? static_cast<unsigned char>(ascii_lower(a.name[i++])) : -1;
        int const y = j < b.name.size() ? static_cast<unsigned char>(ascii_lower(b.name[j++])) : -1;
        if (x != y) return x < y ? -1 : 1;
        if (x < 0) break;
    }
    if (a.value.has_value() != b.value.has_value()) return a.value ? 1 : -1;
    if (!a.value) return 0;
    i = j = 0;
    for (;;) {
        int const x = next_compared(*a.value, i, false);
        int const y = next_compared(*b.value, j, false);
        if (x != y) return x < y ? -1 : 1;
        if (x < 0) return 0;
    }
}

/// `name[=value]` as written.
inline std::string_view whole(param const& p) noexcept {
    if (!p.value) return p.name;
    return std::string_view(p.name.data(), static_cast<std::size_t>(p.value->data() + p.value->size() - p.name.data()));
}

inline constexpr std::string_view explain_kind = "one is a global number (+...), the other a local number (RFC 3966 §4)";
inline constexpr std::string_view explain_number = "the numbers differ (visual separators ignored, any case; RFC 3966 §4)";
inline constexpr std::string_view explain_missing =
    "a parameter is present on one side only (RFC 3966 §4: parameters compare as a set, by name)";
inline constexpr std::string_view explain_value =
    "the parameter values differ (any case, escapes decoded; ext and +digits contexts without separators)";

/// The first parameter of `x` that has no equal in `y`, as a difference
/// (parts in x's order: `swap` puts them as b, a), and into `*unmatched`.
inline bool param_without_match(tel_uri const& x, tel_uri const& y, bool swap, tel_difference& d, param* unmatched) noexcept {
    for (param const& p : x.params()) {
        bool found = false;
        std::optional<param> same_name;
        for (param const& q : y.params()) {
            if (same_param(p, q)) { found = true; break; }
            if (!same_name && iequals(p.name, q.name)) same_name = q;
        }
        if (found) continue;
        d.rule = tel_rule::param;
        d.param_name = p.name;
        std::string_view const mine = whole(p);
        std::string_view const theirs = same_name ? whole(*same_name) : std::string_view{};
        d.a_part = swap ? theirs : mine;
        d.b_part = swap ? mine : theirs;
        d.explanation = same_name ? explain_value : explain_missing;
        *unmatched = p;
        return true;
    }
    return false;
}

} // namespace tel_impl
} // namespace detail

/// Compares two tel URIs as RFC 3966 §4 says: both global or both local;
/// the numbers equal once visual separators are removed (any case);
/// parameters compared by name regardless of order, present on both sides
/// with equal values (any case, %HH decoded; ext and a +digits
/// phone-context / trunk-context without separators); a parameter on one
/// side only makes them differ. Returns equal, or the first difference:
/// the number, then a's parameters in order, then b's. No allocation.
inline tel_difference compare_tel_uris(tel_uri const& a, tel_uri const& b) noexcept {
    using namespace detail::tel_impl;
    tel_difference d;
    if (a.global() != b.global() || !same_text(a.number, b.number, true)) {
        d.rule = tel_rule::number;
        d.a_part = a.number;
        d.b_part = b.number;
        d.explanation = a.global() != b.global() ? explain_kind : explain_number;
        return d;
    }
    // A parameter of a that b does not match, and one of b that a does not:
    // the one that sorts first (param_order), so that compare(a, b) and
    // compare(b, a) report the same parameter with the parts swapped, also
    // when both have the same name (;isub=1 against ;isub=2;isub=3).
    tel_difference x, y;
    param x_param, y_param;
    bool const in_a = param_without_match(a, b, false, x, &x_param);
    bool const in_b = param_without_match(b, a, true, y, &y_param);
    if (in_a && in_b) return param_order(x_param, y_param) <= 0 ? x : y;
    if (in_a) return x;
    if (in_b) return y;
    return d;
}

/// True when compare_tel_uris finds no difference.
inline bool tel_uri_equal(tel_uri const& a, tel_uri const& b) noexcept { return compare_tel_uris(a, b).equal(); }

// ===========================================================================
// Writer (format.hpp): "tel:" number *par, as written.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

/// Checked mode: the number alone (global-number-digits / local-number-digits).
struct tel_number_rule : primitive<tel_number_rule> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        tel_impl::scan_state st;
        tel_uri t;
        if (!tel_impl::scan_number(first, last, t, st)) {
            report(ctx, st.at, st.id);
            return false;
        }
        first = st.end;
        return true;
    }
};

/// Checked mode: the parameters of a global (or a local) number, which must
/// hold the phone-context of a local one.
template <bool Global>
struct tel_params_rule : primitive<tel_params_rule<Global>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        tel_impl::scan_state st;
        tel_uri t;
        if (!tel_impl::scan_params(first, last, Global, t, st)) {
            report(ctx, st.at, st.id);
            return false;
        }
        first = st.end;
        return true;
    }
};

/// "tel:" number *par: the scheme as written ("tel" when empty), the number
/// and the parameters as written, in their order.
template <class S, class O>
inline void write(S& s, tel_uri const& t, O const&) {
    std::string_view const scheme = t.scheme.empty() ? std::string_view("tel") : t.scheme;
    check_rule(s, ci_lit("tel"), scheme, {"the tel scheme (\"tel\" in any case)", "leave tel_uri::scheme empty, or set it to \"tel\"", rule_shape::verbatim});
    s.put(scheme);
    s.put(':');
    check_rule(s, tel_number_rule{}, t.number.data() != nullptr ? t.number : std::string_view("", 0),
               {"telephone number: + then digits, or hex digits, '*' and '#' (separators - . ( ) between)",
                "a global number starts with '+' and has a digit; write other bytes nowhere in the number", rule_shape::verbatim});
    s.put(t.number);
    rule_info const params_info{"tel parameters: ;name[=value], and ;phone-context= for a local number",
                                "a local number needs ;phone-context=<domain or +digits>; escape other bytes as %HH",
                                rule_shape::params};
    // (an unset view has no address to report an error at: check an empty one)
    std::string_view const ps = t.params_text.data() != nullptr ? t.params_text : std::string_view("", 0);
    if (t.global()) check_rule(s, tel_params_rule<true>{}, ps, params_info);
    else check_rule(s, tel_params_rule<false>{}, ps, params_info);
    params(s, t.params(), ';');
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
