// sipview — the start line and the header lines of a message: the one
// scanner parse_message (message.hpp) and stream framing (stream.hpp) both
// use. It says how a line starts (a header, the empty line, a stray CR or
// LF), where a logical header line ends (over folds), where its value is
// (LWS trimmed), and recognizes SIP-Version and the Content-Length name.
// parse_message gives it the whole datagram; frame_message the octets
// received so far, and gets "need more" where the input runs out. Light:
// stream.hpp includes this and scalar_headers.hpp, not the whole message
// machinery.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_MESSAGE_SPLIT_HPP
#define SIPVIEW_MESSAGE_SPLIT_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include <sipview/detail/charset.hpp>
#include <sipview/detail/scan.hpp>  // iter (not detail/x3.hpp: no grammar here)
#include <sipview/error.hpp>

/// Inlined into its caller even at -Os: the header loop of parse_message,
/// whose caller's state (the header_field cursor) must stay in registers.
#if defined(__GNUC__) || defined(__clang__)
#define SIPVIEW_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SIPVIEW_ALWAYS_INLINE inline
#endif

namespace sipview {
namespace detail {
namespace message_impl {

/// Keeps the error with the smallest offset (the first in message order).
inline void keep_first(std::optional<parse_error>& slot, parse_error const& e) noexcept {
    if (!slot || e.offset < slot->offset) slot = e;
}

/// SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive). Returns the
/// length matched (0 when it does not match); `supported` is set for 2.0.
SIPVIEW_HOT inline std::size_t version_length(iter p, iter e, bool& supported) noexcept {
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
        // Two overlapping 8-octet words, [0, 8) and [6, 14): letters compare
        // case-insensitively with | 0x20 (exact for letters), the hyphen
        // exactly (CR | 0x20 == '-' too).
        static constexpr char name[] = "content-length";
        static constexpr char fold[] = "\x20\x20\x20\x20\x20\x20\x20\x00\x20\x20\x20\x20\x20\x20";
        std::uint64_t w0 = 0, w1 = 0, n0 = 0, n1 = 0, f0 = 0, f1 = 0;
        std::memcpy(&w0, p, 8);
        std::memcpy(&w1, p + 6, 8);
        std::memcpy(&n0, name, 8);
        std::memcpy(&n1, name + 6, 8);
        std::memcpy(&f0, fold, 8);
        std::memcpy(&f1, fold + 6, 8);
        if ((w0 | f0) != n0 || (w1 | f1) != n1) return 0;
        n = 14;
    } else {
        return 0;
    }
    return (p[n] == ':' || p[n] == ' ' || p[n] == '\t') ? n : 0;
}

/// How a line of the header section starts (RFC 3261 §7: the header
/// section ends with an empty line, CRLF).
enum class line_start : unsigned char {
    header,     ///< a header line (or something that is not one: the caller checks the name)
    empty,      ///< the empty line: CRLF, or a bare LF when allowed; the header section ends
    need_more,  ///< the input ends here, or after a CR
    bare_lf,    ///< a bare LF (not allowed)
    bare_cr,    ///< a CR not followed by LF
};

/// The end of a line: `status` is line_status::ended with `lf` the LF that
/// ends it, line_status::bare_lf with `lf` the LF not preceded by CR, or
/// line_status::need_more with `lf` where to resume the scan. Two words:
/// returned in registers.
enum class line_status : unsigned char { ended, bare_lf, need_more };
struct line_end {
    iter lf;
    line_status status;
};

/// The line scanner over [first, last), the octets available. `complete`:
/// nothing follows them (a datagram, or a frame cut by frame_message), so an
/// LF at the last octet ends its line; otherwise (a stream) that LF may yet
/// be followed by a fold and the scanner asks for more. Hand-written: memchr
/// finds line ends many octets at a time, and framing must resume where it
/// stopped.
struct line_scanner {
    iter first;
    iter last;
    bool allow_bare_lf;  ///< lenient: LF alone ends a line
    bool complete;

