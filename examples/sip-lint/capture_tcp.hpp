// sip-lint capture reading, part 2 (included by capture.hpp): SIP over TCP.
// Each direction of a connection is reassembled in sequence order (RFC 793
// §3.3 sequence numbers, compared modulo 2^32 so wrap-around works):
// retransmitted bytes are dropped, segments ahead of the next expected byte
// wait (bounded), bytes the capture missed are detected (a gap that the peer
// acknowledges, or out-of-order data piling up) and reported, and the stream
// resumes at the next SIP start line. The in-order bytes are cut into
// messages by sipview::frame_message (RFC 3261 §18.3). A stream that opens
// with an HTTP Upgrade to WebSocket with Sec-WebSocket-Protocol: sip
// (RFC 7118) is decoded as WebSocket frames (RFC 6455 §5.2) instead, each
// message's payload being one SIP message.
//
// Memory is bounded per direction (framing limits, out-of-order segments,
// the bytes waited for before a start line, a WebSocket message) and by the
// number of directions tracked (the least recently active are dropped).
#pragma once

#include "capture_decode.hpp"

#include <sipview/leniency.hpp>
#include <sipview/stream.hpp>
#include <sipview/text.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace sip_lint::capture::detail {

/// One direction of a TCP connection: source and destination address and port.
struct flow_key {
    int family = 0;
    address src{}, dst{};
    std::uint16_t sport = 0, dport = 0;

    flow_key reversed() const noexcept { return flow_key{family, dst, src, dport, sport}; }
    bool operator<(flow_key const& o) const noexcept {
        return std::tie(family, src, dst, sport, dport) < std::tie(o.family, o.src, o.dst, o.sport, o.dport);
    }
};

