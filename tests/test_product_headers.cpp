// Tests for product.hpp (Server, User-Agent), the Authentication-Info section
// of auth.hpp and charging_vector.hpp (P-Charging-Vector): the RFCs'
// examples and values real phones and servers send parse with every field
// readable, malformed values fail at their byte with their diag id, values
// format canonically and re-parse, and the headers are typed in a message
// through the registry.
#include "catch.hpp"
#include "rejection.hpp"

#include <sipview/format.hpp>
#include <sipview/message.hpp>

#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace sipview;

namespace {

template <class T>
std::string formatted(T const& v) {
    std::string s;
    format(v, std::back_inserter(s));
    return s;
}

/// Each server-val as "name/version", "name" or "(comment)".
std::vector<std::string> items(product_list const& l) {
    std::vector<std::string> out;
    for (product_item const& p : l) {
        if (p.is_comment()) {
            REQUIRE(p.comment);
            CHECK(p.name.empty());
            CHECK_FALSE(p.version);
            out.push_back("(" + std::string(*p.comment) + ")");
        } else {
            CHECK_FALSE(p.comment);
            out.push_back(std::string(p.name) + (p.version ? "/" + std::string(*p.version) : std::string()));
        }
    }
    return out;
}

using sipview_test::bad_value;
using sipview_test::check_rejected;

using strings = std::vector<std::string>;

} // namespace

// ---------------------------------------------------------------------------
// Server, User-Agent

TEST_CASE("Server, User-Agent: the RFC 3261 examples are products without versions", "[product]") {
    auto s = parse_product_list("HomeServer v2");  // §20.35
    REQUIRE(s);
    CHECK(s->size() == 2);
    CHECK(items(*s) == strings{"HomeServer", "v2"});
    auto u = parse_product_list("Softphone Beta1.5");  // §20.41
    REQUIRE(u);
    CHECK(items(*u) == strings{"Softphone", "Beta1.5"});
}

