// sipview — multipart message bodies (RFC 2046 §5.1, RFC 5621): a body cut
// into parts at its boundary, each part's header lines and body as views,
// nested multiparts checked down to a depth limit. Nothing allocates: the
// parts and their header lines go into caller-provided arrays.
//
//   multipart-body    := [preamble CRLF] dash-boundary transport-padding CRLF
//                        body-part *encapsulation close-delimiter
//                        transport-padding [CRLF epilogue]
//   dash-boundary     := "--" boundary
//   encapsulation     := delimiter transport-padding CRLF body-part
//   delimiter         := CRLF dash-boundary
//   close-delimiter   := delimiter "--"
//   transport-padding := *LWSP-char            ; SP / HTAB
//   body-part         := MIME-part-headers [CRLF *OCTET]
//   boundary          := 0*69<bchars> bcharsnospace
//   bchars            := bcharsnospace / " "
//   bcharsnospace     := DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" / "=" / "?"
//
//   auto ct = msg.content_type();                           // multipart/mixed;boundary=unique-boundary-1
//   auto boundary = sipview::multipart_boundary(*ct);
//   sipview::body_part parts[8];
//   sipview::header_field part_headers[32];
//   auto mp = sipview::parse_multipart(msg.body(), *boundary, parts, part_headers);
//   for (sipview::body_part const& p : *mp) use(p.content_type(), p.body);
//
// Error offsets are in the body (multipart_boundary: in the Content-Type value).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_MULTIPART_HPP
#define SIPVIEW_MULTIPART_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include <sipview/error.hpp>
#include <sipview/headers.hpp>
#include <sipview/message_ranges.hpp>
#include <sipview/message_split.hpp>
#include <sipview/scalar_headers.hpp>

namespace sipview {

/// One part of a multipart body.
struct body_part {
    std::string_view text;    ///< the whole part: its header lines, the empty line and its body
    header_list headers;      ///< its header lines (offsets in the multipart body), in caller storage
    std::string_view body;    ///< after the part's empty line; empty when the part has none
    std::size_t offset = 0;   ///< of text in the multipart body
    std::size_t body_offset = 0;

    /// The first header line with this id, or nullptr.
    header_field const* find(header_id id) const noexcept {
        for (header_field const& h : headers)
            if (h.id == id) return &h;
        return nullptr;
    }
    /// The part's Content-Type; text/plain when it has none (RFC 2046 §5.1:
    /// the default is text/plain; charset=us-ascii). Error offsets are in the value.
    result<media_type> content_type() const noexcept {
        if (header_field const* h = find(header_id::content_type)) return parse_media_type(h->value);
        media_type d;
        d.text = "text/plain";
        d.type = d.text.substr(0, 4);
        d.subtype = d.text.substr(5);
        return d;
    }
    /// The part's Content-Disposition, if it has one (RFC 5621 §3.2: handling says whether it may be ignored).
    std::optional<result<content_disposition>> disposition() const noexcept {
        header_field const* h = find(header_id::content_disposition);
        if (!h) return std::nullopt;
        return parse_content_disposition(h->value);
    }
};

/// The parts of a multipart body, in order (a view of the caller's array).
class multipart {
public:
    constexpr multipart() noexcept = default;
    multipart(body_part const* parts, std::size_t count, std::string_view preamble, std::string_view epilogue) noexcept
        : parts_(parts), count_(count), preamble_(preamble), epilogue_(epilogue) {}
    body_part const* begin() const noexcept { return parts_; }
    body_part const* end() const noexcept { return parts_ + count_; }
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    body_part const& operator[](std::size_t i) const noexcept { return parts_[i]; }
    /// Text before the first boundary, and after the closing one (both ignored by RFC 2046).
    std::string_view preamble() const noexcept { return preamble_; }
    std::string_view epilogue() const noexcept { return epilogue_; }

private:
    body_part const* parts_ = nullptr;
    std::size_t count_ = 0;
    std::string_view preamble_, epilogue_;
};

namespace detail {
namespace multipart_impl {
using message_impl::header_line;
using message_impl::keep_first;
using message_impl::line_scanner;
using message_impl::split_header_lines;

/// bcharsnospace, and bchars with SP.
constexpr bool bchar_nospace(char c) noexcept {
    return is(c, alphanum) || c == '\'' || c == '(' || c == ')' || c == '+' || c == '_' || c == ',' || c == '-' ||
           c == '.' || c == '/' || c == ':' || c == '=' || c == '?';
}

/// boundary := 0*69<bchars> bcharsnospace: the offset of the first bad byte, or npos.
inline std::size_t check_boundary(std::string_view b, diag& why) noexcept {
    if (b.empty()) {
        why = diag::mp_boundary_missing;
        return 0;
    }
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 70) {
            why = diag::mp_boundary_length;
            return i;
        }
        if (!bchar_nospace(b[i]) && !(b[i] == ' ' && i + 1 < b.size())) {
            why = diag::mp_boundary_char;
            return i;
        }
    }
    return std::string_view::npos;
}

/// The walk over one multipart body. Errors are kept with offsets from `base`
/// (the outermost body).
struct walker {
    iter base;
    header_field* headers;      // caller storage for header lines
    std::size_t header_capacity;
    std::size_t max_depth;
    std::optional<parse_error> failure;

