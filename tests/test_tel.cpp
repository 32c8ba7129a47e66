// Tests for sipview/tel.hpp: tel URIs (RFC 3966) with trunk groups (RFC
// 4904), telephone-subscribers in SIP user parts with user=phone (RFC 3261
// §19.1.6), their comparison (RFC 3966 §4) and formatting; uri_scheme::tel
// through parse_uri, name-addr and Contact; the user=phone warning of
// message validation.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/format.hpp>
#include <sipview/message.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/tel.hpp>
#include <sipview/uri.hpp>

#include <string>
#include <string_view>

using namespace sipview;
using sipview_test::opt;
using namespace std::literals;

namespace {

parse_error tel_error(std::string_view text) {
    auto r = parse_tel_uri(text);
    REQUIRE_FALSE(r);
    return r.error();
}

std::string digits_of(tel_uri const& t) {
    char buf[64];
    auto d = t.digits(buf, sizeof buf);
    REQUIRE(d);
    return std::string(*d);
}

std::string formatted(tel_uri const& t) {
    char buf[512];
    auto r = format(t, buf, sizeof buf);
    REQUIRE(r);
    return std::string(*r);
}

std::string invite(std::string_view request_uri, std::string_view from, std::string_view contact) {
    std::string m = "INVITE " + std::string(request_uri) + " SIP/2.0\r\n";
    m += "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n";
    m += "Max-Forwards: 70\r\n";
    m += "To: <sip:bob@biloxi.com>\r\n";
    m += "From: " + std::string(from) + ";tag=1928301774\r\n";
    m += "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n";
    m += "CSeq: 314159 INVITE\r\n";
    m += "Contact: " + std::string(contact) + "\r\n";
    m += "Content-Length: 0\r\n\r\n";
    return m;
}

std::size_t count_warnings(message const& m, diag id) {
    std::size_t n = 0;
    for (auto const& w : m.warnings()) n += w.id == id;
    return n;
}
} // namespace

// ---------------------------------------------------------------------------
// RFC 3966 and RFC 4904 examples

TEST_CASE("RFC 3966 section 6 examples parse with their parts", "[tel][rfc3966]") {
    auto g = parse_tel_uri("tel:+1-201-555-0123");
    REQUIRE(g);
    CHECK(g->global());
    CHECK(g->scheme == "tel");
    CHECK(g->number == "+1-201-555-0123");
    CHECK(digits_of(*g) == "+12015550123");
    CHECK_FALSE(g->phone_context);
    CHECK(g->params().empty());
    CHECK(g->text == "tel:+1-201-555-0123");

    auto l = parse_tel_uri("tel:7042;phone-context=example.com");
    REQUIRE(l);
    CHECK_FALSE(l->global());
    CHECK(l->number == "7042");
    CHECK(opt(l->phone_context) == "example.com");
    CHECK(l->params_text == ";phone-context=example.com");
    CHECK(l->params().size() == 1);

    auto p = parse_tel_uri("tel:863-1234;phone-context=+1-914-555");
    REQUIRE(p);
    CHECK_FALSE(p->global());
    CHECK(digits_of(*p) == "8631234");
    CHECK(opt(p->phone_context) == "+1-914-555");
}

