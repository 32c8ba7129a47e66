#!/usr/bin/env python3
"""Writes the small captures of tests/data/capture that capture_test.cpp reads.

Python standard library only, deterministic (fixed addresses, ports, sequence
numbers and timestamps): running it again gives the same bytes.

    python3 tests/capture/make_captures.py [OUTPUT_DIR]   (default: tests/data/capture)

Files (frame numbers are 1-based, as Wireshark counts):
  tcp_reassembly.pcap  Ethernet, pcap (microseconds). TCP over IPv4: a segment
                       with two whole messages, a message over two segments
                       (its first segment retransmitted), a message whose
                       second half arrives before its first (out of order),
                       a response, FINs; UDP: a SIP datagram in two IPv4
                       fragments, a CRLF keep-alive, a DNS-like datagram;
                       an IPv6 datagram with a Destination Options header;
                       an 802.1Q-tagged datagram and a QinQ one.
  sll.pcap             Linux cooked capture (SLL), one SIP datagram.
  sll2.pcapng          Linux cooked capture v2 (SLL2), pcapng, nanosecond
                       timestamps: one SIP datagram over IPv6.
  loopback.pcap        BSD loopback (DLT_NULL, little-endian AF): IPv4 and
                       IPv6 (AF 30, macOS) datagrams.
  raw.pcap             raw IP (LINKTYPE_RAW): an IPv4 datagram.
  websocket.pcap       Ethernet: SIP over WebSocket (RFC 7118): the HTTP
                       Upgrade, a masked text frame from the client, an
                       unmasked one from the server.
  tcp_midstream.pcap   Ethernet: the capture starts inside a message; then
                       a whole message, bytes lost (acknowledged by the peer
                       but never captured), a message after the loss.
  ws_midstream.pcap    Ethernet: SIP over WebSocket caught after the
                       handshake, inside a frame; a frame lost (acknowledged
                       by the peer), the stream found again at the next frame.
  problems.pcap        Ethernet: a SIP datagram cut short by the snapshot
                       length; a first IPv4 fragment whose second never comes
                       (dropped 30 s later); a TCP stream that starts with
                       bytes that are not SIP, then a message, a message that
                       cannot be framed (its Content-Length is not a number),
                       a message; a TCP stream reset inside a message.
"""
import os
import struct
import sys

BASE_TIME = 1700000000  # 2023-11-14T22:13:20Z


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def ip6(a):
    # only the forms used here: "2001:db8::N"
    head, tail = a.split("::")
    h = [int(x, 16) for x in head.split(":")] if head else []
    t = [int(x, 16) for x in tail.split(":")] if tail else []
    words = h + [0] * (8 - len(h) - len(t)) + t
    return struct.pack("!8H", *words)


def ipv4(src, dst, proto, payload, ident=1, flags_frag=0x4000, total=None):
    """RFC 791 header (20 bytes, no options) + payload."""
    total = 20 + len(payload) if total is None else total
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ident, flags_frag, 64, proto, 0, ip4(src), ip4(dst))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    return hdr + payload


def ipv6(src, dst, next_header, payload, ext=b""):
    """RFC 8200 header + extension headers `ext` (already chained) + payload."""
    return struct.pack("!IHBB16s16s", 0x60000000, len(ext) + len(payload), next_header, 64, ip6(src), ip6(dst)) + ext + payload


def pseudo4(src, dst, proto, length):
    return struct.pack("!4s4sBBH", ip4(src), ip4(dst), 0, proto, length)


def pseudo6(src, dst, proto, length):
    return struct.pack("!16s16sIxxxB", ip6(src), ip6(dst), length, proto)


def udp(src, dst, sport, dport, payload, v6=False):
    length = 8 + len(payload)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    pseudo = (pseudo6 if v6 else pseudo4)(src, dst, 17, length)
    c = checksum(pseudo + hdr + payload) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, length, c) + payload


SYN, FIN, RST, PSH, ACK = 0x02, 0x01, 0x04, 0x08, 0x10


