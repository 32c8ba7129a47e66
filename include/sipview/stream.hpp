// sipview — SIP message framing on stream transports (TCP, TLS, WebSocket
// carrying raw SIP): RFC 3261 §7.5 and §18.3, RFC 5626 §3.5.1 keep-alives.
//
// frame_message() looks at the bytes received so far and says: here is a
// complete message of N octets, or need more, or this stream is broken. A
// small frame_state remembers how far the header scan got, so feeding the
// same growing buffer again never rescans what was already looked at (each
// octet of the header section is visited a constant number of times however
// the stream is split). The header scan is the line scanner parse_message
// uses (message_split.hpp: memchr for line ends, folds, the value extent),
// looking only at the Content-Length name; the full parse of the framed
// message is parse_message(), on demand.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_STREAM_HPP
#define SIPVIEW_STREAM_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <sipview/error.hpp>
#include <sipview/message_split.hpp>
#include <sipview/scalar_headers.hpp>

namespace sipview {

/// Limits and leniencies of stream framing. Strict by default.
struct stream_options {
    /// Start line + headers + empty line, in octets; more is errc::too_large.
    std::size_t max_header_bytes = 16 * 1024;
    /// Header lines; more is errc::too_many_headers (match your header_field storage).
    std::size_t max_headers = 64;
    /// Content-Length above this is errc::too_large.
    std::size_t max_body_bytes = 1024 * 1024;
    /// The leniency flags (leniency.hpp) framing honours: allow_bare_lf
    /// (bare LF line ends and keep-alives), assume_zero_content_length (a
    /// message without Content-Length has an empty body; RFC 3261 §18.3
    /// makes Content-Length mandatory on streams). frame_result::accepted
    /// says which ones a message needed.
    leniency_set lenient{};
};

enum class frame_status : unsigned char {
    complete,   ///< a whole message is at buffer[skipped, skipped + length)
    need_more,  ///< the message is incomplete: append bytes and call again
    error,      ///< the stream cannot be framed: close the connection (RFC 3261 §18.3)
};

/// What frame_message found. After every call, drop consumed() octets from
/// the front of the buffer (keep-alives, plus the message when complete).
struct frame_result {
    frame_status status = frame_status::need_more;
    std::size_t skipped = 0;     ///< CRLF keep-alive octets before the message
    std::size_t length = 0;      ///< message length (complete only)
    std::size_t keepalives = 0;  ///< CRLFs among the skipped octets
    std::size_t pings = 0;       ///< RFC 5626 double-CRLF pings among them: answer each with one CRLF
    parse_error error{};         ///< status == error; offset is in the buffer passed
    /// complete: the leniency flags this message needed (assume_zero_content_length;
    /// parse_message reports a bare LF itself).
    leniency_set accepted{};

