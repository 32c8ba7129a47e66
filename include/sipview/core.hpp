// sipview — shared RFC 3261 §25.1 rules (LWS/SWS, token, word, digits,
// quoted-string, SEMI, COMMA, EQUAL, SLASH, COLON, IPv6reference,
// generic-param) that every concept header builds on.
// It includes text.hpp (parameter ranges, decoding, iequals, to_uint: the
// utilities that need no X3), so a user of core.hpp gets those too.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_CORE_HPP
#define SIPVIEW_CORE_HPP

#include <cstddef>
#include <string_view>

#include <sipview/detail/config.hpp>
#if SIPVIEW_HAS_GRAMMARS  // header-only, src.hpp: the X3 grammars (separate mode: none, detail/config.hpp)
#include <sipview/detail/directives.hpp>
#include <sipview/detail/x3.hpp>
#endif
#include <sipview/error.hpp>
#include <sipview/text.hpp>

namespace sipview {

/// Kind of a host: RFC 3261 host = hostname / IPv4address / IPv6reference.
enum class host_type : unsigned char { hostname, ipv4, ipv6 };

inline constexpr std::string_view to_string(host_type t) noexcept {
    return t == host_type::ipv4 ? "ipv4" : t == host_type::ipv6 ? "ipv6" : "hostname";
}

// ===========================================================================
// Grammar building blocks, shared by every concept header.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace x3 = boost::spirit::x3;
using detail::c_wsp;

inline constexpr detail::lws_parser LWS{};  ///< LWS = [*WSP CRLF] 1*WSP
inline constexpr detail::sws_parser SWS{};  ///< SWS = [LWS]
inline constexpr detail::run_of<detail::token_chars> token{};  ///< token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
inline constexpr detail::run_of<detail::word_chars> word{};    ///< word = 1*(alphanum / "-" / "." / ... / "{" / "}")
inline constexpr detail::quoted_string_parser quoted{};         ///< DQUOTE *(qdtext / quoted-pair) DQUOTE
inline constexpr detail::run_of<detail::c_digit> digits{};      ///< 1*DIGIT

inline constexpr detail::separator_parser<';'> SEMI{};   ///< SEMI = SWS ";" SWS
inline constexpr detail::separator_parser<','> COMMA{};  ///< COMMA = SWS "," SWS
inline constexpr detail::separator_parser<'='> EQUAL{};  ///< EQUAL = SWS "=" SWS
inline constexpr detail::separator_parser<'/'> SLASH{};  ///< SLASH = SWS "/" SWS
inline constexpr detail::separator_parser<':'> COLON{};  ///< COLON = SWS ":" SWS

/// IPv6reference = "[" IPv6address "]" (validated as a whole).
/// Why hand-written: PEG-vs-ABNF greediness (ipv6_length, detail/scan.hpp).
struct ipv6_reference_parser : detail::primitive<ipv6_reference_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first == last || *first != '[') return false;
        std::size_t const n = detail::ipv6_length(first + 1, last);
        if (n == 0 || first + 1 + n == last || first[1 + n] != ']') return false;
        first += static_cast<std::ptrdiff_t>(n + 2);
        return true;
    }
};
inline constexpr ipv6_reference_parser ipv6_reference{};

/// gen-value = token / host / quoted-string. Every hostname and IPv4address
/// is a token, so host only adds IPv6reference.
inline constexpr auto gen_value = quoted | ipv6_reference | token;

/// generic-param = token [ EQUAL gen-value ]
inline constexpr auto generic_param =
    token >> -(EQUAL >> detail::describe(diag::core_param_value)[gen_value]);

/// *( SEMI generic-param ): the header parameters after a value.
inline constexpr auto header_params = *(SEMI >> detail::describe(diag::core_param_name)[generic_param]);

} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