def tcp(src, dst, sport, dport, seq, ack, flags, payload=b""):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, 65535, 0, 0)
    c = checksum(pseudo4(src, dst, 6, len(hdr) + len(payload)) + hdr + payload)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload


MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


def ether(l3, ethertype=0x0800, vlans=()):
    """Ethernet II; `vlans`: (TPID, VLAN id) tags, outermost first (IEEE 802.1Q / 802.1ad)."""
    tags = b"".join(struct.pack("!HH", tpid, vid) for tpid, vid in vlans)
    return MAC_B + MAC_A + tags + struct.pack("!H", ethertype) + l3


def sll(l3, protocol=0x0800):
    """Linux cooked capture v1: packet type, ARPHRD, address length, address(8), protocol."""
    return struct.pack("!HHH8sH", 0, 1, 6, MAC_A + b"\0\0", protocol) + l3


def sll2(l3, protocol=0x86DD):
    """Linux cooked capture v2: protocol, reserved, ifindex, ARPHRD, packet type, address length, address(8)."""
    return struct.pack("!HHIHBB8s", protocol, 0, 2, 1, 4, 6, MAC_A + b"\0\0") + l3


def write_pcap(path, linktype, packets):
    """pcap (microsecond): global header, then per packet ts_sec, ts_usec, caplen, len.
    A packet is (time in us, bytes) or (time in us, bytes, length on the wire)."""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    for packet in packets:
        t_us, data = packet[0], packet[1]
        wire = packet[2] if len(packet) > 2 else len(data)
        out += struct.pack("<IIII", BASE_TIME + t_us // 1000000, t_us % 1000000, len(data), wire) + data
    with open(path, "wb") as f:
        f.write(out)


def pcapng_block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def write_pcapng(path, linktype, packets):
    """pcapng: Section Header Block, Interface Description Block with
    if_tsresol = 9 (nanoseconds), Enhanced Packet Blocks."""
    shb = pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    options = struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0)  # if_tsresol=9, opt_endofopt
    idb = pcapng_block(1, struct.pack("<HHI", linktype, 0, 262144) + options)
    out = shb + idb
    for t_ns, data in packets:
        ts = BASE_TIME * 1000000000 + t_ns
        out += pcapng_block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data), len(data)) + data)
    with open(path, "wb") as f:
        f.write(out)


def sip(start, headers, body=b""):
    text = start + "\r\n" + "".join(h + "\r\n" for h in headers)
    text += "Content-Length: %d\r\n\r\n" % len(body)
    return text.encode() + body


def request(method, uri, transport, call_id, cseq, extra=(), body=b""):
    return sip("%s %s SIP/2.0" % (method, uri), [
        "Via: SIP/2.0/%s client.example.com;branch=z9hG4bK%s%d" % (transport, call_id, cseq),
        "Max-Forwards: 70",
        "From: <sip:alice@example.com>;tag=a1",
        "To: <sip:bob@example.com>",
        "Call-ID: %s" % call_id,
        "CSeq: %d %s" % (cseq, method),
    ] + list(extra), body)


def response(status, transport, call_id, cseq, method):
    return sip("SIP/2.0 %s" % status, [
        "Via: SIP/2.0/%s client.example.com;branch=z9hG4bK%s%d" % (transport, call_id, cseq),
        "From: <sip:alice@example.com>;tag=a1",
        "To: <sip:bob@example.com>;tag=b1",
        "Call-ID: %s" % call_id,
        "CSeq: %d %s" % (cseq, method),
    ])


def sdp(lines):
    return "".join(l + "\r\n" for l in lines).encode()


SDP = sdp(["v=0", "o=alice 1 1 IN IP4 192.0.2.10", "s=-", "c=IN IP4 192.0.2.10", "t=0 0",
           "m=audio 49170 RTP/AVP 0 8 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
           "a=rtpmap:101 telephone-event/8000", "a=sendrecv"])


