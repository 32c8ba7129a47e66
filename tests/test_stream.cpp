// Tests for sipview/stream.hpp: framing SIP messages on a byte stream. The
// same stream fed whole, one byte at a time and split at every position gives
// the same messages, keep-alives, pings and errors; framed messages parse as
// the one-shot parse does; limits and leniencies are honoured.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/message.hpp>
#include <sipview/stream.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace sipview;

namespace {

using sipview_test::read_bytes;

std::vector<std::string> const rfc4475_files = {
    "wsinv.dat",   "intmeth.dat",  "esc01.dat",    "escnull.dat",  "esc02.dat",     "lwsdisp.dat",   "longreq.dat",
    "dblreq.dat",  "semiuri.dat",  "transports.dat", "mpart01.dat", "unreason.dat", "noreason.dat",  "badinv01.dat",
    "clerr.dat",   "ncl.dat",      "scalar02.dat", "scalarlg.dat", "quotbal.dat",   "ltgtruri.dat",  "lwsruri.dat",
    "lwsstart.dat", "trws.dat",    "escruri.dat",  "baddate.dat",  "regbadct.dat",  "badaspec.dat",  "baddn.dat",
    "badvers.dat", "mismatch01.dat", "mismatch02.dat", "bigcode.dat", "badbranch.dat", "insuf.dat",  "unkscm.dat",
    "novelsc.dat", "unksm2.dat",   "bext01.dat",   "invut.dat",    "regaut01.dat",  "multi01.dat",   "mcl01.dat",
    "bcast.dat",   "zeromf.dat",   "cparam01.dat", "cparam02.dat", "regescrt.dat",  "sdp01.dat",     "inv2543.dat",
};

/// What the framer reported for a whole stream.
struct outcome {
    std::vector<std::string> messages;  ///< complete messages, in order
    std::size_t keepalives = 0;
    std::size_t pings = 0;
    bool failed = false;
    std::size_t error_offset = 0;  ///< in the whole stream
    std::string error_message;
    errc error_code = errc::ok;
    diag error_id = diag::none;
    std::size_t left = 0;  ///< octets of an incomplete message at the end

    bool operator==(outcome const& o) const {
        return messages == o.messages && keepalives == o.keepalives && pings == o.pings && failed == o.failed &&
               error_offset == o.error_offset && error_message == o.error_message && error_code == o.error_code &&
               error_id == o.error_id && left == o.left;
    }
};

/// Feeds `stream` in pieces ending at `cuts` (ascending; the end is implied),
/// dropping consumed() octets after every call as a server would.
outcome feed(std::string const& stream, std::vector<std::size_t> const& cuts, stream_options const& opts = {}) {
    outcome out;
    frame_state st;
    std::string buf;
    std::size_t base = 0;  // stream offset of buf[0]
    std::size_t from = 0;
    std::vector<std::size_t> ends = cuts;
    ends.push_back(stream.size());
    for (std::size_t end : ends) {
        buf.append(stream, from, end - from);
        from = end;
        for (;;) {
            frame_result const r = frame_message(buf, st, opts);
            out.keepalives += r.keepalives;
            out.pings += r.pings;
            if (r.status == frame_status::error) {
                out.failed = true;
                out.error_offset = base + r.error.offset;
                out.error_message = std::string(r.error.message);
                out.error_code = r.error.code;
                out.error_id = r.error.id;
                return out;
            }
            if (r.status == frame_status::complete) out.messages.emplace_back(r.message(buf));
            buf.erase(0, r.consumed());
            base += r.consumed();
            if (r.status == frame_status::need_more) break;
        }
    }
    out.left = buf.size();
    return out;
}

outcome feed_whole(std::string const& s, stream_options const& o = {}) { return feed(s, {}, o); }

outcome feed_bytewise(std::string const& s, stream_options const& o = {}) {
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < s.size(); ++i) cuts.push_back(i);
    return feed(s, cuts, o);
}

message_options stream_parse_options() {
    message_options o;
    o.require_content_length = true;
    return o;
}

std::string summary(result<message> const& r) {
    if (!r) return "error@" + std::to_string(r.error().offset) + ": " + std::string(r.error().message);
    return "ok size=" + std::to_string(r->size()) + " headers=" + std::to_string(r->header_count());
}

} // namespace

