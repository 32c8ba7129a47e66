// Tests for sipview/name_addr.hpp: name-addr, addr-spec, header parameters,
// Contact/Route lists (RFC 3261 §20.10, §20.20, §20.34, §20.39).
#include "catch.hpp"
#include "support.hpp"

#include <sipview/name_addr.hpp>

#include <string>
#include <vector>

using namespace sipview;
using sipview_test::opt;

namespace {
std::string decoded_display(name_addr const& n) {
    char buf[128];
    auto d = n.decode_display_name(buf, sizeof buf);
    REQUIRE(d);
    return std::string(*d);
}
} // namespace

TEST_CASE("RFC 3261 From examples parse with display name, URI and tag", "[name_addr][rfc3261]") {
    auto r = parse_name_addr("\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s");
    REQUIRE(r);
    CHECK(opt(r->display_name) == "\"A. G. Bell\"");
    CHECK(r->display_name_quoted);
    CHECK(decoded_display(*r) == "A. G. Bell");
    CHECK(r->bracketed);
    CHECK(r->uri.text == "sip:agb@bell-telephone.com");
    CHECK(opt(r->tag()) == "a48s");

    auto b = parse_name_addr("sip:+12125551212@server.phone2net.com;tag=887s");
    REQUIRE(b);
    CHECK_FALSE(b->bracketed);
    CHECK(b->uri.text == "sip:+12125551212@server.phone2net.com");
    CHECK(opt(b->tag()) == "887s");

    auto c = parse_name_addr("Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8");
    REQUIRE(c);
    CHECK(opt(c->display_name) == "Anonymous");
    CHECK_FALSE(c->display_name_quoted);
}

TEST_CASE("a token display name may span several tokens", "[name_addr]") {
    auto r = parse_name_addr("Mr. Watson <sip:watson@worcester.bell-telephone.com>");
    REQUIRE(r);
    CHECK(opt(r->display_name) == "Mr. Watson");
    CHECK(decoded_display(*r) == "Mr. Watson");
}

TEST_CASE("a token display name needs no LWS before < (RFC 4475 lwsdisp)", "[name_addr][rfc4475]") {
    auto r = parse_name_addr("caller<sip:caller@example.com>;tag=323");
    REQUIRE(r);
    CHECK(opt(r->display_name) == "caller");
    CHECK(opt(r->tag()) == "323");
}

TEST_CASE("quoted display names may hold comma, < and escaped quotes", "[name_addr]") {
    auto r = parse_name_addr(R"("Bell, <Alexander> \"AGB\"" <sip:a.g.bell@example.com>;tag=1)");
    REQUIRE(r);
    CHECK(decoded_display(*r) == R"(Bell, <Alexander> "AGB")");
    CHECK(r->uri.host == "example.com");
}

TEST_CASE("an empty quoted display name is present and empty", "[name_addr]") {
    auto r = parse_name_addr(R"(""<sip:x@example.com>)");
    REQUIRE(r);
    REQUIRE(r->display_name);
    CHECK(decoded_display(*r).empty());
}

TEST_CASE("a URI inside <> keeps its own parameters apart from header parameters", "[name_addr]") {
    auto r = parse_name_addr("<sip:+19725552222@gw1.example.net;unknownparam>;expires=60");
    REQUIRE(r);
    CHECK(r->uri.params_text == ";unknownparam");
    CHECK(r->params_text == ";expires=60");
    CHECK(r->expires() == std::uint32_t{60});
}

TEST_CASE("an addr-spec without <> gives its ;params to the header (RFC 3261 20.10)", "[name_addr]") {
    auto r = parse_name_addr("sip:+19725552222@gw1.example.net;unknownparam");
    REQUIRE(r);
    CHECK(r->uri.params_text.empty());
    CHECK(r->params_text == ";unknownparam");
    CHECK(r->params().contains("unknownparam"));
}

TEST_CASE("an addr-spec keeps nothing from the name-addr attempt before it", "[name_addr]") {
    // "sip" reads as a token display name until ':' makes the name-addr fail;
    // the addr-spec that follows must not inherit that display name.
    auto r = parse_name_addr("sip:alice@atlanta.example.com;tag=1");
    REQUIRE(r);
    CHECK_FALSE(r->display_name);
    CHECK_FALSE(r->display_name_quoted);
    CHECK_FALSE(r->bracketed);
    CHECK(r->uri.text == "sip:alice@atlanta.example.com");
    CHECK(r->tag() == std::optional<std::string_view>("1"));
}