def tcp_reassembly(out):
    C, S = "192.0.2.10", "192.0.2.20"
    cp, sp = 50000, 5060
    cisn, sisn = 1000, 5000
    pk = []

    def c2s(seq, flags, data=b""):
        return ether(ipv4(C, S, 6, tcp(C, S, cp, sp, seq, sisn + 1, flags, data)))

    def s2c(seq, ack, flags, data=b""):
        return ether(ipv4(S, C, 6, tcp(S, C, sp, cp, seq, ack, flags, data)))

    options = request("OPTIONS", "sip:bob@example.com", "TCP", "tcp1", 1)
    register = request("REGISTER", "sip:example.com", "TCP", "tcp2", 1,
                       ["Contact: <sip:alice@192.0.2.10:50000;transport=tcp>", "Expires: 3600"])
    invite = request("INVITE", "sip:bob@example.com", "TCP", "tcp3", 1,
                     ["Contact: <sip:alice@192.0.2.10:50000;transport=tcp>", "Content-Type: application/sdp"], SDP)
    bye = request("BYE", "sip:bob@example.com", "TCP", "tcp3", 2)
    ok = response("200 OK", "TCP", "tcp3", 2, "BYE")
    seq = cisn + 1
    pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cisn, 0, SYN))))                      # 1 SYN
    pk.append(s2c(sisn, cisn + 1, SYN | ACK))                                              # 2 SYN/ACK
    pk.append(c2s(seq, ACK))                                                               # 3 ACK
    pk.append(c2s(seq, PSH | ACK, options + register))                                     # 4 two messages
    seq += len(options + register)
    cut = 300
    pk.append(c2s(seq, ACK, invite[:cut]))                                                 # 5 INVITE, part 1
    pk.append(c2s(seq, ACK, invite[:cut]))                                                 # 6 part 1 again (retransmission)
    pk.append(c2s(seq + cut, PSH | ACK, invite[cut:]))                                     # 7 INVITE, part 2
    seq += len(invite)
    half = 100
    pk.append(c2s(seq + half, PSH | ACK, bye[half:]))                                      # 8 BYE, part 2 (out of order)
    pk.append(c2s(seq, ACK, bye[:half]))                                                   # 9 BYE, part 1
    seq += len(bye)
    pk.append(s2c(sisn + 1, seq, PSH | ACK, ok))                                           # 10 200 OK
    pk.append(c2s(seq, FIN | ACK))                                                         # 11 FIN
    pk.append(s2c(sisn + 1 + len(ok), seq + 1, FIN | ACK))                                 # 12 FIN
    pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, seq + 1, sisn + 2 + len(ok), ACK))))  # 13 ACK

    # UDP: an INVITE in two IPv4 fragments (RFC 791: offsets in 8 octets)
    big = request("INVITE", "sip:bob@example.com", "UDP", "udp1", 1,
                  ["Contact: <sip:alice@192.0.2.10:5062>", "Content-Type: application/sdp",
                   "X-Padding: " + "p" * 1200], SDP)
    dgram = udp(C, S, 5062, 5060, big)
    first = 1480
    pk.append(ether(ipv4(C, S, 17, dgram[:first], ident=0x1234, flags_frag=0x2000)))            # 14 fragment 1 (MF)
    pk.append(ether(ipv4(C, S, 17, dgram[first:], ident=0x1234, flags_frag=first // 8)))      # 15 fragment 2
    pk.append(ether(ipv4(C, S, 17, udp(C, S, 5062, 5060, b"\r\n\r\n"))))                      # 16 keep-alive
    pk.append(ether(ipv4(C, "192.0.2.53", 17, udp(C, "192.0.2.53", 40000, 53,                 # 17 DNS-like
                                                   bytes.fromhex("abcd01000001000000000000") + b"\x07example\x03com\0\0\x01\0\x01"))))
    # IPv6 with a Destination Options header (next header 60, 8 octets: PadN) before UDP
    A6, B6 = "2001:db8::10", "2001:db8::20"
    msg6 = request("MESSAGE", "sip:bob@example.com", "UDP", "udp6", 1, ["Content-Type: text/plain"], b"hello")
    dest_opts = struct.pack("!BB", 17, 0) + bytes([1, 4, 0, 0, 0, 0])
    pk.append(ether(ipv6(A6, B6, 60, udp(A6, B6, 5060, 5090, msg6, v6=True), ext=dest_opts), 0x86DD))  # 18
    # 802.1Q VLAN 100, then QinQ (802.1ad outer 10, 802.1Q inner 20); a response on a port that is not 5060
    notify = request("NOTIFY", "sip:alice@192.0.2.10:5062", "UDP", "udp2", 1, ["Event: dialog"])
    pk.append(ether(ipv4(S, C, 17, udp(S, C, 5080, 5062, notify)), vlans=[(0x8100, 100)]))              # 19
    ok2 = response("200 OK", "UDP", "udp2", 1, "NOTIFY")
    pk.append(ether(ipv4(C, S, 17, udp(C, S, 5062, 5080, ok2)), vlans=[(0x88A8, 10), (0x8100, 20)]))    # 20
    write_pcap(os.path.join(out, "tcp_reassembly.pcap"), 1, [(i * 1000, p) for i, p in enumerate(pk)])


def sll_file(out):
    msg = request("OPTIONS", "sip:bob@example.com", "UDP", "sll1", 1)
    write_pcap(os.path.join(out, "sll.pcap"), 113,
               [(0, sll(ipv4("192.0.2.10", "192.0.2.20", 17, udp("192.0.2.10", "192.0.2.20", 5060, 5060, msg))))])


def sll2_file(out):
    A6, B6 = "2001:db8::10", "2001:db8::20"
    msg = response("486 Busy Here", "UDP", "sll2", 1, "INVITE")
    write_pcapng(os.path.join(out, "sll2.pcapng"), 276,
                 [(123456789, sll2(ipv6(A6, B6, 17, udp(A6, B6, 5060, 5060, msg, v6=True))))])


def loopback_file(out):
    m4 = request("OPTIONS", "sip:127.0.0.1", "UDP", "lo4", 1)
    m6 = request("OPTIONS", "sip:[::1]", "UDP", "lo6", 1)
    p4 = struct.pack("<I", 2) + ipv4("127.0.0.1", "127.0.0.1", 17, udp("127.0.0.1", "127.0.0.1", 5061, 5060, m4))
    p6 = struct.pack("<I", 30) + struct.pack("!IHBB16s16s", 0x60000000, 8 + len(m6), 17, 64, ip6("::1"), ip6("::1")) + \
        struct.pack("!HHHH", 5061, 5060, 8 + len(m6), 0) + m6
    write_pcap(os.path.join(out, "loopback.pcap"), 0, [(0, p4), (500, p6)])


def raw_file(out):
    msg = request("SUBSCRIBE", "sip:bob@example.com", "UDP", "raw1", 1, ["Event: presence"])
    write_pcap(os.path.join(out, "raw.pcap"), 101,
               [(0, ipv4("198.51.100.1", "198.51.100.2", 17, udp("198.51.100.1", "198.51.100.2", 5060, 5060, msg)))])


def ws_frame(payload, opcode=1, mask=None):
    """RFC 6455 §5.2: FIN + opcode, MASK + length (7, 16 or 64 bits), masking key, payload."""
    b0 = 0x80 | opcode
    n = len(payload)
    m = 0x80 if mask else 0
    if n < 126:
        head = struct.pack("!BB", b0, m | n)
    elif n < 65536:
        head = struct.pack("!BBH", b0, m | 126, n)
    else:
        head = struct.pack("!BBQ", b0, m | 127, n)
    if mask:
        payload = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
        head += mask
    return head + payload


def websocket_file(out):
    C, S = "192.0.2.10", "192.0.2.20"
    cp, sp = 50001, 80
    cisn, sisn = 7000, 9000
    upgrade = ("GET / HTTP/1.1\r\nHost: ws.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://www.example.com\r\n"
               "Sec-WebSocket-Protocol: sip\r\nSec-WebSocket-Version: 13\r\n\r\n").encode()
    switching = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n").encode()
    register = request("REGISTER", "sip:example.com", "WS", "ws1", 1,
                       ["Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>"])
    ok = response("200 OK", "WS", "ws1", 1, "REGISTER")
    f1 = ws_frame(register, 1, mask=bytes.fromhex("37fa213d"))
    f2 = ws_frame(ok, 1)
    cs, ss = cisn + 1, sisn + 1
    pk = [
        ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cisn, 0, SYN))),
        ether(ipv4(S, C, 6, tcp(S, C, sp, cp, sisn, cs, SYN | ACK))),
        ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cs, ss, ACK))),
        ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cs, ss, PSH | ACK, upgrade))),
        ether(ipv4(S, C, 6, tcp(S, C, sp, cp, ss, cs + len(upgrade), PSH | ACK, switching))),
        ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cs + len(upgrade), ss + len(switching), PSH | ACK, f1))),
        ether(ipv4(S, C, 6, tcp(S, C, sp, cp, ss + len(switching), cs + len(upgrade) + len(f1), PSH | ACK, f2))),
    ]
    # one message in two frames (text without FIN, continuation with FIN), a
    # ping between them (RFC 6455 §5.4: control frames may be interleaved), then Close
    options = request("OPTIONS", "sip:example.com", "WS", "ws2", 2)
    key = bytes.fromhex("0a0b0c0d")
    f3 = ws_frame(options[:40], 1, mask=key)
    f3 = bytes([f3[0] & 0x7F]) + f3[1:]  # FIN cleared
    f4 = ws_frame(b"ping", 9, mask=key)
    f5 = ws_frame(options[40:], 0, mask=key)
    f6 = ws_frame(struct.pack("!H", 1000), 8, mask=key)
    cs2 = cs + len(upgrade) + len(f1)
    ss2 = ss + len(switching) + len(f2)
    for f in (f3, f4, f5, f6):
        pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cs2, ss2, PSH | ACK, f))))  # 8, 9, 10, 11
        cs2 += len(f)
    write_pcap(os.path.join(out, "websocket.pcap"), 1, [(i * 1000, p) for i, p in enumerate(pk)])