TEST_CASE("isub, ext, other parameters and local number characters", "[tel][rfc3966]") {
    std::string_view const text = "tel:+1-201-555-0123;ext=1234;isub=8a%20b;postd=pp22;npdi";
    auto r = parse_tel_uri(text);
    REQUIRE(r);
    CHECK(opt(r->ext) == "1234");
    CHECK(opt(r->isub) == "8a%20b");
    CHECK(opt(r->param_value("postd")) == "pp22");
    CHECK(r->params().contains("npdi"));
    CHECK(r->params().size() == 4);
    CHECK(r->isub->data() == text.data() + 34);  // a view, not a copy

    // every order the ABNF allows: the context between, before or after the other pars
    for (auto t : {"tel:7042;isub=1;phone-context=example.com;ext=5"sv, "tel:7042;phone-context=example.com;ext=5;isub=1"sv,
                   "tel:7042;ext=5;isub=1;phone-context=example.com"sv, "tel:7042;foo=bar;phone-context=example.com."sv}) {
        INFO(t);
        auto o = parse_tel_uri(t);
        REQUIRE(o);
        CHECK(o->phone_context.has_value());
    }
    // HEXDIG, '*' and '#' in a local number; separators anywhere in it
    auto h = parse_tel_uri("tel:*86#;phone-context=example.com");
    REQUIRE(h);
    CHECK(h->number == "*86#");
    auto x = parse_tel_uri("tel:(0A)B.c-1;phone-context=+49");
    REQUIRE(x);
    CHECK(digits_of(*x) == "0ABc1");
    // a global number may carry phone-context through the generic parameter rule
    CHECK(parse_tel_uri("tel:+1-212-555-1212;phone-context=example.com"));
    // the scheme in any case
    auto up = parse_tel_uri("TEL:+1");
    REQUIRE(up);
    CHECK(up->scheme == "TEL");
}

TEST_CASE("RFC 4904 trunk groups in tel and sip URIs", "[tel][rfc4904]") {
    auto g = parse_tel_uri("tel:+16305550100;tgrp=TG-1;trunk-context=+1-630");
    REQUIRE(g);
    CHECK(opt(g->tgrp()) == "TG-1");
    CHECK(opt(g->trunk_context()) == "+1-630");

    auto l = parse_tel_uri("tel:5550100;phone-context=+1-630;tgrp=TG-1;trunk-context=example.com");
    REQUIRE(l);
    CHECK(opt(l->phone_context) == "+1-630");
    CHECK(opt(l->tgrp()) == "TG-1");
    CHECK(opt(l->trunk_context()) == "example.com");

    for (auto s : {"sip:+16305550100;tgrp=TG-1;trunk-context=example.com@isp.example.net;user=phone"sv,
                   "sip:5550100;phone-context=+1-630;tgrp=TG-1;trunk-context=example.com@isp.example.net;user=phone"sv}) {
        INFO(s);
        auto u = parse_uri(s);
        REQUIRE(u);
        CHECK(u->kind == uri_scheme::sip);
        auto t = u->telephone_subscriber();
        REQUIRE(t);
        CHECK(opt(t->tgrp()) == "TG-1");
        CHECK(opt(t->trunk_context()) == "example.com");
    }
    // the trunk group label: unreserved, escapes, / & + $
    CHECK(parse_tel_uri("tel:+1;tgrp=a/b&c+d$e%41;trunk-context=example.com"));
    auto e = tel_error("tel:+1;tgrp=a[b;trunk-context=example.com");
    CHECK(e.id == diag::tel_tgrp_value);
    CHECK(e.offset == 13);
}

// ---------------------------------------------------------------------------
// Rejections: id and byte

TEST_CASE("the invalid tel forms of issue 12 are rejected at their byte", "[tel][errors]") {
    struct row { std::string_view text; diag id; std::size_t offset; };
    row const rows[] = {
        {"tel:911;p1=p1;p2=p2", diag::tel_local_needs_context, 19},  // where ;phone-context= was needed
        {"tel:+14086661212;", diag::tel_trailing_semicolon, 16},     // the ';'
        {"tel:+", diag::tel_global_no_digit, 5},                     // where the digits should start
        {"tel:-", diag::tel_local_no_digit, 4},                      // a separator with no digit
        {"tel:+1;isub=", diag::tel_isub_empty, 12},                  // where the value should start
        {"tel:+1;;x=1", diag::tel_empty_param, 7},                   // the second ';'
    };
    for (row const& r : rows) {
        INFO(r.text);
        parse_error const e = tel_error(r.text);
        CHECK(e.id == r.id);
        CHECK(e.offset == r.offset);
        CHECK(e.code == errc::syntax);
        CHECK_FALSE(e.hint.empty());
        CHECK_FALSE(e.message.empty());
        // the same through parse_uri: never accepted as an absoluteURI
        auto u = parse_uri(r.text);
        REQUIRE_FALSE(u);
        CHECK(u.error().id == r.id);
        CHECK(u.error().offset == r.offset);
        // and inside <> of a name-addr, one byte later
        std::string const na = "<" + std::string(r.text) + ">";
        auto n = parse_name_addr(na);
        REQUIRE_FALSE(n);
        CHECK(n.error().id == r.id);
        CHECK(n.error().offset == r.offset + 1);
    }
}

