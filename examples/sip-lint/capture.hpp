// sip-lint: the SIP messages in a packet capture (pcap or pcapng, read with
// libpcap). read_capture() walks the packets in capture order, decodes the
// link layer and IP (capture_decode.hpp: Ethernet/802.1Q, Linux SLL/SLL2,
// BSD loopback, raw IP; IPv4 and IPv6 with fragment reassembly), takes SIP
// from UDP datagrams by content (any port), and from TCP streams reassembled
// per direction and cut with sipview::frame_message (capture_tcp.hpp; RFC
// 3261 §18.3), WebSocket frames included (RFC 7118).
//
// What is a message: a UDP datagram whose first line (after any CRLFs) is a
// SIP Request-Line or Status-Line (CRLF keep-alives, STUN, RTP, DNS are
// skipped silently); a message framed on a TCP stream (keep-alives between
// messages dropped; framing is lenient about bare LF and a missing
// Content-Length, which the linter then reports); a WebSocket message's
// payload. A message's frame is the packet that completed it (with
// out-of-order segments: the packet that filled the gap). TCP streams that
// never carry SIP (HTTP, TLS, SSH...) are skipped without a problem.
//
// What is a problem (on_problem): a SIP datagram cut by the snapshot length;
// an IP datagram holding SIP whose fragments never all came; TCP bytes the
// capture missed (the message in progress is lost; the stream resumes at the
// next SIP start line); a stream caught in the middle (bytes skipped to the
// first start line); a stream that cannot be framed (resynchronised); a
// stream that ends (FIN, RST, end of the capture) inside a message; a
// WebSocket message that is not SIP; the rest of a damaged file.
//
// A TCP stream caught after its WebSocket handshake is recognised by a
// segment starting with a text or binary frame whose payload starts with a
// SIP start line (after lost bytes too).
//
// Not decoded: TLS (transport::wss_unknown is never produced: the bytes are
// encrypted); link layers other than the ones above (read_capture fails and says which);
// a pcapng file whose interfaces have different link-layer types (libpcap
// stops at the second one: reported as a problem).
//
// Memory is bounded whatever the input: see the limits in reassembler
// (capture_decode.hpp) and tcp_reassembler (capture_tcp.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sip_lint::capture {

/// How a message was carried.
enum class transport { udp, tcp, ws, wss_unknown };

/// "UDP", "TCP", "WS" (RFC 7118 over TCP), "WSS".
inline char const* transport_name(transport t) noexcept {
    switch (t) {
    case transport::udp: return "UDP";
    case transport::tcp: return "TCP";
    case transport::ws: return "WS";
    case transport::wss_unknown: return "WSS";
    }
    return "?";
}

struct endpoint {
    std::string address;        ///< "192.0.2.1" or "2001:db8::1" (RFC 5952 text)
    std::uint16_t port = 0;
};

struct captured_message {
    std::size_t frame = 0;      ///< 1-based number of the packet that completed the message (as Wireshark counts)
    double time = 0;            ///< seconds since the epoch (microsecond or nanosecond precision)
    endpoint src, dst;
    transport via = transport::udp;
    std::string text;           ///< the SIP message octets (one datagram, or one frame_message-framed message)
};

/// A recoverable anomaly: a truncated packet, lost TCP bytes, a stream that
/// could not be framed and was resynchronised, incomplete IPv4 fragments...
struct capture_problem {
    std::size_t frame = 0;      ///< 1-based packet number (0: not tied to one packet, e.g. at the end of the file)
    std::string what;
};

/// True when `head` (the first bytes of a file) starts with a pcap or pcapng magic number.
inline bool is_capture(std::string_view head) noexcept;

/// Reads the capture file, calls on_message for each SIP message in capture order and on_problem for
/// recoverable anomalies; false with `error` set when the file cannot be read as a capture.
inline bool read_capture(std::string const& path, std::function<void(captured_message const&)> const& on_message,
                         std::function<void(capture_problem const&)> const& on_problem, std::string& error);

/// read_capture() on a capture held in memory (stdin read with a size cap, a fuzzer's input).
inline bool read_capture_bytes(std::string_view data, std::function<void(captured_message const&)> const& on_message,
                               std::function<void(capture_problem const&)> const& on_problem, std::string& error);

} // namespace sip_lint::capture

