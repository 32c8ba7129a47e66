// sipview — the Warning header (RFC 3261 §20.43): what went wrong with a
// session description, by code, agent and text.
//
//   Warning       = "Warning" HCOLON warning-value *(COMMA warning-value)
//   warning-value = warn-code SP warn-agent SP warn-text
//   warn-code     = 3DIGIT
//   warn-agent    = hostport / pseudonym   ; pseudonym = token
//   warn-text     = quoted-string
//
//   auto w = sipview::parse_warning_values("307 isi.edu \"Session parameter 'foo' not understood\"");
//   for (auto const& v : *w) use(v.code, v.agent, v.warn_text());
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_WARNING_HPP
#define SIPVIEW_WARNING_HPP

#include <cstdint>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/value_list.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>

namespace sipview {

/// One warning-value.
struct warning_value {
    std::string_view text;       ///< the whole warning-value
    std::string_view code_text;  ///< warn-code, 3 digits
    std::string_view agent;      ///< warn-agent: hostport or pseudonym, as written
    std::string_view quoted;     ///< warn-text with its quotes
    /// warn-code: 300-399 (RFC 3261 §20.43 lists 300-399 codes; the ABNF allows any 3 digits).
    std::uint16_t code() const noexcept {
        std::uint16_t v = 0;
        for (char c : code_text) v = static_cast<std::uint16_t>(v * 10 + (c - '0'));
        return v;
    }
    /// warn-text without its quotes (quoted-pairs kept; decode_quoted resolves them).
    std::string_view warn_text() const noexcept { return unquote(quoted); }
};

/// The fields of a warning-value by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(warning_value const& v, F&& f) {
    f("code", v.code());
    f("agent", v.agent);
    f("text", v.warn_text());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace warning_rules {
using detail::describe;

/// warn-code = 3DIGIT (and no fourth).
/// Why hand-written: exactly three digits, reported at the first byte.
struct warn_code_parser : primitive<warn_code_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (last - first < 3 || !is(first[0], c_digit) || !is(first[1], c_digit) || !is(first[2], c_digit)) return false;
        if (last - first > 3 && is(first[3], c_digit)) return false;
        first += 3;
        return true;
    }
};

/// warn-agent = hostport / pseudonym: every hostname, IPv4address and
/// pseudonym is a token, so ( IPv6reference / token ) [ ":" port ].
inline constexpr auto warn_agent = (ipv6_reference | token) >> -(x3::lit(':') >> describe(diag::wn_agent_port)[port_parser{}]);

/// warning-value = warn-code SP warn-agent SP warn-text
inline constexpr auto warning_value = set<&sipview::warning_value::text>[
    set<&sipview::warning_value::code_text>[describe(diag::wn_code)[warn_code_parser{}]] >>
    describe(diag::wn_sp_code)[x3::lit(' ')] >>
    set<&sipview::warning_value::agent>[describe(diag::wn_agent)[warn_agent]] >>
    describe(diag::wn_sp_agent)[x3::lit(' ')] >>
    set<&sipview::warning_value::quoted>[describe(diag::wn_text)[quoted]]];

} // namespace warning_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// The warning-values of a Warning header line (an input range of warning_value).
namespace detail {
struct warning_value_rule;  // rule_ref's tag (value_list.hpp)
#if SIPVIEW_HAS_GRAMMARS
struct warning_value_rule {
    static constexpr auto const& rule = grammar::warning_rules::warning_value;
};
#endif
SIPVIEW_RULE_REF(warning_value_ref, warning_value_rule)
} // namespace detail
using warning_value_list = detail::value_list<warning_value, detail::warning_value_ref>;

/// Warning value (RFC 3261 §20.43): one or more warning-values separated by
/// commas. An empty value is an error.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<warning_value_list> parse_warning_values(borrowed_text value) noexcept {
    return detail::parse_value_list<warning_value, detail::warning_value_ref>(value, diag::wn_list_element,
                                                                                                 diag::wn_end);
}
#else
result<warning_value_list> parse_warning_values(borrowed_text value) noexcept;
#endif

// Writer (format.hpp): code SP agent SP "text", the values joined by ", ".
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, warning_value const& v, O const&) {
    namespace rules = grammar::warning_rules;
    check_rule(s, rules::warn_code_parser{}, v.code_text, {"warn-code (3 digits)", "", rule_shape::verbatim});
    s.put(v.code_text);
    s.put(' ');
    check_rule(s, rules::warn_agent, v.agent, {"warn-agent (host[:port] or a token)", "", rule_shape::verbatim});
    s.put(v.agent);
    s.put(' ');
    check_rule(s, grammar::quoted, v.quoted,
               {"warn-text (quoted-string)", "escape '\"' and '\\' as \\\" and \\\\; CR, LF and NUL cannot be written", rule_shape::verbatim});
    quoted(s, v.quoted);
}

template <class S, class O>
inline void write(S& s, warning_value_list const& v, O const& o) {
    bool first = true;
    for (warning_value const& w : v) {
        if (!first) s.put(", ");
        first = false;
        write(s, w, o);
    }
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
