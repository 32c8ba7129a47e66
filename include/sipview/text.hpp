// sipview — text utilities that need no X3: ASCII case-insensitive
// comparison, parameter ranges iterated without allocation, explicit decoding
// of percent-escapes and quoted strings into caller-provided storage (with
// the decode_mode::text check), unquote and to_uint. No Boost include: usable
// on already-parsed views without pulling in the grammars (core.hpp includes
// this header).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_TEXT_HPP
#define SIPVIEW_TEXT_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include <sipview/detail/charset.hpp>
#include <sipview/detail/scan.hpp>
#include <sipview/error.hpp>

namespace sipview {

/// ASCII case-insensitive comparison (SIP names, schemes and tokens).
inline constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    return true;
}

// ===========================================================================
// Parameter ranges: iterate `name[=value]` items of already-validated text
// without allocation (Boost.URL's params_view shape).

/// One parameter. `value` is absent for a bare flag (`;lr`) and present but
/// possibly empty for `name=`. Values are raw: quoted values keep their
/// quotes, escapes are kept; decode with decode_percent / decode_quoted.
struct param {
    std::string_view name;
    std::optional<std::string_view> value;
};

/// An input range over the parameters in `text`, separated by `sep`
/// (';' for URI and header params, '&' for URI headers, ',' for auth-params).
/// Whitespace and line folds around separators and '=' are skipped; quoted
/// values may contain the separator.
class param_range {
public:
    constexpr param_range() noexcept = default;
    constexpr param_range(std::string_view text, char sep) noexcept : text_(text), sep_(sep) {}

    class iterator {
    public:
        // Input, not forward: *it is the param held in the iterator, valid
        // until it moves (copies iterate independently; begin() restarts).
        using iterator_category = std::input_iterator_tag;
        using value_type = param;
        using difference_type = std::ptrdiff_t;
        using pointer = param const*;
        using reference = param const&;

        constexpr iterator() noexcept = default;
        iterator(char const* p, char const* end, char sep) noexcept : next_(p), end_(end), sep_(sep) { advance(); }

        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { advance(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; advance(); return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.at_ == b.at_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.at_ != b.at_; }

    private:
        void skip_space() noexcept {
            while (next_ != end_ && (detail::is(*next_, detail::c_wsp) || *next_ == '\r' || *next_ == '\n')) ++next_;
        }
        void advance() noexcept {
            for (;;) {
                skip_space();
                while (next_ != end_ && *next_ == sep_) { ++next_; skip_space(); }
                if (next_ == end_) { at_ = nullptr; current_ = param{}; return; }
                at_ = next_;
                char const* name_begin = next_;
                while (next_ != end_ && *next_ != '=' && *next_ != sep_ && !detail::is(*next_, detail::c_wsp) &&
                       *next_ != '\r' && *next_ != '\n')
                    ++next_;
                current_.name = std::string_view(name_begin, static_cast<std::size_t>(next_ - name_begin));
                current_.value.reset();
                skip_space();
                if (next_ != end_ && *next_ == '=') {
                    ++next_;
                    skip_space();
                    char const* v = next_;
                    if (next_ != end_ && *next_ == '"') {
                        ++next_;
                        while (next_ != end_ && *next_ != '"') {
                            if (*next_ == '\\' && end_ - next_ >= 2) ++next_;
                            ++next_;
                        }
                        if (next_ != end_) ++next_;
                    } else {
                        while (next_ != end_ && *next_ != sep_ && !detail::is(*next_, detail::c_wsp) &&
                               *next_ != '\r' && *next_ != '\n')
                            ++next_;
                    }
                    current_.value = std::string_view(v, static_cast<std::size_t>(next_ - v));
                }
                if (!current_.name.empty() || current_.value) return;
                // Not a parameter (stray byte in unvalidated text): step over it.
                if (next_ != end_) ++next_;
            }
        }

        char const* next_ = nullptr;
        char const* end_ = nullptr;
        char const* at_ = nullptr;  // start of current item; nullptr at end
        char sep_ = ';';
        param current_{};
    };