    std::size_t off(iter p) const noexcept { return static_cast<std::size_t>(p - base); }
    bool fail(diag d, iter at) noexcept {
        keep_first(failure, make_error(d, off(at)));
        return false;
    }

    /// After "--boundary" at `p`: the delimiter's line end (transport-padding
    /// CRLF) gives `next` just past the CRLF; "--" closes (then `closed`).
    /// False when this is not a delimiter line (the text goes on otherwise).
    static bool delimiter_tail(iter p, iter end, iter& next, bool& closed) noexcept {
        closed = false;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            closed = true;
            next = p + 2;
            return true;
        }
        while (p != end && (*p == ' ' || *p == '\t')) ++p;
        if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
            next = p + 2;
            return true;
        }
        return false;
    }

    /// The next delimiter (CRLF "--" boundary, then a delimiter tail) at or
    /// after `from`: its CRLF, or nullptr.
    static iter find_delimiter(iter from, iter end, std::string_view boundary, iter& next, bool& closed) noexcept {
        std::string_view const rest(from, static_cast<std::size_t>(end - from));
        for (std::size_t at = 0;;) {
            at = rest.find("\r\n--", at);
            if (at == std::string_view::npos) return nullptr;
            iter const d = from + at;
            iter const b = d + 4;
            if (static_cast<std::size_t>(end - b) >= boundary.size() && std::string_view(b, boundary.size()) == boundary &&
                delimiter_tail(b + boundary.size(), end, next, closed))
                return d;
            at += 2;
        }
    }

    /// Walks [first, last) with `boundary`, calling on_part(body_part&) for
    /// each part (its header lines in headers[used, ...)); `depth` is this
    /// body's nesting level (1 for the message body).
    template <class OnPart>
    bool walk(iter first, iter last, std::string_view boundary, std::size_t used, std::size_t depth,
              std::string_view& preamble, std::string_view& epilogue, OnPart&& on_part) noexcept {
        iter next = nullptr;
        bool closed = false;
        // the first dash-boundary: at the start, or after the preamble's CRLF
        iter start = nullptr;
        if (static_cast<std::size_t>(last - first) >= 2 + boundary.size() && first[0] == '-' && first[1] == '-' &&
            std::string_view(first + 2, boundary.size()) == boundary &&
            delimiter_tail(first + 2 + boundary.size(), last, next, closed)) {
            start = first;
        } else if (iter const d = find_delimiter(first, last, boundary, next, closed)) {
            start = d + 2;
        } else {
            return fail(diag::mp_first_boundary, first);
        }
        if (closed) return fail(diag::mp_boundary_line, start + 2 + boundary.size());  // no body part at all
        preamble = std::string_view(first, static_cast<std::size_t>(start - first));
        for (;;) {
            iter const part = next;
            iter const delim = find_delimiter(part, last, boundary, next, closed);
            if (!delim) return fail(diag::mp_close_missing, last);
            body_part p;
            p.text = std::string_view(part, static_cast<std::size_t>(delim - part));
            p.offset = off(part);
            // MIME-part-headers [CRLF *OCTET]: header lines (CRLF only), then the empty line
            std::size_t n = 0;
            line_scanner const scanner{part, delim, false, true};
            std::optional<parse_error> split_error;
            iter body = split_header_lines(scanner, part, base, split_error, [&](header_line const& line) {
                if (used + n == header_capacity) return false;
                header_field& h = headers[used + n++];
                h.name = line.name;
                h.value = line.value;
                h.offset = off(line.name.data());
                h.value_offset = off(line.value.data());
                h.id = lookup_nonempty(h.name);
                return true;
            });
            if (!body) {
                // header lines up to the delimiter and no empty line: a part without a body
                if (split_error->id == diag::msg_headers_unterminated && split_error->offset == off(delim)) {
                    body = delim;
                } else {
                    keep_first(failure, *split_error);
                    return false;
                }
            }
            p.headers = header_list(headers + used, n);
            p.body = std::string_view(body, static_cast<std::size_t>(delim - body));
            p.body_offset = off(body);
            if (!check_nested(p, used + n, depth)) return false;
            if (!on_part(p, n)) return fail(diag::mp_too_many_parts, part);
            used += n;
            if (closed) break;
        }
        // close-delimiter transport-padding [CRLF epilogue]
        iter e = next;
        while (e != last && (*e == ' ' || *e == '\t')) ++e;
        if (e != last) {
            if (last - e < 2 || e[0] != '\r' || e[1] != '\n') return fail(diag::mp_boundary_line, e);
            e += 2;
        }
        epilogue = std::string_view(e, static_cast<std::size_t>(last - e));
        return true;
    }

    /// A part that is itself multipart is walked too (its parts are not
    /// kept), down to max_depth levels.
    bool check_nested(body_part const& p, std::size_t used, std::size_t depth) noexcept {
        header_field const* ct = p.find(header_id::content_type);
        if (!ct) return true;
        auto const type = parse_media_type(ct->value);
        if (!type) {
            parse_error e = type.error();
            e.offset += ct->value_offset;
            keep_first(failure, e);
            return false;
        }
        if (!iequals(type->type, "multipart")) return true;
        if (depth >= max_depth) return fail(diag::mp_too_deep, p.body.data());
        auto const b = type->param_value("boundary");
        if (!b) return fail(diag::mp_boundary_missing, ct->name.data());
        std::string_view const boundary = unquote(*b);
        diag why = diag::none;
        if (std::size_t const bad = check_boundary(boundary, why); bad != std::string_view::npos)
            return fail(why, boundary.data() + bad);
        std::string_view pre, epi;
        return walk(p.body.data(), p.body.data() + p.body.size(), boundary, used, depth + 1, pre, epi,
                    [](body_part const&, std::size_t) { return true; });
    }
};

} // namespace multipart_impl
} // namespace detail

