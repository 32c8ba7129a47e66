// sipview — the directives: the small vocabulary in which the grammars say
// what to capture and how to fail. Each is d[p] (or a function call for
// describe, when, by_name): it runs p and, around it, writes into the AST
// found through ast_tag<T> in the parse context or records an error; none has
// an X3 attribute (detail/X3.md).
//
//   describe(diag::x)[p]       on failure, records diagnostic x where p was tried
//   set<&Ast::m>[p]            on success, m = the text p matched
//   set_first<&Ast::m>[p]      like set, but keeps the first capture of a repeated p
//   mark<&Ast::m, v>[p]        on success, m = v
//   count<&Ast::m>[p]          on success, ++m
//   into<&Ast::m>[p]           parses p with the nested AST m in context
//   scratch<Ast>[p]            parses p with a fresh Ast that is then discarded
//   restore<&Ast::m...>[p]     on failure, the named members get back their values
//   reset_on_failure<Ast>[p]   on failure, the (fresh at start) Ast is made fresh again
//   by_name(other, when("name", tail)...)
//                              the parameter-name switch: the tail of the case
//                              whose keyword matches, else `other`
//   ref<g>                     parses with the grammar object g (an inline
//                              constexpr variable) without holding a copy of it
//   directive_base, directive_gen
//                              how a directive is written: the parser d[p]
//                              builds, and the generator `d`
//
// The primitives they build on (primitive, keyword, ast_of, report, run)
// are in detail/x3.hpp.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_DIRECTIVES_HPP
#define SIPVIEW_DETAIL_DIRECTIVES_HPP

#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>

#include <sipview/detail/x3.hpp>

namespace sipview {
namespace detail {

/// ref<g>: parses with the grammar object g (an inline constexpr variable),
/// holding nothing itself. X3 composes parsers by value, so a sub-grammar
/// used twice in a grammar is stored twice in every object built from it,
/// with its keyword tables and their relocated pointers (.data.rel.ro, which
/// firmware pays for); through ref<g> it is stored once, in g. The code is
/// the same: ref<g> runs the same parse function g runs.
template <auto const& Grammar>
struct ref_parser : primitive<ref_parser<Grammar>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        return Grammar.parse(first, last, ctx, rctx, x3::unused);
    }
};
template <auto const& Grammar> inline constexpr ref_parser<Grammar> ref{};

/// The base of a sipview directive d[p]: holds the subject p, has no attribute.
template <class Subject, class Derived>
struct directive_base : x3::unary_parser<Subject, Derived> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    constexpr explicit directive_base(Subject const& s) : x3::unary_parser<Subject, Derived>(s) {}
};

/// The generator `d` of a directive: d[p] builds Gen::apply<parser of p>.
template <class Gen>
struct directive_gen {
    template <class Subject>
    constexpr auto operator[](Subject const& s) const {
        using p = typename x3::extension::as_parser<Subject>::value_type;
        return typename Gen::template apply<p>(x3::as_parser(s));
    }
};

/// describe(diag::x)[p]: on failure, records diagnostic x at the position
/// where p was tried (unless something inside got farther).
template <class Subject>
struct describe_directive : directive_base<Subject, describe_directive<Subject>> {
    using base = directive_base<Subject, describe_directive<Subject>>;
    diag id;
    constexpr describe_directive(Subject const& s, diag d) : base(s), id(d) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        It const start = first;
        if (this->subject.parse(first, last, ctx, rctx, x3::unused)) return true;
        first = start;
        report(ctx, start, id);
        return false;
    }
};
struct describe_gen {
    diag id;
    template <class Subject>
    constexpr auto operator[](Subject const& s) const {
        using p = typename x3::extension::as_parser<Subject>::value_type;
        return describe_directive<p>(x3::as_parser(s), id);
    }
};
/// describe(diag::x)[p]
constexpr describe_gen describe(diag d) noexcept { return {d}; }

/// set<&Ast::member>[p]: on success, Ast::member = the text p matched.
template <auto Member, class Subject>
struct set_directive : directive_base<Subject, set_directive<Member, Subject>> {
    using base = directive_base<Subject, set_directive<Member, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        It const start = first;
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        using owner = typename member_traits<decltype(Member)>::owner;
        ast_of<owner>(ctx).*Member = std::string_view(start, static_cast<std::size_t>(first - start));
        return true;
    }
};
template <auto Member>
struct set_gen : directive_gen<set_gen<Member>> {
    template <class p> using apply = set_directive<Member, p>;
};
template <auto Member> inline constexpr set_gen<Member> set{};