/// "192.0.2.1:5060" or "[2001:db8::1]:5060".
inline std::string endpoint_text(int family, address const& a, std::uint16_t port) {
    std::string const host = address_text(family, a);
    return (family == AF_INET6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

/// "TCP 192.0.2.1:5060 -> 192.0.2.2:40000"
inline std::string flow_text(flow_key const& k) {
    return "TCP " + endpoint_text(k.family, k.src, k.sport) + " -> " + endpoint_text(k.family, k.dst, k.dport);
}

/// TCP header flags (RFC 793 §3.1).
enum tcp_flag : std::uint8_t { tcp_fin = 0x01, tcp_syn = 0x02, tcp_rst = 0x04, tcp_ack = 0x10 };

/// A TCP segment as decoded from a packet.
struct tcp_segment {
    flow_key key;
    std::uint32_t seq = 0, ack = 0;
    std::uint8_t flags = 0;
    bytes payload;
    std::size_t frame = 0;
    double time = 0;
};

/// TCP header (RFC 793 §3.1): source port, destination port, sequence
/// number, acknowledgment number, data offset (in 32-bit words)/flags,
/// window, checksum, urgent pointer, options. `segment` is the IP payload.
inline bool decode_tcp(bytes segment, tcp_segment& t) noexcept {
    std::uint8_t off = 0, flags = 0;
    if (!segment.be16(0, t.key.sport) || !segment.be16(2, t.key.dport) || !segment.be32(4, t.seq) ||
        !segment.be32(8, t.ack) || !segment.u8(12, off) || !segment.u8(13, flags))
        return false;
    std::size_t const header = std::size_t{static_cast<std::uint8_t>(off >> 4)} * 4;
    if (header < 20 || !segment.has(0, header)) return false;
    t.flags = flags;
    t.payload = segment.from(header);
    return true;
}

/// `a - b` in sequence space (RFC 793 §3.3: modulo 2^32), as a signed distance.
inline std::int64_t seq_diff(std::uint32_t a, std::uint32_t b) noexcept {
    std::uint32_t const d = a - b;
    return d < 0x80000000u ? std::int64_t{d} : std::int64_t{d} - (std::int64_t{1} << 32);
}

/// What the reassembler hands back.
using message_sink = std::function<void(flow_key const&, bool websocket, std::string_view text, std::size_t frame,
                                        double time)>;
using problem_sink = std::function<void(std::size_t frame, std::string what)>;

/// HTTP header `name` in the header section `head` (RFC 7230 §3.2), the
/// value trimmed; empty when absent.
inline std::string_view http_header(std::string_view head, std::string_view name) noexcept {
    std::size_t pos = head.find('\n');
    while (pos != std::string_view::npos && pos + 1 < head.size()) {
        std::size_t const b = pos + 1;
        std::size_t e = head.find('\n', b);
        std::string_view line = head.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::size_t const colon = line.find(':');
        if (colon != std::string_view::npos && sipview::iequals(line.substr(0, colon), name)) {
            std::string_view v = line.substr(colon + 1);
            while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
            while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
            return v;
        }
        pos = e;
    }
    return {};
}

/// True when the comma-separated `list` holds `token` (any case).
inline bool list_has(std::string_view list, std::string_view token) noexcept {
    while (!list.empty()) {
        std::size_t const comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (sipview::iequals(item, token)) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

/// A WebSocket frame header (RFC 6455 §5.2): FIN/RSV/opcode(1),
/// MASK/payload length(1), extended length (2 or 8), masking key (4).
struct ws_header {
    bool fin = false;
    unsigned opcode = 0;     // 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong
    bool masked = false;
    std::size_t key_at = 0;  // offset of the masking key
    std::size_t size = 0;    // header octets
    std::uint64_t length = 0;
};

/// Reads the frame header at the start of `b`; false when `b` is shorter.
inline bool read_ws_header(bytes b, ws_header& h) noexcept {
    std::uint8_t b0 = 0, b1 = 0;
    if (!b.u8(0, b0) || !b.u8(1, b1)) return false;
    h.size = 2;
    h.length = b1 & 0x7fu;
    if (h.length == 126) {
        std::uint16_t l16 = 0;
        if (!b.be16(2, l16)) return false;
        h.length = l16;
        h.size = 4;
    } else if (h.length == 127) {
        std::uint32_t hi = 0, lo = 0;
        if (!b.be32(2, hi) || !b.be32(6, lo)) return false;
        h.length = (std::uint64_t{hi} << 32) | lo;
        h.size = 10;
    }
    h.masked = (b1 & 0x80u) != 0;
    h.key_at = h.size;
    if (h.masked) h.size += 4;
    h.opcode = b0 & 0x0fu;
    h.fin = (b0 & 0x80u) != 0;
    return b.has(0, h.size);
}

/// True when `data` (a segment's bytes) starts with a WebSocket text or
/// binary frame, RSV bits clear, whose payload starts with a SIP start line:
/// how a stream caught after its HTTP Upgrade is recognised as SIP over
/// WebSocket (RFC 7118).
inline bool starts_with_ws_sip(std::string_view data, std::size_t max_length) {
    bytes const b{reinterpret_cast<std::uint8_t const*>(data.data()), data.size()};
    ws_header h;
    if (!read_ws_header(b, h) || (h.opcode != 1 && h.opcode != 2) || (b.p[0] & 0x70u) != 0 || h.length > max_length)
        return false;
    std::size_t const n = std::min({static_cast<std::size_t>(h.length), data.size() - h.size, std::size_t{1024}});
    std::string payload(data.substr(h.size, n));
    if (h.masked)
        for (std::size_t i = 0; i < n; ++i) payload[i] = static_cast<char>(payload[i] ^ data[h.key_at + (i % 4)]);
    return looks_like_sip(payload);
}

class tcp_reassembler {
public:
    // Bounds.
    static constexpr std::size_t max_directions = 4096;       // directions tracked at once
    static constexpr std::size_t max_ooo_segments = 64;       // out-of-order segments waiting, per direction
    static constexpr std::size_t max_ooo_bytes = 1 << 20;     // and their bytes
    static constexpr std::size_t max_resync_line = 8192;      // a line longer than this cannot be a start line
    static constexpr std::size_t max_http_head = 16384;       // a WebSocket handshake's header section
    static constexpr std::size_t max_ws_message = 1 << 20;    // a WebSocket message (all its frames)

    tcp_reassembler(message_sink on_message, problem_sink on_problem)
        : on_message_(std::move(on_message)), on_problem_(std::move(on_problem)) {
        // Lenient framing: a message with bare LFs or without Content-Length
        // is handed to the linter, which says what is wrong with it.
        opts_.max_header_bytes = 64 * 1024;
        opts_.max_headers = 512;
        opts_.max_body_bytes = 1024 * 1024;
        opts_.lenient = sipview::leniency_set(sipview::leniency::allow_bare_lf)
                            .add(sipview::leniency::assume_zero_content_length);
    }

    void add(tcp_segment const& s) {
        // The acknowledgment of the other direction's bytes: those it covers
        // that the capture does not hold were lost by the capture, never to
        // be resent (ack_gap).
        if (s.flags & tcp_ack) {
            auto r = dirs_.find(s.key.reversed());
            if (r != dirs_.end() && r->second.state == direction::open) {
                direction& rd = r->second;
                if (!rd.has_peer_ack || seq_diff(s.ack, rd.peer_ack) > 0) rd.peer_ack = s.ack;
                rd.has_peer_ack = true;
                ack_gap(r->first, rd, s.frame, s.time);
            }
        }
        auto it = dirs_.find(s.key);
        if ((s.flags & tcp_syn) && it != dirs_.end()) {
            if (it->second.state == direction::open && it->second.isn == s.seq) return;  // a retransmitted SYN
            close(it->first, it->second, s.frame, "the connection is opened again");
            bool const expect_ws = it->second.expect_ws;
            it->second = direction{};
            it->second.expect_ws = expect_ws;
        }
        if (it == dirs_.end()) {
            if (!(s.flags & tcp_syn) && s.payload.n == 0) return;  // nothing to learn from a bare ACK
            make_room(nullptr);
            it = dirs_.emplace(s.key, direction{}).first;
        }
        direction& d = it->second;
        d.last_time = s.time;
        d.last_frame = s.frame;
        std::uint32_t data_seq = s.seq;
        if (s.flags & tcp_syn) {  // the SYN takes one sequence number; data (TCP Fast Open) follows it
            d.state = direction::open;
            d.next_seq = d.max_end = s.seq + 1;
            d.isn = s.seq;
            d.from_start = true;
            d.synced = true;
            d.at_line_start = true;
            data_seq = s.seq + 1;
        } else if (d.state == direction::fresh) {  // the capture starts in the middle of this stream
            d.state = direction::open;
            d.next_seq = d.max_end = s.seq;
            d.isn = s.seq - 1;
            // Look for a start line, unless this is the answer to a WebSocket
            // upgrade or the stream starts with an HTTP request (a handshake?).
            d.synced = d.expect_ws || s.payload.text().substr(0, 4) == "GET ";
            d.at_line_start = true;
        }
        if (d.state == direction::closed) return;  // retransmissions after FIN or RST
        if (s.flags & tcp_rst) {
            close(it->first, d, s.frame, "reset (RST)");
            auto r = dirs_.find(s.key.reversed());
            if (r != dirs_.end()) close(r->first, r->second, s.frame, "reset (RST) by the peer");
            return;
        }
        std::uint32_t const end = data_seq + static_cast<std::uint32_t>(s.payload.n);
        if (s.flags & tcp_fin) {
            d.fin_seq = end;
            d.fin = true;
        }
        if (seq_diff(end, d.max_end) > 0 && seq_diff(end, d.next_seq) < (std::int64_t{1} << 30)) d.max_end = end;
        if (s.payload.n != 0) deliver(it->first, d, data_seq, s.payload.text(), s.frame, s.time);
        ack_gap(it->first, d, s.frame, s.time);
        check_fin(it->first, d, s.frame);
    }

    /// The end of the capture: says what is left unfinished.
    void flush() {
        for (auto& [key, d] : dirs_) {
            if (d.state != direction::open) continue;
            if (!d.ooo.empty())
                problem(d.last_frame, key, "the capture ends with " + std::to_string(d.ooo_bytes) +
                                               " bytes received after a gap that was never filled");
            report_partial(key, d, d.last_frame, "the capture ends");
        }
        dirs_.clear();
    }

private:
    struct pending_segment {
        std::uint32_t seq;
        std::string data;
    };
    struct direction {
        enum state_t { fresh, open, closed } state = fresh;
        enum mode_t { detect, sip, ws_request, ws_response, ws, dead } mode = detect;
        std::uint32_t isn = 0;        // sequence number before the first byte (for relative numbers)
        std::uint32_t next_seq = 0;   // the next byte expected
        std::uint32_t max_end = 0;    // just past the last byte (or FIN) seen, in or out of order
        std::uint32_t peer_ack = 0;   // the highest acknowledgment number from the peer
        bool has_peer_ack = false;
        bool synced = true;           // buf starts at a message boundary (else: look for a start line)
        bool at_line_start = true;    // (not synced) buf starts at the start of a line
        std::size_t skipped = 0;      // (not synced) bytes dropped looking for a start line
        bool fin = false;
        std::uint32_t fin_seq = 0;
        bool expect_ws = false;       // the peer asked to upgrade to WebSocket for SIP
        bool from_start = false;      // the SYN was captured
        bool seen_sip = false;        // SIP was found on this stream (else its bytes are some other protocol's)
        bool ws_hunt = false;         // (not synced) look for a WebSocket frame at a segment's start, not a start line
        std::string buf;              // in-order bytes; those before `head` are consumed
        std::size_t head = 0;
        sipview::frame_state fs;
        std::vector<pending_segment> ooo;
        std::size_t ooo_bytes = 0;
        std::string ws_message;       // a WebSocket message being assembled from its frames
        bool ws_in_message = false;
        double last_time = 0;
        std::size_t last_frame = 0;

        std::string_view unconsumed() const noexcept { return std::string_view(buf).substr(head); }
        void consume(std::size_t n) {
            head += std::min(n, buf.size() - head);
            if (head == buf.size()) {
                buf.clear();
                head = 0;
            } else if (head > 4096 && head * 2 > buf.size()) {
                buf.erase(0, head);
                head = 0;
            }
        }
    };

    void problem(std::size_t frame, flow_key const& k, std::string const& what) {
        on_problem_(frame, flow_text(k) + ": " + what);
    }

    std::uint32_t rel(direction const& d, std::uint32_t seq) const noexcept { return seq - d.isn; }

    /// Drops the least recently active quarter of the directions when full
    /// (never `keep`).
    void make_room(direction const* keep) {
        if (dirs_.size() < max_directions) return;
        std::vector<std::pair<double, flow_key>> by_time;
        by_time.reserve(dirs_.size());
        for (auto const& [key, d] : dirs_) by_time.emplace_back(d.last_time, key);
        std::size_t const n = dirs_.size() / 4;
        std::nth_element(by_time.begin(), by_time.begin() + static_cast<std::ptrdiff_t>(n), by_time.end());
        for (std::size_t i = 0; i < n; ++i) {
            auto it = dirs_.find(by_time[i].second);
            if (it == dirs_.end() || &it->second == keep) continue;
            if (it->second.state == direction::open)
                report_partial(it->first, it->second, it->second.last_frame,
                               "the stream is no longer followed (too many TCP connections at once)");
            dirs_.erase(it);
        }
    }

    /// Bytes waiting for the rest of their message when the stream stops.
    void report_partial(flow_key const& k, direction& d, std::size_t frame, std::string const& why) {
        std::string_view const rest = d.unconsumed();
        bool const only_keepalives = rest.find_first_not_of("\r\n") == std::string_view::npos;
        if (d.mode == direction::ws && d.ws_in_message)
            problem(frame, k, why + " inside a WebSocket message (" + std::to_string(d.ws_message.size()) + " bytes)");
        else if (d.synced && !only_keepalives && (d.mode == direction::sip || d.mode == direction::detect || d.mode == direction::ws))
            problem(frame, k, why + " inside a message (" + std::to_string(rest.size()) + " bytes not framed)");
        if (!d.synced && d.seen_sip && d.skipped + rest.size() != 0)
            problem(frame, k, why + ": " + std::to_string(d.skipped + rest.size()) + " bytes without a " +
                                  (d.ws_hunt ? "WebSocket frame holding SIP" : "SIP start line"));
    }

    void close(flow_key const& k, direction& d, std::size_t frame, std::string const& why) {
        if (d.state == direction::open) report_partial(k, d, frame, why);
        direction closed;
        closed.state = direction::closed;
        closed.last_time = d.last_time;
        closed.last_frame = d.last_frame;
        d = std::move(closed);
    }

    void check_fin(flow_key const& k, direction& d, std::size_t frame) {
        if (d.state == direction::open && d.fin && d.next_seq == d.fin_seq) close(k, d, frame, "closed (FIN)");
    }

    /// Forgets the bytes before `to` that the capture does not hold and goes
    /// on at `to`, looking for the next start line.
    void skip_gap(flow_key const& k, direction& d, std::uint32_t to, std::size_t frame, std::string const& how) {
        std::string what = std::to_string(seq_diff(to, d.next_seq)) + " bytes missing from the capture at relative seq " +
                           std::to_string(rel(d, d.next_seq)) + " (" + how + ")";
        std::string_view const rest = d.unconsumed();
        if (d.mode == direction::ws && d.ws_in_message) what += ", a WebSocket message lost";
        else if (rest.find_first_not_of("\r\n") != std::string_view::npos) what += ", the message in progress lost";
        problem(frame, k, what);
        d.next_seq = to;
        d.buf.clear();
        d.head = 0;
        d.fs.reset();
        d.ws_message.clear();
        d.ws_in_message = false;
        if (d.mode == direction::sip || d.mode == direction::detect || d.mode == direction::ws) {
            d.synced = false;
            d.at_line_start = true;
            d.skipped = 0;
            d.ws_hunt = d.mode == direction::ws;  // a frame boundary is found at a segment's start only
        }
    }

    /// Bytes the peer has acknowledged, missing from the capture, with bytes
    /// after them in hand (out of order, or a FIN): a gap that will never
    /// fill. Only up to the bytes seen, so a wrong acknowledgment number
    /// cannot make the stream skip what is still to come.
    void ack_gap(flow_key const& k, direction& d, std::size_t frame, double time) {
        if (d.state != direction::open || !d.has_peer_ack) return;
        std::uint32_t limit = d.peer_ack;
        if (seq_diff(limit, d.max_end) > 0) limit = d.max_end;
        if (d.fin && seq_diff(limit, d.fin_seq) > 0) limit = d.fin_seq;  // the FIN's sequence number is no data
        std::int64_t const gap = seq_diff(limit, d.next_seq);
        if (gap <= 0 || gap > (std::int64_t{1} << 30)) return;
        skip_gap(k, d, limit, frame, "acknowledged by the peer");
        drain(k, d, frame, time);
        check_fin(k, d, frame);
    }

    /// Takes the bytes of a segment starting at `seq`.
    void deliver(flow_key const& k, direction& d, std::uint32_t seq, std::string_view data, std::size_t frame,
                 double time) {
        std::int64_t const off = seq_diff(seq, d.next_seq);
        if (off == 0 && !d.synced && (d.mode == direction::detect || d.ws_hunt) && starts_with_ws_sip(data, max_ws_message)) {
            // a stream caught after its WebSocket handshake, or after bytes lost
            std::size_t const skipped = d.skipped + d.unconsumed().size();
            if (skipped != 0)
                problem(frame, k, "skipped " + std::to_string(skipped) + " bytes to the first WebSocket frame holding SIP" +
                                      (d.mode == direction::detect && !d.from_start ? " (the capture starts inside the stream)" : ""));
            d.buf.clear();
            d.head = 0;
            d.skipped = 0;
            d.synced = true;
            d.ws_hunt = false;
            d.mode = direction::ws;
            d.ws_message.clear();
            d.ws_in_message = false;
        }
        if (off < 0) {  // (partly) a retransmission: keep the new bytes only
            if (static_cast<std::uint64_t>(-off) >= data.size()) return;
            data.remove_prefix(static_cast<std::size_t>(-off));
        } else if (off > 0) {  // ahead of a gap: wait for the gap to fill
            if (off > (std::int64_t{1} << 30)) return;  // not this stream's sequence space
            if (d.ooo.size() >= max_ooo_segments || d.ooo_bytes + data.size() > max_ooo_bytes) {
                // Too much waiting: the gap is lost. Go on at the first byte held.
                std::uint32_t first = seq;
                for (auto const& p : d.ooo)
                    if (seq_diff(p.seq, first) < 0) first = p.seq;
                skip_gap(k, d, first, frame, "too many segments after it");
                drain(k, d, frame, time);
                deliver(k, d, seq, data, frame, time);
                return;
            }
            d.ooo.push_back(pending_segment{seq, std::string(data)});
            d.ooo_bytes += data.size();
            return;
        }
        d.buf.append(data.data(), data.size());
        d.next_seq += static_cast<std::uint32_t>(data.size());
        process(k, d, frame, time);
        drain(k, d, frame, time);
    }

    /// Delivers the waiting segments that the stream has reached; the
    /// messages they complete are the current packet's (`frame`, `time`).
    void drain(flow_key const& k, direction& d, std::size_t frame, double time) {
        for (bool again = true; again && d.state == direction::open;) {
            again = false;
            for (std::size_t i = 0; i < d.ooo.size(); ++i) {
                if (seq_diff(d.ooo[i].seq, d.next_seq) > 0) continue;
                pending_segment p = std::move(d.ooo[i]);
                d.ooo.erase(d.ooo.begin() + static_cast<std::ptrdiff_t>(i));
                d.ooo_bytes -= p.data.size();
                deliver(k, d, p.seq, p.data, frame, time);
                again = true;
                break;
            }
        }
    }

    /// Cuts what has arrived in order into messages.
    void process(flow_key const& k, direction& d, std::size_t frame, double time) {
        for (;;) {
            if (d.mode == direction::dead) {
                d.buf.clear();
                d.head = 0;
                return;
            }
            if (!d.synced && !resync(k, d, frame)) return;
            std::string_view const rest = d.unconsumed();
            switch (d.mode) {
            case direction::detect: {
                // The stream's first bytes: SIP, or a WebSocket handshake (RFC 6455 §4).
                std::size_t i = 0;  // keep-alives first (RFC 5626 §3.5.1)
                while (i < rest.size() && (rest[i] == '\r' || rest[i] == '\n')) ++i;
                std::string_view line;
                if (i < rest.size() && rest[i] == '\x16') {  // a TLS handshake record (RFC 8446 §5.1): encrypted
                    d.mode = direction::dead;
                    break;
                }
                if (!first_line(rest.substr(i), line, max_resync_line)) {
                    if (rest.size() - i < max_resync_line) {
                        d.consume(i);
                        return;
                    }
                    d.synced = false;  // not SIP so far: look for a start line
                    d.at_line_start = false;
                    break;
                }
                if (line.size() > 4 && line.substr(0, 4) == "GET " && line.size() >= 9 &&
                    sipview::iequals(line.substr(line.size() - 9), " HTTP/1.1")) {
                    d.mode = direction::ws_request;
                } else if (d.expect_ws && line.size() >= 12 && sipview::iequals(line.substr(0, 5), "HTTP/")) {
                    d.mode = direction::ws_response;
                } else if (is_sip_start_line(line)) {
                    d.mode = direction::sip;
                } else {  // not SIP so far (another protocol, or a broken start line): look for a start line
                    d.synced = false;
                    d.at_line_start = true;
                }
                break;
            }
            case direction::ws_request:
            case direction::ws_response: {
                std::size_t const end = rest.find("\r\n\r\n");
                if (end == std::string_view::npos) {
                    if (rest.size() <= max_http_head) return;
                    if (d.mode == direction::ws_response)
                        problem(frame, k, "an HTTP header section longer than " + std::to_string(max_http_head) +
                                              " bytes: the stream is not followed");
                    d.mode = direction::dead;
                    break;
                }
                std::string_view const head = rest.substr(0, end + 2);
                bool const upgrade = list_has(http_header(head, "Upgrade"), "websocket");
                bool const sip = list_has(http_header(head, "Sec-WebSocket-Protocol"), "sip");
                if (d.mode == direction::ws_request) {
                    if (upgrade && sip) {
                        d.mode = direction::ws;
                        d.seen_sip = true;
                        auto r = dirs_.find(k.reversed());
                        if (r == dirs_.end()) {
                            make_room(&d);
                            r = dirs_.emplace(k.reversed(), direction{}).first;
                            r->second.last_time = time;
                            r->second.last_frame = frame;
                        }
                        r->second.expect_ws = true;
                    } else {
                        d.mode = direction::dead;  // plain HTTP, or WebSocket for something else than SIP
                    }
                } else {
                    std::string_view status;
                    first_line(head, status);
                    d.mode = status.size() >= 12 && status.substr(8, 5) == " 101 " ? direction::ws : direction::dead;
                    d.seen_sip = d.mode == direction::ws;
                    if (d.mode == direction::dead) problem(frame, k, "the WebSocket upgrade was refused");
                }
                d.consume(end + 4);
                break;
            }
            case direction::ws:
                websocket(k, d, frame, time);
                return;
            case direction::sip:
                if (!frame_sip(k, d, frame, time)) return;
                break;
            case direction::dead: break;
            }
        }
    }

    /// Frames SIP messages (RFC 3261 §18.3). False when more bytes are
    /// needed; true after a framing error (the stream is being resynchronised).
    bool frame_sip(flow_key const& k, direction& d, std::size_t frame, double time) {
        for (;;) {
            std::string_view const rest = d.unconsumed();
            sipview::frame_result const r = sipview::frame_message(rest, d.fs, opts_);
            switch (r.status) {
            case sipview::frame_status::complete:
                d.seen_sip = true;
                on_message_(k, false, rest.substr(r.skipped, r.length), frame, time);
                d.consume(r.consumed());
                continue;
            case sipview::frame_status::need_more:
                d.consume(r.consumed());
                return false;
            case sipview::frame_status::error:
            {
                std::size_t const back = rest.size() - std::min(r.error.offset, rest.size());
                problem(frame, k, "cannot cut a SIP message from the stream at relative seq " +
                                      std::to_string(rel(d, d.next_seq - static_cast<std::uint32_t>(back))) + ": " +
                                      std::string(r.error.message) + "; skipping to the next SIP start line");
            }
                d.fs.reset();
                d.consume(r.skipped);
                d.synced = false;
                d.at_line_start = false;  // the start line that failed is skipped
                d.skipped = 0;
                return true;
            }
        }
    }

    /// (Not synced) drops bytes up to the first line that is a SIP start
    /// line. True when found (the stream is synced again).
    bool resync(flow_key const& k, direction& d, std::size_t frame) {
        std::string_view rest = d.unconsumed();
        if (d.ws_hunt) {  // deliver() looks at each segment's start
            d.skipped += rest.size();
            d.consume(rest.size());
            return false;
        }
        std::size_t pos = 0;
        if (!d.at_line_start) {
            std::size_t const lf = rest.find('\n');
            if (lf == std::string_view::npos) {
                d.skipped += rest.size();
                d.consume(rest.size());
                return false;
            }
            pos = lf + 1;
            d.at_line_start = true;
        }
        for (;;) {
            std::size_t const lf = rest.find('\n', pos);
            if (lf == std::string_view::npos) break;
            std::string_view line = rest.substr(pos, lf - pos);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (is_sip_start_line(line)) {
                d.skipped += pos;
                d.consume(pos);
                if (d.skipped != 0)
                    problem(frame, k, "skipped " + std::to_string(d.skipped) + " bytes to the " +
                                          (d.seen_sip ? "next" : "first") + " SIP start line" +
                                          (d.mode == direction::detect && !d.from_start ? " (the capture starts inside the stream)" : ""));
                d.skipped = 0;
                d.synced = true;
                d.mode = direction::sip;
                return true;
            }
            pos = lf + 1;
        }
        // keep the last (incomplete) line unless it is too long to be a start line
        if (rest.size() - pos > max_resync_line) {
            pos = rest.size();
            d.at_line_start = false;
        }
        d.skipped += pos;
        d.consume(pos);
        return false;
    }

    /// WebSocket frames (RFC 6455 §5.2): FIN/RSV/opcode(1), MASK/payload
    /// length(1), extended length (2 or 8), masking key (4), payload.
    /// Opcodes: 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong.
    void websocket(flow_key const& k, direction& d, std::size_t frame, double time) {
        for (;;) {
            std::string_view const rest = d.unconsumed();
            bytes const b{reinterpret_cast<std::uint8_t const*>(rest.data()), rest.size()};
            ws_header h;
            if (!read_ws_header(b, h)) return;  // need more
            std::size_t const header = h.size, key_at = h.key_at;
            std::uint64_t const len = h.length;
            bool const masked = h.masked, fin = h.fin;
            unsigned const opcode = h.opcode;
            if (len > max_ws_message || d.ws_message.size() + len > max_ws_message) {
                problem(frame, k, "a WebSocket message longer than " + std::to_string(max_ws_message) +
                                      " bytes: the stream is not followed");
                d.mode = direction::dead;
                return;
            }
            std::size_t const n = static_cast<std::size_t>(len);
            if (!b.has(header, n)) return;  // need more
            if (opcode == 0 || opcode == 1 || opcode == 2) {
                if (opcode == 0 && !d.ws_in_message) {
                    problem(frame, k, "a WebSocket continuation frame outside a message: ignored");
                } else {
                    if (opcode != 0) {
                        if (d.ws_in_message) problem(frame, k, "a WebSocket message without its last frame: dropped");
                        d.ws_message.clear();
                        d.ws_in_message = true;
                    }
                    std::size_t const start = d.ws_message.size();
                    d.ws_message.append(rest.data() + header, n);
                    if (masked)  // RFC 6455 §5.3: octet i XOR masking key octet i mod 4
                        for (std::size_t i = 0; i < n; ++i)
                            d.ws_message[start + i] = static_cast<char>(d.ws_message[start + i] ^ rest[key_at + (i % 4)]);
                }
            } else if (opcode == 8) {  // Close: nothing more on this direction
                d.consume(header + n);
                d.mode = direction::dead;
                return;
            } else if (opcode != 9 && opcode != 10) {
                problem(frame, k, "an unknown WebSocket opcode " + std::to_string(opcode) + ": the stream is not followed");
                d.mode = direction::dead;
                return;
            }
            d.consume(header + n);
            if (fin && d.ws_in_message && (opcode <= 2)) {
                std::string message = std::move(d.ws_message);
                d.ws_message.clear();
                d.ws_in_message = false;
                if (is_keepalive(message)) continue;
                if (looks_like_sip(message)) {
                    d.seen_sip = true;
                    on_message_(k, true, message, frame, time);
                }
                else problem(frame, k, "a WebSocket message that is not SIP (" + std::to_string(message.size()) + " bytes)");
            }
        }
    }

    message_sink on_message_;
    problem_sink on_problem_;
    sipview::stream_options opts_;
    std::map<flow_key, direction> dirs_;
};

} // namespace sip_lint::capture::detail
