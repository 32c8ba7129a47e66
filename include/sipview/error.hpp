// sipview — errors as values and the result type every parse function returns.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_ERROR_HPP
#define SIPVIEW_ERROR_HPP

#include <cassert>
#include <cstddef>
#include <string>   // std::basic_string, for borrowed_text
#include <string_view>
#include <type_traits>
#include <utility>  // std::move, std::in_place_t

namespace sipview {

/// What kind of failure a parse_error reports.
enum class errc : unsigned char {
    ok = 0,
    syntax,            ///< the input does not match the grammar
    out_of_range,      ///< a number is syntactically fine but too large/small
    too_many_headers,  ///< caller-provided header storage is full
    too_large,         ///< a configured size limit was exceeded
    need_more,         ///< (framing) the input ends before the message does
    inconsistent,      ///< parts of a message contradict each other (CSeq method, Content-Length)
};

inline constexpr std::string_view to_string(errc e) noexcept {
    switch (e) {
    case errc::ok: return "ok";
    case errc::syntax: return "syntax error";
    case errc::out_of_range: return "value out of range";
    case errc::too_many_headers: return "too many headers";
    case errc::too_large: return "too large";
    case errc::need_more: return "need more data";
    case errc::inconsistent: return "inconsistent message";
    }
    return "unknown";
}

/// A parse failure: where (byte offset into the parsed text), what the grammar
/// expected at that byte, a short message and, where one is known, a hint.
/// All strings are static; nothing here owns memory.
struct parse_error {
    std::size_t offset = 0;
    std::string_view expected;   ///< e.g. "host", "'>'", "sent-by (host[:port])"
    std::string_view message;    ///< one short sentence
    std::string_view hint;       ///< how to fix it, or empty
    errc code = errc::syntax;
};

/// Either a parsed value or a parse_error. Never throws; accessing the wrong
/// alternative is a precondition violation (asserted in debug builds).
template <class T>
class result {
public:
    result(T value) noexcept : value_(std::move(value)), ok_(true) {}  // NOLINT: implicit by design
    result(parse_error err) noexcept : error_(err), ok_(false) {}      // NOLINT
    /// A value-initialised T to be filled in place (no copy of T on return:
    /// parse functions build into `*r` and return `r`, which NRVO elides).
    explicit result(std::in_place_t) noexcept : value_(), ok_(true) {}
    /// Turns this result into an error (the partially filled value is unspecified).
    void set_error(parse_error const& err) noexcept { error_ = err; ok_ = false; }

    bool has_value() const noexcept { return ok_; }
    bool has_error() const noexcept { return !ok_; }
    explicit operator bool() const noexcept { return ok_; }

    T const& value() const& noexcept { assert(ok_); return value_; }
    T& value() & noexcept { assert(ok_); return value_; }
    /// On a temporary result (const or not) the value is moved or copied out,
    /// so that `for (auto& v : *m.vias())` does not iterate a destroyed object.
    T value() && noexcept { assert(ok_); return std::move(value_); }
    T value() const&& noexcept { assert(ok_); return value_; }
    T const& operator*() const& noexcept { return value(); }
    T& operator*() & noexcept { return value(); }
    T operator*() && noexcept { return std::move(*this).value(); }
    T operator*() const&& noexcept { return std::move(*this).value(); }
    T const* operator->() const& noexcept { return &value(); }
    T* operator->() & noexcept { return &value(); }
    /// No `->` on a temporary result: `via const& top = parse_via_list(v)->front();`
    /// would point into a result destroyed at the end of the statement. Name
    /// the result (`auto r = parse_via_list(v); r->front()`), or take the
    /// value out with `*` or value(), which return by value on temporaries.
    T const* operator->() const&& = delete;
    T* operator->() && = delete;

    parse_error const& error() const& noexcept { assert(!ok_); return error_; }
    parse_error error() const&& noexcept { assert(!ok_); return error_; }  // by value, as value()

private:
    T value_{};
    parse_error error_{};
    bool ok_;
};

/// The text a parse function reads and its result points into: anything
/// that converts to std::string_view (a string literal, a std::string_view,
/// a std::string lvalue...) except a temporary std::string, whose characters
/// die at the end of the full-expression while the result's views live on:
/// `auto u = parse_uri(std::string("sip:a@b"));` would dangle, so it does not
/// compile ("use of deleted function borrowed_text(S&&)"). Keep the string in a
/// variable. Taking this type, rather than deleted std::string&& overloads of
/// each function, keeps every parse_* a single function: `parse_field(h,
/// parse_credentials)`, `&parse_uri` and string-literal calls keep working.
/// It is a std::string_view (by inheritance), so function bodies are unchanged.
class borrowed_text : public std::string_view {
    template <class S> struct owning : std::false_type {};
    template <class Traits, class Alloc> struct owning<std::basic_string<char, Traits, Alloc>> : std::true_type {};

public:
    /// True when a `S&&` argument (S deduced, as in a forwarding reference)
    /// is a temporary std::string (const or not, any allocator).
    template <class S>
    static constexpr bool temporary_string = !std::is_lvalue_reference_v<S> && owning<std::remove_cv_t<S>>::value;

    constexpr borrowed_text() noexcept = default;
    constexpr borrowed_text(char const* data, std::size_t size) noexcept : std::string_view(data, size) {}
    template <class S, std::enable_if_t<std::is_convertible_v<S, std::string_view> && !temporary_string<S> &&
                                            !std::is_same_v<std::remove_cv_t<std::remove_reference_t<S>>, borrowed_text>, int> = 0>
    constexpr borrowed_text(S&& text) noexcept(std::is_nothrow_constructible_v<std::string_view, S>)  // NOLINT: implicit by design
        : std::string_view(std::forward<S>(text)) {}
    /// A temporary std::string: the result would point into freed memory.
    template <class S, std::enable_if_t<temporary_string<S>, int> = 0>
    borrowed_text(S&&) = delete;
};

} // namespace sipview

#endif