def midstream_file(out):
    C, S = "192.0.2.10", "192.0.2.20"
    cp, sp = 50002, 5060
    cs, ss = 0xFFFFFF00, 3000  # the client's sequence numbers wrap around 2^32
    m0 = request("INFO", "sip:bob@example.com", "TCP", "mid0", 1)
    m1 = request("OPTIONS", "sip:bob@example.com", "TCP", "mid1", 1)
    m2 = request("OPTIONS", "sip:bob@example.com", "TCP", "mid2", 1)
    m3 = request("OPTIONS", "sip:bob@example.com", "TCP", "mid3", 1)
    tail = m0[150:]  # the capture starts here, inside m0
    pk = []
    seq = cs
    pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, seq, ss, PSH | ACK, tail + m1))))                # 1
    seq += len(tail + m1)
    lost = seq                                                                                    # m2: never captured
    seq += len(m2)
    pk.append(ether(ipv4(S, C, 6, tcp(S, C, sp, cp, ss, seq, ACK))))                                # 2 acks m2
    pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, seq, ss, PSH | ACK, m3))))                      # 3
    del lost
    write_pcap(os.path.join(out, "tcp_midstream.pcap"), 1, [(i * 1000, p) for i, p in enumerate(pk)])


def ws_midstream_file(out):
    C, S = "192.0.2.10", "192.0.2.20"
    cp, sp = 50005, 443
    cs, ss = 123456, 654321
    key = bytes.fromhex("11223344")
    earlier = ws_frame(request("OPTIONS", "sip:example.com", "WS", "wsm0", 1), 1, mask=key)
    register = ws_frame(request("REGISTER", "sip:example.com", "WS", "wsm1", 1), 1, mask=key)
    ok = ws_frame(response("200 OK", "WS", "wsm1", 1, "REGISTER"))
    lost = ws_frame(request("OPTIONS", "sip:example.com", "WS", "wsm2", 2), 1, mask=key)
    options = ws_frame(request("OPTIONS", "sip:example.com", "WS", "wsm3", 3), 1, mask=key)
    tail = earlier[-50:]
    pk = []
    pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cs, ss, PSH | ACK, tail))))                          # 1 inside a frame
    cs += len(tail)
    pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cs, ss, PSH | ACK, register))))                     # 2
    cs += len(register)
    pk.append(ether(ipv4(S, C, 6, tcp(S, C, sp, cp, ss, cs, PSH | ACK, ok))))                            # 3
    ss += len(ok)
    cs += len(lost)                                                                                   # never captured
    pk.append(ether(ipv4(S, C, 6, tcp(S, C, sp, cp, ss, cs, ACK))))                                     # 4 acks it
    pk.append(ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cs, ss, PSH | ACK, options))))                      # 5
    write_pcap(os.path.join(out, "ws_midstream.pcap"), 1, [(i * 1000, p) for i, p in enumerate(pk)])