TEST_CASE("each RFC 4475 message frames the same whole, byte by byte and split anywhere", "[stream][rfc4475]") {
    for (auto const& file : rfc4475_files) {
        DYNAMIC_SECTION(file) {
            std::string const text = read_bytes(SIPVIEW_TEST_DATA "/rfc4475/" + file);
            outcome const whole = feed_whole(text);
            CHECK(feed_bytewise(text) == whole);
            for (std::size_t cut = 1; cut < text.size(); ++cut) {
                INFO("split at " << cut);
                REQUIRE(feed(text, {cut}) == whole);
            }
            // and the framed message parses as the one-shot parse does
            header_field h1[64], h2[64];
            auto const one_shot = parse_message(text, h1, stream_parse_options());
            if (!whole.messages.empty()) {
                auto const framed = parse_message(whole.messages.front(), h2, stream_parse_options());
                CHECK(summary(framed) == summary(one_shot));
                if (one_shot) CHECK(whole.messages.front() == one_shot->text());
            } else if (whole.failed) {
                REQUIRE_FALSE(one_shot);
                CHECK(one_shot.error().offset == whole.error_offset);
                CHECK(std::string(one_shot.error().message) == whole.error_message);
            } else if (whole.messages.empty()) {
                // clerr: Content-Length promises more than the stream holds;
                // baddn: no empty line ends the headers. Both wait for more.
                REQUIRE_FALSE(one_shot);
                CHECK(whole.left == text.size());
                if (file == "clerr.dat") CHECK(one_shot.error().code == errc::inconsistent);
            }
        }
    }
}

TEST_CASE("RFC 4475 dblreq on a stream is two messages with a keep-alive between", "[stream][rfc4475]") {
    std::string const text = read_bytes(SIPVIEW_TEST_DATA "/rfc4475/dblreq.dat");
    outcome const o = feed_whole(text);
    REQUIRE(o.messages.size() == 2);
    CHECK(o.messages[0].size() == 300);
    CHECK(o.messages[1].rfind("INVITE sip:joe@example.com SIP/2.0\r\n", 0) == 0);
    CHECK(o.keepalives == 1);
    CHECK(o.pings == 0);
    // The INVITE's body is 5 octets longer than its Content-Length: "C\r\n\r\n"
    // then reads as a message "C" without Content-Length, which breaks the stream.
    CHECK(o.failed);
    CHECK(o.error_offset == text.size() - 2);
    CHECK(o.error_id == diag::stream_content_length_missing);
    CHECK(o.error_code == errc::missing_header);
}

TEST_CASE("back-to-back messages with CRLF keep-alives frame identically however split", "[stream]") {
    std::vector<std::string> parts;
    for (char const* f : {"wsinv.dat", "esc01.dat", "unreason.dat", "mpart01.dat", "noreason.dat", "longreq.dat"})
        parts.push_back(read_bytes(std::string(SIPVIEW_TEST_DATA "/rfc4475/") + f));
    parts.push_back(read_bytes(SIPVIEW_TEST_DATA "/seed/yealink-register.sip"));
    std::string stream = "\r\n\r\n";  // an RFC 5626 ping first
    char const* const keepalives[] = {"", "\r\n", "\r\n\r\n", "\r\n\r\n\r\n", "", "\r\n"};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        stream += parts[i];
        if (i < 6) stream += keepalives[i];
    }
    outcome const whole = feed_whole(stream);
    REQUIRE_FALSE(whole.failed);
    CHECK(whole.messages == parts);
    CHECK(whole.keepalives == 2 + 0 + 1 + 2 + 3 + 0 + 1);
    CHECK(whole.left == 0);
    CHECK(feed_bytewise(stream) == whole);
    for (std::size_t cut = 1; cut < stream.size(); ++cut) {
        INFO("split at " << cut);
        REQUIRE(feed(stream, {cut}) == whole);
    }
    for (std::size_t step : {2u, 3u, 7u, 64u, 1000u}) {
        std::vector<std::size_t> cuts;
        for (std::size_t c = step; c < stream.size(); c += step) cuts.push_back(c);
        CHECK(feed(stream, cuts) == whole);
    }
    // every framed message parses as it does on its own
    for (auto const& m : whole.messages) {
        header_field h1[64], h2[64];
        CHECK(summary(parse_message(m, h1, stream_parse_options())) == summary(parse_message(m, h2)));
        CHECK(parse_message(m, h1, stream_parse_options()));
    }
}

