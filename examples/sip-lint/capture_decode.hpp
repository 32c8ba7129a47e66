// sip-lint capture reading, part 1 (included by capture.hpp): packet bytes
// to IP datagrams. Every read of packet bytes goes through `bytes`, whose
// accessors check the bounds: a captured packet may be cut short (caplen <
// len), and any field may hold any value.
//
//   link layers  Ethernet II (IEEE 802.3) with IEEE 802.1Q / 802.1ad (QinQ)
//                tags; Linux cooked capture SLL and SLL2; BSD loopback
//                (DLT_NULL host byte order, DLT_LOOP network byte order);
//                raw IP (DLT_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6)
//   network      IPv4 (RFC 791) with fragment reassembly; IPv6 (RFC 8200)
//                with its extension headers and fragment header
//   SIP          recognised by its start line (RFC 3261 §7.1, §7.2)
#pragma once

#include <sipview/detail/charset.hpp>
#include <sipview/text.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <sys/socket.h>

namespace sip_lint::capture::detail {

/// A bounds-checked view of packet bytes. Out-of-range reads return false
/// (or an empty view); nothing here reads outside [p, p + n).
struct bytes {
    std::uint8_t const* p = nullptr;
    std::size_t n = 0;

    bool has(std::size_t off, std::size_t len) const noexcept { return off <= n && len <= n - off; }
    /// The bytes from `off` on (empty when off is past the end).
    bytes from(std::size_t off) const noexcept { return off <= n ? bytes{p + off, n - off} : bytes{}; }
    /// At most `len` bytes (fewer when the view is shorter).
    bytes first(std::size_t len) const noexcept { return bytes{p, std::min(len, n)}; }
    bool u8(std::size_t off, std::uint8_t& v) const noexcept {
        if (!has(off, 1)) return false;
        v = p[off];
        return true;
    }
    bool be16(std::size_t off, std::uint16_t& v) const noexcept {
        if (!has(off, 2)) return false;
        v = static_cast<std::uint16_t>((p[off] << 8) | p[off + 1]);
        return true;
    }
    bool be32(std::size_t off, std::uint32_t& v) const noexcept {
        if (!has(off, 4)) return false;
        v = (std::uint32_t{p[off]} << 24) | (std::uint32_t{p[off + 1]} << 16) | (std::uint32_t{p[off + 2]} << 8) |
            std::uint32_t{p[off + 3]};
        return true;
    }
    bool le32(std::size_t off, std::uint32_t& v) const noexcept {
        if (!has(off, 4)) return false;
        v = (std::uint32_t{p[off + 3]} << 24) | (std::uint32_t{p[off + 2]} << 16) | (std::uint32_t{p[off + 1]} << 8) |
            std::uint32_t{p[off]};
        return true;
    }
    std::string_view text() const noexcept {
        return n == 0 ? std::string_view{} : std::string_view(reinterpret_cast<char const*>(p), n);
    }
};

// --- SIP recognition ---------------------------------------------------------

/// "SIP/" 1*DIGIT "." 1*DIGIT (RFC 3261 §25.1 SIP-Version; "SIP" in any case)
/// at the start of `s`; returns its length, or 0.
inline std::size_t sip_version_length(std::string_view s) noexcept {
    if (s.size() < 7 || !sipview::iequals(s.substr(0, 4), "SIP/")) return 0;
    std::size_t i = 4;
    auto digits = [&] {
        std::size_t const b = i;
        while (i < s.size() && i - b < 4 && s[i] >= '0' && s[i] <= '9') ++i;
        return i > b;
    };
    if (!digits() || i >= s.size() || s[i] != '.') return 0;
    ++i;
    return digits() ? i : 0;
}

/// True when `line` (without its line end) is a SIP start line: a Status-Line
/// `SIP/2.0 200 OK` or a Request-Line `METHOD scheme:... SIP/2.0` (RFC 3261
/// §7.1, §7.2): a method token, a URI with a scheme, the version. Loose on
/// purpose: the message is linted afterwards, this only tells SIP from other
/// traffic (RTP, DNS, STUN, HTTP).
inline bool is_sip_start_line(std::string_view line) noexcept {
    if (std::size_t const v = sip_version_length(line)) {  // Status-Line
        if (line.size() < v + 4 || line[v] != ' ') return false;
        for (std::size_t i = v + 1; i < v + 4; ++i)
            if (line[i] < '0' || line[i] > '9') return false;
        return line.size() == v + 4 || line[v + 4] == ' ';
    }
    std::size_t i = 0;  // Method SP
    while (i < line.size() && i < 64 && sipview::detail::is(line[i], sipview::detail::token_chars)) ++i;
    if (i == 0 || i >= line.size() || line[i] != ' ') return false;
    std::size_t const uri = ++i;  // Request-URI: scheme ":" ... (RFC 3986 §3.1 scheme)
    if (i >= line.size() || !((line[i] | 0x20) >= 'a' && (line[i] | 0x20) <= 'z')) return false;
    while (i < line.size() && (((line[i] | 0x20) >= 'a' && (line[i] | 0x20) <= 'z') || (line[i] >= '0' && line[i] <= '9') ||
                               line[i] == '+' || line[i] == '-' || line[i] == '.'))
        ++i;
    if (i >= line.size() || line[i] != ':') return false;
    std::size_t const sp = line.rfind(' ');
    if (sp == std::string_view::npos || sp <= uri) return false;
    std::string_view const version = line.substr(sp + 1);
    return sip_version_length(version) == version.size();
}

/// The first line of `text` without its CRLF (or LF), when it has a line end
/// within `max` bytes; else false.
inline bool first_line(std::string_view text, std::string_view& line, std::size_t max = 8192) noexcept {
    std::size_t const lf = text.substr(0, max).find('\n');
    if (lf == std::string_view::npos) return false;
    line = text.substr(0, lf);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return true;
}

/// True when the datagram is a SIP message: a SIP start line first, after
/// any CRLFs (RFC 3261 §7.5 lets a receiver ignore CRLFs before it).
inline bool looks_like_sip(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size() && i < 64 && (text[i] == '\r' || text[i] == '\n')) ++i;
    std::string_view line;
    return first_line(text.substr(i), line) && is_sip_start_line(line);
}

