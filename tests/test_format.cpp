// Tests for sipview/format.hpp: every AST written back in canonical spacing.
// Round-trip properties over RFC 3261 examples, the LWS-heavy RFC 4475
// values and everything in tests/data: format -> parse gives an equal AST
// (field by field), formatting is idempotent, and the size / buffer /
// iterator forms agree.
#include "catch.hpp"

#include <sipview/format.hpp>

#include "fuzz/ast_check.hpp"
#include "fuzz/corpus.hpp"

#include <cstring>
#include <string>
#include <vector>

using namespace sipview;
using sipview_check::formatted;

namespace {

std::string show(std::string_view v) {
    std::string s;
    for (char c : v) {
        if (c == '\r') s += "\\r";
        else if (c == '\n') s += "\\n";
        else if (c == '\t') s += "\\t";
        else s += c;
    }
    return s;
}

/// format -> parse -> same AST; format again -> same text; forms agree.
/// Returns the canonical text.
template <class T, class Parse>
std::string round_trip(T const& ast, Parse parse, format_options const& o = {}) {
    std::string const text = formatted(ast, o);
    INFO("formatted: " << show(text));
    sipview_check::why w;
    CHECK(sipview_check::forms_agree(ast, text, o, w));
    auto again = parse(text);
    if (!again) INFO("re-parse error at " << again.error().offset << ": " << again.error().message);
    REQUIRE(again);
    sipview_check::why d;
    bool const equal = sipview_check::same(ast, *again, d);
    INFO("differs in: " << (d.field ? d.field : "-"));
    CHECK(equal);
    CHECK(formatted(*again, o) == text);
    return text;
}

/// Parses `input` (which must be accepted) and round-trips it.
template <class Parse>
std::string round_trip_text(std::string_view input, Parse parse) {
    INFO("input: " << show(input));
    auto r = parse(input);
    if (!r) INFO("parse error at " << r.error().offset << ": " << r.error().message);
    REQUIRE(r);
    return round_trip(*r, parse);
}

std::vector<sipview_corpus::item> const& corpus() {
    static std::vector<sipview_corpus::item> const items = sipview_corpus::load(SIPVIEW_TEST_DATA);
    return items;
}

/// parse_message into header storage of its own: Slot 0 for the message
/// under test, 1 for its re-parse (the first AST must stay intact).
template <int Slot, bool Validate>
result<message> parse_msg(std::string_view t) {
    static header_field h[256];
    message_options o;
    o.validate = Validate;
    return parse_message(t, h, 256, o);
}
auto const parse_default = parse_msg<0, true>;
auto const reparse_default = parse_msg<1, true>;
auto const parse_lenient = parse_msg<2, false>;
auto const reparse_lenient = parse_msg<3, false>;

} // namespace

// ---------------------------------------------------------------------------
// URIs

TEST_CASE("URIs are written from their fields, unchanged", "[format][uri]") {
    char const* const uris[] = {
        // RFC 3261 §19.1.3
        "sip:alice@atlanta.com",
        "sip:alice:secretword@atlanta.com;transport=tcp",
        "sips:alice@atlanta.com?subject=project%20x&priority=urgent",
        "sip:+1-212-555-1212:1234@gateway.com;user=phone",
        "sips:1212@gateway.com",
        "sip:alice@192.0.2.4",
        "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
        "sip:alice;day=tuesday@atlanta.com",
        // more shapes
        "sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent",
        "sip:[2001:db8::10]:5070",
        "sip:alice:@host",
        "sip:host;lr;maddr=[::1]?h=",
        "tel:+1-212-555-1212;phone-context=example.com",
        "mailto:watson@bell-telephone.com",
        "SIP:UPPER@Example.COM:5060;Transport=UDP",
    };
    for (char const* u : uris) CHECK(round_trip_text(u, parse_uri) == u);
}

TEST_CASE("a URI built by hand is written from its fields", "[format][uri]") {
    uri u;
    u.kind = uri_scheme::sips;
    u.user = "bob";
    u.host = "[2001:db8::1]";
    u.host_kind = host_type::ipv6;
    u.port_text = "5061";
    u.params_text = ";transport=tls;lr";
    CHECK(formatted(u) == "sips:bob@[2001:db8::1]:5061;transport=tls;lr");
    std::string const text = formatted(u);
    auto back = parse_uri(text);
    REQUIRE(back);
    CHECK(back->host_address() == "2001:db8::1");
    CHECK(back->port() == 5061);

    uri t;
    t.scheme = "tel";
    t.opaque = "+1-212-555-1212";
    CHECK(formatted(t) == "tel:+1-212-555-1212");
}