TEST_CASE("other malformed tel URIs, each with its id and byte", "[tel][errors]") {
    struct row { std::string_view text; diag id; std::size_t offset; };
    row const rows[] = {
        {"tel:", diag::tel_number, 4},
        {"tel:x", diag::tel_number, 4},
        {"tel:+-().", diag::tel_global_no_digit, 5},
        {"tel:+1;ext=", diag::tel_ext_value, 11},
        {"tel:+1;ext=--", diag::tel_ext_value, 11},
        {"tel:+1;ext=12a", diag::tel_ext_value, 13},
        {"tel:+1;isub=1;isub=2", diag::tel_duplicate_param, 14},
        {"tel:1;phone-context=a.com;Phone-Context=b.com", diag::tel_duplicate_param, 26},
        {"tel:+1;ext", diag::tel_param_needs_value, 10},
        {"tel:+1;_x", diag::tel_param_name, 7},
        {"tel:+1;x=", diag::tel_param_value, 9},
        {"tel:+1;x=%4g", diag::core_percent_escape, 9},
        {"tel:1;phone-context=", diag::tel_descriptor, 20},
        {"tel:1;phone-context=1.2.3.4", diag::tel_descriptor, 20},
        {"tel:1;phone-context=exa_mple.com", diag::tel_descriptor, 23},
        {"tel:1;phone-context=+", diag::tel_descriptor, 20},
        {"tel:+1;trunk-context=-a.com", diag::tel_descriptor, 21},
        {"tel:+1 ", diag::tel_end, 6},
        {"tel:+1?x=y", diag::tel_end, 6},
        {"tel:1", diag::tel_local_needs_context, 5},
    };
    for (row const& r : rows) {
        INFO(r.text);
        parse_error const e = tel_error(r.text);
        CHECK(e.id == r.id);
        CHECK(e.offset == r.offset);
    }
    auto s = tel_error("sip:+1@h");
    CHECK(s.id == diag::tel_scheme);
    CHECK(s.offset == 0);
    auto t = tel_error("te");
    CHECK(t.id == diag::tel_scheme);
    CHECK(t.offset == 2);
}

// ---------------------------------------------------------------------------
// digits()

TEST_CASE("digits() removes visual separators into caller storage", "[tel][digits]") {
    auto r = parse_tel_uri("tel:+1-(201).555-0123");
    REQUIRE(r);
    char buf[12];
    auto d = r->digits(buf, sizeof buf);
    REQUIRE(d);
    CHECK(*d == "+12015550123");
    CHECK(d->data() == buf);
    char small[5];
    auto f = r->digits(small, sizeof small);
    REQUIRE_FALSE(f);
    CHECK(f.error().id == diag::decode_buffer_full);
}

// ---------------------------------------------------------------------------
// compare_tel_uris (RFC 3966 §4)