// ---------------------------------------------------------------------------
// The implementation.

#include "capture_decode.hpp"
#include "capture_tcp.hpp"

#include <cstdio>
#include <memory>
#include <vector>

#include <pcap/pcap.h>

namespace sip_lint::capture {

inline bool is_capture(std::string_view head) noexcept {
    detail::bytes const b{reinterpret_cast<std::uint8_t const*>(head.data()), head.size()};
    std::uint32_t magic = 0;
    if (!b.be32(0, magic)) return false;
    // pcap file header magic (either byte order): microsecond, nanosecond,
    // and Kuznetzov's modified pcap.
    for (std::uint32_t m : {0xa1b2c3d4u, 0xa1b23c4du, 0xa1b2cd34u}) {
        std::uint32_t const swapped = ((m & 0xffu) << 24) | ((m & 0xff00u) << 8) | ((m >> 8) & 0xff00u) | (m >> 24);
        if (magic == m || magic == swapped) return true;
    }
    // pcapng: a Section Header Block (block type 0x0A0D0D0A, a palindrome),
    // then its length, then the byte-order magic 0x1A2B3C4D.
    if (magic != 0x0a0d0d0au) return false;
    std::uint32_t bom = 0;
    return !b.be32(8, bom) || bom == 0x1a2b3c4du || bom == 0x4d3c2b1au;
}

namespace detail {

/// Decodes the packets of an open capture (pcap_next_ex), in capture order.
inline bool read_packets(pcap_t* pc, std::function<void(captured_message const&)> const& on_message,
                         std::function<void(capture_problem const&)> const& on_problem, std::string& error) {
    int const dlt = pcap_datalink(pc);
    if (!supported_link(dlt)) {
        char const* name = pcap_datalink_val_to_name(dlt);
        error = "link-layer header type " + std::string(name ? name : std::to_string(dlt)) +
                " is not supported (Ethernet, Linux cooked SLL/SLL2, loopback, raw IP are)";
        return false;
    }
    auto emit = [&](std::size_t frame, double time, int family, address const& src, std::uint16_t sport,
                    address const& dst, std::uint16_t dport, transport via, std::string_view text) {
        captured_message m;
        m.frame = frame;
        m.time = time;
        m.src = endpoint{address_text(family, src), sport};
        m.dst = endpoint{address_text(family, dst), dport};
        m.via = via;
        m.text.assign(text.data(), text.size());
        on_message(m);
    };
    auto problem = [&](std::size_t frame, std::string what) { on_problem(capture_problem{frame, std::move(what)}); };
    tcp_reassembler tcp(
        [&](flow_key const& k, bool ws, std::string_view text, std::size_t frame, double time) {
            emit(frame, time, k.family, k.src, k.sport, k.dst, k.dport, ws ? transport::ws : transport::tcp, text);
        },
        problem);
    reassembler fragments;
    std::vector<reassembler::dropped> drops;
    std::vector<std::uint8_t> datagram;
    auto hex = [](std::uint32_t v) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%x", static_cast<unsigned>(v));
        return std::string(buf);
    };
    auto report_drops = [&] {
        for (auto const& d : drops)
            if (d.looked_like_sip)
                problem(d.frame, std::string(d.family == AF_INET6 ? "IPv6" : "IPv4") + " datagram " +
                                     address_text(d.family, d.src) + " -> " + address_text(d.family, d.dst) + " id " +
                                     hex(d.id) + " holding SIP: not reassembled, " + d.why);
        drops.clear();
    };

    // UDP header (RFC 768): source port, destination port, length, checksum.
    auto udp = [&](ip_packet const& ip, bytes segment, bool truncated, std::size_t frame, double time) {
        std::uint16_t sport = 0, dport = 0, length = 0;
        if (!segment.be16(0, sport) || !segment.be16(2, dport) || !segment.be16(4, length)) return;
        bytes payload = segment.from(8);
        bool const long_length = length >= 8 && payload.n < std::size_t{length} - 8;
        if (length >= 8) payload = payload.first(std::size_t{length} - 8);  // 0: an IPv6 jumbogram (RFC 2675)
        std::string_view const text = payload.text();
        if (is_keepalive(text) || !looks_like_sip(text)) return;  // CRLF keep-alive, STUN, RTP, DNS...
        std::string const flow = "UDP " + endpoint_text(ip.family, ip.src, sport) + " -> " +
                                 endpoint_text(ip.family, ip.dst, dport) + ": ";
        if (truncated) {
            problem(frame, flow + "a SIP message cut short by the capture (snapshot length): not read");
            return;
        }
        if (long_length)  // the IP datagram is whole: the UDP header is wrong
            problem(frame, flow + "the UDP length (" + std::to_string(length) + ") exceeds the datagram (" +
                               std::to_string(payload.n + 8) + "): the bytes there are read");
        emit(frame, time, ip.family, ip.src, sport, ip.dst, dport, transport::udp, text);
    };

