// sipview — SIP message framing on stream transports (TCP, TLS, WebSocket
// carrying raw SIP): RFC 3261 §7.5 and §18.3, RFC 5626 §3.5.1 keep-alives.
//
// frame_message() looks at the bytes received so far and says: here is a
// complete message of N octets, or need more, or this stream is broken. A
// small frame_state remembers how far the header scan got, so feeding the
// same growing buffer again never rescans what was already looked at (each
// octet of the header section is visited a constant number of times however
// the stream is split). The header scan is memchr for line ends plus a table
// scan of header names, looking only at Content-Length; the full parse of
// the framed message is parse_message(), on demand.
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
    /// Lenient: accept bare LF line ends (and bare LF keep-alives).
    bool allow_bare_lf = false;
    /// Lenient: a message without Content-Length has an empty body
    /// (RFC 3261 §18.3 makes Content-Length mandatory on streams).
    bool assume_zero_content_length = false;
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
            } else if (i < size && b[i] == '\n' && opts.allow_bare_lf) {
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
    if (st.phase_ == frame_state::phase::start_line) {
        void const* nl = std::memchr(m + st.scan_, '\n', n - st.scan_);
        if (!nl) {
            st.scan_ = n;
            return need_more();
        }
        std::size_t const lf = static_cast<std::size_t>(static_cast<char const*>(nl) - m);
        if ((lf == 0 || m[lf - 1] != '\r') && !opts.allow_bare_lf)
            return fail(r, at + lf, diag::stream_start_line_bare_lf);
        st.phase_ = frame_state::phase::headers;
        st.line_ = st.scan_ = lf + 1;
    }

    // --- headers -----------------------------------------------------------------
    // Locals, not the state's members, in the loop: stores through `st` could
    // alias the buffer (char) and would be reloaded at every step.
    std::size_t line = st.line_, scan = st.scan_, headers = st.headers_;
    auto save = [&] {
        st.line_ = line;
        st.scan_ = scan;
        st.headers_ = headers;
    };
    while (st.phase_ == frame_state::phase::headers) {
        std::size_t const p = line;
        if (p == n) { save(); return need_more(); }
        if (m[p] == '\r') {
            if (p + 1 == n) { save(); return need_more(); }
            if (m[p + 1] != '\n')
                return fail(r, at + p, diag::stream_bare_cr);
            st.head_end_ = p + 2;
            if (st.head_end_ > opts.max_header_bytes) return too_large();
            st.phase_ = frame_state::phase::body;
            break;
        }
        if (m[p] == '\n') {
            if (!opts.allow_bare_lf)
                return fail(r, at + p, diag::stream_bare_lf);
            st.head_end_ = p + 1;
            if (st.head_end_ > opts.max_header_bytes) return too_large();
            st.phase_ = frame_state::phase::body;
            break;
        }
        // the end of this logical line: memchr for LF, over folds
        std::size_t lf = 0;
        for (;;) {
            void const* nl = std::memchr(m + scan, '\n', n - scan);
            if (!nl) {
                scan = n;
                save();
                return need_more();
            }
            lf = static_cast<std::size_t>(static_cast<char const*>(nl) - m);
            if (m[lf - 1] != '\r' && !opts.allow_bare_lf)
                return fail(r, at + lf, diag::stream_bare_lf);
            if (lf + 1 == n) {  // a fold or the next line? wait for one more octet
                scan = lf;
                save();
                return need_more();
            }
            if (m[lf + 1] == ' ' || m[lf + 1] == '\t') {
                scan = lf + 1;
                continue;
            }
            break;
        }
        if (++headers > opts.max_headers)
            return fail(r, at + p, diag::stream_too_many_headers);
        // the name: only Content-Length matters to framing
        if (std::size_t q = p + detail::message_impl::content_length_name(m + p, m + lf); q != p) {
            while (q < lf && detail::is(m[q], detail::c_wsp)) ++q;
            if (q < lf && m[q] == ':') {
                // the value as parse_message takes it: leading LWS skipped, trailing LWS trimmed
                std::size_t vb = q + 1;
                std::size_t const content_end = m[lf - 1] == '\r' ? lf - 1 : lf;
                while (vb < content_end && (detail::is(m[vb], detail::c_wsp) || m[vb] == '\r' || m[vb] == '\n')) ++vb;
                std::size_t ve = content_end;
                while (ve > vb && (detail::is(m[ve - 1], detail::c_wsp) || m[ve - 1] == '\r' || m[ve - 1] == '\n')) --ve;
                std::uint32_t value = 0;
                long const simple = detail::message_impl::simple_number(m + vb, m + ve);
                if (simple >= 0) {
                    value = static_cast<std::uint32_t>(simple);
                } else {
                    auto v = parse_content_length(std::string_view(m + vb, ve - vb));
                    if (!v) {
                        r.status = frame_status::error;
                        r.error = v.error();
                        r.error.offset += at + vb;
                        return r;
                    }
                    value = *v;
                }
                if (st.has_cl_ && value != st.content_length_)
                    return fail(r, at + vb, diag::stream_content_length_conflict);
                if (!st.has_cl_) st.cl_offset_ = vb;
                st.has_cl_ = true;
                st.content_length_ = value;
            }
        }
        line = scan = lf + 1;
    }
    save();

    // --- body ------------------------------------------------------------------
    if (!st.has_cl_ && !opts.assume_zero_content_length)
        return fail(r, at + st.head_end_ - 2, diag::stream_content_length_missing);
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