    iterator begin() const noexcept { return iterator(text_.data(), text_.data() + text_.size(), sep_); }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return begin() == end(); }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }
    /// The first parameter whose name equals `name` case-insensitively.
    std::optional<param> find(std::string_view name) const noexcept {
        for (auto const& p : *this)
            if (iequals(p.name, name)) return p;
        return std::nullopt;
    }
    bool contains(std::string_view name) const noexcept { return find(name).has_value(); }
    /// The value of the first parameter named `name`: absent when there is
    /// none or it is a flag without '=' (find() tells those apart).
    std::optional<std::string_view> value(std::string_view name) const noexcept {
        auto p = find(name);
        if (!p) return std::nullopt;
        return p->value;
    }
    /// The value of parameter `name` as a decimal number (1*DIGIT) that fits
    /// 32 bits: delta-seconds (Contact's expires, Retry-After's duration,
    /// Subscription-State's expires and retry-after), Reason's cause.
    /// nullopt when absent, a flag, or not such a number.
    std::optional<std::uint32_t> number_value(std::string_view name) const noexcept;
    std::string_view text() const noexcept { return text_; }

private:
    std::string_view text_;
    char sep_ = ';';
};

// ===========================================================================
// Decoding into caller storage.

/// Number of bytes `encoded` decodes to (each valid %HH counts as one).
inline constexpr std::size_t decoded_size(std::string_view encoded) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < encoded.size(); ++n) {
        if (encoded[i] == '%' && i + 2 < encoded.size() && detail::hex_value(encoded[i + 1]) >= 0 &&
            detail::hex_value(encoded[i + 2]) >= 0)
            i += 3;
        else
            ++i;
    }
    return n;
}

/// What a decoder accepts in what it decodes to.
///
/// The hazard: RFC 3261 lets a value carry bytes that C consumers and lax
/// UTF-8 decoders misread. quoted-pair allows every ASCII byte but CR and LF
/// (`username="alice\<NUL>evil"` decodes to 10 bytes whose strlen() is 5),
/// `%00`, `%0D%0A` escape anything in a URI, and UTF8-NONASCII allows
/// overlong forms (`C0 80` is NUL to a lax decoder). A user name or realm
/// that looks like "alice" to one component and "alice<NUL>evil" to another
/// invites auth-lookup confusion and header injection.
enum class decode_mode : unsigned char {
    /// The default. The decoded value must be text: UTF-8 as RFC 3629 defines
    /// it (no overlong forms, no surrogates, nothing beyond U+10FFFF, no
    /// truncated sequence, no stray continuation byte, no FE/FF) without
    /// control characters: NUL, the other C0 controls (0x01-0x1F, CR and LF
    /// included) and DEL (0x7F) are rejected. HTAB (0x09) is accepted: it is
    /// part of LWS inside quoted strings (a folded `"a\r\n\tb"` decodes to
    /// "a<HTAB>b"). C1 controls (U+0080-U+009F, encoded as C2 80-C2 9F) are
    /// valid UTF-8 and accepted. A rejected value is errc::syntax at the
    /// offset, in the encoded input, of the offending byte or escape ('%' of
    /// %HH, '\' of a quoted-pair; for ill-formed UTF-8, the sequence's first
    /// byte).
    text,
    /// Every byte as decoded, NUL, CR, LF and ill-formed UTF-8 included (all
    /// that RFC 3261 allows on the wire): for callers that handle the value
    /// as a length-delimited byte string.
    octets,
};

