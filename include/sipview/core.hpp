// sipview — shared RFC 3261 §25.1 rules (token, LWS/SWS, HCOLON, SEMI, COMMA,
// EQUAL, quoted-string, generic-param), parameter ranges iterated without
// allocation, and explicit decoding of percent-escapes and quoted strings into
// caller-provided storage.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_CORE_HPP
#define SIPVIEW_CORE_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include <sipview/detail/x3.hpp>
#include <sipview/error.hpp>

namespace sipview {

/// Kind of a host: RFC 3261 host = hostname / IPv4address / IPv6reference.
enum class host_type : unsigned char { hostname, ipv4, ipv6 };

inline constexpr std::string_view to_string(host_type t) noexcept {
    return t == host_type::ipv4 ? "ipv4" : t == host_type::ipv6 ? "ipv6" : "hostname";
}

/// ASCII case-insensitive comparison (SIP names, schemes and tokens).
inline constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    return true;
}

// ===========================================================================
// Grammar building blocks, shared by every concept header.
namespace grammar {
namespace x3 = boost::spirit::x3;
using detail::c_wsp;

inline constexpr detail::lws_parser LWS{};  ///< LWS = [*WSP CRLF] 1*WSP
inline constexpr detail::sws_parser SWS{};  ///< SWS = [LWS]
inline constexpr detail::run_of<detail::token_chars> token{};  ///< token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
inline constexpr detail::run_of<detail::word_chars> word{};    ///< word = 1*(alphanum / "-" / "." / ... / "{" / "}")
inline constexpr detail::quoted_string_parser quoted{};         ///< DQUOTE *(qdtext / quoted-pair) DQUOTE
inline constexpr detail::char_of<detail::c_digit> digit{};
inline constexpr detail::run_of<detail::c_digit> digits{};      ///< 1*DIGIT

inline constexpr auto HCOLON = *detail::char_of<c_wsp>{} >> ':' >> SWS;  ///< HCOLON = *( SP / HTAB ) ":" SWS
inline constexpr auto SEMI = SWS >> ';' >> SWS;    ///< SEMI = SWS ";" SWS
inline constexpr auto COMMA = SWS >> ',' >> SWS;   ///< COMMA = SWS "," SWS
inline constexpr auto EQUAL = SWS >> '=' >> SWS;   ///< EQUAL = SWS "=" SWS
inline constexpr auto SLASH = SWS >> '/' >> SWS;   ///< SLASH = SWS "/" SWS
inline constexpr auto COLON = SWS >> ':' >> SWS;   ///< COLON = SWS ":" SWS
inline constexpr auto STAR = SWS >> '*' >> SWS;    ///< STAR = SWS "*" SWS
inline constexpr auto LAQUOT = SWS >> '<';         ///< LAQUOT = SWS "<"
inline constexpr auto RAQUOT = x3::lit('>') >> SWS; ///< RAQUOT = ">" SWS
inline constexpr auto quoted_string = SWS >> quoted; ///< quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE

/// IPv6reference = "[" IPv6address "]" (validated as a whole).
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
    token >> -(EQUAL >> detail::describe("parameter value (token, host or quoted-string)")[gen_value]);

/// *( SEMI generic-param ): the header parameters after a value.
inline constexpr auto header_params = *(SEMI >> detail::describe("parameter name (token)")[generic_param]);

} // namespace grammar

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

/// A forward range over the parameters in `text`, separated by `sep`
/// (';' for URI and header params, '&' for URI headers, ',' for auth-params).
/// Whitespace and line folds around separators and '=' are skipped; quoted
/// values may contain the separator.
class param_range {
public:
    constexpr param_range() noexcept = default;
    constexpr param_range(std::string_view text, char sep) noexcept : text_(text), sep_(sep) {}

    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
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

/// Decodes percent-escapes (%HH) of `encoded` into [out, out + capacity).
/// Returns the decoded text (a view of `out`), or an error whose offset is in
/// `encoded`: a malformed escape, or not enough room (errc::too_large).
inline result<std::string_view> decode_percent(std::string_view encoded, char* out, std::size_t capacity) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < encoded.size();) {
        char ch = encoded[i];
        std::size_t step = 1;
        if (ch == '%') {
            if (i + 2 >= encoded.size())
                return parse_error{i, "two hex digits after '%'", "truncated percent-escape", "", errc::syntax};
            int const hi = detail::hex_value(encoded[i + 1]);
            int const lo = detail::hex_value(encoded[i + 2]);
            if (hi < 0 || lo < 0)
                return parse_error{i, "two hex digits after '%'", "malformed percent-escape", "write '%' itself as %25", errc::syntax};
            ch = static_cast<char>(hi * 16 + lo);
            step = 3;
        }
        if (n == capacity) return parse_error{i, "", "output buffer too small", "", errc::too_large};
        out[n++] = ch;
        i += step;
    }
    return std::string_view(out, n);
}

/// Decodes a quoted-string as it came on the wire (with its DQUOTEs, or
/// without them) into [out, out + capacity): quotes removed, quoted-pairs
/// resolved, each line fold (CRLF before WSP) removed.
inline result<std::string_view> decode_quoted(std::string_view quoted, char* out, std::size_t capacity) noexcept {
    if (quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"')
        quoted = quoted.substr(1, quoted.size() - 2);
    std::size_t n = 0;
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        char ch = quoted[i];
        if (ch == '\\' && i + 1 < quoted.size()) {
            ch = quoted[++i];
        } else if (ch == '\r' && i + 1 < quoted.size() && quoted[i + 1] == '\n') {
            ++i;
            continue;
        }
        if (n == capacity) return parse_error{i, "", "output buffer too small", "", errc::too_large};
        out[n++] = ch;
    }
    return std::string_view(out, n);
}

/// The text between the quotes of a quoted value, escapes kept; other values unchanged.
inline constexpr std::string_view unquote(std::string_view v) noexcept {
    return (v.size() >= 2 && v.front() == '"' && v.back() == '"') ? v.substr(1, v.size() - 2) : v;
}

/// Parses an unsigned decimal of at most `max`; nullopt when empty, non-digit or larger.
inline constexpr std::optional<std::uint64_t> to_uint(std::string_view s, std::uint64_t max) noexcept {
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
        if (v > max) return std::nullopt;
    }
    return v;
}

} // namespace sipview

#endif