// ---------------------------------------------------------------------------
// name-addr

TEST_CASE("name-addr in canonical spacing", "[format][name_addr]") {
    struct row {
        char const* in;
        char const* out;
    };
    row const rows[] = {
        // RFC 3261 §20.20, §20.39
        {"\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s", "\"A. G. Bell\" <sip:agb@bell-telephone.com>;tag=a48s"},
        {"sip:+12125551212@server.phone2net.com;tag=887s", "sip:+12125551212@server.phone2net.com;tag=887s"},
        {"Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8", "Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8"},
        {"The Operator <sip:operator@cs.columbia.edu>;tag=287447", "The Operator <sip:operator@cs.columbia.edu>;tag=287447"},
        {"Bob <sip:bob@biloxi.com>", "Bob <sip:bob@biloxi.com>"},
        // RFC 4475 wsinv: LWS and folds around every separator
        {"sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n", "sip:vivekg@chair-dnrc.example.com;tag=1918181833n"},
        {"\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8",
         "\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>;tag=98asjd8"},
        // RFC 4475 lwsdisp: no LWS before <
        {"caller<sip:caller@example.com>;tag=323", "caller <sip:caller@example.com>;tag=323"},
        // several words, folded
        {"Mr.   J.\r\n  User <sip:j.user@example.com>", "Mr. J. User <sip:j.user@example.com>"},
        // a fold inside a quoted display name keeps its whitespace, loses its CRLF
        {"\"first\r\n second\" <sip:a@b>", "\"first second\" <sip:a@b>"},
        {"\"\" <sip:a@b>;x=\"q v\";y=[::1];flag", "\"\" <sip:a@b>;x=\"q v\";y=[::1];flag"},
        {"<sip:a@b;lr>;expires=0;q=0.5", "<sip:a@b;lr>;expires=0;q=0.5"},
    };
    for (auto const& r : rows) CHECK(round_trip_text(r.in, parse_name_addr) == r.out);
}

TEST_CASE("a name-addr is bracketed when its URI needs it or it has a display name", "[format][name_addr]") {
    auto r = parse_name_addr("sip:a@b;tag=1");
    REQUIRE(r);
    name_addr n = *r;
    n.uri = *parse_uri("sip:a@b;transport=tcp");
    CHECK(formatted(n) == "<sip:a@b;transport=tcp>;tag=1");
    n.uri = *parse_uri("sip:a@b");
    n.display_name = "Alice Smith";
    CHECK(formatted(n) == "Alice Smith <sip:a@b>;tag=1");
}

TEST_CASE("Contact and Route lists", "[format][name_addr]") {
    CHECK(round_trip_text("*", parse_contact_list) == "*");
    CHECK(round_trip_text("\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600,\r\n"
                          " \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1",
                          parse_contact_list) ==
          "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7;expires=3600, "
          "\"Mr. Watson\" <mailto:watson@bell-telephone.com>;q=0.1");
    CHECK(round_trip_text("\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33",
                          parse_contact_list) == "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com>;newparam=newvalue;secondparam;q=0.33");
    CHECK(round_trip_text("<sip:bigbox3.site3.atlanta.com;lr> ,  <sip:server10.biloxi.com;lr>", parse_route_list) ==
          "<sip:bigbox3.site3.atlanta.com;lr>, <sip:server10.biloxi.com;lr>");
    CHECK(round_trip_text("<sip:services.example.com;lr;unknownwith=value;unknown-no-value>", parse_route_list) ==
          "<sip:services.example.com;lr;unknownwith=value;unknown-no-value>");
}

// ---------------------------------------------------------------------------
// Via

