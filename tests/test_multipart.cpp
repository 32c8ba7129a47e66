// Tests for sipview/multipart.hpp: multipart bodies (RFC 2046 §5.1, RFC
// 5621) cut into parts with their header lines and bodies, the boundary
// checked, a missing close delimiter and bad delimiter lines rejected at
// their byte, nested multiparts checked to a depth limit; and the typed
// Content-Disposition of a part.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/message.hpp>
#include <sipview/multipart.hpp>

#include <string>
#include <string_view>

using namespace sipview;

namespace {

/// An RFC 5621 §3.1-style body: SDP plus a recipient list, CRLF line ends.
std::string const mixed =
    "--boundary1\r\n"
    "Content-Type: application/sdp\r\n"
    "\r\n"
    "v=0\r\n"
    "o=alice 2890844526 2890842807 IN IP4 atlanta.example.com\r\n"
    "\r\n"
    "--boundary1\r\n"
    "Content-Type: application/resource-lists+xml\r\n"
    "Content-Disposition: recipient-list;handling=required\r\n"
    "\r\n"
    "<resource-lists/>\r\n"
    "--boundary1--\r\n";

} // namespace

TEST_CASE("a multipart body: each part's header lines, typed Content-Type and Content-Disposition, and body", "[multipart]") {
    body_part parts[4];
    header_field headers[8];
    auto mp = parse_multipart(mixed, "boundary1", parts, headers);
    REQUIRE(mp);
    REQUIRE(mp->size() == 2);
    body_part const& sdp = (*mp)[0];
    CHECK(sdp.content_type().value().is("application", "sdp"));
    CHECK(sdp.body == "v=0\r\no=alice 2890844526 2890842807 IN IP4 atlanta.example.com\r\n");
    CHECK(sdp.body_offset == mixed.find("v=0"));
    CHECK(sdp.headers.size() == 1);
    CHECK(sdp.headers[0].offset == mixed.find("Content-Type"));
    CHECK_FALSE(sdp.disposition());
    body_part const& list = (*mp)[1];
    CHECK(list.content_type().value().subtype == "resource-lists+xml");
    auto disp = list.disposition();
    REQUIRE(disp);
    REQUIRE(*disp);
    CHECK((*disp)->type == "recipient-list");
    CHECK((*disp)->handling() == std::optional<std::string_view>("required"));
    CHECK(list.body == "<resource-lists/>");
    CHECK(mp->preamble().empty());
    CHECK(mp->epilogue().empty());
}

TEST_CASE("RFC 4475 mpart01: the message's boundary splits its body into a text and a binary part", "[multipart][rfc4475]") {
    std::string const text = sipview_test::read_bytes(SIPVIEW_TEST_DATA "/rfc4475/mpart01.dat");
    header_field h[32];
    auto m = parse_message(text, h);
    REQUIRE(m);
    auto ct = m->content_type();
    REQUIRE(ct);
    auto boundary = multipart_boundary(*ct);
    REQUIRE(boundary);
    CHECK(*boundary == "7a9cbec02ceef655");
    body_part parts[4];
    header_field part_headers[8];
    auto mp = parse_multipart(m->body(), *boundary, parts, part_headers);
    REQUIRE(mp);
    REQUIRE(mp->size() == 2);
    CHECK((*mp)[0].content_type().value().is("text", "plain"));
    CHECK((*mp)[1].content_type().value().is("application", "octet-stream"));
    CHECK(!(*mp)[1].body.empty());
}

TEST_CASE("a part without header lines has the default Content-Type text/plain", "[multipart]") {
    std::string const body = "preamble\r\n--b\r\n\r\nhello\r\n--b--\r\nepilogue";
    body_part parts[2];
    header_field headers[2];
    auto mp = parse_multipart(body, "b", parts, headers);
    REQUIRE(mp);
    REQUIRE(mp->size() == 1);
    CHECK((*mp)[0].headers.empty());
    CHECK((*mp)[0].body == "hello");
    CHECK((*mp)[0].content_type().value().is("text", "plain"));
    CHECK(mp->preamble() == "preamble\r\n");
    CHECK(mp->epilogue() == "epilogue");
}

TEST_CASE("boundary text that does not start a delimiter line is part of the body", "[multipart]") {
    std::string const body = "--b\r\n\r\nx --b y\r\n--bz\r\n--b--";
    body_part parts[2];
    header_field headers[2];
    auto mp = parse_multipart(body, "b", parts, headers);
    REQUIRE(mp);
    CHECK((*mp)[0].body == "x --b y\r\n--bz");
}