    /// How the line at `p` starts (first <= p <= last); `empty_length` is
    /// set to the length of the empty line (2, or 1 for a bare LF).
    line_start start(iter p, std::size_t& empty_length) const noexcept {
        if (p == last) return line_start::need_more;
        if (*p == '\r') {
            if (p + 1 == last) return line_start::need_more;
            if (p[1] != '\n') return line_start::bare_cr;
            empty_length = 2;
            return line_start::empty;
        }
        if (*p == '\n') {
            if (!allow_bare_lf) return line_start::bare_lf;
            empty_length = 1;
            return line_start::empty;
        }
        return line_start::header;
    }

    /// The end of the physical line containing `from` (no folds: the start line).
    line_end physical(iter from) const noexcept {
        void const* nl = std::memchr(from, '\n', static_cast<std::size_t>(last - from));
        if (!nl) return {last, line_status::need_more};
        iter const lf = static_cast<iter>(nl);
        bool const bare = lf == first || lf[-1] != '\r';
        return {lf, bare && !allow_bare_lf ? line_status::bare_lf : line_status::ended};
    }

    /// The end of the logical header line containing `from`: a line that the
    /// next starts with SP or HTAB continues there (a fold, RFC 3261 §7.3.1).
    line_end header_line(iter from) const noexcept {
        for (;;) {
            line_end const e = physical(from);
            if (e.status != line_status::ended) return e;
            if (e.lf + 1 == last) return complete ? e : line_end{e.lf, line_status::need_more};
            if (!is(e.lf[1], c_wsp)) return e;
            from = e.lf + 1;
        }
    }

