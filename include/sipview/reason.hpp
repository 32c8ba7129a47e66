// sipview — the Reason header (RFC 3326): why a request was issued or a
// call ended, for SIP and other protocols (Q.850, X.int, ...).
//
//   Reason            = "Reason" HCOLON reason-value *(COMMA reason-value)
//   reason-value      = protocol *(SEMI reason-params)
//   protocol          = "SIP" / "Q.850" / token
//   reason-params     = protocol-cause / reason-text / reason-extension
//   protocol-cause    = "cause" EQUAL cause
//   cause             = 1*DIGIT
//   reason-text       = "text" EQUAL quoted-string
//   reason-extension  = generic-param
//
//   auto r = sipview::parse_reason_list("Q.850;cause=16;text=\"Terminated\"");
//   for (sipview::reason const& x : *r) use(x.protocol, x.cause(), x.reason_text());
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_REASON_HPP
#define SIPVIEW_REASON_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/value_list.hpp>
#include <sipview/detail/embedded_header.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/scalar_headers.hpp>

namespace sipview {

/// One reason-value.
struct reason {
    std::string_view text;         ///< the whole reason-value, parameters included
    std::string_view protocol;     ///< "SIP", "Q.850", "X.int", ... as written
    std::string_view params_text;  ///< reason-params, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// protocol-cause: the cause number (validated to fit 32 bits).
    std::optional<std::uint32_t> cause() const noexcept { return params().number_value("cause"); }
    /// reason-text without its quotes (quoted-pairs kept; decode_quoted
    /// resolves them into caller storage).
    std::optional<std::string_view> reason_text() const noexcept {
        auto v = params().value("text");
        if (!v) return std::nullopt;
        return unquote(*v);
    }
};

/// The fields of a reason by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(reason const& v, F&& f) {
    f("protocol", v.protocol);
    f("cause", v.cause());
    f("text", v.reason_text());
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace reason_rules {
using detail::describe;
using detail::when;

inline constexpr detail::message_impl::bounded_number cause(0xFFFFFFFFu, diag::rs_cause_range);

/// reason-params = protocol-cause / reason-text / reason-extension
inline constexpr auto reason_param = detail::by_name(
    generic_param, when("cause", describe(diag::rs_cause_equal)[EQUAL] >> describe(diag::rs_cause_value)[cause]),
    when("text", describe(diag::rs_text_equal)[EQUAL] >> describe(diag::rs_text_quoted)[quoted]));
inline constexpr auto reason_params = *(SEMI >> describe(diag::rs_param)[reason_param]);

/// reason-value = protocol *(SEMI reason-params); each element starts with a
/// fresh reason in context.
inline constexpr auto reason_value =
    set<&reason::text>[set<&reason::protocol>[describe(diag::rs_protocol)[token]] >> set<&reason::params_text>[reason_params]];

} // namespace reason_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// The reason-values of a Reason header line, re-read one at a time from
/// the validated text as the iterator reaches them: no allocation.
namespace detail {
struct reason_value_rule;  // rule_ref's tag (value_list.hpp)
#if SIPVIEW_HAS_GRAMMARS
struct reason_value_rule {
    static constexpr auto const& rule = grammar::reason_rules::reason_value;
};
#endif
SIPVIEW_RULE_REF(reason_value_ref, reason_value_rule)
} // namespace detail
using reason_list = detail::value_list<reason, detail::reason_value_ref>;

/// Reason value (RFC 3326 §2): one or more reason-values separated by
/// commas. `SIP;cause=200;text="Call completed elsewhere"`,
/// `Q.850;cause=16`, `X.int;reasoncode=0x0000030A`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<reason_list> parse_reason_list(borrowed_text value) noexcept {
    return detail::parse_value_list<reason, detail::reason_value_ref>(value, diag::rs_list_element, diag::rs_end);
}
#else
result<reason_list> parse_reason_list(borrowed_text value) noexcept;
#endif

/// The Reason header a History-Info URI carries (RFC 7044 §4.1:
/// `<sip:User3@UA3.example.com?Reason=SIP%3Bcause%3D487>`), decoded into
/// [out, out + cap): its views point into `out`. nullopt when there is none.
inline result<std::optional<reason_list>> embedded_reason(uri const& u, char* out, std::size_t cap) noexcept {
    return detail::embedded_header<reason_list>(u, "Reason", out, cap, parse_reason_list);
}

// Writer (format.hpp): protocol then `;name[=value]` for each parameter, the
// values joined by ", ".
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, reason const& v, O const&) {
    check_rule(s, grammar::token, v.protocol, {"protocol (SIP, Q.850 or a token)", "", rule_shape::verbatim});
    s.put(v.protocol);
    check_rule<reason>(s, grammar::reason_rules::reason_params, v.params_text,
                       {"Reason parameters: ;cause=digits, ;text=\"quoted\", ;name[=value]",
                        "quote text; cause is digits; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}

template <class S, class O>
inline void write(S& s, reason_list const& v, O const& o) {
    bool first = true;
    for (reason const& r : v) {
        if (!first) s.put(", ");
        first = false;
        write(s, r, o);
    }
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
