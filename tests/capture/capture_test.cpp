// Tests for sip-lint's capture reading (examples/sip-lint/capture.hpp) on the
// captures of tests/data/capture, written by tests/capture/make_captures.py:
// which messages come out, from which frame, between which endpoints, over
// which transport; what is reported as a problem.
#include "../catch.hpp"

#include "capture.hpp"

#include <cmath>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using sip_lint::capture::capture_problem;
using sip_lint::capture::captured_message;
using sip_lint::capture::transport;

std::string data_path(std::string const& name) { return std::string(SIPVIEW_TEST_DATA) + "/capture/" + name; }

std::string file_bytes(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct result {
    bool ok = false;
    std::string error;
    std::vector<captured_message> messages;
    std::vector<capture_problem> problems;
};

result read(std::string const& name) {
    result r;
    r.ok = sip_lint::capture::read_capture(
        data_path(name), [&](captured_message const& m) { r.messages.push_back(m); },
        [&](capture_problem const& p) { r.problems.push_back(p); }, r.error);
    return r;
}

std::string first_line(std::string const& text) { return text.substr(0, text.find("\r\n")); }

/// One expected message.
struct expect {
    std::size_t frame;
    char const* src;
    std::uint16_t sport;
    char const* dst;
    std::uint16_t dport;
    transport via;
    char const* line;
    std::size_t length;
};

void check(result const& r, std::vector<expect> const& want) {
    REQUIRE(r.ok);
    REQUIRE(r.messages.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("message " << i);
        captured_message const& m = r.messages[i];
        CHECK(m.frame == want[i].frame);
        CHECK(m.src.address == want[i].src);
        CHECK(m.src.port == want[i].sport);
        CHECK(m.dst.address == want[i].dst);
        CHECK(m.dst.port == want[i].dport);
        CHECK(m.via == want[i].via);
        CHECK(first_line(m.text) == want[i].line);
        CHECK(m.text.size() == want[i].length);
    }
}

} // namespace

TEST_CASE("capture: TCP reassembly, IPv4 fragments, IPv6, VLAN tags (Ethernet, pcap)") {
    result const r = read("tcp_reassembly.pcap");
    check(r, {
        // frame 4: one segment, two messages
        {4, "192.0.2.10", 50000, "192.0.2.20", 5060, transport::tcp, "OPTIONS sip:bob@example.com SIP/2.0", 230},
        {4, "192.0.2.10", 50000, "192.0.2.20", 5060, transport::tcp, "REGISTER sip:example.com SIP/2.0", 296},
        // frames 5-7: over two segments, the first one sent twice
        {7, "192.0.2.10", 50000, "192.0.2.20", 5060, transport::tcp, "INVITE sip:bob@example.com SIP/2.0", 505},
        // frames 8-9: the second half first
        {9, "192.0.2.10", 50000, "192.0.2.20", 5060, transport::tcp, "BYE sip:bob@example.com SIP/2.0", 222},
        {10, "192.0.2.20", 5060, "192.0.2.10", 50000, transport::tcp, "SIP/2.0 200 OK", 194},
        // frames 14-15: two IPv4 fragments (16: a CRLF keep-alive, 17: DNS)
        {15, "192.0.2.10", 5062, "192.0.2.20", 5060, transport::udp, "INVITE sip:bob@example.com SIP/2.0", 1703},
        // IPv6 with a Destination Options header, to a port that is not 5060
        {18, "2001:db8::10", 5060, "2001:db8::20", 5090, transport::udp, "MESSAGE sip:bob@example.com SIP/2.0", 261},
        // 802.1Q, then QinQ
        {19, "192.0.2.20", 5080, "192.0.2.10", 5062, transport::udp, "NOTIFY sip:alice@192.0.2.10:5062 SIP/2.0", 249},
        {20, "192.0.2.10", 5062, "192.0.2.20", 5080, transport::udp, "SIP/2.0 200 OK", 197},
    });
    CHECK(r.problems.empty());
    // the packets' times, microseconds apart: frame N at 1700000000 + (N-1) ms
    CHECK(std::abs(r.messages[0].time - 1700000000.003) < 1e-6);
    CHECK(std::abs(r.messages[5].time - 1700000000.014) < 1e-6);
    // the whole messages, body included
    CHECK(r.messages[2].text.substr(r.messages[2].text.size() - 12) == "a=sendrecv\r\n");
}

TEST_CASE("capture: Linux cooked capture SLL") {
    check(read("sll.pcap"),
          {{1, "192.0.2.10", 5060, "192.0.2.20", 5060, transport::udp, "OPTIONS sip:bob@example.com SIP/2.0", 230}});
}

