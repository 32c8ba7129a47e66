// sipview — the P-Charging-Vector header value (RFC 7315 §5.6): the IMS
// charging identifier and the inter-operator identifiers.
//
//   P-Charging-Vector = "P-Charging-Vector" HCOLON icid-value *(SEMI charge-params)
//   charge-params     = icid-gen-addr / orig-ioi / term-ioi / transit-ioi /
//                       related-icid / related-icid-gen-addr / generic-param
//   icid-value        = "icid-value" EQUAL gen-value
//   icid-gen-addr     = "icid-generated-at" EQUAL host
//   orig-ioi          = "orig-ioi" EQUAL gen-value
//   term-ioi          = "term-ioi" EQUAL gen-value
//   related-icid-gen-addr = "related-icid-generated-at" EQUAL host
//
// transit-ioi and related-icid take a gen-value, which generic-param checks.
// icid-value comes first and, like icid-generated-at, orig-ioi and term-ioi,
// at most once (a second one is an error at its name).
//
//   auto r = sipview::parse_p_charging_vector("icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net");
//   if (r) use(r->icid_value(), r->orig_ioi());    // "1234bc9876e", "home1.net"
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_CHARGING_VECTOR_HPP
#define SIPVIEW_CHARGING_VECTOR_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#if SIPVIEW_HAS_GRAMMARS
#include <sipview/detail/once_each.hpp>
#endif // SIPVIEW_HAS_GRAMMARS
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>

namespace sipview {

/// P-Charging-Vector value. Values are raw (a quoted gen-value keeps its quotes).
struct p_charging_vector {
    std::string_view params_text;  ///< all the parameters, icid-value first, separated by SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// icid-value: the IMS Charging Identity (always present in a parsed value).
    std::string_view icid_value() const noexcept { return params().value("icid-value").value_or(std::string_view{}); }
    /// icid-generated-at: the host that generated the icid-value.
    std::optional<std::string_view> icid_generated_at() const noexcept { return params().value("icid-generated-at"); }
    /// orig-ioi / term-ioi: the originating and terminating Inter Operator Identifiers.
    std::optional<std::string_view> orig_ioi() const noexcept { return params().value("orig-ioi"); }
    std::optional<std::string_view> term_ioi() const noexcept { return params().value("term-ioi"); }
};

/// The fields of a p_charging_vector by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(p_charging_vector const& v, F&& f) {
    f("icid_value", v.icid_value());
    f("icid_generated_at", v.icid_generated_at());
    f("orig_ioi", v.orig_ioi());
    f("term_ioi", v.term_ioi());
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace charging_rules {
using detail::describe;
using detail::keyword;
using detail::when;

/// host = hostname / IPv4address / IPv6reference, as a whole gen-value
/// (no token character may follow it).
/// Why hand-written: PEG-vs-ABNF greediness (host_length, detail/scan.hpp).
struct host_value_parser : primitive<host_value_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        host_kind_value kind = host_kind_value::hostname;
        std::size_t const n = host_length(first, last, kind);
        if (n == 0) return false;
        It const end = first + static_cast<std::ptrdiff_t>(n);
        if (end != last && is(*end, token_chars)) return false;
        first = end;
        return true;
    }
};

inline constexpr auto value_tail = describe(diag::pcv_equal)[EQUAL] >> describe(diag::pcv_value)[gen_value];
inline constexpr auto host_tail = describe(diag::pcv_equal)[EQUAL] >> describe(diag::pcv_host)[host_value_parser{}];

/// icid-value = "icid-value" EQUAL gen-value, the first parameter.
inline constexpr auto icid_value = describe(diag::pcv_icid_value)[keyword("icid-value") >> value_tail];

/// charge-params = icid-gen-addr / orig-ioi / term-ioi / related-icid-gen-addr / generic-param
inline constexpr auto charge_param = describe(diag::pcv_param)[detail::by_name(
    generic_param, when("icid-generated-at", host_tail), when("related-icid-generated-at", host_tail),
    when("orig-ioi", value_tail), when("term-ioi", value_tail), when("icid-value", value_tail))];

/// icid-value *(SEMI charge-params), the four named ones at most once each.
inline constexpr auto charge_params =
    once_each(icid_value, SEMI, charge_param, diag::pcv_duplicate, "icid-value", "icid-generated-at", "orig-ioi", "term-ioi");

inline constexpr auto p_charging_vector_entry =
    set<&p_charging_vector::params_text>[charge_params] >> SWS >> describe(diag::pcv_end)[x3::eoi];

} // namespace charging_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// P-Charging-Vector value (RFC 7315 §5.6):
/// `icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<p_charging_vector> parse_p_charging_vector(borrowed_text value) noexcept {
    return detail::parse_as<p_charging_vector>(value, detail::grammar::charging_rules::p_charging_vector_entry);
}
#else
result<p_charging_vector> parse_p_charging_vector(borrowed_text value) noexcept;
#endif

// Writer (format.hpp): `name=value` for each parameter, joined by ';'.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, p_charging_vector const& v, O const&) {
    check_rule(s, grammar::charging_rules::charge_params, v.params_text,
               {"icid-value=gen-value *(;charge-param): icid-generated-at=host, orig-ioi=..., term-ioi=..., name[=value]",
                "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::verbatim});
    param_list(s, v.params(), ";");
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
