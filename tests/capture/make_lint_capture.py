#!/usr/bin/env python3
"""Writes tests/golden/inputs/capture-digest.pcap, the capture of sip-lint's
capture goldens (tests/golden/cases.tsv, capture-digest-*).

Python standard library only, deterministic: running it again gives the same
bytes. Classic pcap, Ethernet, IPv4/UDP between 192.0.2.10:5060 (a phone)
and 192.0.2.20:5060 (a registrar/proxy), password "SomePass":

  Call-ID reg1: REGISTER (CSeq 1), 401 (nonce "n1"), REGISTER (CSeq 2)
                answering n1, 200; REGISTER (CSeq 3) answering "n0" (not the
                nonce the 401 sent), 200.
  Call-ID inv1: INVITE (CSeq 1), 407 (Proxy-Authenticate, nonce "p1"), ACK,
                INVITE (CSeq 2) answering p1 with a To whose user=phone user
                part is not a telephone number (a warning), 200 whose Via has
                no sent-by (an error), ACK with the INVITE's credentials.
  Call-ID opt1: OPTIONS with an Authorization and no challenge before it.

    python3 tests/capture/make_lint_capture.py [OUTPUT]
"""
import hashlib
import os
import struct
import sys

BASE_TIME = 1700000000  # 2023-11-14T22:13:20Z
PHONE = ("192.0.2.10", 5060)
SERVER = ("192.0.2.20", 5060)
PASSWORD = "SomePass"


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def udp_frame(src, dst, payload, ident):
    udp = struct.pack("!HHHH", src[1], dst[1], 8 + len(payload), 0) + payload
    pseudo = ip4(src[0]) + ip4(dst[0]) + struct.pack("!BBH", 0, 17, len(udp))
    csum = checksum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", csum) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), ident, 0, 64, 17, 0, ip4(src[0]), ip4(dst[0]))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002" "020000000001") + struct.pack("!H", 0x0800)
    return eth + ip + udp


def md5(s):
    return hashlib.md5(s.encode()).hexdigest()


def digest(user, realm, method, uri, nonce, nc, cnonce):
    ha1 = md5(f"{user}:{realm}:{PASSWORD}")
    ha2 = md5(f"{method}:{uri}")
    return md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")


def credentials(header, user, realm, method, uri, nonce):
    r = digest(user, realm, method, uri, nonce, "00000001", "c0ffee")
    return (f'{header}: Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", '
            f'response="{r}", algorithm=MD5, cnonce="c0ffee", qop=auth, nc=00000001')


def request(method, uri, call_id, cseq, branch, extra=(), to="<sip:1001@example.com>", to_tag=""):
    lines = [f"{method} {uri} SIP/2.0",
             f"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK{branch}",
             "Max-Forwards: 70",
             "From: <sip:1001@example.com>;tag=ph1",
             f"To: {to}{to_tag}",
             f"Call-ID: {call_id}",
             f"CSeq: {cseq} {method}",
             "Contact: <sip:1001@192.0.2.10:5060>",
             *extra,
             "Content-Length: 0", "", ""]
    return "\r\n".join(lines).encode()


def response(status, reason, call_id, cseq, method, branch, extra=(), via=None, to="<sip:1001@example.com>"):
    lines = [f"SIP/2.0 {status} {reason}",
             via or f"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK{branch}",
             "From: <sip:1001@example.com>;tag=ph1",
             f"To: {to};tag=srv1",
             f"Call-ID: {call_id}",
             f"CSeq: {cseq} {method}",
             *extra,
             "Content-Length: 0", "", ""]
    return "\r\n".join(lines).encode()


def messages():
    reg_uri = "sip:example.com"
    www = 'WWW-Authenticate: Digest realm="example.com", nonce="n1", algorithm=MD5, qop="auth"'
    yield PHONE, SERVER, request("REGISTER", reg_uri, "reg1", 1, "r1")
    yield SERVER, PHONE, response(401, "Unauthorized", "reg1", 1, "REGISTER", "r1", [www])
    yield PHONE, SERVER, request("REGISTER", reg_uri, "reg1", 2, "r2",
                                 [credentials("Authorization", "1001", "example.com", "REGISTER", reg_uri, "n1")])
    yield SERVER, PHONE, response(200, "OK", "reg1", 2, "REGISTER", "r2")
    yield PHONE, SERVER, request("REGISTER", reg_uri, "reg1", 3, "r3",
                                 [credentials("Authorization", "1001", "example.com", "REGISTER", reg_uri, "n0")])
    yield SERVER, PHONE, response(200, "OK", "reg1", 3, "REGISTER", "r3")

    inv_uri = "sip:2002@example.com"
    to_bad = "<sip:12ab!@example.com;user=phone>"
    pa = 'Proxy-Authenticate: Digest realm="proxy.example.com", nonce="p1", algorithm=MD5, qop="auth"'
    auth = credentials("Proxy-Authorization", "1001", "proxy.example.com", "INVITE", inv_uri, "p1")
    yield PHONE, SERVER, request("INVITE", inv_uri, "inv1", 1, "i1")
    yield SERVER, PHONE, response(407, "Proxy Authentication Required", "inv1", 1, "INVITE", "i1", [pa])
    yield PHONE, SERVER, request("ACK", inv_uri, "inv1", 1, "i1", to_tag=";tag=srv1")
    yield PHONE, SERVER, request("INVITE", inv_uri, "inv1", 2, "i2", [auth], to=to_bad)
    yield SERVER, PHONE, response(200, "OK", "inv1", 2, "INVITE", "i2", via="Via: SIP/2.0/UDP", to=to_bad)
    yield PHONE, SERVER, request("ACK", inv_uri, "inv1", 2, "i3", [auth], to=to_bad, to_tag=";tag=srv1")

    yield PHONE, SERVER, request("OPTIONS", "sip:example.com", "opt1", 1, "o1",
                                 [credentials("Authorization", "1001", "example.com", "OPTIONS", "sip:example.com", "n1")])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "golden", "inputs", "capture-digest.pcap")
    data = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)  # microseconds, Ethernet
    for i, (src, dst, payload) in enumerate(messages()):
        frame = udp_frame(src, dst, payload, 0x100 + i)
        data += struct.pack("<IIII", BASE_TIME + i, 1000 * i, len(frame), len(frame)) + frame
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