TEST_CASE("Server, User-Agent: values phones and servers send", "[product]") {
    auto l = parse_product_list("Linphone/5.2.0 (belle-sip/5.2.0)");
    REQUIRE(l);
    REQUIRE(l->size() == 2);
    auto it = l->begin();
    CHECK(it->kind == product_kind::product);
    CHECK(it->name == "Linphone");
    CHECK(it->version == std::optional<std::string_view>("5.2.0"));
    CHECK(it->text == "Linphone/5.2.0");
    ++it;
    CHECK(it->kind == product_kind::comment);
    CHECK(it->comment == std::optional<std::string_view>("belle-sip/5.2.0"));
    CHECK(it->text == "(belle-sip/5.2.0)");
    ++it;
    CHECK(it == l->end());

    auto a = parse_product_list("Asterisk PBX 18.10.0");
    REQUIRE(a);
    CHECK(items(*a) == strings{"Asterisk", "PBX", "18.10.0"});  // three products: a version needs '/'
    auto g = parse_product_list("Grandstream GXP2170 1.0.11.23");
    REQUIRE(g);
    CHECK(items(*g) == strings{"Grandstream", "GXP2170", "1.0.11.23"});
    auto m = parse_product_list(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36");
    REQUIRE(m);
    CHECK(items(*m) == strings{"Mozilla/5.0", "(X11; Linux x86_64)", "AppleWebKit/537.36", "(KHTML, like Gecko)",
                               "Chrome/120.0.0.0", "Safari/537.36"});
    auto y = parse_product_list("Yealink SIP-T21P_E2 52.84.0.15");
    REQUIRE(y);
    CHECK(y->size() == 3);
}

TEST_CASE("Server, User-Agent: comments nest, hold quoted-pairs, UTF-8 and folds; SLASH takes whitespace", "[product]") {
    auto n = parse_product_list("x (a (b) c)");
    REQUIRE(n);
    CHECK(items(*n) == strings{"x", "(a (b) c)"});
    auto q = parse_product_list("x (a \\) b \\( c)");  // quoted-pairs: the parentheses do not count
    REQUIRE(q);
    CHECK(items(*q) == strings{"x", "(a \\) b \\( c)"});
    auto u = parse_product_list("Phone/1 (d\xC3\xA9j\xC3\xA0 vu)");  // UTF8-NONASCII in ctext
    REQUIRE(u);
    CHECK(items(*u) == strings{"Phone/1", "(d\xC3\xA9j\xC3\xA0 vu)"});
    auto f = parse_product_list("Phone / 1\r\n (build\r\n 7)  ");  // LWS around '/', folds, trailing whitespace
    REQUIRE(f);
    CHECK(items(*f) == strings{"Phone/1", "(build\r\n 7)"});
    CHECK(f->text() == "Phone / 1\r\n (build\r\n 7)");
    auto e = parse_product_list("x ()");
    REQUIRE(e);
    CHECK(items(*e) == strings{"x", "()"});
    auto c = parse_product_list("(only a comment)");
    REQUIRE(c);
    CHECK(c->size() == 1);
    CHECK(c->front().is_comment());
}

TEST_CASE("Server, User-Agent: 100000 nested comments parse without recursion", "[product]") {
    std::string deep = "x " + std::string(100000, '(') + "y" + std::string(100000, ')');
    auto d = parse_product_list(deep);
    REQUIRE(d);
    CHECK(d->size() == 2);
    std::string open = "x " + std::string(100000, '(') + "y" + std::string(99999, ')');
    auto o = parse_product_list(open);
    REQUIRE_FALSE(o);
    CHECK(o.error().id == diag::prod_comment_unterminated);
    CHECK(o.error().offset == 2);  // the outer '(' that is never closed
}

TEST_CASE("Server, User-Agent: malformed values fail at their byte", "[product]") {
    check_rejected(parse_product_list, {
        {"(abc", 0, diag::prod_comment_unterminated},
        {"Linphone/5.2.0 (belle-sip/5.2.0", 15, diag::prod_comment_unterminated},
        {"x (a (b) c", 2, diag::prod_comment_unterminated},
        {"a(b)", 1, diag::prod_end},                       // server-vals are separated by LWS
        {"a/", 2, diag::prod_version},
        {"a/ (b)", 3, diag::prod_version},
        {"x (a))", 5, diag::prod_end},
        {"x (a\\\r\n b)", 5, diag::prod_comment_quoted_pair},  // a quoted-pair is not CR
        {"x (\xC3)", 3, diag::prod_comment_utf8},
        {"x (\xFF)", 3, diag::prod_comment_utf8},
        {"", 0, diag::prod_value},
        {"x <y>", 2, diag::prod_value},
        {"x\r\ny", 1, diag::msg_header_text},              // CRLF without WSP is not a fold
        {"x (a\x01)", 4, diag::msg_header_text},           // a control byte is said as such
        {"\x1b]0;pwned\x07", 0, diag::msg_header_text},
    });
}

TEST_CASE("Server, User-Agent: format writes one SP between server-vals, folds unfolded", "[product][format]") {
    auto f = parse_product_list("Phone  /  1\r\n (build\r\n 7)\t(a (b) c)");
    REQUIRE(f);
    std::string const out = formatted(*f);
    CHECK(out == "Phone/1 (build 7) (a (b) c)");
    auto again = parse_product_list(out);
    REQUIRE(again);
    CHECK(formatted(*again) == out);
    CHECK(formatted(*parse_product_list("Linphone/5.2.0 (belle-sip/5.2.0)")) == "Linphone/5.2.0 (belle-sip/5.2.0)");
}

TEST_CASE("Server, User-Agent: checked format refuses a hand-made comment or product it could not read back", "[product][format]") {
    product_item c;
    c.kind = product_kind::comment;
    c.comment = "a) X-Injected: (b";
    CHECK(check_format(c));
    c.comment = "a\r\nX: b";
    CHECK(check_format(c));
    c.comment = "fine (nested) \\) too";
    CHECK_FALSE(check_format(c));
    CHECK(formatted(c) == "(fine (nested) \\) too)");
    product_item p;
    p.name = "Phone";
    p.version = "1 2";
    CHECK(check_format(p));
    p.version = "1.2";
    CHECK(formatted(p) == "Phone/1.2");
}

// ---------------------------------------------------------------------------
// Authentication-Info

TEST_CASE("Authentication-Info: the RFC 3261 §20.6 example and the RFC 7616 §3.5 fields", "[auth_info]") {
    auto r = parse_authentication_info("nextnonce=\"47364c23432d2e131a5fb210812c\"");
    REQUIRE(r);
    REQUIRE(r->nextnonce());
    CHECK(r->nextnonce()->text() == "47364c23432d2e131a5fb210812c");
    CHECK(r->nextnonce()->quoted);
    CHECK_FALSE(r->rspauth());
    CHECK_FALSE(r->qop());

    auto full = parse_authentication_info(
        "nextnonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", qop=auth,\r\n rspauth=\"6629fae49393a05397450978507c4ef1\", "
        "cnonce=\"0a4f113b\", nc=00000001 ");
    REQUIRE(full);
    CHECK(full->qop()->text() == "auth");
    CHECK(full->rspauth()->text() == "6629fae49393a05397450978507c4ef1");
    CHECK(full->cnonce()->text() == "0a4f113b");
    CHECK(full->nc()->text() == "00000001");
    CHECK(full->params().size() == 5);
    CHECK(formatted(*full) == "nextnonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", qop=auth, rspauth=\"6629fae49393a05397450978507c4ef1\", "
                              "cnonce=\"0a4f113b\", nc=00000001");

    auto ext = parse_authentication_info("rspauth=\"\", foo=bar, baz=\"q\"");  // *LHEX may be empty; other auth-params (RFC 7615)
    REQUIRE(ext);
    CHECK(ext->rspauth()->text().empty());
    CHECK(ext->param_value("baz")->text() == "q");
}

TEST_CASE("Authentication-Info: a repeated field, bad quoting or hex fail at their byte", "[auth_info]") {
    check_rejected(parse_authentication_info, {
        {"nextnonce=\"a\", nextnonce=\"b\"", 15, diag::ainfo_duplicate},
        {"qop=auth, rspauth=\"ab\", QOP=auth-int", 24, diag::ainfo_duplicate},  // names are case-insensitive
        {"nc=00000001, cnonce=\"x\", nc=00000002", 25, diag::ainfo_duplicate},
        {"nextnonce=47364c23", 10, diag::ainfo_nextnonce_quoted},
        {"rspauth=\"6629FAE4\"", 13, diag::ainfo_rspauth_case},
        {"rspauth=\"6629xyz\"", 13, diag::ainfo_rspauth},
        {"rspauth=6629", 8, diag::ainfo_rspauth},
        {"cnonce=0a4f113b", 7, diag::auth_cnonce_quoted},
        {"nc=0000001", 10, diag::auth_nc},
        {"qop=\"auth\"", 4, diag::auth_qop_token},
        {"nextnonce=\"a\" qop=auth", 14, diag::auth_missing_comma},
        {"nextnonce=\"a\",", 14, diag::auth_trailing_comma},
    });
    // a repeated unknown auth-param is not one of the five: accepted
    CHECK(parse_authentication_info("foo=1, foo=2"));
}

// ---------------------------------------------------------------------------
// P-Charging-Vector

TEST_CASE("P-Charging-Vector: the RFC 7315 example and the IMS forms", "[charging]") {
    auto r = parse_p_charging_vector("icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net");
    REQUIRE(r);
    CHECK(r->icid_value() == "1234bc9876e");
    CHECK(r->icid_generated_at() == std::optional<std::string_view>("192.0.6.8"));
    CHECK(r->orig_ioi() == std::optional<std::string_view>("home1.net"));
    CHECK_FALSE(r->term_ioi());
    CHECK(formatted(*r) == "icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net");

    auto q = parse_p_charging_vector(
        "icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\";icid-generated-at=[2001:db8::1];"
        "orig-ioi=\"Type 3home1.net\";term-ioi=visited.net;transit-ioi=\"a.1\";related-icid=x");
    REQUIRE(q);
    CHECK(q->icid_value() == "\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"");
    CHECK(q->icid_generated_at() == std::optional<std::string_view>("[2001:db8::1]"));
    CHECK(q->term_ioi() == std::optional<std::string_view>("visited.net"));
    CHECK(q->params().size() == 6);
    std::string const out = formatted(*q);
    auto again = parse_p_charging_vector(out);
    REQUIRE(again);
    CHECK(again->params().size() == 6);
}

TEST_CASE("P-Charging-Vector: icid-value first and once, icid-generated-at a host", "[charging]") {
    check_rejected(parse_p_charging_vector, {
        {"orig-ioi=home1.net", 0, diag::pcv_icid_value},
        {"", 0, diag::pcv_icid_value},
        {"icid-value", 10, diag::pcv_equal},
        {"icid-value=", 11, diag::pcv_value},
        {"icid-value=1;icid-value=2", 13, diag::pcv_duplicate},
        {"icid-value=1; orig-ioi=a; ORIG-IOI=b", 26, diag::pcv_duplicate},
        {"icid-value=1;icid-generated-at=\"192.0.6.8\"", 31, diag::pcv_host},
        {"icid-value=1;icid-generated-at=a_b", 31, diag::pcv_host},
        {"icid-value=1;term-ioi", 21, diag::pcv_equal},
        {"icid-value=1;;", 13, diag::pcv_param},
        {"icid-value=1 x", 13, diag::pcv_end},
    });
}

// ---------------------------------------------------------------------------
// The registry

TEST_CASE("Server, User-Agent, Authentication-Info, P-Charging-Vector are typed registry rows", "[registry]") {
    CHECK(header::server::format == value_format::typed);
    CHECK(header::user_agent::format == value_format::typed);
    CHECK(header::authentication_info::format == value_format::typed);
    CHECK(header::p_charging_vector::format == value_format::typed);
    CHECK(header::server::json);
    CHECK(header::user_agent::json);
    CHECK(header::authentication_info::json);
    CHECK(header::p_charging_vector::json);
    CHECK_FALSE(header::server::text);
    CHECK(lookup_header("p-charging-vector") == header_id::p_charging_vector);
    CHECK(header::p_charging_vector::key == "p_charging_vector");
}

TEST_CASE("the product headers in a message: get<>, formatted, and a malformed one rejects the message at its byte",
          "[registry][message]") {
    std::string const text =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:a@example.com>;tag=2\r\n"
        "From: <sip:a@example.com>;tag=1\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\n"
        "Server: Asterisk PBX 18.10.0\r\nUser-Agent:  Linphone/5.2.0\r\n (belle-sip/5.2.0)\r\n"
        "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth\r\n"
        "P-Charging-Vector: icid-value=1234bc9876e; orig-ioi=home1.net\r\n"
        "Content-Length: 0\r\n\r\n";
    header_field h[32];
    auto m = parse_message(text, h);
    REQUIRE(m);
    auto server = m->get<header::server>();
    REQUIRE(server);
    CHECK(server->size() == 3);
    auto ua = m->get<header::user_agent>();
    REQUIRE(ua);
    CHECK(items(*ua) == strings{"Linphone/5.2.0", "(belle-sip/5.2.0)"});
    auto ai = m->get<header::authentication_info>();
    REQUIRE(ai);
    std::size_t n = 0;
    for (authentication_info const& a : *ai) {
        CHECK(a.qop()->text() == "auth");
        ++n;
    }
    CHECK(n == 1);
    CHECK(m->get<header::p_charging_vector>().value().orig_ioi() == std::optional<std::string_view>("home1.net"));
    std::string out;
    format(*m, std::back_inserter(out));
    CHECK(out.find("\r\nUser-Agent: Linphone/5.2.0 (belle-sip/5.2.0)\r\n") != std::string::npos);
    CHECK(out.find("\r\nP-Charging-Vector: icid-value=1234bc9876e;orig-ioi=home1.net\r\n") != std::string::npos);

    for (auto const& [line, at] : {std::pair<std::string_view, std::size_t>{"Server: Phone (1.0\r\n", 14},
                                   {"User-Agent: a(b)\r\n", 13},
                                   {"Authentication-Info: rspauth=\"AB\"\r\n", 30},
                                   {"P-Charging-Vector: orig-ioi=x\r\n", 19}}) {
        std::string bad = text;
        std::size_t const line_at = bad.find("Content-Length");
        bad.insert(line_at, std::string(line));
        // the good Server / User-Agent / P-Charging-Vector lines go, so each header appears once
        for (std::string_view name : {"Server: Asterisk", "User-Agent:  Linphone", "P-Charging-Vector: icid"}) {
            if (line.substr(0, 6) != name.substr(0, 6)) continue;
            std::size_t const b = bad.find(std::string(name));
            std::size_t const e = bad.find("\r\n", name == "User-Agent:  Linphone" ? bad.find("(belle", b) : b);
            bad.erase(b, e + 2 - b);
        }
        INFO(line);
        auto r = parse_message(bad, h);
        REQUIRE_FALSE(r);
        CHECK(r.error().offset == bad.find(std::string(line)) + at);
    }
}