/// True when the datagram holds only CRLFs (an RFC 5626 §4.4.1 / RFC 3261
/// §7.5 keep-alive) or nothing.
inline bool is_keepalive(std::string_view text) noexcept {
    return text.find_first_not_of("\r\n") == std::string_view::npos;
}

// --- link layer --------------------------------------------------------------

/// Link-layer header types (pcap LINKTYPE_ / libpcap DLT_ values, as
/// pcap_datalink() returns them).
enum link_type : int {
    dlt_null = 0,          // BSD loopback: 4-byte address family, host byte order of the capturing host
    dlt_en10mb = 1,        // Ethernet
    dlt_raw = 12,          // raw IP (DLT_RAW on most platforms)
    dlt_raw_openbsd = 14,  // DLT_RAW on OpenBSD
    linktype_raw = 101,    // LINKTYPE_RAW, should libpcap return it unmapped
    dlt_loop = 108,        // OpenBSD loopback: address family, network byte order
    dlt_linux_sll = 113,   // Linux cooked capture v1
    dlt_ipv4 = 228,        // LINKTYPE_IPV4
    dlt_ipv6 = 229,        // LINKTYPE_IPV6
    dlt_linux_sll2 = 276,  // Linux cooked capture v2
};

/// True when pcap_datalink() names a link layer this reader decodes.
inline bool supported_link(int dlt) noexcept {
    switch (dlt) {
    case dlt_null: case dlt_en10mb: case dlt_raw: case dlt_raw_openbsd: case linktype_raw: case dlt_loop:
    case dlt_linux_sll: case dlt_ipv4: case dlt_ipv6: case dlt_linux_sll2: return true;
    default: return false;
    }
}

constexpr std::uint16_t ethertype_ipv4 = 0x0800;
constexpr std::uint16_t ethertype_ipv6 = 0x86dd;

/// Skips IEEE 802.1Q (0x8100), 802.1ad (0x88a8) and the pre-standard QinQ
/// 0x9100 tags: each is TPID(2, already read as `type`) TCI(2) then the next
/// EtherType. `off` is where the tag's TCI starts. Returns false when cut short.
inline bool skip_vlan_tags(bytes pkt, std::size_t& off, std::uint16_t& type) noexcept {
    for (int tags = 0; type == 0x8100 || type == 0x88a8 || type == 0x9100; ++tags) {
        if (tags == 8 || !pkt.be16(off + 2, type)) return false;
        off += 4;
    }
    return true;
}

