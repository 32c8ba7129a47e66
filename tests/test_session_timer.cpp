// Tests for sipview/session_timer.hpp: Session-Expires and Min-SE (RFC 4028),
// the values of the RFC's examples, through the parse functions, a whole
// message (get<>, validate, format) and the errors.
#include "catch.hpp"

#include <sipview/format.hpp>
#include <sipview/message.hpp>
#include <sipview/session_timer.hpp>

#include <iterator>
#include <string>

using namespace sipview;

TEST_CASE("Session-Expires: the RFC 4028 §4 examples", "[session-timer]") {
    auto r = parse_session_expires("4000;refresher=uac");
    REQUIRE(r);
    CHECK(r->delta == 4000);
    CHECK(r->delta_text == "4000");
    REQUIRE(r->refresher());
    CHECK(*r->refresher() == "uac");
    CHECK(r->params().size() == 1);

    auto u = parse_session_expires("1800 ; refresher = UAS ; x-extra=\"q\"");
    REQUIRE(u);
    CHECK(u->delta == 1800);
    CHECK(*u->refresher() == "UAS");
    CHECK(u->params().size() == 2);

    auto bare = parse_session_expires("90");
    REQUIRE(bare);
    CHECK(bare->delta == 90);
    CHECK_FALSE(bare->refresher());
}

TEST_CASE("Session-Expires errors: refresher value, missing number, range", "[session-timer]") {
    auto r = parse_session_expires("4000;refresher=both");
    REQUIRE_FALSE(r);
    CHECK(r.error().offset == 15);
    CHECK(r.error().id == diag::msg_se_refresher_value);

    auto n = parse_session_expires(";refresher=uac");
    REQUIRE_FALSE(n);
    CHECK(n.error().offset == 0);
    CHECK(n.error().id == diag::msg_se_delta);

    auto big = parse_session_expires("4294967296");
    REQUIRE_FALSE(big);
    CHECK(big.error().code == errc::out_of_range);
    CHECK(big.error().id == diag::msg_delta_range);
    CHECK_FALSE(big.error().hint.empty());
    CHECK((*parse_session_expires("4294967295")).delta == 4294967295u);

    auto junk = parse_session_expires("4000 uac");
    REQUIRE_FALSE(junk);
    CHECK(junk.error().offset == 5);
    CHECK(junk.error().id == diag::msg_se_end);
}

TEST_CASE("Min-SE: delta-seconds and generic params", "[session-timer]") {
    auto r = parse_min_se("60");
    REQUIRE(r);
    CHECK(r->delta == 60);
    CHECK(r->params().empty());
    auto p = parse_min_se("3600;x=y");
    REQUIRE(p);
    CHECK(p->delta == 3600);
    CHECK(p->params().contains("x"));
    CHECK_FALSE(parse_min_se("sixty"));
    CHECK_FALSE(parse_min_se("60;"));
}

TEST_CASE("Session-Expires and Min-SE in a message: compact form, get<>, format", "[session-timer][message]") {
    std::string const text =
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n"
        "Max-Forwards: 70\r\nTo: <sip:bob@biloxi.example.com>\r\n"
        "From: <sip:alice@atlanta.example.com>;tag=1928301774\r\nCall-ID: a84b4c76e66710\r\nCSeq: 314159 INVITE\r\n"
        "x:  4000 ;refresher=uac\r\nMin-SE: 90\r\nContent-Length: 0\r\n\r\n";
    header_field h[16];
    auto m = parse_message(text, h);
    REQUIRE(m);
    CHECK(h[6].id == header_id::session_expires);
    auto se = m->get<header::session_expires>();
    REQUIRE(se);
    CHECK(se->delta == 4000);
    CHECK(*se->refresher() == "uac");
    auto min = m->get<header::min_se>();
    REQUIRE(min);
    CHECK(min->delta == 90);
    std::string out;
    format(*m, std::back_inserter(out));
    CHECK(out.find("\r\nSession-Expires: 4000;refresher=uac\r\n") != std::string::npos);
    format_options compact;
    compact.header_names = format_options::names::compact;
    std::string c;
    format(*m, std::back_inserter(c), compact);
    CHECK(c.find("\r\nx: 4000;refresher=uac\r\n") != std::string::npos);
}

TEST_CASE("a malformed Session-Expires rejects the message at its byte", "[session-timer][message]") {
    std::string const text =
        "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nTo: <sip:a@b>\r\n"
        "From: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nSession-Expires: 4000;refresher=me\r\n\r\n";
    header_field h[16];
    auto m = parse_message(text, h);
    REQUIRE_FALSE(m);
    CHECK(m.error().offset == text.find("me\r\n"));
    message_options relaxed;
    relaxed.validate = false;
    auto l = parse_message(text, h, relaxed);
    REQUIRE(l);
    CHECK_FALSE(l->get<header::session_expires>());
}

TEST_CASE("Session-Expires and Min-SE format in checked mode and refuse bad fields", "[session-timer][format]") {
    auto r = parse_session_expires("0004000 ;refresher=uas;x");
    REQUIRE(r);
    char buf[64];
    auto t = format(*r, buf, sizeof buf);
    REQUIRE(t);
    CHECK(*t == "0004000;refresher=uas;x");
    session_expires bad = *r;
    bad.params_text = ";refresher=nobody";
    auto e = check_format(bad);
    REQUIRE(e);
    CHECK(e->code == errc::syntax);
    min_se m;
    m.delta = 120;
    CHECK(*format(m, buf, sizeof buf) == "120");
}