/// mark<&Ast::member, value>[p]: on success, Ast::member = value.
template <auto Member, auto Value, class Subject>
struct mark_directive : directive_base<Subject, mark_directive<Member, Value, Subject>> {
    using base = directive_base<Subject, mark_directive<Member, Value, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        using owner = typename member_traits<decltype(Member)>::owner;
        ast_of<owner>(ctx).*Member = Value;
        return true;
    }
};
template <auto Member, auto Value>
struct mark_gen : directive_gen<mark_gen<Member, Value>> {
    template <class p> using apply = mark_directive<Member, Value, p>;
};
template <auto Member, auto Value> inline constexpr mark_gen<Member, Value> mark{};

/// into<&Ast::member>[p]: parses p with Ast::member as the AST in context
/// (a sub-grammar filling a nested AST, e.g. the URI of a name-addr).
template <auto Member, class Subject>
struct into_directive : directive_base<Subject, into_directive<Member, Subject>> {
    using base = directive_base<Subject, into_directive<Member, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        using owner = typename member_traits<decltype(Member)>::owner;
        using sub = typename member_traits<decltype(Member)>::type;
        auto sub_ctx = x3::make_context<ast_tag<sub>>(ast_of<owner>(ctx).*Member, ctx);
        return this->subject.parse(first, last, sub_ctx, rctx, x3::unused);
    }
};
template <auto Member>
struct into_gen : directive_gen<into_gen<Member>> {
    template <class p> using apply = into_directive<Member, p>;
};
template <auto Member> inline constexpr into_gen<Member> into{};

/// reset_on_failure<Ast>[p]: undoes the captures of a partially matched
/// alternative (X3 does not undo side effects on backtracking) for an AST
/// known to be fresh (value-initialised) when p starts: on failure it is
/// made fresh again, with no copy saved beforehand.
template <class Ast, class Subject>
struct reset_directive : directive_base<Subject, reset_directive<Ast, Subject>> {
    using base = directive_base<Subject, reset_directive<Ast, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        if (this->subject.parse(first, last, ctx, rctx, x3::unused)) return true;
        ast_of<Ast>(ctx) = Ast{};
        return false;
    }
};
template <class Ast>
struct reset_gen : directive_gen<reset_gen<Ast>> {
    template <class p> using apply = reset_directive<Ast, p>;
};
template <class Ast> inline constexpr reset_gen<Ast> reset_on_failure{};

/// restore<&Ast::m1, &Ast::m2...>[p]: if p fails, the named members get back
/// the values they had before; only the members p can write are saved (a
/// copy of a whole uri would be ~200 bytes twice per attempt, and userinfo
/// is attempted on every URI).
template <class Subject, auto First, auto... Rest>
struct restore_directive : directive_base<Subject, restore_directive<Subject, First, Rest...>> {
    using base = directive_base<Subject, restore_directive<Subject, First, Rest...>>;
    using base::base;
    using owner = typename member_traits<decltype(First)>::owner;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        owner& ast = ast_of<owner>(ctx);
        auto const saved_first = ast.*First;
        auto const saved_rest = std::make_tuple((ast.*Rest)...);
        if (this->subject.parse(first, last, ctx, rctx, x3::unused)) return true;
        ast.*First = saved_first;
        std::tie((ast.*Rest)...) = saved_rest;
        return false;
    }
};
template <auto... Members>
struct restore_gen : directive_gen<restore_gen<Members...>> {
    template <class p> using apply = restore_directive<p, Members...>;
};
template <auto... Members> inline constexpr restore_gen<Members...> restore{};

/// set_first<&Ast::member>[p]: like set, but keeps the first capture when p
/// matches several times (the first of repeated parameters wins, as in
/// param_range::find). `member` must be a std::string_view, empty data() = unset.
template <auto Member, class Subject>
struct set_first_directive : directive_base<Subject, set_first_directive<Member, Subject>> {
    using base = directive_base<Subject, set_first_directive<Member, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        It const start = first;
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        using owner = typename member_traits<decltype(Member)>::owner;
        auto& m = ast_of<owner>(ctx).*Member;
        if (m.data() == nullptr) m = std::string_view(start, static_cast<std::size_t>(first - start));
        return true;
    }
};
template <auto Member>
struct set_first_gen : directive_gen<set_first_gen<Member>> {
    template <class p> using apply = set_first_directive<Member, p>;
};
template <auto Member> inline constexpr set_first_gen<Member> set_first{};

/// count<&Ast::member>[p]: on success, ++Ast::member.
template <auto Member, class Subject>
struct count_directive : directive_base<Subject, count_directive<Member, Subject>> {
    using base = directive_base<Subject, count_directive<Member, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        using owner = typename member_traits<decltype(Member)>::owner;
        ++(ast_of<owner>(ctx).*Member);
        return true;
    }
};
template <auto Member>
struct count_gen : directive_gen<count_gen<Member>> {
    template <class p> using apply = count_directive<Member, p>;
};
template <auto Member> inline constexpr count_gen<Member> count{};