/// The network-layer bytes of a packet with link layer `dlt`; empty when the
/// packet carries something else than IPv4 or IPv6 (ARP, LLC...) or is cut
/// short. The IP version is read from the IP header itself.
inline bytes network_layer(int dlt, bytes pkt) noexcept {
    std::uint16_t type = 0;
    std::size_t off = 0;
    switch (dlt) {
    case dlt_en10mb:  // dst MAC(6) src MAC(6) EtherType(2) [802.1Q tags]
        if (!pkt.be16(12, type)) return {};
        off = 14;
        if (!skip_vlan_tags(pkt, off, type)) return {};
        break;
    case dlt_linux_sll:  // packet type(2) ARPHRD(2) addr len(2) addr(8) protocol(2)
        if (!pkt.be16(14, type)) return {};
        off = 16;
        if (!skip_vlan_tags(pkt, off, type)) return {};
        break;
    case dlt_linux_sll2:  // protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) addr len(1) addr(8)
        if (!pkt.be16(0, type) || !pkt.has(0, 20)) return {};
        off = 20;
        if (!skip_vlan_tags(pkt, off, type)) return {};
        break;
    case dlt_null:  // 4-byte AF_ value in the capturing host's byte order
    case dlt_loop: {  // the same in network byte order
        std::uint32_t family = 0;
        if (!pkt.be32(0, family)) return {};
        if (dlt == dlt_null && (family & 0xffff) == 0) pkt.le32(0, family);  // little-endian host
        // AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS), 10 (Linux)
        if (family == 2) type = ethertype_ipv4;
        else if (family == 24 || family == 28 || family == 30 || family == 10) type = ethertype_ipv6;
        else return {};
        off = 4;
        break;
    }
    case dlt_raw: case dlt_raw_openbsd: case linktype_raw: case dlt_ipv4: case dlt_ipv6:
        return pkt;  // the IP header first
    default: return {};
    }
    if (type != ethertype_ipv4 && type != ethertype_ipv6) return {};
    return pkt.from(off);
}

// --- IP ----------------------------------------------------------------------

using address = std::array<std::uint8_t, 16>;  // IPv4 in the first 4 bytes

/// An IP datagram (or one fragment of one) as decoded from a packet.
struct ip_packet {
    int family = 0;                  // AF_INET or AF_INET6
    address src{}, dst{};
    std::uint8_t protocol = 0;       // 6 TCP, 17 UDP (the upper layer, after IPv6 extension headers)
    bytes payload;                   // the upper-layer bytes captured (of this fragment)
    bool truncated = false;          // fewer bytes captured than the IP header says were sent
    bool fragment = false;           // a fragment: reassemble before use
    std::uint32_t id = 0;            // fragment identification (IPv4 16 bits, IPv6 32 bits)
    std::size_t frag_offset = 0;     // in bytes
    bool more_fragments = false;
};

/// IPv4 header (RFC 791 §3.1): version/IHL, TOS, total length, id,
/// flags/fragment offset, TTL, protocol, checksum, source, destination, options.
inline bool decode_ipv4(bytes l3, ip_packet& ip) noexcept {
    std::uint8_t vihl = 0, proto = 0;
    std::uint16_t total = 0, id = 0, frag = 0;
    if (!l3.u8(0, vihl) || (vihl >> 4) != 4) return false;
    std::size_t const ihl = std::size_t{vihl & 0x0fu} * 4;
    if (ihl < 20 || !l3.has(0, ihl) || !l3.be16(2, total) || !l3.be16(4, id) || !l3.be16(6, frag) || !l3.u8(9, proto))
        return false;
    // 0: a packet captured on its sender before TCP segmentation offload
    // split it (Wireshark: "presumed to be because of TSO"); take what was captured.
    std::size_t const length = total == 0 ? l3.n : std::size_t{total};
    if (length < ihl) return false;
    ip.family = AF_INET;
    std::copy(l3.p + 12, l3.p + 16, ip.src.begin());
    std::copy(l3.p + 16, l3.p + 20, ip.dst.begin());
    ip.protocol = proto;
    ip.truncated = l3.n < length;
    ip.payload = l3.first(length).from(ihl);  // Ethernet padding after total length dropped
    ip.id = id;
    ip.more_fragments = (frag & 0x2000) != 0;
    ip.frag_offset = std::size_t{frag & 0x1fffu} * 8;
    ip.fragment = ip.more_fragments || ip.frag_offset != 0;
    return true;
}

