// sipview — the start line and the header lines of a message, the scanning
// shared by parse_message (message.hpp) and stream framing (stream.hpp):
// SIP-Version recognition, the Content-Length header name and its simple
// values, and how both keep the first error. Light: stream.hpp
// includes this and scalar_headers.hpp, not the whole message machinery.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_MESSAGE_SPLIT_HPP
#define SIPVIEW_MESSAGE_SPLIT_HPP

#include <cstddef>
#include <optional>

#include <sipview/detail/charset.hpp>
#include <sipview/detail/x3.hpp>
#include <sipview/error.hpp>

namespace sipview {
namespace detail {
namespace message_impl {

/// Keeps the error with the smallest offset (the first in message order).
inline void keep_first(std::optional<parse_error>& slot, parse_error const& e) noexcept {
    if (!slot || e.offset < slot->offset) slot = e;
}

/// SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive). Returns the
/// length matched (0 when it does not match); `supported` is set for 2.0.
inline std::size_t version_length(iter p, iter e, bool& supported) noexcept {
    supported = false;
    if (e - p < 4 || ascii_lower(p[0]) != 's' || ascii_lower(p[1]) != 'i' || ascii_lower(p[2]) != 'p' || p[3] != '/') return 0;
    iter q = p + 4;
    iter const major = q;
    while (q != e && is(*q, c_digit)) ++q;
    if (q == major || q == e || *q != '.') return 0;
    iter const major_end = q++;
    iter const minor = q;
    while (q != e && is(*q, c_digit)) ++q;
    if (q == minor) return 0;
    supported = major_end - major == 1 && *major == '2' && q - minor == 1 && *minor == '0';
    return static_cast<std::size_t>(q - p);
}

/// Length of the header name at p if it is Content-Length (or its compact
/// form "l"), else 0. Looks at as few octets as it can: framing needs no
/// other header.
inline std::size_t content_length_name(char const* p, char const* e) noexcept {
    char const c = static_cast<char>(p[0] | 0x20);
    std::size_t n = 0;
    if (c == 'l') {
        n = 1;
    } else if (c == 'c' && e - p > 14) {
        static constexpr char name[] = "content-length";
        // Letters compare case-insensitively with | 0x20 (only 'X' and 'x'
        // map to 'x'); the hyphen exactly, since CR | 0x20 == '-' too.
        for (std::size_t i = 1; i < 14; ++i)
            if ((name[i] == '-' ? p[i] : static_cast<char>(p[i] | 0x20)) != name[i]) return 0;
        n = 14;
    } else {
        return 0;
    }
    return (p[n] == ':' || p[n] == ' ' || p[n] == '\t') ? n : 0;
}

/// The decimal value of [p, e) when it is 1 to 9 digits, else -1 (then the
/// full parser reports what is wrong).
inline long simple_number(char const* p, char const* e) noexcept {
    if (p == e || e - p > 9) return -1;
    long v = 0;
    for (; p != e; ++p) {
        if (*p < '0' || *p > '9') return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

} // namespace message_impl
} // namespace detail
} // namespace sipview

#endif