/// The boundary of a multipart Content-Type (`multipart/mixed;boundary="b1"`),
/// unquoted and checked (RFC 2046 §5.1.1: 1 to 70 bchars, not ending in SP).
/// Error offsets are in the Content-Type value.
inline result<std::string_view> multipart_boundary(media_type const& ct) noexcept {
    if (!iequals(ct.type, "multipart")) return make_error(diag::mp_not_multipart, 0);
    auto const b = ct.param_value("boundary");
    if (!b) return make_error(diag::mp_boundary_missing, ct.text.size());
    std::string_view const boundary = unquote(*b);
    diag why = diag::none;
    if (std::size_t const bad = detail::multipart_impl::check_boundary(boundary, why); bad != std::string_view::npos)
        return make_error(why, static_cast<std::size_t>(boundary.data() - ct.text.data()) + bad);
    return boundary;
}

/// Cuts `body` into its parts at `boundary` (from multipart_boundary): the
/// parts go into parts[0, max_parts), their header lines into headers[0,
/// max_headers). A part that is itself multipart is checked too, down to
/// `max_depth` levels (the message body is level 1); its parts are not kept
/// (parse it with its own boundary to read them). Allocation-free; never throws.
inline result<multipart> parse_multipart(borrowed_text body, std::string_view boundary, body_part* parts, std::size_t max_parts,
                                         header_field* headers, std::size_t max_headers, std::size_t max_depth = 4) noexcept {
    diag why = diag::none;
    if (std::size_t const bad = detail::multipart_impl::check_boundary(boundary, why); bad != std::string_view::npos)
        return make_error(why, 0);
    detail::multipart_impl::walker w{body.data(), headers, max_headers, max_depth, std::nullopt};
    std::size_t count = 0;
    std::string_view preamble, epilogue;
    bool const ok = w.walk(body.data(), body.data() + body.size(), boundary, 0, 1, preamble, epilogue,
                           [&](body_part const& p, std::size_t) {
                               if (count == max_parts) return false;
                               parts[count++] = p;
                               return true;
                           });
    if (!ok) return *w.failure;
    return multipart(parts, count, preamble, epilogue);
}

/// parse_multipart with arrays: `body_part p[8]; header_field h[32]; parse_multipart(body, b, p, h)`.
template <std::size_t P, std::size_t H>
inline result<multipart> parse_multipart(borrowed_text body, std::string_view boundary, body_part (&parts)[P],
                                         header_field (&headers)[H], std::size_t max_depth = 4) noexcept {
    return parse_multipart(body, boundary, parts, P, headers, H, max_depth);
}

} // namespace sipview

#endif