TEST_CASE("capture: Linux cooked capture SLL2 in pcapng, nanosecond timestamps") {
    result const r = read("sll2.pcapng");
    check(r, {{1, "2001:db8::10", 5060, "2001:db8::20", 5060, transport::udp, "SIP/2.0 486 Busy Here", 204}});
    CHECK(std::abs(r.messages[0].time - 1700000000.123456789) < 1e-6);  // a double holds ~0.24 us here
}

TEST_CASE("capture: BSD loopback (DLT_NULL), IPv4 and IPv6") {
    check(read("loopback.pcap"),
          {{1, "127.0.0.1", 5061, "127.0.0.1", 5060, transport::udp, "OPTIONS sip:127.0.0.1 SIP/2.0", 222},
           {2, "::1", 5061, "::1", 5060, transport::udp, "OPTIONS sip:[::1] SIP/2.0", 218}});
}

TEST_CASE("capture: raw IP (LINKTYPE_RAW)") {
    check(read("raw.pcap"), {{1, "198.51.100.1", 5060, "198.51.100.2", 5060, transport::udp,
                              "SUBSCRIBE sip:bob@example.com SIP/2.0", 251}});
}

TEST_CASE("capture: SIP over WebSocket (RFC 7118), masked and unmasked frames") {
    result const r = read("websocket.pcap");
    check(r, {{6, "192.0.2.10", 50001, "192.0.2.20", 80, transport::ws, "REGISTER sip:example.com SIP/2.0", 281},
              {7, "192.0.2.20", 80, "192.0.2.10", 50001, transport::ws, "SIP/2.0 200 OK", 196},
              {10, "192.0.2.10", 50001, "192.0.2.20", 80, transport::ws, "OPTIONS sip:example.com SIP/2.0", 223}});
    CHECK(r.problems.empty());
}

TEST_CASE("capture: a stream caught in the middle, bytes lost, sequence numbers wrapping") {
    result const r = read("tcp_midstream.pcap");
    check(r, {{1, "192.0.2.10", 50002, "192.0.2.20", 5060, transport::tcp, "OPTIONS sip:bob@example.com SIP/2.0", 230},
              {3, "192.0.2.10", 50002, "192.0.2.20", 5060, transport::tcp, "OPTIONS sip:bob@example.com SIP/2.0", 230}});
    CHECK(r.messages[0].text.find("Call-ID: mid1\r\n") != std::string::npos);
    CHECK(r.messages[1].text.find("Call-ID: mid3\r\n") != std::string::npos);
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].frame == 1);
    CHECK(r.problems[0].what ==
          "TCP 192.0.2.10:50002 -> 192.0.2.20:5060: skipped 74 bytes to the first SIP start line "
          "(the capture starts inside the stream)");
    CHECK(r.problems[1].frame == 3);  // acknowledged at frame 2, the bytes after the gap at frame 3
    CHECK(r.problems[1].what ==
          "TCP 192.0.2.10:50002 -> 192.0.2.20:5060: 230 bytes missing from the capture at relative seq 305 "
          "(acknowledged by the peer)");
}

TEST_CASE("capture: WebSocket message in two frames with a ping between them, then Close") {
    result const r = read("websocket.pcap");
    REQUIRE(r.messages.size() == 3);
    CHECK(r.messages[2].frame == 10);
    CHECK(r.messages[2].via == transport::ws);
    CHECK(first_line(r.messages[2].text) == "OPTIONS sip:example.com SIP/2.0");
    CHECK(r.messages[2].text.size() == 223);
    CHECK(r.messages[2].text.find("Call-ID: ws2\r\n") != std::string::npos);
}