    /// Where the content of the line ended by `lf` ends: its CR, or the LF
    /// itself after an allowed bare LF.
    iter content_end(iter lf) const noexcept { return lf != first && lf[-1] == '\r' ? lf - 1 : lf; }
};

/// After a header name: optional SP / HTAB, then the colon (RFC 3261 §7.3.1
/// HCOLON = *( SP / HTAB ) ":" SWS). Returns where the colon should be: the
/// caller checks that it is one.
inline iter colon_after_name(iter q, iter end) noexcept {
    while (q != end && is(*q, c_wsp)) ++q;
    return q;
}

/// The value of a header line, [begin, end): from just after the colon to
/// the content end, leading LWS (folds included) skipped and trailing LWS
/// trimmed.
struct value_extent {
    iter begin;
    iter end;
};
inline value_extent header_value(iter after_colon, iter content_end) noexcept {
    iter vb = after_colon;
    while (vb < content_end) {
        if (is(*vb, c_wsp) || *vb == '\n') ++vb;
        else if (*vb == '\r' && vb + 1 < content_end && vb[1] == '\n') vb += 2;
        else break;
    }
    iter ve = content_end;
    while (ve > vb) {
        if (is(ve[-1], c_wsp)) --ve;
        else if (ve[-1] == '\n') { --ve; if (ve > vb && ve[-1] == '\r') --ve; }  // a fold
        else break;
    }
    return {vb, ve};
}

/// One header line of a header section: `name: value` with the value's
/// LWS trimmed (the line's first byte is name.data()).
struct header_line {
    std::string_view name;
    std::string_view value;
};

/// Splits a header section (a message's, or a multipart body part's) from
/// `p` to its empty line: calls on_line(header_line) for each header, in
/// order; on_line returns false when there is no room for it (then
/// msg_too_many_headers at the line). Returns the octet just past the empty
/// line, or nullptr with the first error kept in `failure` (offsets from
/// `base`). An unterminated last line still reaches on_line before its error.
///   message-header = field-name HCOLON field-value CRLF (RFC 3261 §7.3.1)
template <class OnLine>
SIPVIEW_ALWAYS_INLINE iter split_header_lines(line_scanner const scanner, iter p, iter base, std::optional<parse_error>& failure,
                               OnLine&& on_line) noexcept {
    iter const end = scanner.last;
    auto stop = [&](diag d, iter at) -> iter {
        parse_error e = make_error(d, static_cast<std::size_t>(at - base));
        if (d == diag::msg_bare_lf) e.would_accept = flag_that_would_accept(leniency::allow_bare_lf);
        keep_first(failure, e);
        return nullptr;
    };
    for (;;) {
        std::size_t empty = 0;
        switch (scanner.start(p, empty)) {
        case line_start::header: break;
        case line_start::empty: return p + empty;
        case line_start::need_more: return stop(diag::msg_headers_unterminated, p);
        case line_start::bare_lf: return stop(diag::msg_bare_lf, p);
        case line_start::bare_cr: return stop(diag::msg_bare_cr, p);
        }
        iter const name_end = skip_class<token_chars>(p, end);
        if (name_end == p) return stop(is(*p, c_wsp) ? diag::msg_header_leading_space : diag::msg_header_name, p);
        iter const colon = colon_after_name(name_end, end);
        if (colon == end || *colon != ':') return stop(diag::msg_header_colon, colon);
        // the logical line, over folds
        line_end const e = scanner.header_line(colon + 1);
        if (e.status == line_status::bare_lf) return stop(diag::msg_bare_lf, e.lf);
        iter const content_end = e.status == line_status::ended ? scanner.content_end(e.lf) : end;
        value_extent const v = header_value(colon + 1, content_end);
        if (!on_line(header_line{std::string_view(p, static_cast<std::size_t>(name_end - p)),
                                 std::string_view(v.begin, static_cast<std::size_t>(v.end - v.begin))}))
            return stop(diag::msg_too_many_headers, p);
        if (e.status == line_status::need_more) return stop(diag::msg_header_unterminated, end);
        p = e.lf + 1;
    }
}

/// The salvage split, for tools that must find structure in text that is
/// not a valid message (the fuzz mutator, fuzz/mutator.hpp): never the
/// parser's. Any of CRLF, LF or CR alone ends a line, and lines starting
/// with whitespace are folded into the one before. Calls
/// on_start(start_line, line_end) for the first line (line_end is the
/// CRLF, LF or CR written after it), then on_line(text) for each logical
/// line up to the empty line (text as written, folds kept; it may lack a
/// ':'). Returns the offset of the body (just past the empty line, with
/// `terminated` set), `in`'s size when there is no empty line, or npos when
/// the first line is empty or unterminated.
template <class OnStart, class OnLine>
inline std::size_t salvage_lines(std::string_view in, bool& terminated, OnStart&& on_start, OnLine&& on_line) noexcept {
    terminated = false;
    // a line from `from`: its end (the first CR or LF, or the end), `next` past the line end
    auto line_end = [&](std::size_t from, std::size_t& next) {
        std::size_t i = from;
        while (i < in.size() && in[i] != '\r' && in[i] != '\n') ++i;
        if (i == in.size()) next = i;
        else if (in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n') next = i + 2;
        else next = i + 1;
        return i;
    };
    std::size_t next = 0;
    std::size_t const e0 = line_end(0, next);
    if (e0 == in.size() || e0 == 0) return std::string_view::npos;
    on_start(in.substr(0, e0), in.substr(e0, next - e0));
    std::size_t p = next;
    while (p < in.size()) {
        std::size_t nx = 0;
        std::size_t const e = line_end(p, nx);
        if (e == p) {  // the empty line
            terminated = true;
            return nx;
        }
        std::size_t end = e;
        while (nx < in.size() && (in[nx] == ' ' || in[nx] == '\t')) {  // a fold: the next line goes on
            std::size_t n2 = 0;
            end = line_end(nx, n2);
            nx = n2;
        }
        on_line(in.substr(p, end - p));
        p = nx;
    }
    return in.size();
}

} // namespace message_impl
} // namespace detail
} // namespace sipview

#endif