TEST_CASE("RFC 5626 double-CRLF pings are counted once however they arrive", "[stream]") {
    std::string const msg = read_bytes(SIPVIEW_TEST_DATA "/rfc4475/noreason.dat");
    std::string const stream = "\r\n\r\n" + msg + "\r\n\r\n\r\n\r\n" + msg + "\r\n";
    outcome const whole = feed_whole(stream);
    CHECK(whole.messages.size() == 2);
    CHECK(whole.pings == 3);
    CHECK(whole.keepalives == 7);
    CHECK(feed_bytewise(stream) == whole);
    // keep-alives alone are consumed as they come, so an idle connection's buffer stays empty
    frame_state st;
    auto r = frame_message("\r\n", st);
    CHECK(r.status == frame_status::need_more);
    CHECK(r.consumed() == 2);
    CHECK(r.pings == 0);
    r = frame_message("\r\n", st);
    CHECK(r.consumed() == 2);
    CHECK(r.pings == 1);
    r = frame_message("\r", st);
    CHECK(r.consumed() == 0);  // may be the start of a CRLF
    CHECK_FALSE(st.in_message());
}

TEST_CASE("the header scan resumes where it stopped instead of rescanning", "[stream]") {
    std::string big = "OPTIONS sip:a@example.com SIP/2.0\r\nX-Big: " + std::string(20000, 'x') + "\r\n" +
                      "X-Folded: a\r\n " + std::string(5000, 'y') + "\r\nContent-Length: 0\r\n\r\n";
    stream_options o;
    o.max_header_bytes = 64 * 1024;
    frame_state st;
    std::string buf;
    std::size_t lagging = 0;
    for (std::size_t i = 0; i < big.size(); ++i) {
        buf += big[i];
        auto r = frame_message(buf, st, o);
        if (r.status == frame_status::complete) {
            CHECK(i + 1 == big.size());
            CHECK(r.length == big.size());
            break;
        }
        REQUIRE(r.status == frame_status::need_more);
        // the scan position is never more than one octet behind what arrived
        if (st.scanned() + 1 < buf.size()) ++lagging;
    }
    CHECK(lagging == 0);
}

TEST_CASE("framing errors: limits, missing or conflicting Content-Length, bare line ends", "[stream]") {
    std::string const head = "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h.example.com;branch=z9hG4bK1\r\n";
    SECTION("header section too large") {
        stream_options o;
        o.max_header_bytes = 100;
        auto r = feed_whole(head + "X-Big: " + std::string(200, 'x'), o);
        CHECK(r.failed);
        CHECK(r.error_code == errc::too_large);
        CHECK(feed_bytewise(head + "X-Big: " + std::string(200, 'x'), o) == r);
        // and before the line ends: no waiting for an endless header
        auto partial = feed_whole(std::string(150, 'A'), o);
        CHECK(partial.failed);
        CHECK(partial.error_code == errc::too_large);
        // an error past the limit is never seen: the limit comes first however the stream is split
        std::string const late = "OPTIONS sip:a@example.com SIP/2.0\r\nX: " + std::string(80, 'a') + "\nl: 0\r\n\r\n";
        auto whole = feed_whole(late, o);
        CHECK(whole.error_code == errc::too_large);
        CHECK(whole.error_offset == 100);
        CHECK(feed_bytewise(late, o) == whole);
    }
    SECTION("a header section of exactly max_header_bytes is accepted") {
        std::string const m = head + "Content-Length: 0\r\n\r\n";
        stream_options o;
        o.max_header_bytes = m.size();
        CHECK(feed_whole(m, o).messages.size() == 1);
        CHECK(feed_bytewise(m, o).messages.size() == 1);
        o.max_header_bytes = m.size() - 1;
        CHECK(feed_whole(m, o).error_code == errc::too_large);
        CHECK(feed_bytewise(m, o) == feed_whole(m, o));
    }
    SECTION("too many headers") {
        stream_options o;
        o.max_headers = 3;
        auto r = feed_whole(head + "A: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0\r\n\r\n", o);
        CHECK(r.failed);
        CHECK(r.error_code == errc::too_many_headers);
        CHECK(r.error_offset == head.size() + 12);
    }
    SECTION("body too large") {
        stream_options o;
        o.max_body_bytes = 10;
        auto r = feed_whole(head + "Content-Length: 11\r\n\r\n", o);
        CHECK(r.error_code == errc::too_large);
        CHECK(r.error_offset == head.size() + 16);
    }
    SECTION("Content-Length is required unless assume_zero_content_length") {
        std::string const m = head + "\r\n";
        auto r = feed_whole(m);
        CHECK(r.failed);
        CHECK(r.error_id == diag::stream_content_length_missing);
        CHECK(r.error_offset == head.size());
        stream_options o;
        o.lenient = leniency::assume_zero_content_length;
        auto z = feed_whole(m + m, o);
        CHECK(z.messages.size() == 2);
    }
    SECTION("conflicting and malformed Content-Length") {
        auto c = feed_whole(head + "Content-Length: 3\r\nl: 4\r\n\r\nabcd");
        CHECK(c.error_code == errc::inconsistent);
        CHECK(c.error_offset == head.size() + 22);
        auto same = feed_whole(head + "Content-Length: 3\r\nl:3\r\n\r\nabc");
        CHECK(same.messages.size() == 1);
        auto neg = feed_whole(head + "Content-Length: -3\r\n\r\n");
        CHECK(neg.error_message == "Content-Length cannot be negative");
        auto folded = feed_whole(head + "Content-Length:\r\n 3\r\n\r\nabc");
        CHECK(folded.messages.size() == 1);
    }
    SECTION("bare LF and bare CR") {
        auto lf = feed_whole("OPTIONS sip:a@example.com SIP/2.0\nContent-Length: 0\n\n");
        CHECK(lf.failed);
        CHECK(lf.error_offset == 33);
        stream_options o;
        o.lenient = leniency::allow_bare_lf;
        auto ok = feed_whole("\nOPTIONS sip:a@example.com SIP/2.0\nContent-Length: 0\n\n", o);
        CHECK(ok.messages.size() == 1);
        CHECK(ok.keepalives == 1);
        auto cr = feed_whole("\r\rOPTIONS");
        CHECK(cr.failed);
        CHECK(cr.error_offset == 0);
        auto mid = feed_whole(head + "X: 1\r\r\nContent-Length: 0\r\n\r\n");
        CHECK_FALSE(mid.failed);  // a CR inside a value is the value's problem: parse_message rejects it
    }
    SECTION("garbage instead of a start line") {
        auto g = feed_whole("\r\n\x16\x03\x01 TLS hello");
        CHECK(g.failed);
        CHECK(g.error_offset == 2);
        CHECK(g.keepalives == 1);
    }
}