namespace detail {
/// decode_mode::text, checked one decoded byte at a time while decoding (so
/// errors are found in input order and reported at encoded offsets). The
/// UTF-8 rules are the grammar's (utf8_continuations) narrowed by
/// utf8_rfc3629_problem.
class text_check {
public:
    /// `out[n]` is the byte just decoded, from the escape or byte at encoded
    /// offset `at`. False, with `err` set, when it makes the value non-text.
    bool add(char const* out, std::size_t n, std::size_t at, parse_error& err) noexcept {
        unsigned const c = static_cast<unsigned char>(out[n]);
        if (pending_ != 0) {  // inside a multi-byte sequence
            if (c < 0x80 || c > 0xBF) return fail(err, lead_at_, diag::decode_truncated_utf8);
            if (--pending_ != 0) return true;
            diag const why = utf8_rfc3629_problem(static_cast<unsigned char>(out[lead_]),
                                                  static_cast<unsigned char>(out[lead_ + 1]), n + 1 - lead_);
            return why == diag::none || fail(err, lead_at_, why);
        }
        if (c < 0x80) {
            if (c >= 0x20 && c != 0x7F) return true;
            if (c == '\t') return true;
            return fail(err, at, c == 0 ? diag::decode_nul
                                 : c == '\r' || c == '\n' ? diag::decode_cr_lf
                                                           : diag::decode_control);
        }
        std::size_t const cont = utf8_continuations(c);
        if (cont == 0) return fail(err, at, c <= 0xBF ? diag::decode_stray_continuation : diag::decode_fe_ff);
        if (c < 0xC2 || c > 0xF4) return fail(err, at, utf8_rfc3629_problem(c, 0x80, cont + 1));
        lead_ = n;
        lead_at_ = at;
        pending_ = cont;
        return true;
    }
    /// At the end of the input: no sequence may be left open.
    bool finish(parse_error& err) const noexcept {
        return pending_ == 0 || fail(err, lead_at_, diag::decode_truncated_utf8);
    }

private:
    static bool fail(parse_error& err, std::size_t at, diag d) noexcept {
        err = make_error(d, at);
        return false;
    }
    std::size_t lead_ = 0;     // decoded index of the open sequence's lead byte
    std::size_t lead_at_ = 0;  // its encoded offset
    std::size_t pending_ = 0;  // continuation bytes still expected
};
} // namespace detail

/// Decodes percent-escapes (%HH) of `encoded` into [out, out + capacity).
/// Returns the decoded text (a view of `out`), or an error whose offset is in
/// `encoded`: a malformed escape, not enough room (errc::too_large), or, in
/// decode_mode::text (the default), a value that is not text: `%00`,
/// `%0D%0A`, `%C0%80`... (errc::syntax at the '%' or byte; see decode_mode
/// for the hazard these pose to C consumers and lax UTF-8 decoders).
inline result<std::string_view> decode_percent(std::string_view encoded, char* out, std::size_t capacity,
                                               decode_mode mode = decode_mode::text) noexcept {
    std::size_t n = 0;
    detail::text_check check;
    parse_error err;
    for (std::size_t i = 0; i < encoded.size();) {
        char ch = encoded[i];
        std::size_t step = 1;
        if (ch == '%') {
            if (i + 2 >= encoded.size())
                return make_error(diag::decode_truncated_escape, i);
            int const hi = detail::hex_value(encoded[i + 1]);
            int const lo = detail::hex_value(encoded[i + 2]);
            if (hi < 0 || lo < 0)
                return make_error(diag::decode_malformed_escape, i);
            ch = static_cast<char>(hi * 16 + lo);
            step = 3;
        }
        if (n == capacity) return make_error(diag::decode_buffer_full, i);
        out[n] = ch;
        if (mode == decode_mode::text && !check.add(out, n, i, err)) return err;
        ++n;
        i += step;
    }
    if (mode == decode_mode::text && !check.finish(err)) return err;
    return std::string_view(out, n);
}

