// sipview — a parameter list in which some names may appear at most once
// (Authentication-Info's ainfo, RFC 7616 §3.5; P-Charging-Vector's
// icid-value, icid-generated-at, orig-ioi and term-ioi, RFC 7315 §5.6):
// `first *(sep param)`, with a second occurrence of a listed name reported
// at that name. Linear: each parameter's name is matched against the N
// listed names once.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_ONCE_EACH_HPP
#define SIPVIEW_DETAIL_ONCE_EACH_HPP

#include <cstddef>

#include <sipview/detail/directives.hpp>
#include <sipview/detail/x3.hpp>

namespace sipview {
namespace detail {

/// first *(sep param), where each of `names` may start at most one element.
/// An element that fails after a separator ends the list there (as X3's
/// kleene would: what follows reports); a repeated name fails the whole
/// list with diagnostic `duplicate` at that name.
/// Why hand-written: the names seen so far are state across elements, which
/// X3's kleene has no place for (as counted_values_parser).
template <class First, class Sep, class Param, std::size_t N>
struct once_each_parser : primitive<once_each_parser<First, Sep, Param, N>> {
    First first_param;
    Sep sep;
    Param param;
    diag duplicate;
    keyword names[N];

    template <class... K>
    constexpr once_each_parser(First const& f, Sep const& s, Param const& p, diag dup, K const&... k)
        : first_param(f), sep(s), param(p), duplicate(dup), names{keyword(k)...} {}

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        bool seen[N] = {};
        It p = first;
        if (!first_param.parse(p, last, ctx, rctx, x3::unused) || repeated(first, last, ctx, rctx, seen)) return false;
        for (;;) {
            It q = p;
            if (!sep.parse(q, last, ctx, rctx, x3::unused)) break;
            It const at = q;
            if (!param.parse(q, last, ctx, rctx, x3::unused)) break;
            if (repeated(at, last, ctx, rctx, seen)) return false;
            p = q;
        }
        first = p;
        return true;
    }

private:
    /// Whether the element at `at` starts with a listed name already seen
    /// (reported); marks it seen otherwise.
    template <class It, class Ctx, class RCtx>
    bool repeated(It at, It const& last, Ctx const& ctx, RCtx& rctx, bool (&seen)[N]) const {
        for (std::size_t i = 0; i < N; ++i) {
            It k = at;
            if (!names[i].parse(k, last, ctx, rctx, x3::unused)) continue;
            if (seen[i]) {
                report(ctx, at, duplicate);
                return true;
            }
            seen[i] = true;
            return false;
        }
        return false;
    }
};

/// once_each(first, sep, param, diag::dup, "name1", "name2", ...)
template <class First, class Sep, class Param, class... K>
constexpr auto once_each(First const& first, Sep const& sep, Param const& param, diag duplicate, K const&... names) {
    using f = typename x3::extension::as_parser<First>::value_type;
    using s = typename x3::extension::as_parser<Sep>::value_type;
    using p = typename x3::extension::as_parser<Param>::value_type;
    return once_each_parser<f, s, p, sizeof...(K)>(x3::as_parser(first), x3::as_parser(sep), x3::as_parser(param), duplicate,
                                                   names...);
}

} // namespace detail
} // namespace sipview

#endif
