// sipview — reliable provisional responses (RFC 3262): the RSeq and RAck
// header values.
//
//   RSeq         = "RSeq" HCOLON response-num
//   RAck         = "RAck" HCOLON response-num LWS CSeq-num LWS Method
//   response-num = 1*DIGIT   (1 to 2**31 - 1)
//
//   auto r = sipview::parse_rack("776656 1 INVITE");
//   if (r) use(r->rseq, r->cseq, r->method);    // 776656, 1, "INVITE"
//   auto n = msg.get<sipview::header::rseq>();   // in a message
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_RELIABLE_PROVISIONAL_HPP
#define SIPVIEW_RELIABLE_PROVISIONAL_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>
#include <sipview/scalar_headers.hpp>

namespace sipview {

/// RAck value: which reliable provisional response a PRACK acknowledges.
struct rack {
    std::uint32_t rseq = 0;        ///< response-num: the RSeq of the response
    std::string_view rseq_text;    ///< its digits as written
    std::uint32_t cseq = 0;        ///< CSeq-num of the response
    std::string_view cseq_text;    ///< its digits as written
    std::string_view method;       ///< Method of the response's CSeq
};

/// The fields of a rack by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(rack const& v, F&& f) {
    f("rseq", v.rseq);
    f("cseq", v.cseq);
    f("method", v.method);
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace reliable_provisional_rules {
/// response-num = 1*DIGIT, at most 2**31 - 1 (0 is refused after the match: see parse_rseq).
inline constexpr detail::message_impl::bounded_number response_num(0x7FFFFFFFu, diag::msg_response_num_range);
inline constexpr detail::message_impl::bounded_number cseq_num(0x7FFFFFFFu, diag::msg_cseq_range);
} // namespace reliable_provisional_rules
} // namespace grammar
} // namespace detail

namespace detail {
namespace reliable_provisional_impl {
namespace rules = grammar::reliable_provisional_rules;

inline constexpr auto rseq_grammar =
    describe(diag::msg_rseq_number)[rules::response_num] >> grammar::SWS >> describe(diag::msg_rseq_end)[x3::eoi];

inline constexpr auto rack_grammar =
    set<&rack::rseq_text>[describe(diag::msg_rack_rseq)[rules::response_num]] >>
    describe(diag::msg_rack_lws_rseq)[grammar::LWS] >>
    set<&rack::cseq_text>[describe(diag::msg_rack_cseq)[rules::cseq_num]] >>
    describe(diag::msg_rack_lws_cseq)[grammar::LWS] >>
    set<&rack::method>[describe(diag::msg_rack_method)[grammar::token]] >> grammar::SWS >>
    describe(diag::msg_rack_end)[x3::eoi];

inline std::uint32_t digits_value(std::string_view d) noexcept {
    std::uint64_t v = 0;
    for (char c : d) {
        if (!is(c, c_digit)) break;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return static_cast<std::uint32_t>(v);
}

inline parse_error zero_response_num() noexcept { return make_error(diag::msg_response_num_zero, 0); }

} // namespace reliable_provisional_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// RSeq value (RFC 3262 §7.1): response-num, 1 to 2**31 - 1.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::uint32_t> parse_rseq(borrowed_text value) noexcept {
    namespace impl = detail::reliable_provisional_impl;
    detail::message_impl::no_ast ast;
    parse_error err;
    if (!detail::run(value, impl::rseq_grammar, ast, err)) return err;
    std::uint32_t const n = impl::digits_value(value);
    if (n == 0) return impl::zero_response_num();
    return n;
}
#else
result<std::uint32_t> parse_rseq(borrowed_text value) noexcept;
#endif

/// RAck value (RFC 3262 §7.2): `776656 1 INVITE`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<rack> parse_rack(borrowed_text value) noexcept {
    namespace impl = detail::reliable_provisional_impl;
    result<rack> r(std::in_place);
    parse_error err;
    if (!detail::run(value, impl::rack_grammar, *r, err)) {
        r.set_error(err);
        return r;
    }
    r->rseq = impl::digits_value(r->rseq_text);
    r->cseq = impl::digits_value(r->cseq_text);
    if (r->rseq == 0) r.set_error(impl::zero_response_num());
    return r;
}
#else
result<rack> parse_rack(borrowed_text value) noexcept;
#endif

// Writer (format.hpp): response-num SP CSeq-num SP method.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, rack const& v, O const&) {
    namespace rules = grammar::reliable_provisional_rules;
    char buf[20];
    std::string_view digits = !v.rseq_text.empty() ? v.rseq_text : decimal(v.rseq, buf);
    check_rule(s, rules::response_num, digits, {"response-num (digits, 1 to 2147483647)", "", rule_shape::verbatim});
    s.put(digits);
    s.put(' ');
    digits = !v.cseq_text.empty() ? v.cseq_text : decimal(v.cseq, buf);
    check_rule(s, rules::cseq_num, digits, {"CSeq number (digits, below 2**31)", "", rule_shape::verbatim});
    s.put(digits);
    s.put(' ');
    check_rule(s, grammar::token, v.method, {"method (token)", "", rule_shape::verbatim});
    s.put(v.method);
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
