// sipview — a comma-separated list of typed values (Reason's reason-values,
// Warning's warning-values): `element *(COMMA element)` validated once,
// then iterated by re-reading each element from the validated text with
// the same rule, so nothing is stored and nothing allocates.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_VALUE_LIST_HPP
#define SIPVIEW_DETAIL_VALUE_LIST_HPP

#include <cstddef>
#include <iterator>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/error.hpp>

namespace sipview {
namespace detail {

/// The element rule a list type is named by: rule_ref<Tag> runs Tag::rule.
/// The list types (reason_list, accept_list...) name a rule_ref object, not
/// the X3 rule itself, so that they are the same types where the grammars
/// are not visible (separate compilation: rule_ref is incomplete there, its
/// objects are declared by SIPVIEW_RULE_REF and defined in src.hpp).
template <class Tag>
struct rule_ref;

/// The values of one header line: an input range of T. `Element` is the X3
/// rule of one element, writing into a T in context.
template <class T, auto const& Element>
class value_list {
public:
    constexpr value_list() noexcept = default;
    value_list(std::string_view text, std::size_t count) noexcept : text_(text), count_(count) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;  // *it is held in the iterator
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = T const*;
        using reference = T const&;

        iterator() noexcept = default;
        iterator(char const* p, char const* end) noexcept : next_(p), end_(end) { advance(); }
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { advance(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; advance(); return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.at_ == b.at_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.at_ != b.at_; }

    private:
        void advance() noexcept;  // re-reads the next element with Element (defined below)
        char const* next_ = nullptr;
        char const* end_ = nullptr;
        char const* at_ = nullptr;
        T current_{};
    };

    iterator begin() const noexcept { return iterator(text_.data(), text_.data() + text_.size()); }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return count_ == 0; }
    std::size_t size() const noexcept { return count_; }
    T front() const noexcept { return empty() ? T{} : *begin(); }
    /// The values as written, trailing whitespace trimmed.
    std::string_view text() const noexcept { return text_; }

private:
    std::string_view text_;
    std::size_t count_ = 0;
};

#if SIPVIEW_HAS_GRAMMARS  // separate mode: instantiated in src.hpp
template <class Tag>
struct rule_ref : primitive<rule_ref<Tag>> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        return Tag::rule.parse(first, last, ctx, rctx, attr);
    }
};

template <class T, auto const& Element>
SIPVIEW_DECL void value_list<T, Element>::iterator::advance() noexcept {
    char const* p = next_;
    // skip COMMA (and the leading SWS of the first element)
    while (p != end_ && (is(*p, c_wsp) || *p == '\r' || *p == '\n' || *p == ',')) ++p;
    current_ = T{};
    if (p == end_) { at_ = nullptr; return; }
    at_ = p;
    auto const ctx = x3::make_context<ast_tag<T>>(current_);
    if (!Element.parse(p, end_, ctx, x3::unused, x3::unused)) {  // unreachable on validated text
        at_ = nullptr;
        current_ = T{};
        return;
    }
    next_ = p;
}

/// element *(COMMA element), counting the elements; the T in context is
/// scratch space for each in turn.
/// Why hand-written: the per-element count and scratch reset, which X3's
/// kleene has no place for (as counted_list_parser for name-addr lists).
template <class T, auto const& Element>
struct counted_values_parser : primitive<counted_values_parser<T, Element>> {
    std::size_t* count;
    diag next_element;
    constexpr counted_values_parser(std::size_t* n, diag next) : count(n), next_element(next) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        auto& scratch = ast_of<T>(ctx);
        if (!Element.parse(first, last, ctx, rctx, attr)) return false;
        ++*count;
        for (;;) {
            It p = first;
            if (!grammar::COMMA.parse(p, last, ctx, rctx, attr)) return true;
            scratch = T{};
            if (!describe(next_element)[Element].parse(p, last, ctx, rctx, attr)) return false;
            ++*count;
            first = p;
        }
    }
};

/// Validates all of `value` as element *(COMMA element) [SWS]: the list, or
/// the first error (`next_element` for a missing element after a comma,
/// `end` for what follows the last one).
template <class T, auto const& Element>
inline result<value_list<T, Element>> parse_value_list(std::string_view value, diag next_element, diag end) noexcept {
    std::size_t count = 0;
    T scratch{};
    parse_error err;
    auto const g = counted_values_parser<T, Element>(&count, next_element) >> grammar::SWS >> describe(end)[x3::eoi];
    if (!run(value, g, scratch, err)) return err;
    return value_list<T, Element>(detail::without_trailing_lws(value), count);
}

#endif // SIPVIEW_HAS_GRAMMARS

} // namespace detail
} // namespace sipview

/// SIPVIEW_RULE_REF(name, Tag): the rule_ref<Tag> object `name` a list type
/// names its element rule by; after Tag's definition (Tag::rule, the X3
/// rule), where the grammars are visible. Separate mode: declared only,
/// defined in src.hpp (SIPVIEW_DEFINE_RULE_REF).
#if !defined(SIPVIEW_SEPARATE_COMPILATION)
#define SIPVIEW_RULE_REF(name, Tag) inline constexpr ::sipview::detail::rule_ref<Tag> name{};
#else
#define SIPVIEW_RULE_REF(name, Tag) extern ::sipview::detail::rule_ref<Tag> const name;
#endif

#endif