TEST_CASE("tel URIs compare with separators ignored and parameters as a set", "[tel][compare]") {
    auto eq = [](std::string_view a, std::string_view b) {
        auto x = parse_tel_uri(a);
        auto y = parse_tel_uri(b);
        REQUIRE(x);
        REQUIRE(y);
        tel_difference const d1 = compare_tel_uris(*x, *y);
        tel_difference const d2 = compare_tel_uris(*y, *x);
        CHECK(d1.equal() == d2.equal());  // symmetric
        CHECK(compare_tel_uris(*x, *x).equal());  // reflexive
        return d1.equal();
    };
    CHECK(eq("tel:+1-201-555-0123", "tel:+12015550123"));
    CHECK(eq("tel:+1(201)555.0123", "TEL:+1-201-555-0123"));
    CHECK(eq("tel:7042;phone-context=example.com", "tel:7042;PHONE-CONTEXT=Example.COM"));
    CHECK(eq("tel:863-1234;phone-context=+1-914-555", "tel:8631234;phone-context=+1914555"));
    CHECK(eq("tel:+1;isub=ab;ext=12;x=1", "tel:+1;x=1;ext=1-2;isub=AB"));
    CHECK(eq("tel:+1;isub=%41b", "tel:+1;isub=ab"));
    CHECK(eq("tel:abc;phone-context=example.com", "tel:ABC;phone-context=example.com"));
    CHECK_FALSE(eq("tel:+12015550123", "tel:+12015550124"));
    CHECK_FALSE(eq("tel:7042;phone-context=example.com", "tel:7042;phone-context=example.net"));
    CHECK_FALSE(eq("tel:+1;x", "tel:+1;x=1"));
    CHECK_FALSE(eq("tel:+1", "tel:+1;ext=2"));
    CHECK_FALSE(eq("tel:+1;x=1;x=2", "tel:+1;x=1"));
}

TEST_CASE("compare_tel_uris names the first difference and its parts", "[tel][compare]") {
    std::string_view const ta = "tel:+1-201-555-0123;isub=1411;ext=22";
    std::string_view const tb = "tel:+12015550123;ext=23;isub=1411";
    auto a = parse_tel_uri(ta);
    auto b = parse_tel_uri(tb);
    REQUIRE(a);
    REQUIRE(b);
    tel_difference d = compare_tel_uris(*a, *b);
    CHECK(d.rule == tel_rule::param);
    CHECK(d.rule_name() == "tel-param");
    CHECK(d.param_name == "ext");
    CHECK(d.a_part == "ext=22");
    CHECK(d.b_part == "ext=23");
    CHECK(d.a_part.data() >= ta.data());  // views into the inputs
    CHECK(d.b_part.data() >= tb.data());
    CHECK_FALSE(d.explanation.empty());
    char buf[32];
    auto rule = d.write_rule(buf, sizeof buf);
    REQUIRE(rule);
    CHECK(*rule == "tel-param:ext");

    auto c = parse_tel_uri("tel:+1;Tgrp=x;trunk-context=a.com");
    auto e = parse_tel_uri("tel:+1;trunk-context=a.com");
    REQUIRE(c);
    REQUIRE(e);
    d = compare_tel_uris(*c, *e);
    CHECK(d.rule == tel_rule::param);
    CHECK(d.param_name == "Tgrp");
    CHECK(d.a_part == "Tgrp=x");
    CHECK(d.b_part.empty());
    REQUIRE(d.write_rule(buf, sizeof buf));
    CHECK(*d.write_rule(buf, sizeof buf) == "tel-param:tgrp");
    d = compare_tel_uris(*e, *c);  // present in b only
    CHECK(d.param_name == "Tgrp");
    CHECK(d.a_part.empty());
    CHECK(d.b_part == "Tgrp=x");

    auto g = parse_tel_uri("tel:+7042");
    auto l = parse_tel_uri("tel:7042;phone-context=example.com");
    REQUIRE(g);
    REQUIRE(l);
    d = compare_tel_uris(*g, *l);
    CHECK(d.rule == tel_rule::number);
    CHECK(d.rule_name() == "tel-number");
    CHECK(d.a_part == "+7042");
    CHECK(d.b_part == "7042");
    CHECK(compare_tel_uris(*g, *g).rule == tel_rule::equal);
    CHECK(tel_uri_equal(*l, *l));
}