/// IPv6 header (RFC 8200 §3): version/class/label(4), payload length(2),
/// next header(1), hop limit(1), source(16), destination(16); then extension
/// headers (§4): Hop-by-Hop (0), Routing (43), Destination Options (60),
/// Mobility (135), HIP (139), Shim6 (140) as next header(1), length in 8
/// octets not counting the first(1); Authentication Header (51, RFC 4302: in
/// 4 octets, minus 2); Fragment (44, §4.5: next header, reserved, offset/M,
/// identification). ESP (50) and No Next Header (59) end the decoding.
inline bool decode_ipv6(bytes l3, ip_packet& ip) noexcept {
    std::uint8_t v = 0, next = 0;
    std::uint16_t plen = 0;
    if (!l3.u8(0, v) || (v >> 4) != 6 || !l3.be16(4, plen) || !l3.u8(6, next) || !l3.has(0, 40)) return false;
    ip.family = AF_INET6;
    std::copy(l3.p + 8, l3.p + 24, ip.src.begin());
    std::copy(l3.p + 24, l3.p + 40, ip.dst.begin());
    bytes rest = l3.from(40);
    if (plen != 0) {  // 0: a jumbogram (RFC 2675): take what was captured
        ip.truncated = rest.n < plen;
        rest = rest.first(plen);
    }
    for (int headers = 0; headers < 16; ++headers) {
        std::uint8_t len = 0;
        switch (next) {
        case 0: case 43: case 60: case 135: case 139: case 140:
            if (!rest.u8(0, next) || !rest.u8(1, len)) return false;
            rest = rest.from((std::size_t{len} + 1) * 8);
            break;
        case 51:  // AH
            if (!rest.u8(0, next) || !rest.u8(1, len)) return false;
            rest = rest.from((std::size_t{len} + 2) * 4);
            break;
        case 44: {  // Fragment
            std::uint16_t off = 0;
            std::uint32_t id = 0;
            if (!rest.u8(0, next) || !rest.be16(2, off) || !rest.be32(4, id)) return false;
            ip.fragment = true;
            ip.id = id;
            ip.frag_offset = std::size_t{static_cast<std::uint16_t>(off >> 3)} * 8;
            ip.more_fragments = (off & 1) != 0;
            if (ip.frag_offset == 0 && !ip.more_fragments) ip.fragment = false;  // an atomic fragment (RFC 6946)
            rest = rest.from(8);
            break;
        }
        default:
            ip.protocol = next;
            ip.payload = rest;
            return true;
        }
    }
    return false;  // too many extension headers
}

/// Decodes the IP header at the start of `l3`, version by its first nibble.
inline bool decode_ip(bytes l3, ip_packet& ip) noexcept {
    std::uint8_t v = 0;
    if (!l3.u8(0, v)) return false;
    if ((v >> 4) == 4) return decode_ipv4(l3, ip);
    if ((v >> 4) == 6) return decode_ipv6(l3, ip);
    return false;
}

/// The text of an address: dotted quad, or RFC 5952 IPv6 text (inet_ntop).
inline std::string address_text(int family, address const& a) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (inet_ntop(family, a.data(), buf, sizeof buf) == nullptr) return "?";
    return buf;
}

// --- IP fragment reassembly --------------------------------------------------

/// Reassembles IPv4 (RFC 791 §3.2, "reassembly") and IPv6 (RFC 8200 §4.5)
/// fragments, with bounded memory: a datagram is at most 65535 octets of
/// upper-layer data, at most `max_pending` datagrams are reassembled at once
/// (the oldest is dropped for a new one), at most `max_fragments` fragments
/// per datagram, and a datagram not complete `timeout` seconds of capture
/// time after its first fragment is dropped (RFC 791 suggests 15 s; Linux
/// waits 30 s).
class reassembler {
public:
    static constexpr std::size_t max_datagram = 65535;
    static constexpr std::size_t max_pending = 64;
    static constexpr std::size_t max_fragments = 128;
    static constexpr double timeout = 30;

    /// What a dropped reassembly tells the caller (for a problem report).
    struct dropped {
        std::size_t frame = 0;       // the frame of the first fragment seen
        int family = 0;
        address src{}, dst{};
        std::uint32_t id = 0;
        bool looked_like_sip = false;
        std::string why;
    };