TEST_CASE("Via in canonical spacing", "[format][via]") {
    struct row {
        char const* in;
        char const* out;
    };
    row const rows[] = {
        {"SIP/2.0/UDP erlang.bell-telephone.com:5060;branch=z9hG4bK87asdks7",
         "SIP/2.0/UDP erlang.bell-telephone.com:5060;branch=z9hG4bK87asdks7"},
        {"SIP/2.0/UDP 192.0.2.1:5060 ;received=192.0.2.207 ;branch=z9hG4bK77asjd",
         "SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.207;branch=z9hG4bK77asjd"},
        // RFC 3261 §20.42 compact example
        {"SIP / 2.0 / UDP first.example.com: 4000;ttl=16\r\n ;maddr=224.2.0.1 ;branch=z9hG4bKa7c6a8dlze.1",
         "SIP/2.0/UDP first.example.com:4000;ttl=16;maddr=224.2.0.1;branch=z9hG4bKa7c6a8dlze.1"},
        // RFC 4475 wsinv
        {"SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw", "SIP/2.0/UDP 192.0.2.2;branch=390skdjuw"},
        {"SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n"
         " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239",
         "SIP/2.0/TCP spindle.example.com;branch=z9hG4bK9ikj8, SIP/2.0/UDP 192.168.255.111;branch=z9hG4bK30239"},
        {"SIP/2.0/TCP [2001:db8::9:1];received=2001:db8::9:255;rport;alias;x=\"a b\"",
         "SIP/2.0/TCP [2001:db8::9:1];received=2001:db8::9:255;rport;alias;x=\"a b\""},
    };
    for (auto const& r : rows) CHECK(round_trip_text(r.in, parse_via_list) == r.out);
}

// ---------------------------------------------------------------------------
// Credentials and challenges

TEST_CASE("credentials and challenges in canonical spacing", "[format][auth]") {
    // RFC 3261 §20.7, with a 32-digit response (the RFC's example has 35 hex digits, which parse_credentials rejects)
    CHECK(round_trip_text("Digest username=\"Alice\", realm=\"atlanta.com\",\r\n nonce=\"84a4cc6f3082121f32b42a2187831a9e\",\r\n"
                          " response=\"7587245234b3434cc3412213e5f113a5\"",
                          parse_credentials) ==
          "Digest username=\"Alice\", realm=\"atlanta.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", "
          "response=\"7587245234b3434cc3412213e5f113a5\"");
    CHECK(round_trip_text("Digest username=\"1001\", realm=\"company1\", nonce=\"a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c\", uri=\"sip:company1\", "
                          "response=\"d888f365bdf1fbe9d690c8d4fef099ba\", algorithm=MD5, cnonce=\"5e2b9c7a\", qop=auth, nc=00000001",
                          parse_credentials) ==
          "Digest username=\"1001\", realm=\"company1\", nonce=\"a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c\", uri=\"sip:company1\", "
          "response=\"d888f365bdf1fbe9d690c8d4fef099ba\", algorithm=MD5, cnonce=\"5e2b9c7a\", qop=auth, nc=00000001");
    CHECK(round_trip_text("Digest realm=\"atlanta.com\",\r\n domain=\"sip:boxesbybob.com\", qop=\"auth,auth-int\", "
                          "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5",
                          parse_challenge) ==
          "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth,auth-int\", "
          "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5");
}

// ---------------------------------------------------------------------------
// Everything in tests/data

TEST_CASE("every accepted header value and URI in tests/data round-trips", "[format][corpus]") {
    std::size_t tried = 0;
    for (auto const& it : corpus()) {
        INFO(it.origin);
        switch (it.kind) {
        case sipview_corpus::entry::uri:
            if (parse_uri(it.text)) { round_trip_text(it.text, parse_uri); ++tried; }
            break;
        case sipview_corpus::entry::name_addr:
            if (parse_name_addr(it.text)) { round_trip_text(it.text, parse_name_addr); ++tried; }
            break;
        case sipview_corpus::entry::contact:
            if (parse_contact_list(it.text)) { round_trip_text(it.text, parse_contact_list); ++tried; }
            break;
        case sipview_corpus::entry::route:
            if (parse_route_list(it.text)) { round_trip_text(it.text, parse_route_list); ++tried; }
            break;
        case sipview_corpus::entry::via:
            if (parse_via_list(it.text)) { round_trip_text(it.text, parse_via_list); ++tried; }
            break;
        case sipview_corpus::entry::credentials:
            if (parse_credentials(it.text)) { round_trip_text(it.text, parse_credentials); ++tried; }
            break;
        case sipview_corpus::entry::challenge:
            if (parse_challenge(it.text)) { round_trip_text(it.text, parse_challenge); ++tried; }
            break;
        case sipview_corpus::entry::message:
            break;
        }
    }
    CHECK(tried > 100);
}