namespace detail {
/// decode_quoted without the DQUOTE removal: `body` starts at offset `base`
/// of the caller's input (also used for the unquoted display-name, *(token LWS)).
inline result<std::string_view> decode_quoted_body(std::string_view body, std::size_t base, char* out,
                                                   std::size_t capacity, decode_mode mode) noexcept {
    std::size_t n = 0;
    text_check check;
    parse_error err;
    for (std::size_t i = 0; i < body.size(); ++i) {
        std::size_t const at = base + i;
        char ch = body[i];
        if (ch == '\\' && i + 1 < body.size()) {
            ch = body[++i];
        } else if (ch == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
            ++i;
            continue;
        }
        if (n == capacity) return make_error(diag::decode_buffer_full, at);
        out[n] = ch;
        if (mode == decode_mode::text && !check.add(out, n, at, err)) return err;
        ++n;
    }
    if (mode == decode_mode::text && !check.finish(err)) return err;
    return std::string_view(out, n);
}
} // namespace detail

/// Decodes a quoted-string as it came on the wire (with its DQUOTEs, or
/// without them) into [out, out + capacity): quotes removed, quoted-pairs
/// resolved, each line fold (CRLF before WSP) removed. Error offsets are in
/// `quoted` as passed (the opening DQUOTE, when there, is offset 0).
/// In decode_mode::text (the default) the decoded value must be text:
/// quoted-pair lets `\<NUL>` (and every control but CR and LF) through the
/// grammar, and UTF8-NONASCII lets overlong `C0 80` through; both are
/// errc::syntax here, at the '\' or at the sequence's first byte. See
/// decode_mode for why, and decode_mode::octets for the raw bytes.
inline result<std::string_view> decode_quoted(std::string_view quoted, char* out, std::size_t capacity,
                                              decode_mode mode = decode_mode::text) noexcept {
    if (quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"')
        return detail::decode_quoted_body(quoted.substr(1, quoted.size() - 2), 1, out, capacity, mode);
    return detail::decode_quoted_body(quoted, 0, out, capacity, mode);
}

/// Checks that `value` (already decoded, or raw text that has no escapes,
/// such as auth_value::text() without a backslash) is text as
/// decode_mode::text defines it. Returns `value`, or errc::syntax at the
/// offset of the first offending byte in `value`.
inline result<std::string_view> check_text(std::string_view value) noexcept {
    detail::text_check check;
    parse_error err;
    for (std::size_t i = 0; i < value.size(); ++i)
        if (!check.add(value.data(), i, i, err)) return err;
    if (!check.finish(err)) return err;
    return value;
}

/// The text between the quotes of a quoted value, escapes kept; other values unchanged.
inline constexpr std::string_view unquote(std::string_view v) noexcept {
    return (v.size() >= 2 && v.front() == '"' && v.back() == '"') ? v.substr(1, v.size() - 2) : v;
}

/// Parses an unsigned decimal of at most `max`; nullopt when empty, non-digit or larger.
/// Exact for every `max` up to UINT64_MAX (no wrap-around); leading zeros are allowed.
inline constexpr std::optional<std::uint64_t> to_uint(std::string_view s, std::uint64_t max) noexcept {
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    if (max <= (UINT64_MAX - 9) / 10) {
        // v <= max before each step, so v * 10 + 9 cannot wrap: the hot path
        // (ports, CSeq, Content-Length...), one compare per digit.
        for (char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
            if (v > max) return std::nullopt;
        }
        return v;
    }
    // v * 10 + d <= max  <=>  v < max / 10, or v == max / 10 and d <= max % 10.
    std::uint64_t const q = max / 10;
    std::uint64_t const r = max % 10;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        std::uint64_t const d = static_cast<std::uint64_t>(c - '0');
        if (v > q || (v == q && d > r)) return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

inline std::optional<std::uint32_t> param_range::number_value(std::string_view name) const noexcept {
    auto const v = value(name);
    if (!v) return std::nullopt;
    auto const n = to_uint(*v, 0xFFFFFFFFu);
    if (!n) return std::nullopt;
    return static_cast<std::uint32_t>(*n);
}

} // namespace sipview

#endif