TEST_CASE("compare_tel_uris reports one parameter with the parts swapped both ways when a name repeats", "[tel][compare]") {
    // Each side has an x the other lacks: a's x=2, b's X=I. The one sorting
    // first (name, then value: '2' < 'i') is reported, paired with the other
    // side's first x, whichever URI comes first.
    auto a = parse_tel_uri("tel:+10123;ext24;x=%8a20b;x=2");
    auto b = parse_tel_uri("tel:+10123;EXT24;X=%8A20B;X=I");
    REQUIRE(a);
    REQUIRE(b);
    tel_difference const ab = compare_tel_uris(*a, *b);
    tel_difference const ba = compare_tel_uris(*b, *a);
    CHECK(ab.rule == tel_rule::param);
    CHECK(ab.a_part == "x=2");
    CHECK(ab.b_part == "X=%8A20B");
    CHECK(ba.rule == tel_rule::param);
    CHECK(ba.a_part == ab.b_part);
    CHECK(ba.b_part == ab.a_part);
    CHECK(ba.param_name == ab.param_name);
}

// ---------------------------------------------------------------------------
// user=phone (RFC 3261 §19.1.6)

TEST_CASE("a SIP URI with user=phone exposes its telephone-subscriber", "[tel][user-phone]") {
    std::string_view const text = "sip:+358-555-1234567;postd=pp22@foo.com;user=phone";
    auto u = parse_uri(text);
    REQUIRE(u);
    CHECK(u->kind == uri_scheme::sip);
    CHECK(opt(u->user) == "+358-555-1234567;postd=pp22");
    auto t = u->telephone_subscriber();
    REQUIRE(t);
    CHECK(t->global());
    CHECK(t->number == "+358-555-1234567");
    CHECK(digits_of(*t) == "+3585551234567");
    CHECK(opt(t->param_value("postd")) == "pp22");
    CHECK(t->scheme.empty());
    CHECK(t->number.data() == text.data() + 4);

    auto direct = parse_telephone_subscriber("+358-555-1234567;postd=pp22");
    REQUIRE(direct);
    CHECK(direct->number == "+358-555-1234567");

    // RFC 3261 §19.1.3's example with a password
    auto pw = parse_uri("sip:+1-212-555-1212:1234@gateway.com;user=phone");
    REQUIRE(pw);
    auto pt = pw->telephone_subscriber();
    REQUIRE(pt);
    CHECK(digits_of(*pt) == "+12125551212");

    // an invalid telephone-subscriber: the error is at its byte in the URI text
    auto bad = parse_uri("sip:911@example.com;user=phone");
    REQUIRE(bad);  // a valid SIP URI all the same
    auto be = bad->telephone_subscriber();
    REQUIRE_FALSE(be);
    CHECK(be.error().id == diag::tel_local_needs_context);
    CHECK(be.error().offset == 7);

    // no user=phone, or no user part: no telephone-subscriber
    for (auto s : {"sip:+1234@example.com"sv, "sip:example.com;user=phone"sv, "sip:+1@example.com;user=ip"sv, "mailto:a@b.c"sv}) {
        INFO(s);
        auto v = parse_uri(s);
        REQUIRE(v);
        auto r = v->telephone_subscriber();
        REQUIRE_FALSE(r);
        CHECK(r.error().id == diag::tel_not_phone);
    }
    // USER=PHONE in any case
    auto ci = parse_uri("sip:+1@example.com;USER=Phone");
    REQUIRE(ci);
    CHECK(ci->telephone_subscriber());
}

// ---------------------------------------------------------------------------
// uri_scheme::tel