    std::size_t consumed() const noexcept { return status == frame_status::error ? 0 : skipped + length; }
    /// The message, given the same buffer (not a temporary std::string: see borrowed_text).
    std::string_view message(borrowed_text buffer) const noexcept { return buffer.substr(skipped, length); }
};

/// The resumable state of frame_message for one connection.
///
/// Contract, enforced in code: between a need_more and the next call, the
/// buffer holds the same octets (minus consumed()) plus whatever arrived; a
/// buffer shorter than what the state has already been given is an error
/// (errc::inconsistent), never a read past the buffer. The stream_options in
/// force when a message's first octet is seen are captured here and apply
/// until that message completes, so changing the options (a configuration
/// reload) takes effect at the next message. After an error the state is
/// failed: every further call returns an error until reset().
class frame_state {
public:
    void reset() noexcept { *this = frame_state{}; }
    /// How far into the current message the scan has got (octets).
    std::size_t scanned() const noexcept { return scan_; }
    /// True between a message's first octet and its completion.
    bool in_message() const noexcept { return phase_ != phase::idle && phase_ != phase::failed; }
    /// True after an error: the connection cannot be framed any further.
    bool failed() const noexcept { return phase_ == phase::failed; }

private:
    friend frame_result frame_message(std::string_view, frame_state&, stream_options const&) noexcept;
    /// frame_message's work once the contract is checked; `opts` is used only
    /// until a message starts, then the captured opts_.
    frame_result step(std::string_view buffer, stream_options const& opts) noexcept;
    enum class phase : unsigned char { idle, start_line, headers, body, failed };
    phase phase_ = phase::idle;
    std::size_t line_ = 0;      // start of the current logical header line
    std::size_t scan_ = 0;      // where the next memchr starts
    std::size_t given_ = 0;     // octets of the message the last call was given (a buffer may not shrink below it)
    std::size_t head_end_ = 0;  // just past the empty line
    std::size_t headers_ = 0;
    std::size_t cl_offset_ = 0;
    std::uint32_t content_length_ = 0;
    bool has_cl_ = false;
    bool odd_crlf_ = false;     // an unpaired keep-alive CRLF was seen (RFC 5626 ping detection)
    stream_options opts_{};     // the options captured when the current message started
};

namespace detail {
namespace stream_impl {

inline frame_result fail(frame_result r, std::size_t offset, diag d) noexcept {
    r.status = frame_status::error;
    r.length = 0;
    r.error = make_error(d, offset);
    if (d == diag::stream_bare_lf || d == diag::stream_start_line_bare_lf || d == diag::stream_keepalive_bare_lf)
        r.error.would_accept = detail::flag_that_would_accept(leniency::allow_bare_lf);
    return r;
}

} // namespace stream_impl
} // namespace detail

/// Frames the next message in `buffer` (the bytes received and not yet
/// consumed). Skips CRLF keep-alives before a start line (RFC 3261 §7.5,
/// RFC 5626 pings), finds the empty line ending the headers, and bounds the
/// body by Content-Length (required on streams). On need_more, keep the
/// buffer (minus consumed()), append what arrives and call again with the
/// same state; on complete the state is ready for the next message. Then
/// parse the message with parse_message(result.message(buffer), ...).
/// The options in force when a message starts apply to all of it; after an
/// error the state refuses further input until reset() (see frame_state).
/// Allocation-free; never throws.
inline frame_result frame_message(std::string_view buffer, frame_state& st, stream_options const& opts = {}) noexcept {
    using detail::stream_impl::fail;
    if (st.phase_ == frame_state::phase::failed)
        return fail(frame_result{}, 0, diag::stream_failed);
    frame_result r;
    if (st.phase_ != frame_state::phase::idle && buffer.size() < st.given_) {
        r = fail(r, buffer.size(), diag::stream_buffer_shrunk);
    } else {
        r = st.step(buffer, opts);
    }
    if (r.status == frame_status::error) st.phase_ = frame_state::phase::failed;
    return r;
}

inline frame_result frame_state::step(std::string_view buffer, stream_options const& new_opts) noexcept {
    using detail::stream_impl::fail;
    frame_state& st = *this;
    stream_options const& opts = st.phase_ == phase::idle ? new_opts : st.opts_;
    frame_result r;
    char const* const b = buffer.data();
    std::size_t const size = buffer.size();

    // --- keep-alives ---------------------------------------------------------
    if (st.phase_ == frame_state::phase::idle) {
        std::size_t i = 0;
        for (;;) {
            if (i + 2 <= size && b[i] == '\r' && b[i + 1] == '\n') {
                i += 2;
            } else if (i < size && b[i] == '\n' && opts.lenient.has(leniency::allow_bare_lf)) {
                i += 1;
            } else {
                break;
            }
            ++r.keepalives;
            if (st.odd_crlf_) ++r.pings;
            st.odd_crlf_ = !st.odd_crlf_;
        }
        r.skipped = i;
        if (i == size || (i + 1 == size && b[i] == '\r')) return r;  // need_more (a CR may start a CRLF)
        if (b[i] == '\r')
            return fail(r, i, diag::stream_keepalive_bare_cr);
        if (b[i] == '\n')
            return fail(r, i, diag::stream_keepalive_bare_lf);
        if (!detail::is(b[i], detail::token_chars))
            return fail(r, i, diag::stream_not_sip);
        st.phase_ = frame_state::phase::start_line;
        st.odd_crlf_ = false;
        st.scan_ = 0;
        st.opts_ = new_opts;  // this message is framed with the options in force now
    }
    char const* const m = b + r.skipped;  // message start; offsets below are relative to it
    std::size_t const total = size - r.skipped;
    std::size_t const at = r.skipped;     // to turn message offsets into buffer offsets
    st.given_ = total;                    // frame_message checked total >= the previous given_
    // The header scan looks at no more than max_header_bytes + 1 octets, so
    // whatever the split, the limit is hit at the same point.
    std::size_t const n = total > opts.max_header_bytes ? opts.max_header_bytes + 1 : total;
    auto too_large = [&] {
        return fail(r, at + opts.max_header_bytes, diag::stream_headers_too_large);
    };
    auto need_more = [&] { return total > opts.max_header_bytes ? too_large() : r; };

    // --- start line ------------------------------------------------------------
    // The shared line scanner (message_split.hpp) over what has arrived; the
    // stream may go on after it, so a line end at the last octet waits.
    detail::message_impl::line_scanner const lines{m, m + n, opts.lenient.has(leniency::allow_bare_lf), false};
    using detail::message_impl::line_start;
    using detail::message_impl::line_status;
    auto buffer_offset = [&](char const* q) { return at + static_cast<std::size_t>(q - m); };  // buffer offset
    if (st.phase_ == frame_state::phase::start_line) {
        auto const e = lines.physical(m + st.scan_);
        if (e.status == line_status::need_more) {
            st.scan_ = n;
            return need_more();
        }
        if (e.status == line_status::bare_lf)
            return fail(r, buffer_offset(e.lf), diag::stream_start_line_bare_lf);
        st.phase_ = frame_state::phase::headers;
        st.line_ = st.scan_ = static_cast<std::size_t>(e.lf + 1 - m);
    }

    // --- headers -----------------------------------------------------------------
    // Locals, not the state's members, in the loop: stores through `st` could
    // alias the buffer (char) and would be reloaded at every step.
    char const* line = m + st.line_;
    char const* scan = m + st.scan_;
    std::size_t headers = st.headers_;
    auto save = [&] {
        st.line_ = static_cast<std::size_t>(line - m);
        st.scan_ = static_cast<std::size_t>(scan - m);
        st.headers_ = headers;
    };
    while (st.phase_ == frame_state::phase::headers) {
        char const* const p = line;
        std::size_t empty = 0;
        switch (lines.start(p, empty)) {
        case line_start::header: break;
        case line_start::need_more: save(); return need_more();
        case line_start::bare_cr: return fail(r, buffer_offset(p), diag::stream_bare_cr);
        case line_start::bare_lf: return fail(r, buffer_offset(p), diag::stream_bare_lf);
        case line_start::empty:
            st.head_end_ = static_cast<std::size_t>(p - m) + empty;
            if (st.head_end_ > opts.max_header_bytes) return too_large();
            st.phase_ = frame_state::phase::body;
            continue;
        }
        // the end of this logical line (over folds)
        auto const e = lines.header_line(scan);
        if (e.status == line_status::need_more) {
            scan = e.lf;
            save();
            return need_more();
        }
        if (e.status == line_status::bare_lf)
            return fail(r, buffer_offset(e.lf), diag::stream_bare_lf);
        if (++headers > opts.max_headers)
            return fail(r, buffer_offset(p), diag::stream_too_many_headers);
        // the name: only Content-Length matters to framing
        if (std::size_t const name = detail::message_impl::content_length_name(p, e.lf)) {
            char const* const colon = detail::message_impl::colon_after_name(p + name, e.lf);
            if (colon != e.lf && *colon == ':') {
                // the value as parse_message takes it (the same extent)
                auto const v = detail::message_impl::header_value(colon + 1, lines.content_end(e.lf));
                std::size_t const vb = static_cast<std::size_t>(v.begin - m);
                auto value = parse_content_length(std::string_view(v.begin, static_cast<std::size_t>(v.end - v.begin)));
                if (!value) {
                    r.status = frame_status::error;
                    r.error = value.error();
                    r.error.offset += at + vb;
                    return r;
                }
                if (st.has_cl_ && *value != st.content_length_)
                    return fail(r, at + vb, diag::stream_content_length_conflict);
                if (!st.has_cl_) st.cl_offset_ = vb;
                st.has_cl_ = true;
                st.content_length_ = *value;
            }
        }
        line = scan = e.lf + 1;
    }
    save();

    // --- body ------------------------------------------------------------------
    if (!st.has_cl_) {
        if (!opts.lenient.has(leniency::assume_zero_content_length)) {
            r = fail(r, at + st.head_end_ - 2, diag::stream_content_length_missing);
            r.error.would_accept = detail::flag_that_would_accept(leniency::assume_zero_content_length);
            return r;
        }
        r.accepted.add(leniency::assume_zero_content_length);
    }
    std::size_t const body = st.has_cl_ ? st.content_length_ : 0;
    if (body > opts.max_body_bytes)
        return fail(r, at + st.cl_offset_, diag::stream_body_too_large);
    if (total - st.head_end_ < body) return r;  // need_more
    r.status = frame_status::complete;
    r.length = st.head_end_ + body;
    st.reset();
    return r;
}

} // namespace sipview

#endif