TEST_CASE("header parameter names are matched whole and in any case", "[name_addr]") {
    auto r = parse_name_addr("<sip:a@b>;TAG=x1;tags=abc;Q=0.5;expiresX=7;EXPIRES=60");
    REQUIRE(r);
    CHECK(r->tag() == std::optional<std::string_view>("x1"));
    CHECK(r->q() == std::uint16_t{500});
    CHECK(r->expires() == std::uint32_t{60});
    CHECK(r->params().contains("tags"));
    CHECK(r->params().contains("expiresX"));
    // a known name with a malformed value never falls back to generic-param
    auto bad = parse_name_addr("<sip:a@b>;tag");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().offset == 13);
    CHECK(bad.error().id == diag::na_tag_equal);
    // after '>' the URI is done: no URI hint for a problem in the parameters
    auto spaced = parse_name_addr("<sip:a@b>;tag x");
    REQUIRE_FALSE(spaced);
    CHECK(spaced.error().offset == 13);
    CHECK(spaced.error().id == diag::na_tag_equal);
    CHECK(spaced.error().hint == info(diag::na_param_whitespace_hint).hint);
}

TEST_CASE("a URI with ? outside <> is rejected (RFC 4475 regbadct)", "[name_addr][rfc4475]") {
    auto r = parse_name_addr("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
    REQUIRE_FALSE(r);
    CHECK(r.error().offset == 20);
    CHECK(r.error().id == diag::na_end);
    CHECK(r.error().hint == info(diag::na_brackets_hint).hint);
}

TEST_CASE("non-token characters in an unquoted display name are rejected (RFC 4475 baddn)", "[name_addr][rfc4475]") {
    auto r = parse_name_addr("Bell, Alexander <sip:a.g.bell@example.com>;tag=43");
    REQUIRE_FALSE(r);
    CHECK(r.error().offset == 4);
    CHECK(r.error().id == diag::na_unquoted_display_name);
}

TEST_CASE("whitespace inside <> is rejected (RFC 4475 badaspec)", "[name_addr][rfc4475]") {
    auto r = parse_name_addr("\"Watson, Thomas\" < sip:t.watson@example.org >");
    REQUIRE_FALSE(r);
    CHECK(r.error().offset == 18);
    CHECK(r.error().id == diag::na_whitespace_in_brackets);
}

TEST_CASE("an unterminated quoted display name is rejected (RFC 4475 quotbal)", "[name_addr][rfc4475]") {
    std::string_view const text = "\"Mr. J. User <sip:j.user@example.com>";
    auto r = parse_name_addr(text);
    REQUIRE_FALSE(r);
    CHECK(r.error().offset == text.size());
    CHECK(r.error().id == diag::core_quoted_unterminated);
    CHECK(r.error().hint == info(diag::na_close_quote_hint).hint);
}

TEST_CASE("LWS and line folds around ; and = in header params (RFC 4475 wsinv)", "[name_addr][rfc4475]") {
    auto r = parse_name_addr("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8");
    REQUIRE(r);
    CHECK(decoded_display(*r) == "J Rosenberg \\\"");
    CHECK(opt(r->tag()) == "98asjd8");
}

TEST_CASE("q and expires are typed; malformed values are errors at the value", "[name_addr]") {
    auto r = parse_name_addr("<sip:a@b>;q=0.7;expires=3600");
    REQUIRE(r);
    CHECK(r->q() == std::uint16_t{700});
    CHECK(r->expires() == std::uint32_t{3600});
    CHECK(parse_name_addr("<sip:a@b>;q=1.000").value().q() == std::uint16_t{1000});
    auto bad_q = parse_name_addr("<sip:a@b>;q=2");
    REQUIRE_FALSE(bad_q);
    CHECK(bad_q.error().offset == 12);
    CHECK(bad_q.error().id == diag::na_q_value);
    CHECK_FALSE(parse_name_addr("<sip:a@b>;q=1.5"));
    auto bad_expires = parse_name_addr("<sip:a@b>;expires=soon");
    REQUIRE_FALSE(bad_expires);
    CHECK(bad_expires.error().offset == 18);
    CHECK(bad_expires.error().id == diag::na_expires_value);
    auto big = parse_name_addr("<sip:a@b>;expires=99999999999");
    REQUIRE_FALSE(big);
    CHECK(big.error().offset == 18);
    CHECK(big.error().id == diag::na_expires_range);
    CHECK_FALSE(parse_name_addr("<sip:a@b>;tag="));
}

TEST_CASE("other schemes inside <> and as addr-spec (RFC 4475 unksm2)", "[name_addr][rfc4475]") {
    auto a = parse_name_addr("<http://www.example.com>;tag=3234233");
    REQUIRE(a);
    CHECK(a->uri.scheme == "http");
    CHECK(opt(a->tag()) == "3234233");
    auto b = parse_name_addr("isbn:2983792873");
    REQUIRE(b);
    CHECK(b->uri.scheme == "isbn");
}

TEST_CASE("seed From values: second @ and missing host are pinned to their bytes", "[name_addr][seed]") {
    auto a = parse_name_addr("<sip:1001@domain@fqdn.tld:5080>;tag=829762152");
    REQUIRE_FALSE(a);
    CHECK(a.error().offset == 16);
    CHECK(a.error().id == diag::uri_second_at);
    auto b = parse_name_addr("<sip:1001@;transport=TCP>");
    REQUIRE_FALSE(b);
    CHECK(b.error().offset == 10);
    CHECK(b.error().id == diag::uri_host_missing);
}

TEST_CASE("Contact: * is the star form with no elements", "[contact]") {
    auto r = parse_contact_list("*");
    REQUIRE(r);
    CHECK(r->is_star());
    CHECK(r->empty());
    CHECK(r->begin() == r->end());
}

TEST_CASE("a Contact list splits on commas outside quotes and <>", "[contact]") {
    auto r = parse_contact_list("\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600, "
                                "\"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1, \"a,b\" <sip:c,1@d;x=1>, sip:e@f");
    REQUIRE(r);
    CHECK(r->size() == 4);
    std::vector<std::string> uris;
    for (name_addr const& n : *r) uris.emplace_back(n.uri.text);
    std::vector<std::string> const want{"sip:watson@worcester.bell-telephone.com", "mailto:watson@bell-telephone.com",
                                        "sip:c,1@d;x=1", "sip:e@f"};
    CHECK(uris == want);
    CHECK(r->front().q() == std::uint16_t{700});
}

TEST_CASE("each Contact element starts fresh: no display name carried over", "[contact]") {
    auto r = parse_contact_list("\"A\" <sip:a@h>;expires=5, sip:b@h, <sip:c@h>");
    REQUIRE(r);
    std::vector<std::string> names;
    for (name_addr const& n : *r) names.emplace_back(opt(n.display_name));
    CHECK(names == std::vector<std::string>{"\"A\"", "<none>", "<none>"});
}

TEST_CASE("a trailing comma in a Contact list is an error after it", "[contact]") {
    auto r = parse_contact_list("<sip:a@b>,");
    REQUIRE_FALSE(r);
    CHECK(r.error().offset == 10);
}

TEST_CASE("Route lists require <> around each URI", "[route]") {
    auto r = parse_route_list("<sip:p1.example.com;lr>, <sip:p2.domain.com;lr>");
    REQUIRE(r);
    CHECK(r->size() == 2);
    auto it = r->begin();
    CHECK(it->uri.host == "p1.example.com");
    CHECK(it->uri.params().contains("lr"));
    ++it;
    CHECK(it->uri.host == "p2.domain.com");
    CHECK_FALSE(parse_route_list("sip:p1.example.com;lr"));
}

TEST_CASE("whitespace may precede a quoted display name as it may precede '<'", "[name_addr]") {
    // quoted-string = SWS DQUOTE ... and LAQUOT = SWS "<" (RFC 3261 §25.1)
    for (std::string_view const text : {" \"User\" <sip:user@host>", "\t\"User\"<sip:user@host>", " <sip:user@host>"}) {
        INFO(text);
        auto r = sipview::parse_name_addr(text);
        REQUIRE(r);
        CHECK(r->uri.host == "host");
        if (r->display_name) CHECK(*r->display_name == "\"User\"");  // from its DQUOTE, no leading whitespace
    }
    // *(token LWS) has no leading whitespace in its rule: a token display name stays strict
    auto t = sipview::parse_name_addr(" User <sip:user@host>");
    REQUIRE_FALSE(t);
    CHECK(t.error().offset == 0);
    CHECK(t.error().id == diag::na_leading_whitespace);
}