    auto upper = [&](ip_packet const& ip, bytes payload, bool truncated, std::size_t frame, double time) {
        if (ip.protocol == 17) {
            udp(ip, payload, truncated, frame, time);
        } else if (ip.protocol == 6) {
            tcp_segment t;
            if (!decode_tcp(payload, t)) return;
            t.key.family = ip.family;
            t.key.src = ip.src;
            t.key.dst = ip.dst;
            t.frame = frame;
            t.time = time;
            tcp.add(t);  // bytes cut by the snapshot length show up as a gap
        }
    };

    std::size_t frame = 0;
    for (;;) {
        pcap_pkthdr* h = nullptr;
        u_char const* data = nullptr;
        int const rc = pcap_next_ex(pc, &h, &data);
        if (rc == PCAP_ERROR_BREAK) break;  // the end of the file
        if (rc != 1 || h == nullptr || data == nullptr) {
            problem(frame + 1, std::string("the rest of the capture cannot be read: ") + pcap_geterr(pc));
            break;
        }
        ++frame;
        // Opened with nanosecond precision: tv_usec holds nanoseconds.
        double const time = static_cast<double>(h->ts.tv_sec) + static_cast<double>(h->ts.tv_usec) * 1e-9;
        bytes const packet{data, h->caplen};
        ip_packet ip;
        if (!decode_ip(network_layer(dlt, packet), ip) || (ip.protocol != 6 && ip.protocol != 17)) {
            fragments.expire(time, drops);
            report_drops();
            continue;
        }
        if (ip.fragment) {
            if (ip.truncated) {
                if (ip.frag_offset == 0 && ip.protocol == 17 && looks_like_sip(ip.payload.from(8).text()))
                    problem(frame, "an IP fragment holding SIP cut short by the capture (snapshot length): "
                                   "its datagram cannot be reassembled");
                continue;
            }
            bool const complete = fragments.add(ip, time, frame, datagram, drops);
            report_drops();
            if (complete) upper(ip, bytes{datagram.data(), datagram.size()}, false, frame, time);
        } else {
            fragments.expire(time, drops);
            report_drops();
            upper(ip, ip.payload, ip.truncated, frame, time);
        }
    }
    tcp.flush();
    fragments.flush(drops);
    report_drops();
    return true;
}

struct pcap_closer {
    void operator()(pcap_t* p) const noexcept { pcap_close(p); }
};

} // namespace detail

inline bool read_capture(std::string const& path, std::function<void(captured_message const&)> const& on_message,
                         std::function<void(capture_problem const&)> const& on_problem, std::string& error) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    // pcap_open_offline* reads pcap and pcapng alike.
    std::unique_ptr<pcap_t, detail::pcap_closer> pc(
        pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, errbuf));
    if (!pc) {
        error = errbuf;
        return false;
    }
    return detail::read_packets(pc.get(), on_message, on_problem, error);
}

inline bool read_capture_bytes(std::string_view data, std::function<void(captured_message const&)> const& on_message,
                               std::function<void(capture_problem const&)> const& on_problem, std::string& error) {
    if (data.empty()) {
        error = "empty input";
        return false;
    }
    // fmemopen only reads the buffer ("rb"); pcap_close closes the FILE.
    std::FILE* f = fmemopen(const_cast<char*>(data.data()), data.size(), "rb");
    if (f == nullptr) {
        error = "cannot read the capture from memory";
        return false;
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    std::unique_ptr<pcap_t, detail::pcap_closer> pc(
        pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, errbuf));
    if (!pc) {
        std::fclose(f);
        error = errbuf;
        return false;
    }
    return detail::read_packets(pc.get(), on_message, on_problem, error);
}

} // namespace sip_lint::capture