/// scratch<Ast>[p]: parses p with a fresh, discarded Ast in context (to
/// validate with a sub-grammar whose captures are not wanted, e.g. a URI).
template <class Ast, class Subject>
struct scratch_directive : directive_base<Subject, scratch_directive<Ast, Subject>> {
    using base = directive_base<Subject, scratch_directive<Ast, Subject>>;
    using base::base;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        Ast local{};
        auto const sub_ctx = x3::make_context<ast_tag<Ast>>(local, ctx);
        return this->subject.parse(first, last, sub_ctx, rctx, x3::unused);
    }
};
template <class Ast>
struct scratch_gen : directive_gen<scratch_gen<Ast>> {
    template <class p> using apply = scratch_directive<Ast, p>;
};
template <class Ast> inline constexpr scratch_gen<Ast> scratch{};

// ---------------------------------------------------------------------------
// The parameter-name switch.

/// One case of by_name: a parameter name and the parser for what follows it.
template <class Tail>
struct name_case {
    keyword name;
    Tail tail;
};
/// when("tag", EQUAL >> token): a by_name case.
template <class Tail>
constexpr auto when(keyword name, Tail const& tail) {
    using p = typename x3::extension::as_parser<Tail>::value_type;
    return name_case<p>{name, x3::as_parser(tail)};
}

/// by_name(other, when("tag", t1), when("q", t2), ...): the parameter-name
/// switch. Picks the cases whose name starts with the letter at the current
/// position (a table lookup), matches their names in order as keywords
/// (any case, whole token: "nonce" does not name "nonce-count") and parses
/// the tail of the first one that matches from just after the name; a name
/// no case knows is parsed by `other` from the start of the name. It accepts
/// exactly what (kw1 >> t1) | (kw2 >> t2) | ... | (!(kw1 | kw2 | ...) >> other)
/// accepts, without trying every keyword: a known name whose value is
/// malformed fails, it never falls back to `other`.
template <class Other, class... Tails>
struct by_name_parser : primitive<by_name_parser<Other, Tails...>> {
    static constexpr std::size_t case_count = sizeof...(Tails);
    static_assert(case_count > 0 && case_count <= 16, "by_name: 1 to 16 cases");

    Other other;
    std::tuple<Tails...> tails;
    keyword names[case_count];
    // The cases by first letter (any case), in declaration order: 1 + the
    // index of the first case, and of the next one with the same letter; 0 ends.
    unsigned char first_case[32];
    unsigned char next_case[case_count];

    static constexpr std::size_t bucket(char c) noexcept { return static_cast<unsigned char>(c | 0x20) & 31u; }

    constexpr by_name_parser(Other const& o, name_case<Tails> const&... c)
        : other(o), tails(c.tail...), names{c.name...}, first_case{}, next_case{} {
        for (std::size_t i = 0; i < case_count; ++i) {
            unsigned char* link = &first_case[bucket(names[i].lower[0])];
            while (*link != 0) link = &next_case[*link - 1];
            *link = static_cast<unsigned char>(i + 1);
        }
    }

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        if (first != last) {
            for (unsigned k = first_case[bucket(*first)]; k != 0; k = next_case[k - 1]) {
                It after = first;
                if (names[k - 1].parse(after, last, ctx, rctx, x3::unused))
                    return parse_tail(k - 1, after, first, last, ctx, rctx, std::make_index_sequence<case_count>{});
            }
        }
        return other.parse(first, last, ctx, rctx, x3::unused);
    }

private:
    /// Parses case i's tail from `from` (just past its name); on success
    /// `first` moves past it. A failed tail never falls back to `other`.
    template <class It, class Ctx, class RCtx, std::size_t... I>
    bool parse_tail(std::size_t i, It from, It& first, It const& last, Ctx const& ctx, RCtx& rctx,
                    std::index_sequence<I...>) const {
        bool ok = false;
        (void)((i == I && (ok = std::get<I>(tails).parse(from, last, ctx, rctx, x3::unused), true)) || ...);
        if (ok) first = from;
        return ok;
    }
};
template <class Other, class... Tails>
constexpr auto by_name(Other const& other, name_case<Tails> const&... cases) {
    using p = typename x3::extension::as_parser<Other>::value_type;
    return by_name_parser<p, Tails...>(x3::as_parser(other), cases...);
}

} // namespace detail
} // namespace sipview

#endif