// ---------------------------------------------------------------------------
// The frame_state contract: a reused state never reads past a shorter buffer,
// options are captured per message, and a failed state stays failed.

TEST_CASE("a buffer shorter than what the state was given is an error, not a read past it", "[stream][state]") {
    // 3,000 octets of a header section: need_more
    std::string const partial = "OPTIONS sip:a@example.com SIP/2.0\r\nX-Big: " + std::string(3000, 'x');
    frame_state st;
    REQUIRE(frame_message(partial, st).status == frame_status::need_more);
    // the same state with a 100-octet buffer (a pooled connection object not reset)
    std::string const small = partial.substr(0, 100);
    frame_result const r = frame_message(small, st);
    REQUIRE(r.status == frame_status::error);
    CHECK(r.error.code == errc::inconsistent);
    CHECK(r.error.offset == small.size());
    CHECK(r.consumed() == 0);
    CHECK(st.failed());
    // the same buffer again, or a longer one, is refused too until reset()
    CHECK(frame_message(partial, st).status == frame_status::error);
    st.reset();
    CHECK(frame_message(small, st).status == frame_status::need_more);
}

TEST_CASE("the options in force when a message starts apply until it completes", "[stream][state]") {
    std::string const partial = "OPTIONS sip:a@example.com SIP/2.0\r\nX-Big: " + std::string(3000, 'x');
    std::string const whole = partial + "\r\nContent-Length: 0\r\n\r\n";
    stream_options big;
    big.max_header_bytes = 16 * 1024;
    stream_options reloaded;
    reloaded.max_header_bytes = 100;  // a live configuration reload
    frame_state st;
    REQUIRE(frame_message(partial, st, big).status == frame_status::need_more);
    // the same partial data again with the smaller limit: still framed by the first limit
    CHECK(frame_message(partial, st, reloaded).status == frame_status::need_more);
    frame_result const r = frame_message(whole, st, reloaded);
    REQUIRE(r.status == frame_status::complete);
    CHECK(r.length == whole.size());
    // the next message is framed with the new limit
    CHECK(frame_message(whole, st, reloaded).error.code == errc::too_large);
}

TEST_CASE("after a framing error the state refuses further input until reset", "[stream][state]") {
    frame_state st;
    frame_result const bad = frame_message("\x16\x03\x01 TLS hello", st);
    REQUIRE(bad.status == frame_status::error);
    CHECK(st.failed());
    CHECK_FALSE(st.in_message());
    std::string const good = "OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    frame_result const again = frame_message(good, st);
    CHECK(again.status == frame_status::error);
    CHECK(again.error.code == errc::inconsistent);
    st.reset();
    CHECK(frame_message(good, st).status == frame_status::complete);
}