def problems_file(out):
    C, S = "192.0.2.10", "192.0.2.20"
    pk = []
    # 1: a SIP datagram cut at 100 bytes of its Ethernet frame by the snapshot length
    full = ether(ipv4(C, S, 17, udp(C, S, 5060, 5060, request("OPTIONS", "sip:bob@example.com", "UDP", "cut", 1))))
    pk.append((0, full[:100], len(full)))
    # 2: the first of two IPv4 fragments of a SIP datagram; 3: 31 s later, any packet
    dgram = udp(C, S, 5060, 5060, request("INVITE", "sip:bob@example.com", "UDP", "frag", 1,
                                         ["X-Padding: " + "p" * 1500]))
    pk.append((1000, ether(ipv4(C, S, 17, dgram[:1480], ident=0x4321, flags_frag=0x2000))))
    pk.append((31002000, ether(ipv4(C, S, 17, udp(C, S, 5060, 5060, b"\r\n\r\n")))))
    # 4-5: a TCP stream opening with bytes that are not SIP, then a message
    cp, sp, cisn = 50003, 5060, 100
    pk.append((31003000, ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cisn, 0, SYN)))))
    junk = b"\x00\x01hello\r\n"
    m = request("OPTIONS", "sip:bob@example.com", "TCP", "junk", 1)
    bad = request("OPTIONS", "sip:bob@example.com", "TCP", "bad", 1).replace(b"Content-Length: 0", b"Content-Length: zero")
    after = request("OPTIONS", "sip:bob@example.com", "TCP", "after", 1)
    pk.append((31004000, ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cisn + 1, 0, PSH | ACK, junk + m + bad + after)))))
    # 6-7: a TCP stream reset inside a message
    cp, cisn = 50004, 200
    pk.append((31005000, ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cisn, 0, SYN)))))
    half = request("OPTIONS", "sip:bob@example.com", "TCP", "rst", 1)[:120]
    pk.append((31006000, ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cisn + 1, 0, PSH | ACK, half)))))
    pk.append((31007000, ether(ipv4(C, S, 6, tcp(C, S, cp, sp, cisn + 1 + len(half), 0, RST)))))
    write_pcap(os.path.join(out, "problems.pcap"), 1, pk)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "capture")
    os.makedirs(out, exist_ok=True)
    tcp_reassembly(out)
    sll_file(out)
    sll2_file(out)
    loopback_file(out)
    raw_file(out)
    websocket_file(out)
    midstream_file(out)
    ws_midstream_file(out)
    problems_file(out)


if __name__ == "__main__":
    main()
