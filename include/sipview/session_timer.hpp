// sipview — session timers (RFC 4028): the Session-Expires and Min-SE header
// values.
//
//   Session-Expires = ("Session-Expires" / "x") HCOLON delta-seconds *( SEMI se-params )
//   se-params       = refresher-param / generic-param
//   refresher-param = "refresher" EQUAL ("uas" / "uac")
//   Min-SE          = "Min-SE" HCOLON delta-seconds *( SEMI generic-param )
//
//   auto r = sipview::parse_session_expires("4000;refresher=uac");
//   if (r) use(r->delta, r->refresher());       // 4000, "uac"
//   auto m = msg.get<sipview::header::session_expires>();  // in a message
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_SESSION_TIMER_HPP
#define SIPVIEW_SESSION_TIMER_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/scalar_headers.hpp>

namespace sipview {

/// Session-Expires value: the session interval and who refreshes it.
struct session_expires {
    std::uint32_t delta = 0;       ///< delta-seconds
    std::string_view delta_text;   ///< the digits as written (leading zeros kept)
    std::string_view params_text;  ///< se-params, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// refresher-param: "uac" or "uas" as written (any case), or nullopt.
    std::optional<std::string_view> refresher() const noexcept {
        auto p = params().find("refresher");
        if (!p || !p->value) return std::nullopt;
        return p->value;
    }
};

/// Min-SE value: the smallest session interval the sender accepts.
struct min_se {
    std::uint32_t delta = 0;       ///< delta-seconds
    std::string_view delta_text;   ///< the digits as written
    std::string_view params_text;  ///< generic-params, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
};

/// The fields of each AST by name, for generic consumers (JSON, equality):
/// f(name, value) for each.
template <class F>
inline void visit_fields(session_expires const& v, F&& f) {
    f("delta", v.delta);
    f("refresher", v.refresher());
    f("params", v.params());
}
template <class F>
inline void visit_fields(min_se const& v, F&& f) {
    f("delta", v.delta);
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace session_timer_rules {
using detail::describe;
using detail::when;
using detail::keyword;

inline constexpr detail::message_impl::bounded_number delta_seconds(0xFFFFFFFFu, diag::msg_delta_range);

/// se-params = refresher-param / generic-param
inline constexpr auto se_param = detail::by_name(
    generic_param,
    when("refresher", describe(diag::msg_se_refresher_equal)[EQUAL] >>
                          describe(diag::msg_se_refresher_value)[keyword("uac") | keyword("uas")]));
inline constexpr auto se_params = *(SEMI >> describe(diag::msg_se_param_name)[se_param]);

} // namespace session_timer_rules
} // namespace grammar
} // namespace detail

namespace detail {
namespace session_timer_impl {

inline constexpr auto session_expires_grammar =
    detail::set<&session_expires::delta_text>[describe(diag::msg_se_delta)[
        grammar::session_timer_rules::delta_seconds]] >>
    detail::set<&session_expires::params_text>[grammar::session_timer_rules::se_params] >> grammar::SWS >>
    describe(diag::msg_se_end)[x3::eoi];

inline constexpr auto min_se_grammar =
    detail::set<&min_se::delta_text>[describe(diag::msg_min_se_delta)[
        grammar::session_timer_rules::delta_seconds]] >>
    detail::set<&min_se::params_text>[grammar::header_params] >> grammar::SWS >>
    describe(diag::msg_min_se_end)[x3::eoi];

template <class Ast, class Grammar>
inline result<Ast> parse_delta_and_params(borrowed_text value, Grammar const& g) noexcept {
    result<Ast> r(std::in_place);
    parse_error err;
    if (run(value, g, *r, err)) {
        std::uint64_t v = 0;
        for (char c : r->delta_text) v = v * 10 + static_cast<std::uint64_t>(c - '0');
        r->delta = static_cast<std::uint32_t>(v);
        return r;
    }
    r.set_error(err);
    return r;
}

} // namespace session_timer_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Session-Expires value (RFC 4028 §4): `1800;refresher=uas`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<session_expires> parse_session_expires(borrowed_text value) noexcept {
    return detail::session_timer_impl::parse_delta_and_params<session_expires>(value,
                                                                               detail::session_timer_impl::session_expires_grammar);
}
#else
result<session_expires> parse_session_expires(borrowed_text value) noexcept;
#endif

/// Min-SE value (RFC 4028 §5): `90`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<min_se> parse_min_se(borrowed_text value) noexcept {
    return detail::session_timer_impl::parse_delta_and_params<min_se>(value, detail::session_timer_impl::min_se_grammar);
}
#else
result<min_se> parse_min_se(borrowed_text value) noexcept;
#endif

// Writers (format.hpp): delta-seconds then `;name[=value]` for each parameter.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class Ast, class Params>
inline void write_delta_and_params(S& s, Ast const& v, Params const& params_rule, char const* params_expected) {
    char buf[20];
    std::string_view const digits = !v.delta_text.empty() ? v.delta_text : decimal(v.delta, buf);
    check_rule(s, grammar::session_timer_rules::delta_seconds, digits, {"delta-seconds (digits, at most 4294967295)", "", rule_shape::verbatim});
    s.put(digits);
    check_rule(s, params_rule, v.params_text,
               {params_expected, "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}

template <class S, class O>
inline void write(S& s, session_expires const& v, O const&) {
    write_delta_and_params(s, v, grammar::session_timer_rules::se_params,
                           "Session-Expires parameters: ;refresher=uac or ;refresher=uas, ;name[=value]");
}

template <class S, class O>
inline void write(S& s, min_se const& v, O const&) {
    write_delta_and_params(s, v, grammar::header_params, "Min-SE parameters: ;name[=value]");
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