    /// Adds a fragment. Returns true when it completes its datagram, whose
    /// upper-layer bytes are then in `out`. Drops are appended to `drops`.
    bool add(ip_packet const& ip, double now, std::size_t frame, std::vector<std::uint8_t>& out,
             std::vector<dropped>& drops) {
        expire(now, drops);
        key const k{ip.family, ip.src, ip.dst, ip.protocol, ip.id};
        auto it = table_.find(k);
        if (it == table_.end()) {
            if (table_.size() >= max_pending) {
                auto oldest = table_.begin();
                for (auto j = table_.begin(); j != table_.end(); ++j)
                    if (j->second.first_time < oldest->second.first_time) oldest = j;
                drop(oldest, "too many datagrams being reassembled at once", drops);
            }
            it = table_.emplace(k, pending{}).first;
            it->second.first_time = now;
            it->second.first_frame = frame;
        }
        pending& d = it->second;
        std::size_t const begin = ip.frag_offset;
        std::size_t const len = ip.payload.n;
        if (begin > max_datagram || len > max_datagram - begin) {
            drop(it, "fragments reach past 65535 octets", drops);
            return false;
        }
        if (++d.fragments > max_fragments) {
            drop(it, "more than " + std::to_string(max_fragments) + " fragments", drops);
            return false;
        }
        if (!ip.more_fragments) d.total = begin + len;  // the last fragment says how long the datagram is
        if (d.data.size() < begin + len) d.data.resize(begin + len);
        if (len != 0) std::copy(ip.payload.p, ip.payload.p + len, d.data.begin() + static_cast<std::ptrdiff_t>(begin));
        if (begin == 0 && ip.protocol == 17 && ip.payload.n > 8)
            d.looks_sip = looks_like_sip(ip.payload.from(8).text());
        d.add_range(begin, begin + len);
        if (d.total == npos || d.data.size() > d.total || d.ranges.size() != 1 || d.ranges[0].first != 0 ||
            d.ranges[0].second != d.total) {
            if (d.total != npos && d.data.size() > d.total) drop(it, "fragments past the last one", drops);
            return false;
        }
        out = std::move(d.data);
        table_.erase(it);
        return true;
    }

    /// Drops the reassemblies older than `timeout` at capture time `now`.
    void expire(double now, std::vector<dropped>& drops) {
        for (auto it = table_.begin(); it != table_.end();) {
            auto const next = std::next(it);
            if (now - it->second.first_time > timeout) drop(it, "fragments missing after 30 s", drops);
            it = next;
        }
    }

    /// Drops every reassembly (the end of the capture).
    void flush(std::vector<dropped>& drops) {
        while (!table_.empty()) drop(table_.begin(), "fragments missing at the end of the capture", drops);
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    struct key {
        int family;
        address src, dst;
        std::uint8_t protocol;
        std::uint32_t id;
        bool operator<(key const& o) const noexcept {
            return std::tie(family, src, dst, protocol, id) < std::tie(o.family, o.src, o.dst, o.protocol, o.id);
        }
    };
    struct pending {
        std::vector<std::uint8_t> data;
        std::vector<std::pair<std::size_t, std::size_t>> ranges;  // received [begin, end), sorted, merged
        std::size_t total = npos;
        std::size_t fragments = 0;
        double first_time = 0;
        std::size_t first_frame = 0;
        bool looks_sip = false;

        void add_range(std::size_t b, std::size_t e) {
            if (b == e) return;
            ranges.emplace_back(b, e);
            std::sort(ranges.begin(), ranges.end());
            std::vector<std::pair<std::size_t, std::size_t>> merged;
            for (auto const& r : ranges) {
                if (!merged.empty() && r.first <= merged.back().second) merged.back().second = std::max(merged.back().second, r.second);
                else merged.push_back(r);
            }
            ranges = std::move(merged);
        }
    };
    using iterator = std::map<key, pending>::iterator;

    void drop(iterator it, std::string why, std::vector<dropped>& drops) {
        drops.push_back(dropped{it->second.first_frame, it->first.family, it->first.src, it->first.dst, it->first.id,
                                it->second.looks_sip, std::move(why)});
        table_.erase(it);
    }

    std::map<key, pending> table_;
};

} // namespace sip_lint::capture::detail