TEST_CASE("parse_uri returns tel URIs as uri_scheme::tel", "[tel][uri]") {
    std::string_view const text = "tel:+1-201-555-0123;ext=7";
    auto u = parse_uri(text);
    REQUIRE(u);
    CHECK(u->kind == uri_scheme::tel);
    CHECK(u->is_tel());
    CHECK_FALSE(u->is_sip());
    CHECK_FALSE(u->is_secure());
    CHECK(u->scheme == "tel");
    CHECK(u->opaque == "+1-201-555-0123;ext=7");
    CHECK(u->text == text);
    auto t = u->telephone_subscriber();
    REQUIRE(t);
    CHECK(opt(t->ext) == "7");
    CHECK(t->text == text);
    // other schemes are still absoluteURIs
    auto o = parse_uri("urn:service:sos");
    REQUIRE(o);
    CHECK(o->kind == uri_scheme::other);
}

TEST_CASE("a tel URI in a name-addr, a Contact list and outside <>", "[tel][name-addr]") {
    auto n = parse_name_addr("\"Bob\" <tel:7042;phone-context=example.com>;tag=x1");
    REQUIRE(n);
    CHECK(n->uri.kind == uri_scheme::tel);
    CHECK(n->uri.text == "tel:7042;phone-context=example.com");
    CHECK(opt(n->tag()) == "x1");

    // outside <> a ';' starts the header parameters (RFC 3261 §20)
    auto bare = parse_name_addr("tel:+1-201-555-0123;tag=x2");
    REQUIRE(bare);
    CHECK(bare->uri.kind == uri_scheme::tel);
    CHECK(bare->uri.text == "tel:+1-201-555-0123");
    CHECK(opt(bare->tag()) == "x2");
    // so a local number cannot be written there
    auto local = parse_name_addr("tel:7042;phone-context=example.com");
    REQUIRE_FALSE(local);
    CHECK(local.error().id == diag::tel_local_needs_context);
    CHECK(local.error().offset == 8);

    auto c = parse_contact_list("<tel:+1-201-555-0123>, <sip:bob@biloxi.com>");
    REQUIRE(c);
    auto it = c->begin();
    CHECK(it->uri.kind == uri_scheme::tel);
    ++it;
    CHECK(it->uri.kind == uri_scheme::sip);
    auto bad = parse_contact_list("<sip:a@b>, <tel:+1;;x>");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().id == diag::tel_empty_param);
    CHECK(bad.error().offset == 19);
}

// ---------------------------------------------------------------------------
// Formatting

TEST_CASE("a tel URI formats as written and reads back equal", "[tel][format]") {
    for (auto s : {"tel:+1-201-555-0123"sv, "tel:7042;phone-context=example.com"sv, "TEL:863-1234;phone-context=+1-914-555"sv,
                   "tel:+1;isub=a%20b;ext=1-2;tgrp=TG-1;trunk-context=example.com;npdi;x=y"sv}) {
        INFO(s);
        auto r = parse_tel_uri(s);
        REQUIRE(r);
        std::string const f = formatted(*r);
        CHECK(f == s);
        CHECK(formatted_size(*r) == s.size());
        CHECK_FALSE(check_format(*r));
        auto back = parse_tel_uri(f);
        REQUIRE(back);
        CHECK(compare_tel_uris(*r, *back).equal());
        CHECK(back->number == r->number);
        CHECK(back->params_text == r->params_text);
        CHECK(opt(back->phone_context) == opt(r->phone_context));
        CHECK(opt(back->isub) == opt(r->isub));
        CHECK(opt(back->ext) == opt(r->ext));
        // and as a uri
        auto u = parse_uri(s);
        REQUIRE(u);
        char buf[256];
        auto fu = format(*u, buf, sizeof buf);
        REQUIRE(fu);
        CHECK(*fu == s);
    }
    // a telephone-subscriber formats as a tel URI
    auto sub = parse_telephone_subscriber("+358-555-1234567;postd=pp22");
    REQUIRE(sub);
    CHECK(formatted(*sub) == "tel:+358-555-1234567;postd=pp22");
}

