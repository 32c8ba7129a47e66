// Tests for sipview/reliable_provisional.hpp: RSeq and RAck (RFC 3262), the
// values of the RFC's examples, through the parse functions, a whole message
// (get<>, validate, format) and the errors.
#include "catch.hpp"

#include <sipview/format.hpp>
#include <sipview/message.hpp>
#include <sipview/reliable_provisional.hpp>

#include <iterator>
#include <string>

using namespace sipview;

TEST_CASE("RSeq: the RFC 3262 §7.1 example and the range 1 to 2**31 - 1", "[100rel]") {
    auto r = parse_rseq("988789");
    REQUIRE(r);
    CHECK(*r == 988789u);
    CHECK(*parse_rseq("2147483647") == 2147483647u);
    auto big = parse_rseq("2147483648");
    REQUIRE_FALSE(big);
    CHECK(big.error().code == errc::out_of_range);
    CHECK(big.error().id == diag::msg_response_num_range);
    auto zero = parse_rseq("0");
    REQUIRE_FALSE(zero);
    CHECK(zero.error().code == errc::out_of_range);
    CHECK(zero.error().id == diag::msg_response_num_zero);
    auto text = parse_rseq("12a");
    REQUIRE_FALSE(text);
    CHECK(text.error().offset == 2);
    CHECK(text.error().id == diag::msg_rseq_end);
    CHECK_FALSE(parse_rseq(""));
}

TEST_CASE("RAck: the RFC 3262 §7.2 example", "[100rel]") {
    auto r = parse_rack("776656 1 INVITE");
    REQUIRE(r);
    CHECK(r->rseq == 776656u);
    CHECK(r->cseq == 1u);
    CHECK(r->method == "INVITE");
    auto folded = parse_rack("776656\r\n 1   INVITE");
    REQUIRE(folded);
    CHECK(folded->cseq == 1u);
}

TEST_CASE("RAck errors name the missing part", "[100rel]") {
    auto no_method = parse_rack("776656 1");
    REQUIRE_FALSE(no_method);
    CHECK(no_method.error().offset == 8);
    CHECK(no_method.error().id == diag::msg_rack_lws_cseq);
    auto no_cseq = parse_rack("776656 INVITE");
    REQUIRE_FALSE(no_cseq);
    CHECK(no_cseq.error().offset == 7);
    CHECK(no_cseq.error().id == diag::msg_rack_cseq);
    auto big = parse_rack("1 2147483648 INVITE");
    REQUIRE_FALSE(big);
    CHECK(big.error().code == errc::out_of_range);
    CHECK(big.error().offset == 2);
    CHECK(big.error().id == diag::msg_cseq_range);
    auto zero = parse_rack("0 1 INVITE");
    REQUIRE_FALSE(zero);
    CHECK(zero.error().code == errc::out_of_range);
    CHECK(zero.error().id == diag::msg_response_num_zero);
}

TEST_CASE("RSeq and RAck in messages: get<>, validation, format", "[100rel][message]") {
    std::string const response =
        "SIP/2.0 183 Session Progress\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\n"
        "Call-ID: x\r\nCSeq: 1 INVITE\r\nRequire: 100rel\r\nRSeq: 988789\r\nContent-Length: 0\r\n\r\n";
    header_field h[16];
    auto m = parse_message(response, h);
    REQUIRE(m);
    auto rseq = m->get<header::rseq>();
    REQUIRE(rseq);
    CHECK(*rseq == 988789u);

    std::string const prack =
        "PRACK sip:c@d SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\n"
        "Call-ID: x\r\nCSeq: 2 PRACK\r\nMax-Forwards: 70\r\nRAck: 988789   1 INVITE\r\nContent-Length: 0\r\n\r\n";
    header_field p[16];
    auto pm = parse_message(prack, p);
    REQUIRE(pm);
    auto rack_value = pm->get<header::rack>();
    REQUIRE(rack_value);
    CHECK(rack_value->rseq == 988789u);
    CHECK(rack_value->method == "INVITE");
    std::string out;
    format(*pm, std::back_inserter(out));
    CHECK(out.find("\r\nRAck: 988789 1 INVITE\r\n") != std::string::npos);

    std::string bad = prack;
    bad.replace(bad.find("988789   1"), 10, "0 1");
    auto bm = parse_message(bad, p);
    REQUIRE_FALSE(bm);
    CHECK(bm.error().code == errc::out_of_range);
    CHECK(bm.error().offset == bad.find("0 1 INVITE"));
}
