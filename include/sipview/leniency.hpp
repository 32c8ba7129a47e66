// sipview — the leniency flags: every real-world deviation from the ABNF
// that sipview can accept, each by name, in one table.
//
// sipview is strict by default. Phones and servers send things RFC 3261's
// grammar forbids, and peers accept many of them silently (underscores in
// hostnames, bare LF line ends, `;p="x"` URI parameters...). Each such
// deviation has one row here: a named flag, the rule it breaks, the warning
// reported when it is accepted, what it applies to, and an example. Under a
// flag (parse_options::lenient, message_options::lenient,
// stream_options::lenient) the deviation is accepted and recorded as that
// warning (parse_options::warnings, message::warnings()); without it the
// input is rejected as before, and the error names the flag that would accept
// it (parse_error::would_accept). Tools and tests read this table: sip-lint's
// --lenient=FLAG,... takes the names, tests/test_leniency.cpp checks every
// row's example on both sides of its flag.
//
// No X3, no Boost: tools may include this alone.
//
// Firmware that never accepts a deviation can compile the flags out: with
// SIPVIEW_NO_LENIENCY defined (the same in every TU of the program, and in
// the one compiling sipview under SIPVIEW_SEPARATE_COMPILATION), every
// leniency_set is empty whatever is added to it, so the lenient branches of
// the grammars and of framing are dead code, and no error names a flag
// (parse_error::would_accept is always leniency::none: no second parse on the
// error path). The table, the names and the warnings stay, so tools still
// list the flags; asking for one changes nothing. leniency_compiled_in says
// which build this is.
//
// A row is X(id, warning, entry, applies_to, header, example):
//   * id          the flag, leniency::id, and its name ("allow_underscore_host");
//   * warning     the diag row reported when the flag accepts a deviation (its
//                 message names the rule and the flag; diagnostics.hpp, LENIENCY);
//   * entry       where the example is parsed: a header value (with the
//                 header's registry row), a message (parse_message) or a
//                 stream (frame_message);
//   * applies_to  what honours it: the parsers of URIs and hosts, of
//                 name-addr lists, of challenges, parse_message, frame_message;
//   * header      a header whose value shows it, or "" for a whole message;
//   * example     a value (or message) rejected strictly, accepted under the flag.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_LENIENCY_HPP
#define SIPVIEW_LENIENCY_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sipview/diagnostics.hpp>

#define SIPVIEW_LENIENCIES(X)                                                                                          \
    X(allow_underscore_host, lenient_underscore_host, header_value,                                                    \
      "hosts: SIP/SIPS URIs, Via sent-by", "To", "<sip:alice@my_proxy.example.com>")                                   \
    X(allow_digit_toplabel, lenient_digit_toplabel, header_value,                                                      \
      "hosts: SIP/SIPS URIs, Via sent-by", "To", "<sip:a@123jeff>")                                                    \
    X(allow_quoted_uri_param, lenient_quoted_uri_param, header_value,                                                  \
      "SIP/SIPS URI parameters", "Contact", "<sip:alice@example.com;p=\"x y\">")                                      \
    X(allow_trailing_semicolon, lenient_trailing_semicolon, header_value,                                              \
      "SIP/SIPS URI parameters", "Route", "<sip:proxy.example.com;lr;>")                                               \
    X(allow_lws_in_brackets, lenient_lws_in_brackets, header_value,                                                    \
      "name-addr: From, To, Contact, Route, Record-Route and the other name-addr headers", "From",                    \
      "\"Alice\" < sip:alice@example.com >;tag=1928301774")                                                           \
    X(allow_unbracketed_info_uri, lenient_unbracketed_info_uri, header_value,                                          \
      "Alert-Info, Call-Info, Error-Info, Geolocation", "Alert-Info", "http://www.example.com/sounds/moo.wav")         \
    X(allow_multiple_challenges, lenient_multiple_challenges, header_value,                                            \
      "WWW-Authenticate, Proxy-Authenticate", "WWW-Authenticate",                                                      \
      "Digest realm=\"example.com\", nonce=\"a1\", algorithm=SHA-256, Digest realm=\"example.com\", nonce=\"a1\"")    \
    X(allow_bare_lf, lenient_bare_lf, message, "parse_message and frame_message line ends", "",                        \
      "OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\nMax-Forwards: 70\n"       \
      "To: <sip:bob@example.com>\nFrom: <sip:alice@example.com>;tag=1\nCall-ID: c1\nCSeq: 1 OPTIONS\n"                 \
      "Content-Length: 0\n\n")                                                                                         \
    X(assume_zero_content_length, lenient_no_content_length, stream, "frame_message (streams)", "",                    \
      "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h.example.com;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" \
      "To: <sip:bob@example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n\r\n")

