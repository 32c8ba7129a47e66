// sipview — SIP events (RFC 6665): the Event and Subscription-State header
// values.
//
//   Event              = ( "Event" / "o" ) HCOLON event-type *( SEMI event-param )
//   event-type         = event-package *( "." event-template )
//   event-param        = generic-param / ( "id" EQUAL token )
//   Subscription-State = "Subscription-State" HCOLON substate-value *( SEMI subexp-params )
//   substate-value     = "active" / "pending" / "terminated" / extension-substate
//   subexp-params      = ("reason" EQUAL event-reason-value) / ("expires" EQUAL delta-seconds)
//                        / ("retry-after" EQUAL delta-seconds) / generic-param
//
//   auto e = sipview::parse_event("dialog;id=1234");          // e->package, e->id()
//   auto s = sipview::parse_subscription_state("active;expires=600");
//   if (s && s->expires()) use(*s->expires());                  // 600
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_EVENTS_HPP
#define SIPVIEW_EVENTS_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/scalar_headers.hpp>
#include <sipview/token_list.hpp>

namespace sipview {

/// Event value: the event package and its parameters.
struct event {
    std::string_view package;      ///< the event-type as written, templates included: "presence.winfo"
    std::string_view params_text;  ///< event-params, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// "id" EQUAL token: tells subscriptions of one dialog apart (RFC 6665 §8.2.1).
    std::optional<std::string_view> id() const noexcept { return params().value("id"); }
};

/// Subscription-State value: the state and, by state, reason, expires, retry-after.
struct subscription_state {
    std::string_view state;        ///< "active", "pending", "terminated" or an extension, as written
    std::string_view params_text;  ///< subexp-params, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// event-reason-value ("deactivated", "probation", "rejected", "timeout",
    /// "giveup", "noresource", "invariant" or an extension).
    std::optional<std::string_view> reason() const noexcept { return params().value("reason"); }
    /// expires: delta-seconds (validated to fit 32 bits).
    std::optional<std::uint32_t> expires() const noexcept { return params().number_value("expires"); }
    /// retry-after: delta-seconds (validated to fit 32 bits).
    std::optional<std::uint32_t> retry_after() const noexcept { return params().number_value("retry-after"); }
};

/// The fields of each AST by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(event const& v, F&& f) {
    f("package", v.package);
    f("id", v.id());
    f("params", v.params());
}
template <class F>
inline void visit_fields(subscription_state const& v, F&& f) {
    f("state", v.state);
    f("reason", v.reason());
    f("expires", v.expires());
    f("retry_after", v.retry_after());
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace events_rules {
using detail::describe;
using detail::keyword;
using detail::when;

inline constexpr detail::message_impl::bounded_number delta_seconds(0xFFFFFFFFu, diag::msg_delta_range);

/// event-param = generic-param / ( "id" EQUAL token )
inline constexpr auto event_param =
    detail::by_name(generic_param, when("id", describe(diag::ev_id_equal)[EQUAL] >> describe(diag::ev_id_value)[token]));
inline constexpr auto event_params = *(SEMI >> describe(diag::ev_param)[event_param]);

/// subexp-params = ("reason" EQUAL event-reason-value) / ("expires" EQUAL
/// delta-seconds) / ("retry-after" EQUAL delta-seconds) / generic-param;
/// event-reason-value is a token.
inline constexpr auto subexp_param = detail::by_name(
    generic_param, when("reason", describe(diag::ev_reason_equal)[EQUAL] >> describe(diag::ev_reason_value)[token]),
    when("expires", describe(diag::ev_expires_equal)[EQUAL] >> describe(diag::ev_expires_value)[delta_seconds]),
    when("retry-after", describe(diag::ev_retry_after_equal)[EQUAL] >> describe(diag::ev_retry_after_value)[delta_seconds]));
inline constexpr auto subexp_params = *(SEMI >> describe(diag::ev_param)[subexp_param]);

} // namespace events_rules
} // namespace grammar

namespace events_impl {
namespace rules = grammar::events_rules;

inline constexpr auto event_grammar =
    set<&event::package>[describe(diag::ev_event_type)[grammar::token_list_rules::event_type]] >>
    set<&event::params_text>[rules::event_params] >> grammar::SWS >> describe(diag::ev_end)[x3::eoi];

inline constexpr auto subscription_state_grammar =
    set<&subscription_state::state>[describe(diag::ev_substate)[grammar::token]] >>
    set<&subscription_state::params_text>[rules::subexp_params] >> grammar::SWS >> describe(diag::ev_end)[x3::eoi];

} // namespace events_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Event value (RFC 6665 §8.2.1): `presence`, `dialog;id=1234`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<event> parse_event(borrowed_text value) noexcept {
    return detail::parse_as<event>(value, detail::events_impl::event_grammar);
}
#else
result<event> parse_event(borrowed_text value) noexcept;
#endif

/// Subscription-State value (RFC 6665 §8.2.3): `active;expires=600`,
/// `terminated;reason=timeout`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<subscription_state> parse_subscription_state(borrowed_text value) noexcept {
    return detail::parse_as<subscription_state>(value, detail::events_impl::subscription_state_grammar);
}
#else
result<subscription_state> parse_subscription_state(borrowed_text value) noexcept;
#endif

// Writers (format.hpp): the type or state, then `;name[=value]` for each parameter.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, event const& v, O const&) {
    check_rule(s, grammar::token_list_rules::event_type, v.package,
               {"event-type (event-package *( \".\" event-template ))", "", rule_shape::verbatim});
    s.put(v.package);
    check_rule(s, grammar::events_rules::event_params, v.params_text,
               {"Event parameters: ;id=token, ;name[=value]", "quote a value that is not a token; CR, LF and NUL cannot be written",
                rule_shape::params});
    params(s, v.params(), ';');
}

template <class S, class O>
inline void write(S& s, subscription_state const& v, O const&) {
    check_rule(s, grammar::token, v.state, {"substate-value (active, pending, terminated or a token)", "", rule_shape::verbatim});
    s.put(v.state);
    check_rule(s, grammar::events_rules::subexp_params, v.params_text,
               {"Subscription-State parameters: ;reason=token, ;expires=seconds, ;retry-after=seconds, ;name[=value]",
                "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