TEST_CASE("every accepted message in tests/data round-trips", "[format][message][corpus]") {
    std::size_t strict = 0, lenient = 0;
    for (auto const& it : corpus()) {
        if (it.kind != sipview_corpus::entry::message) continue;
        INFO(it.origin);
        if (auto r = parse_default(it.text)) {
            ++strict;
            round_trip(*r, reparse_lenient);
            auto again = reparse_default(formatted(*r));  // and still passes validation
            if (!again) INFO("re-parse error at " << again.error().offset << ": " << again.error().message);
            CHECK(again);
        }
        if (auto r = parse_lenient(it.text)) {
            ++lenient;
            round_trip(*r, reparse_lenient);
            format_options o;
            o.header_names = format_options::names::compact;
            round_trip(*r, reparse_lenient, o);
            o.header_names = format_options::names::as_written;
            o.typed_values = false;
            round_trip(*r, reparse_lenient, o);
        }
    }
    CHECK(strict >= 15);
    CHECK(lenient >= 40);
}

TEST_CASE("a message is written with canonical names, unfolded values and its body", "[format][message]") {
    std::string const in =
        "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
        "v:  SIP / 2.0 / UDP pc33.atlanta.com\r\n ;branch=z9hG4bK776asdhds\r\n"
        "Max-Forwards: 70\r\n"
        "t: Bob <sip:bob@biloxi.com>\r\n"
        "f: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
        "i: a84b4c76e66710@pc33.atlanta.com\r\n"
        "CSeq: 314159   INVITE\r\n"
        "m: <sip:alice@pc33.atlanta.com>\r\n"
        "Subject: lunch\r\n  today\r\n"
        "c: application/sdp ; charset = utf-8\r\n"
        "l: 5\r\n"
        "\r\n"
        "v=0\r\n";
    auto r = parse_default(in);
    REQUIRE(r);
    std::string const out = round_trip(*r, reparse_default);
    CHECK(out ==
          "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
          "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n"
          "Max-Forwards: 70\r\n"
          "To: Bob <sip:bob@biloxi.com>\r\n"
          "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
          "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n"
          "CSeq: 314159 INVITE\r\n"
          "Contact: <sip:alice@pc33.atlanta.com>\r\n"
          "Subject: lunch  today\r\n"
          "Content-Type: application/sdp;charset=utf-8\r\n"
          "Content-Length: 5\r\n"
          "\r\n"
          "v=0\r\n");
    format_options compact;
    compact.header_names = format_options::names::compact;
    std::string const c = formatted(*r, compact);
    CHECK(c.find("\r\nv: SIP/2.0/UDP") != std::string::npos);
    CHECK(c.find("\r\nCSeq: 314159 INVITE") != std::string::npos);
    CHECK(c.find("\r\nl: 5\r\n") != std::string::npos);

    std::string const resp = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nTo: <sip:b@c>;tag=1\r\n"
                             "From: <sip:a@c>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    auto s = parse_default(resp);
    REQUIRE(s);
    CHECK(round_trip(*s, reparse_default) == resp);
}

TEST_CASE("a buffer too small is errc::too_large; formatted_size is what is needed", "[format]") {
    auto r = parse_name_addr("\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s");
    REQUIRE(r);
    std::size_t const need = formatted_size(*r);
    CHECK(need == std::strlen("\"A. G. Bell\" <sip:agb@bell-telephone.com>;tag=a48s"));
    char buf[64];
    std::memset(buf, 'x', sizeof buf);
    auto small = format(*r, buf, 10);
    REQUIRE_FALSE(small);
    CHECK(small.error().code == errc::too_large);
    CHECK(small.error().offset == 10);
    CHECK(buf[10] == 'x');  // nothing past the capacity
    auto ok = format(*r, buf, need);
    REQUIRE(ok);
    CHECK(ok->size() == need);
    auto zero = format(*r, nullptr, 0);
    CHECK_FALSE(zero);
}