TEST_CASE("capture: problems: snapshot length, missing fragment, not SIP on TCP, framing error, RST") {
    result const r = read("problems.pcap");
    check(r, {{5, "192.0.2.10", 50003, "192.0.2.20", 5060, transport::tcp, "OPTIONS sip:bob@example.com SIP/2.0", 230},
              {5, "192.0.2.10", 50003, "192.0.2.20", 5060, transport::tcp, "OPTIONS sip:bob@example.com SIP/2.0", 232}});
    CHECK(r.messages[0].text.find("Call-ID: junk\r\n") != std::string::npos);
    CHECK(r.messages[1].text.find("Call-ID: after\r\n") != std::string::npos);
    REQUIRE(r.problems.size() == 6);
    CHECK(r.problems[0].frame == 1);
    CHECK(r.problems[0].what ==
          "UDP 192.0.2.10:5060 -> 192.0.2.20:5060: a SIP message cut short by the capture (snapshot length): not read");
    CHECK(r.problems[1].frame == 2);  // the first fragment's frame (found out at frame 3)
    CHECK(r.problems[1].what ==
          "IPv4 datagram 192.0.2.10 -> 192.0.2.20 id 0x4321 holding SIP: not reassembled, fragments missing after 30 s");
    CHECK(r.problems[2].frame == 5);
    CHECK(r.problems[2].what == "TCP 192.0.2.10:50003 -> 192.0.2.20:5060: skipped 9 bytes to the first SIP start line");
    CHECK(r.problems[3].frame == 5);  // at the Content-Length value; the message text is sipview's
    CHECK(r.problems[3].what.rfind("TCP 192.0.2.10:50003 -> 192.0.2.20:5060: cannot cut a SIP message from the stream "
                                   "at relative seq 463: ", 0) == 0);
    CHECK(r.problems[4].frame == 5);
    CHECK(r.problems[4].what == "TCP 192.0.2.10:50003 -> 192.0.2.20:5060: skipped 231 bytes to the next SIP start line");
    CHECK(r.problems[5].frame == 8);
    CHECK(r.problems[5].what == "TCP 192.0.2.10:50004 -> 192.0.2.20:5060: reset (RST) inside a message (120 bytes not framed)");
}

TEST_CASE("capture: SIP over WebSocket caught after the handshake, a frame lost") {
    result const r = read("ws_midstream.pcap");
    check(r, {{2, "192.0.2.10", 50005, "192.0.2.20", 443, transport::ws, "REGISTER sip:example.com SIP/2.0", 227},
              {3, "192.0.2.20", 443, "192.0.2.10", 50005, transport::ws, "SIP/2.0 200 OK", 198},
              {5, "192.0.2.10", 50005, "192.0.2.20", 443, transport::ws, "OPTIONS sip:example.com SIP/2.0", 225}});
    CHECK(r.messages[2].text.find("Call-ID: wsm3\r\n") != std::string::npos);
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].frame == 2);
    CHECK(r.problems[0].what == "TCP 192.0.2.10:50005 -> 192.0.2.20:443: skipped 50 bytes to the first WebSocket frame "
                                "holding SIP (the capture starts inside the stream)");
    CHECK(r.problems[1].frame == 5);
    CHECK(r.problems[1].what == "TCP 192.0.2.10:50005 -> 192.0.2.20:443: 233 bytes missing from the capture at relative "
                                "seq 286 (acknowledged by the peer)");
}

TEST_CASE("capture: is_capture reads magic numbers, not names") {
    using sip_lint::capture::is_capture;
    CHECK(is_capture(file_bytes(data_path("tcp_reassembly.pcap")).substr(0, 16)));
    CHECK(is_capture(file_bytes(data_path("sll2.pcapng")).substr(0, 16)));
    CHECK(is_capture(std::string("\xd4\xc3\xb2\xa1", 4)));  // pcap, little-endian
    CHECK(is_capture(std::string("\xa1\xb2\x3c\x4d", 4)));  // pcap, nanoseconds, big-endian
    CHECK_FALSE(is_capture("INVITE sip:bob@example.com SIP/2.0\r\n"));
    CHECK_FALSE(is_capture(""));
    CHECK_FALSE(is_capture(std::string("\xd4\xc3\xb2", 3)));
    CHECK_FALSE(is_capture(std::string("\x0a\x0d\x0d\x0a\x1c\x00\x00\x00XXXX", 12)));  // pcapng block type, no byte-order magic
}

TEST_CASE("capture: files that are not captures, or not whole ones") {
    result r = read("does-not-exist.pcap");
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.error.empty());

    // every truncation of a capture: read as far as it goes, never a crash
    std::string const whole = file_bytes(data_path("tcp_reassembly.pcap"));
    REQUIRE(whole.size() > 1000);
    for (std::size_t n = 0; n < whole.size(); n += 7) {
        std::vector<captured_message> messages;
        std::string error;
        bool const ok = sip_lint::capture::read_capture_bytes(
            std::string_view(whole).substr(0, n), [&](captured_message const& m) { messages.push_back(m); },
            [](capture_problem const&) {}, error);
        if (n < 24) CHECK_FALSE(ok);  // not even the file header
        CHECK(messages.size() <= 9);
    }
    // read from memory, the same messages
    std::vector<captured_message> messages;
    std::string error;
    CHECK(sip_lint::capture::read_capture_bytes(whole, [&](captured_message const& m) { messages.push_back(m); },
                                                [](capture_problem const&) {}, error));
    CHECK(messages.size() == 9);
}