namespace sipview {

/// A leniency flag (the rows of SIPVIEW_LENIENCIES). `none`: no flag.
enum class leniency : unsigned char {
    none = 0,
#define SIPVIEW_LENIENCY_ENUM_(id, ...) id,
    SIPVIEW_LENIENCIES(SIPVIEW_LENIENCY_ENUM_)
#undef SIPVIEW_LENIENCY_ENUM_
};

/// Where a leniency row's example is parsed.
enum class leniency_entry : unsigned char {
    header_value,  ///< the value of the row's header, with its registry row (H::parse_with)
    message,       ///< a whole message, parse_message
    stream,        ///< a stream, frame_message
};

/// One row of the table. All strings are static.
struct leniency_info {
    std::string_view name;        ///< "allow_underscore_host"
    diag warning;                 ///< reported when the flag accepts a deviation
    leniency_entry entry;         ///< where the example is parsed
    std::string_view applies_to;  ///< what honours the flag
    std::string_view header;      ///< the example's header, "" for a whole message
    std::string_view example;     ///< rejected strictly, accepted under the flag
};

/// The table, indexed by leniency (row 0 is `none`).
inline constexpr leniency_info leniency_table[] = {
    {"none", diag::none, leniency_entry::header_value, "", "", ""},
#define SIPVIEW_LENIENCY_ROW_(id, warning, entry, applies_to, header, example) \
    {#id, diag::warning, leniency_entry::entry, applies_to, header, example},
    SIPVIEW_LENIENCIES(SIPVIEW_LENIENCY_ROW_)
#undef SIPVIEW_LENIENCY_ROW_
};
/// Number of flags (without `none`).
inline constexpr std::size_t leniency_count = sizeof(leniency_table) / sizeof(leniency_table[0]) - 1;

inline constexpr leniency_info const& info(leniency l) noexcept {
    std::size_t const i = static_cast<std::size_t>(l);
    return leniency_table[i <= leniency_count ? i : 0];
}
inline constexpr std::string_view to_string(leniency l) noexcept { return info(l).name; }

/// The flag named `name` ("allow_bare_lf"), or leniency::none.
inline constexpr leniency leniency_from_string(std::string_view name) noexcept {
    for (std::size_t i = 1; i <= leniency_count; ++i)
        if (leniency_table[i].name == name) return static_cast<leniency>(i);
    return leniency::none;
}
/// The flag whose warning is `d`, or leniency::none.
inline constexpr leniency leniency_of_warning(diag d) noexcept {
    for (std::size_t i = 1; i <= leniency_count; ++i)
        if (leniency_table[i].warning == d) return static_cast<leniency>(i);
    return leniency::none;
}

/// False when SIPVIEW_NO_LENIENCY compiles the flags out (see above).
#ifdef SIPVIEW_NO_LENIENCY
inline constexpr bool leniency_compiled_in = false;
#else
inline constexpr bool leniency_compiled_in = true;
#endif

/// A set of leniency flags. Empty (strict) by default; always empty under
/// SIPVIEW_NO_LENIENCY.
class leniency_set {
public:
    constexpr leniency_set() noexcept = default;
    constexpr leniency_set(leniency l) noexcept : bits_(bit(l)) {}  // NOLINT: implicit, `opts.lenient = leniency::allow_bare_lf`
    /// Every flag.
    static constexpr leniency_set all() noexcept {
        leniency_set s;
        s.bits_ = leniency_compiled_in ? (std::uint32_t{1} << leniency_count) - 1 : 0;
        return s;
    }
    constexpr bool has(leniency l) const noexcept { return (bits_ & bit(l)) != 0; }
    constexpr bool empty() const noexcept { return bits_ == 0; }
    constexpr leniency_set& add(leniency l) noexcept { bits_ |= bit(l); return *this; }
    constexpr leniency_set& remove(leniency l) noexcept { bits_ &= ~bit(l); return *this; }
    constexpr leniency_set operator|(leniency_set o) const noexcept { leniency_set s; s.bits_ = bits_ | o.bits_; return s; }
    constexpr bool operator==(leniency_set o) const noexcept { return bits_ == o.bits_; }
    constexpr bool operator!=(leniency_set o) const noexcept { return bits_ != o.bits_; }
    constexpr std::uint32_t bits() const noexcept { return bits_; }
    static constexpr leniency_set from_bits(std::uint32_t b) noexcept {
        leniency_set s;
        s.bits_ = b & all().bits_;
        return s;
    }

private:
    static constexpr std::uint32_t bit(leniency l) noexcept {
        return l == leniency::none || !leniency_compiled_in ? 0 : std::uint32_t{1} << (static_cast<unsigned>(l) - 1);
    }
    std::uint32_t bits_ = 0;
};
static_assert(leniency_count <= 32, "leniency_set holds one bit per flag");

namespace detail {
/// `l` as an error's would_accept: leniency::none under SIPVIEW_NO_LENIENCY,
/// where no flag can accept anything.
inline constexpr leniency flag_that_would_accept(leniency l) noexcept { return leniency_compiled_in ? l : leniency::none; }
} // namespace detail

class warning_list;

/// How the parse functions that honour leniency flags parse (parse_uri,
/// parse_name_addr and the name-addr lists, parse_via_list, parse_challenge;
/// the registry's H::parse_with). Strict, without a warning sink, by default.
struct parse_options {
    leniency_set lenient{};
    /// Where accepted deviations are reported (offsets in the parsed text),
    /// or nullptr.
    warning_list* warnings = nullptr;
};

} // namespace sipview

#endif