TEST_CASE("multipart errors at their byte: no first boundary, no close, bad delimiter line, bad part header", "[multipart]") {
    body_part parts[4];
    header_field headers[8];
    struct bad_case {
        std::string_view body;
        std::size_t offset;
        diag id;
    };
    for (auto const& c : {bad_case{"no boundary at all", 0, diag::mp_first_boundary},
                          bad_case{"--b\r\n\r\npart\r\n", 13, diag::mp_close_missing},
                          bad_case{"--b--\r\n", 3, diag::mp_boundary_line},
                          bad_case{"--b\r\n\r\nx\r\n--b-- junk", 16, diag::mp_boundary_line},
                          bad_case{"--b\r\nContent-Type text/plain\r\n\r\nx\r\n--b--", 18, diag::msg_header_colon},
                          bad_case{"--b\r\nX: 1\n\r\nx\r\n--b--", 9, diag::msg_bare_lf}}) {
        INFO(c.body);
        auto mp = parse_multipart(c.body, "b", parts, headers);
        REQUIRE_FALSE(mp);
        CHECK(mp.error().offset == c.offset);
        CHECK(mp.error().id == c.id);
    }
    // more parts than storage
    body_part one[1];
    auto full = parse_multipart(mixed, "boundary1", one, headers);
    REQUIRE_FALSE(full);
    CHECK(full.error().id == diag::mp_too_many_parts);
}

TEST_CASE("the boundary parameter: required, 1 to 70 bchars, not ending in a space", "[multipart]") {
    auto ct = [](std::string_view v) { return parse_media_type(v).value(); };
    CHECK(multipart_boundary(ct("multipart/mixed;boundary=\"a b\"")).value() == "a b");
    std::string const long_boundary = "multipart/mixed;boundary=" + std::string(71, 'x');
    auto too_long = multipart_boundary(ct(long_boundary));
    REQUIRE_FALSE(too_long);
    CHECK(too_long.error().id == diag::mp_boundary_length);
    CHECK(too_long.error().offset == long_boundary.find("=") + 1 + 70);
    CHECK(multipart_boundary(ct("multipart/mixed;boundary=\"ab \"")).error().id == diag::mp_boundary_char);
    CHECK(multipart_boundary(ct("multipart/mixed")).error().id == diag::mp_boundary_missing);
    CHECK(multipart_boundary(ct("application/sdp")).error().id == diag::mp_not_multipart);
    CHECK(multipart_boundary(ct(std::string("multipart/mixed;boundary=") + std::string(70, 'x'))));
}

TEST_CASE("nested multiparts are checked down to the depth limit", "[multipart]") {
    std::string const inner = "--in\r\nContent-Type: text/plain\r\n\r\ninner\r\n--in--";
    std::string const body = "--out\r\nContent-Type: multipart/alternative;boundary=in\r\n\r\n" + inner + "\r\n--out--";
    body_part parts[2];
    header_field headers[8];
    auto mp = parse_multipart(body, "out", parts, headers);
    REQUIRE(mp);
    REQUIRE(mp->size() == 1);
    CHECK((*mp)[0].body == inner);
    auto shallow = parse_multipart(body, "out", parts, headers, 1);
    REQUIRE_FALSE(shallow);
    CHECK(shallow.error().id == diag::mp_too_deep);
    CHECK(shallow.error().offset == body.find("--in"));
    // a broken inner body is an error at its byte in the outer body
    std::string const broken = "--out\r\nContent-Type: multipart/alternative;boundary=in\r\n\r\n--in\r\n\r\nx\r\n--out--";
    auto bad = parse_multipart(broken, "out", parts, headers);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().id == diag::mp_close_missing);
}

TEST_CASE("Content-Disposition is typed: disp-type, handling and parameters", "[multipart][disposition]") {
    auto d = parse_content_disposition("session;handling=optional");
    REQUIRE(d);
    CHECK(d->type == "session");
    CHECK(d->handling() == std::optional<std::string_view>("optional"));
    auto bad = parse_content_disposition("session;handling");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().id == diag::disp_handling_equal);
    CHECK(bad.error().offset == 16);
    CHECK(parse_content_disposition("").error().id == diag::disp_type);
}