TEST_CASE("a CR inside a header name is not the hyphen of Content-Length", "[stream]") {
    std::string const m = std::string("INVITE sip:a@b SIP/2.0\r\nContent\rLength: 4\r\n\r\nabcd");
    auto r = feed_whole(m);
    CHECK(r.failed);  // no Content-Length: the stream cannot be framed
    CHECK(r.messages.empty());
    header_field h[8];
    CHECK_FALSE(parse_message(m, h));
    // every byte b with b | 0x20 == '-' other than '-' itself: only CR
    for (int b = 0; b < 256; ++b) {
        if (b == '-' || (b | 0x20) != '-') continue;
        std::string x = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        x[x.find('-')] = static_cast<char>(b);
        CHECK(feed_whole(x).failed);
    }
}

namespace {

/// frame_message and parse_message on one stream: whatever is framed, the
/// one-shot parser either rejects it or accepts it with the same length.
void check_framing_agrees_with_parsing(std::string const& stream, stream_options const& so) {
    message_options mo;
    mo.validate = false;
    mo.lenient = so.lenient;
    std::vector<header_field> h(256);
    frame_state st;
    std::string_view rest = stream;
    for (;;) {
        // an exact-size copy, so a read past the buffer is visible under ASan
        std::vector<char> const copy(rest.begin(), rest.end());
        std::string_view const buf(copy.data(), copy.size());
        frame_result const r = frame_message(buf, st, so);
        if (r.status != frame_status::complete) return;
        std::string_view const frame = r.message(buf);
        std::vector<char> const fcopy(frame.begin(), frame.end());
        auto p = parse_message(std::string_view(fcopy.data(), fcopy.size()), h.data(), h.size(), mo);
        if (p) {
            INFO("stream: " << stream);
            REQUIRE(p->size() == frame.size());
        }
        rest.remove_prefix(r.consumed());
    }
}

} // namespace

TEST_CASE("whatever frame_message frames, parse_message rejects or accepts with the same length", "[stream][property]") {
    std::vector<std::string> bases;
    for (char const* f : {"wsinv.dat", "esc01.dat", "lwsdisp.dat", "mcl01.dat", "ncl.dat", "dblreq.dat", "clerr.dat"})
        bases.push_back(read_bytes(std::string(SIPVIEW_TEST_DATA "/rfc4475/") + f));
    bases.push_back(read_bytes(SIPVIEW_TEST_DATA "/seed/yealink-register.sip"));
    bases.push_back("INVITE sip:a@b SIP/2.0\r\nContent-Length: 4\r\n\r\nabcd");
    bases.push_back("INVITE sip:a@b SIP/2.0\r\nl: 4\r\n\r\nabcdOPTIONS sip:a@b SIP/2.0\r\nContent-Length:0\r\n\r\n");
    // bytes that matter to framing: line ends, separators, case, digits, hyphen
    char const subst[] = {'\r', '\n', ':', ' ', '\t', '-', '0', '9', 'l', 'L', 'C', '\0', '\x80'};
    std::size_t cases = 0;
    for (std::string const& base : bases) {
        std::size_t const cl = base.find("ength");  // mutate around Content-Length most, elsewhere sparsely
        for (std::size_t i = 0; i < base.size(); ++i) {
            bool const near = cl != std::string::npos && i + 16 >= cl && i < cl + 24;
            if (!near && i % 7 != 0) continue;
            for (char c : subst) {
                std::string s = base;
                s[i] = c;
                for (bool lf : {false, true}) {
                    stream_options so;
                    so.lenient = lf ? leniency_set(leniency::allow_bare_lf) : leniency_set{};
                    check_framing_agrees_with_parsing(s, so);
                    ++cases;
                }
            }
            std::string cut = base;  // and with the byte removed
            cut.erase(i, 1);
            check_framing_agrees_with_parsing(cut, {});
            ++cases;
        }
    }
    CHECK(cases > 5000);
}

TEST_CASE("framing takes a header value with the extent parse_message gives it: a bare CR is not trimmed", "[stream]") {
    // One line scanner (message_split.hpp) serves both: the same value
    // bounds, so the same Content-Length error at the same octet.
    for (std::string_view const line : {"Content-Length: 4\r \r\n", "Content-Length: \r4\r\n", "l:4\r\t\r\n"}) {
        std::string const text = "OPTIONS sip:a@b SIP/2.0\r\n" + std::string(line) + "\r\nabcd";
        INFO(text);
        frame_state st;
        frame_result const f = frame_message(text, st);
        REQUIRE(f.status == frame_status::error);
        message_options mo;
        mo.validate = false;
        header_field h[8];
        auto const p = parse_message(text, h, mo);
        REQUIRE_FALSE(p);
        CHECK(f.error.id == p.error().id);
        CHECK(f.error.offset == p.error().offset);
        CHECK(f.error.offset == text.find(line) + line.find('\r'));  // the bare CR, in the value
    }
}
