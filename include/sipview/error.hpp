// sipview — errors as values and the result type every parse function returns.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_ERROR_HPP
#define SIPVIEW_ERROR_HPP

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>   // std::basic_string, for borrowed_text
#include <string_view>
#include <type_traits>
#include <utility>  // std::move, std::in_place_t

#include <sipview/detail/config.hpp>
#include <sipview/diagnostics.hpp>
#include <sipview/leniency.hpp>

namespace sipview {
namespace detail {
/// A violated precondition (SIPVIEW_ASSERT): says which, then aborts. One
/// function for every check, where assert() would put a call and a string
/// naming the function into each instantiation (result<T> has dozens, which
/// firmware pays in .text and .rodata).
[[noreturn]] inline void precondition_failed(char const* what) noexcept {
    std::fputs(what, stderr);
    std::fputc('\n', stderr);
    std::abort();
}
} // namespace detail
} // namespace sipview

/// assert() for sipview's preconditions (debug builds only: nothing under
/// NDEBUG); `what` names the violated rule.
#ifdef NDEBUG
#define SIPVIEW_ASSERT(cond, what) static_cast<void>(0)
#else
#define SIPVIEW_ASSERT(cond, what) ((cond) ? static_cast<void>(0) : ::sipview::detail::precondition_failed("sipview: " what))
#endif

namespace sipview {

// errc (what kind of failure) and to_string(errc) are in diagnostics.hpp,
// with the catalogue of diagnostics (diag) every parse_error points into.

/// A parse failure: where (byte offset into the parsed text), what went
/// wrong (`id`, a row of the catalogue in diagnostics.hpp), what the grammar
/// expected at that byte, a short message and, where one is known, a hint.
/// The strings are views of the catalogue's (static) strings: test and react
/// on `id` and `offset`, show the strings to people. Nothing here owns memory.
struct parse_error {
    std::size_t offset = 0;
    std::string_view expected;   ///< e.g. "host", "'>'", "sent-by (host[:port])"
    std::string_view message;    ///< one short sentence
    std::string_view hint;       ///< how to fix it, or empty
    errc code = errc::syntax;
    diag id = diag::none;        ///< what went wrong (diag::none: an error built by hand)
    /// The leniency flag (leniency.hpp) under which this input would have
    /// been accepted, or leniency::none: `sip:a@my_proxy.example.com` fails
    /// with would_accept == leniency::allow_underscore_host.
    leniency would_accept = leniency::none;

    /// Makes this error the more specific diagnostic `d` (an explainer that
    /// has looked at the bytes around `offset`): id, code, message and hint
    /// become d's; `expected` too unless d is a refinement row (empty
    /// expected: what the grammar wanted at the byte stays), the message
    /// stays when d is a positional row. The offset does not change.
    constexpr void refine(diag d) noexcept {
        if constexpr (!detail::diagnostic_text_compiled_in) {  // every string is empty: only the errc
            id = d;
            code = code_of(d);
            hint = {};
            return;
        }
        diag_info const& r = info(d);
        id = d;
        code = r.code;
        if (!r.expected.empty()) expected = r.expected;
        if (!r.message.empty()) message = r.message;
        hint = r.hint;
    }
    /// Adds the hint of hint row `h` (errc::ok in the catalogue); the id and
    /// everything else stay.
    constexpr void add_hint(diag h) noexcept {
        if constexpr (detail::diagnostic_text_compiled_in) hint = info(h).hint;
        else static_cast<void>(h);
    }
};

/// The error `d` at `offset`: code, expected, message and hint from the
/// catalogue. For a positional row (no message of its own) the message is
/// that of diag::unexpected_end when `at_end` (the offset is the end of the
/// input), else that of diag::unexpected_character.
/// Out of line and cold (GCC, clang): errors are the rare path, and the
/// catalogue lookup inlined at each of its hundreds of call sites would
/// grow the scanners' hot loops.
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
inline constexpr parse_error make_error(diag d, std::size_t offset, bool at_end = false) noexcept {
    parse_error e;
    e.offset = offset;
    e.id = d;
    if constexpr (!detail::diagnostic_text_compiled_in) {
        // SIPVIEW_NO_DIAGNOSTIC_TEXT: the strings are empty; the errc comes
        // from a one-byte-per-row table, and the catalogue's names and rows
        // are linked only by code that calls to_string(diag) or info(diag)
        e.code = code_of(d);
        static_cast<void>(at_end);
        return e;
    }
    diag_info const& r = info(d);
    e.code = r.code;
    e.expected = r.expected;
    e.message = !r.message.empty() ? r.message : info(at_end ? diag::unexpected_end : diag::unexpected_character).message;
    e.hint = r.hint;
    return e;
}

/// Either a parsed value or a parse_error. Never throws; accessing the wrong
/// alternative is a precondition violation (asserted in debug builds).
/// [[nodiscard]]: every function returning a result (every parse_*, the
/// typed accessors, decode_*, format) warns when its result is dropped.
template <class T>
class [[nodiscard]] result {
public:
    using value_type = T;
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

