// sipview — headers that name a dialog by Call-ID and tags: Replaces
// (RFC 3891), Join (RFC 3911) and Target-Dialog (RFC 4538).
//
//   Replaces       = "Replaces" HCOLON callid *(SEMI replaces-param)
//   replaces-param = to-tag / from-tag / early-flag / generic-param
//   to-tag         = "to-tag" EQUAL token
//   from-tag       = "from-tag" EQUAL token
//   early-flag     = "early-only"
//   Join           = "Join" HCOLON callid *(SEMI join-param)
//   join-param     = to-tag / from-tag / generic-param
//   Target-Dialog  = "Target-Dialog" HCOLON callid *(SEMI td-param)
//   td-param       = remote-param / local-param / generic-param
//   remote-param   = "remote-tag" EQUAL token
//   local-param    = "local-tag" EQUAL token
//
//   auto r = sipview::parse_replaces("12345@192.0.2.3;to-tag=12345;from-tag=5FFE-3994");
//   if (r) use(r->call_id, r->to_tag(), r->from_tag(), r->early_only());
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DIALOG_ID_HPP
#define SIPVIEW_DIALOG_ID_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/embedded_header.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>

namespace sipview {

/// A Replaces, Join or Target-Dialog value: a Call-ID and the parameters
/// that pick the dialog.
struct dialog_id {
    std::string_view call_id;      ///< callid = word [ "@" word ]
    std::string_view params_text;  ///< the parameters, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// Replaces, Join: the to-tag and from-tag of the dialog.
    std::optional<std::string_view> to_tag() const noexcept { return params().value("to-tag"); }
    std::optional<std::string_view> from_tag() const noexcept { return params().value("from-tag"); }
    /// Replaces: early-flag, replace only an early dialog.
    bool early_only() const noexcept { return params().contains("early-only"); }
    /// Target-Dialog: the remote and local tags, seen from the sender.
    std::optional<std::string_view> remote_tag() const noexcept { return params().value("remote-tag"); }
    std::optional<std::string_view> local_tag() const noexcept { return params().value("local-tag"); }
};

/// Replaces and Join values (the JSON shape {call_id, to_tag, from_tag, early_only}).
struct replaces : dialog_id {};
/// Target-Dialog values ({call_id, remote_tag, local_tag, params}).
struct target_dialog : dialog_id {};

/// The fields of each AST by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(replaces const& v, F&& f) {
    f("call_id", v.call_id);
    f("to_tag", v.to_tag());
    f("from_tag", v.from_tag());
    f("early_only", v.early_only());
    f("params", v.params());
}
template <class F>
inline void visit_fields(target_dialog const& v, F&& f) {
    f("call_id", v.call_id);
    f("remote_tag", v.remote_tag());
    f("local_tag", v.local_tag());
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace dialog_id_rules {
using detail::describe;
using detail::keyword;
using detail::when;

/// callid = word [ "@" word ]
inline constexpr auto call_id = describe(diag::dlg_call_id)[word >> -(x3::lit('@') >> describe(diag::dlg_call_id_word)[word])];

inline constexpr auto tag_value = describe(diag::dlg_tag_equal)[EQUAL] >> describe(diag::dlg_tag_value)[token];

/// replaces-param / join-param: to-tag, from-tag, early-flag (a flag: no
/// value) or generic-param.
inline constexpr auto replaces_param =
    detail::by_name(generic_param, when("to-tag", tag_value), when("from-tag", tag_value),
                    when("early-only", x3::eps));  // a flag: "=value" after it is refused by what follows
/// td-param = remote-param / local-param / generic-param
inline constexpr auto td_param = detail::by_name(generic_param, when("remote-tag", tag_value), when("local-tag", tag_value));

template <class Param>
constexpr auto params_of(Param const& p) {
    return *(SEMI >> describe(diag::dlg_param)[p]);
}
inline constexpr auto replaces_params = params_of(replaces_param);
inline constexpr auto td_params = params_of(td_param);

} // namespace dialog_id_rules
} // namespace grammar

namespace dialog_id_impl {
namespace rules = grammar::dialog_id_rules;

template <class Params>
constexpr auto value_grammar(Params const& p) {
    return set<&dialog_id::call_id>[rules::call_id] >> set<&dialog_id::params_text>[p] >> grammar::SWS >>
           describe(diag::dlg_end)[x3::eoi];
}
inline constexpr auto replaces_grammar = value_grammar(rules::replaces_params);
inline constexpr auto td_grammar = value_grammar(rules::td_params);

template <class Ast, class Grammar>
inline result<Ast> parse(std::string_view value, Grammar const& g) noexcept {
    result<Ast> r(std::in_place);
    dialog_id& base = *r;
    parse_error err;
    if (!run(value, g, base, err)) r.set_error(err);
    return r;
}

} // namespace dialog_id_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Replaces value (RFC 3891 §6.1): `98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<replaces> parse_replaces(borrowed_text value) noexcept {
    return detail::dialog_id_impl::parse<replaces>(value, detail::dialog_id_impl::replaces_grammar);
}
#else
result<replaces> parse_replaces(borrowed_text value) noexcept;
#endif

/// Join value (RFC 3911 §7.1): the Replaces grammar (early-only has no meaning there, and is a generic-param).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<replaces> parse_join(borrowed_text value) noexcept {
    return detail::dialog_id_impl::parse<replaces>(value, detail::dialog_id_impl::replaces_grammar);
}
#else
result<replaces> parse_join(borrowed_text value) noexcept;
#endif

/// Target-Dialog value (RFC 4538 §7): `fa77as7dad8-sd98ajzz@host.example.com;local-tag=kkaz-;remote-tag=6544`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<target_dialog> parse_target_dialog(borrowed_text value) noexcept {
    return detail::dialog_id_impl::parse<target_dialog>(value, detail::dialog_id_impl::td_grammar);
}
#else
result<target_dialog> parse_target_dialog(borrowed_text value) noexcept;
#endif


/// The Replaces header a Refer-To URI carries (RFC 3891 §7:
/// `<sip:bob@biloxi.example.net?Replaces=12345%40192.0.2.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>`),
/// decoded into [out, out + cap): its views point into `out`. nullopt when
/// there is none.
inline result<std::optional<replaces>> embedded_replaces(uri const& u, char* out, std::size_t cap) noexcept {
    return detail::embedded_header<replaces>(u, "Replaces", out, cap, parse_replaces);
}

// Writers (format.hpp): the Call-ID, then `;name[=value]` for each parameter.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class Params>
inline void write_dialog_id(S& s, dialog_id const& v, Params const& rule) {
    check_rule(s, grammar::dialog_id_rules::call_id, v.call_id, {"Call-ID (word [\"@\" word])", "", rule_shape::verbatim});
    s.put(v.call_id);
    check_rule(s, rule, v.params_text,
               {"parameters: ;to-tag=token, ;from-tag=token, ;name[=value]",
                "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}
template <class S, class O>
inline void write(S& s, replaces const& v, O const&) {
    write_dialog_id(s, v, grammar::dialog_id_rules::replaces_params);
}
template <class S, class O>
inline void write(S& s, target_dialog const& v, O const&) {
    write_dialog_id(s, v, grammar::dialog_id_rules::td_params);
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