TEST_CASE("checked mode refuses a tel URI that would not read back", "[tel][format]") {
    tel_uri t;
    t.number = "7042";  // a local number without its phone-context
    auto r = check_format(t);
    REQUIRE(r);
    CHECK(r->id == diag::tel_local_needs_context);
    CHECK(r->offset == 8);
    t.params_text = ";phone-context=example.com";
    CHECK_FALSE(check_format(t));
    CHECK(formatted(t) == "tel:7042;phone-context=example.com");
    t.number = "+1\r\n";
    auto b = check_format(t);
    REQUIRE(b);
    CHECK(b->offset == 6);

    uri u;  // a hand-built uri with scheme tel: its opaque part is checked as a telephone-subscriber
    u.scheme = "tel";
    u.opaque = "911";
    char buf[64];
    auto f = format(u, buf, sizeof buf);
    REQUIRE_FALSE(f);
    CHECK(f.error().id == diag::tel_local_needs_context);
    CHECK(f.error().offset == 7);
    u.opaque = "+1-212-555-1212";
    CHECK(format(u, buf, sizeof buf));
}

// ---------------------------------------------------------------------------
// Message validation: user=phone

TEST_CASE("a user=phone user part that is no telephone-subscriber is a warning", "[tel][message][validate]") {
    header_field h[32];
    std::string const good = invite("sip:+1-212-555-1212@gw.example.com;user=phone", "<sip:+358-555-1234567;postd=pp22@foo.com;user=phone>",
                                     "<sip:7042;phone-context=example.com@gw.example.com;user=phone>");
    auto g = parse_message(good, h);
    REQUIRE(g);
    CHECK(count_warnings(*g, diag::tel_user_phone) == 0);

    std::string const bad = invite("sip:911@gw.example.com;user=phone", "<sip:+1;;x@a.example.com;user=phone>",
                                    "<sip:+1@h;user=phone>, <sip:--@h;user=phone>");
    auto b = parse_message(bad, h);
    REQUIRE(b);  // warnings, not an error
    CHECK(count_warnings(*b, diag::tel_user_phone) == 3);
    std::size_t const ruri = bad.find("911") + 3;          // where ;phone-context= was needed
    std::size_t const from = bad.find("+1;;x") + 3;        // the second ';'
    std::size_t const contact = bad.find("--@h");          // separators without a digit
    std::size_t seen = 0;
    for (auto const& w : b->warnings()) {
        if (w.id != diag::tel_user_phone) continue;
        CHECK(w.code == errc::syntax);
        CHECK_FALSE(w.hint.empty());
        seen += w.offset == ruri || w.offset == from || w.offset == contact;
    }
    CHECK(seen == 3);

    // no user=phone: nothing to say
    std::string const plain = invite("sip:911@gw.example.com", "<sip:--@a.example.com>", "<sip:911@h>");
    auto p = parse_message(plain, h);
    REQUIRE(p);
    CHECK(count_warnings(*p, diag::tel_user_phone) == 0);
}

TEST_CASE("a tel Request-URI and tel From/To parse in a message", "[tel][message]") {
    header_field h[32];
    std::string const text = invite("tel:+1-201-555-0123", "<tel:7042;phone-context=example.com>", "<sip:alice@pc33.atlanta.com>");
    auto m = parse_message(text, h);
    REQUIRE(m);
    CHECK(m->request_uri().kind == uri_scheme::tel);
    auto f = m->from();
    REQUIRE(f);
    CHECK(f->uri.kind == uri_scheme::tel);

    std::string const bad = invite("tel:911", "<sip:a@b.c>", "<sip:alice@pc33.atlanta.com>");
    auto e = parse_message(bad, h);
    REQUIRE_FALSE(e);
    CHECK(e.error().id == diag::tel_local_needs_context);
    CHECK(e.error().offset == 14);
}