    T const& value() const& noexcept { SIPVIEW_ASSERT(ok_, "result::value() of an error"); return value_; }
    T& value() & noexcept { SIPVIEW_ASSERT(ok_, "result::value() of an error"); return value_; }
    /// On a temporary result (const or not) the value is moved or copied out,
    /// so that `for (auto& v : *m.vias())` does not iterate a destroyed object.
    T value() && noexcept { SIPVIEW_ASSERT(ok_, "result::value() of an error"); return std::move(value_); }
    T value() const&& noexcept { SIPVIEW_ASSERT(ok_, "result::value() of an error"); return value_; }
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

    parse_error const& error() const& noexcept { SIPVIEW_ASSERT(!ok_, "result::error() of a value"); return error_; }
    parse_error error() const&& noexcept { SIPVIEW_ASSERT(!ok_, "result::error() of a value"); return error_; }  // by value, as value()

private:
    T value_{};
    parse_error error_{};
    bool ok_;
};

/// A small fixed-capacity list of warnings (non-fatal findings, such as a
/// Date not in GMT). No allocation: findings beyond the capacity are counted.
class warning_list {
public:
    static constexpr std::size_t capacity = 8;
    warning_list() noexcept {}
    void add(parse_error const& w) noexcept {
        if (count_ < capacity) new (&storage_.items[count_++]) parse_error(w);
        else ++dropped_;
    }
    /// Adds `w` unless a warning with its id and offset is already there.
    void add_unique(parse_error const& w) noexcept {
        for (parse_error const& x : *this)
            if (x.id == w.id && x.offset == w.offset) return;
        add(w);
    }
    parse_error const* begin() const noexcept { return storage_.items; }
    parse_error const* end() const noexcept { return storage_.items + count_; }
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    parse_error const& operator[](std::size_t i) const noexcept {
        SIPVIEW_ASSERT(i < count_, "warning_list index out of range");
        return storage_.items[i];
    }
    /// Warnings that did not fit.
    std::size_t dropped() const noexcept { return dropped_; }
    void clear() noexcept { count_ = 0; dropped_ = 0; }
    /// Adds every warning of `other` (and counts those it dropped).
    void append(warning_list const& other) noexcept {
        for (parse_error const& w : other) add(w);
        dropped_ += other.dropped_;
    }
    /// Keeps the first n warnings.
    void truncate(std::size_t n) noexcept {
        if (n < count_) count_ = n;
        dropped_ = 0;
    }

private:
    // Items past count_ are never read; the union leaves them uninitialised,
    // since every message carries a warning_list and most carry no warning.
    static_assert(std::is_trivially_copyable_v<parse_error> && std::is_trivially_destructible_v<parse_error>);
    union storage {
        storage() noexcept {}
        parse_error items[capacity];  // items[0, count_) constructed by add()
    };
    storage storage_;
    std::size_t count_ = 0;
    std::size_t dropped_ = 0;
};

/// The text a parse function reads and its result points into: anything
/// that converts to std::string_view (a string literal, a std::string_view,
/// a std::string lvalue...) except a temporary std::string, whose characters
/// die at the end of the full-expression while the result's views live on:
/// `auto u = parse_uri(std::string("sip:a@b"));` would dangle, so it does not
/// compile ("use of deleted function borrowed_text(S&&)"). Keep the string in a
/// variable. Taking this type, rather than deleted std::string&& overloads of
/// each function, keeps every parse_* a single name: `parse_field(h,
/// parse_credentials)`, `parse_uri` as a callable or a function pointer and
/// string-literal calls keep working.
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

namespace detail {
/// A parse function that honours parse_options (leniency.hpp): parse_uri,
/// parse_name_addr, parse_via_list, parse_challenge... are objects of this
/// type, so that each stays one name that is called as f(text) or
/// f(text, options) and passed as a callable (`parse_field(h,
/// parse_challenge)`, a template's `Parse parse` argument) as before.
template <class R, R (*Impl)(borrowed_text, parse_options const&) noexcept>
struct parser_with_options {
    R operator()(borrowed_text text, parse_options const& opts = {}) const noexcept { return Impl(text, opts); }
    /// The strict parse as a plain function: `result<uri> (*f)(borrowed_text) noexcept = parse_uri;`
    static R strict(borrowed_text text) noexcept { return Impl(text, parse_options{}); }
    using function_pointer = R (*)(borrowed_text) noexcept;
    constexpr operator function_pointer() const noexcept { return &strict; }  // NOLINT: implicit by design
};
} // namespace detail

} // namespace sipview

#endif
