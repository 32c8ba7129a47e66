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
#include <iterator>
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

// ---------------------------------------------------------------------------
// Checked mode: a field holding bytes its position does not allow is refused
// (format_options::checked, the default), at the offset in the output where
// the refused byte would have been written.

namespace {

format_options unchecked() {
    format_options o;
    o.checked = false;
    return o;
}

/// The refusal of the buffer form (which must fail), after checking that
/// check_format says the same and the iterator form writes nothing.
template <class T>
parse_error refusal(T const& v, format_options const& o = {}) {
    char buf[512];
    std::memset(buf, '#', sizeof buf);
    auto r = format(v, buf, sizeof buf, o);
    REQUIRE_FALSE(r);
    auto c = check_format(v, o);
    REQUIRE(c);
    CHECK(c->offset == r.error().offset);
    CHECK(c->expected == r.error().expected);
    CHECK(c->message == r.error().message);
    CHECK(c->id == r.error().id);
    CHECK(c->code == r.error().code);
    std::string s = "kept";
    format(v, std::back_inserter(s), o);
    CHECK(s == "kept");  // nothing written
    // nothing from the refused field on reached the buffer
    std::string_view const written(buf, sizeof buf);
    std::size_t const end = written.find('#');
    CHECK(end <= r.error().offset);
    CHECK(written.find_first_not_of('#', end) == std::string_view::npos);
    return r.error();
}

/// A byte counted from the start of what the unchecked form writes.
template <class T>
std::size_t unchecked_find(T const& v, std::string_view what) {
    return formatted(v, unchecked()).find(what);
}

name_addr alice() {
    name_addr n;
    n.bracketed = true;
    n.uri.kind = uri_scheme::sip;
    n.uri.user = "alice";
    n.uri.host = "atlanta.com";
    return n;
}

via a_via() {
    via v;
    v.protocol_name = "SIP";
    v.protocol_version = "2.0";
    v.transport = "UDP";
    v.host = "pc33.atlanta.com";
    v.params_text = ";branch=z9hG4bK776asdhds";
    return v;
}

} // namespace

TEST_CASE("checked: a CR LF decoded into a URI user part is refused where it would be written (header injection)",
          "[format][checked]") {
    // What decode_percent("alice%0D%0AX-Injected:%20evil", ..., decode_mode::octets) gives.
    std::string const decoded = "alice\r\nX-Injected: evil";
    name_addr n = alice();
    n.uri.user = decoded;
    parse_error const e = refusal(n);
    CHECK(e.code == errc::syntax);
    CHECK(e.offset == 10);  // "<sip:alice" then the CR
    CHECK(e.offset == unchecked_find(n, "\r"));
    CHECK(e.id == diag::msg_format_byte);
    CHECK_FALSE(e.expected.empty());
    CHECK_FALSE(e.message.empty());
    CHECK_FALSE(e.hint.empty());
    // nothing from the user part on is written into the buffer
    char buf[128];
    auto r = format(n, buf, sizeof buf);
    REQUIRE_FALSE(r);
    CHECK(std::string_view(buf, 5) == "<sip:");
    CHECK(std::string_view(buf, sizeof buf).find("X-Injected") == std::string_view::npos);
    // the URI on its own: "sip:alice" then the CR
    CHECK(refusal(n.uri).offset == 9);
    // formatted_size does not check; unchecked mode writes what it is given
    CHECK(formatted_size(n) == formatted(n, unchecked()).size());
    CHECK(formatted(n, unchecked()) == "<sip:alice\r\nX-Injected: evil@atlanta.com>");
    auto u = format(n, buf, sizeof buf, unchecked());
    REQUIRE(u);
    CHECK(*u == "<sip:alice\r\nX-Injected: evil@atlanta.com>");
    // escaped, the same user part is fine
    n.uri.user = "alice%0D%0AX-Injected%3A%20evil";
    CHECK_FALSE(check_format(n));
    CHECK(formatted(n) == "<sip:alice%0D%0AX-Injected%3A%20evil@atlanta.com>");
    n.uri.user = "alice:evil";  // ':' would start the password
    CHECK(refusal(n).offset == 10);
}

TEST_CASE("checked: CR, LF and NUL in a host are refused", "[format][checked]") {
    name_addr n = alice();
    n.uri.host = "atlanta.com\r\nX-Injected: evil";
    CHECK(refusal(n).offset == 22);  // "<sip:alice@atlanta.com" then the CR
    n.uri.host = std::string_view("atlanta\0.com", 12);
    CHECK(refusal(n).offset == 18);
    n.uri.host = "atlanta.com\n";
    CHECK(refusal(n).offset == 22);
    n.uri.host = "atlanta.com;maddr=evil.com";  // bytes of another field
    CHECK(refusal(n).offset == 22);
    n.uri.host = "";
    CHECK(refusal(n).offset == 11);  // the host is missing after '@'

    via v = a_via();
    v.host = "pc33.atlanta.com\r\n";
    CHECK(refusal(v).offset == 28);  // "SIP/2.0/UDP pc33.atlanta.com" then the CR
}

TEST_CASE("checked: CR, LF and NUL in parameter values are refused", "[format][checked]") {
    name_addr n = alice();
    n.params_text = std::string_view(";tag=19\0""28", 10);
    CHECK(refusal(n).offset == 30);  // "<sip:alice@atlanta.com>;tag=19" then the NUL
    n.params_text = ";tag=1928;x=\"a\r\nX-Injected: evil\"";
    CHECK(refusal(n).offset == 37);  // ...;tag=1928;x="a then the CR (no fold: not followed by SP/HTAB)
    n.params_text = ";tag=1928\r\nX-Injected: evil";
    CHECK(refusal(n).offset == 32);
    n.params_text = ";tag=1928;x=\"a\r\n b\"";  // a fold inside a quoted value is fine
    CHECK(formatted(n) == "<sip:alice@atlanta.com>;tag=1928;x=\"a b\"");

    // URI parameters and headers
    uri u = alice().uri;
    u.params_text = ";transport=tcp\r\nX-Injected: evil";
    CHECK(refusal(u).offset == 35);  // "sip:alice@atlanta.com;transport=tcp" then the CR
    u.params_text = ";transport=tcp";
    u.headers_text = std::string_view("subject=a\0b", 11);
    CHECK(refusal(u).offset == 45);  // "...;transport=tcp?subject=a" then the NUL

    // media type parameters
    media_type m;
    m.type = "application";
    m.subtype = "sdp";
    m.params_text = ";charset=utf-8\r\n";
    CHECK(refusal(m).offset == 29);
}

TEST_CASE("checked: CR, LF and NUL in a display name are refused, quoted or not", "[format][checked]") {
    name_addr n = alice();
    n.display_name = "\"Alice\r\nX-Injected: evil\"";
    n.display_name_quoted = true;
    CHECK(refusal(n).offset == 6);  // "Alice then the CR
    n.display_name = std::string_view("\"Ali\0ce\"", 8);
    CHECK(refusal(n).offset == 4);
    // the CRLF of a fold is dropped by the writer: the offset counts what is written
    n.display_name = "\"Al\r\n ice\r\nX\"";
    CHECK(refusal(n).offset == 7);  // "Al ice then the CR
    n.display_name = "\"Al\r\n ice\"";
    CHECK(formatted(n) == "\"Al ice\" <sip:alice@atlanta.com>");

    n.display_name_quoted = false;
    n.display_name = "Alice\r\nX-Injected: evil";
    CHECK(refusal(n).offset == 5);  // Alice then the CR (written as the SP between words)
    n.display_name = std::string_view("Al\0ice", 6);
    CHECK(refusal(n).offset == 2);
    n.display_name = "Alice \"Smith\"";  // not token words
    CHECK(refusal(n).offset == 6);  // Alice, the SP between words, then the '"'
    n.display_name = "Alice\r\n Smith";  // a fold between words is fine
    CHECK(formatted(n) == "Alice Smith <sip:alice@atlanta.com>");
}

TEST_CASE("checked: an unescaped '\"' inside a quoted display name is refused at that quote", "[format][checked]") {
    name_addr n = alice();
    n.display_name_quoted = true;
    n.display_name = "\"Alice\" <sip:evil@evil.com>;x=\"\"";
    parse_error const e = refusal(n);
    CHECK(e.offset == 6);  // the '"' after Alice closes the string early
    CHECK(e.code == errc::syntax);
    n.display_name = "\"Alice";  // not closed at all
    CHECK(refusal(n).offset == 6);
    n.display_name = "Alice\"";  // no opening quote
    CHECK(refusal(n).offset == 0);
    n.display_name = "\"Alice \\\"the boss\\\"\"";  // escaped: fine
    CHECK(formatted(n) == "\"Alice \\\"the boss\\\"\" <sip:alice@atlanta.com>");
}

TEST_CASE("checked: CR, LF and NUL in a Via branch are refused", "[format][checked]") {
    via v = a_via();
    v.params_text = ";branch=z9hG4bK776\r\nX-Injected: evil";
    CHECK(refusal(v).offset == 46);  // "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776" then the CR
    v.params_text = std::string_view(";branch=z9hG4bK\0""776", 18);
    CHECK(refusal(v).offset == 43);
    v.params_text = ";branch=z9hG4bK776;received=\n";
    CHECK(refusal(v).offset == 56);  // the received value is missing at the LF
    v.protocol_name = "SIP\r\n";
    CHECK(refusal(v).offset == 3);

    // a parsed list passes
    auto l = parse_via_list("SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com;branch=z9hG4bK2");
    REQUIRE(l);
    CHECK_FALSE(check_format(*l));
}

TEST_CASE("checked: CR, LF and NUL in a header value of unknown grammar are refused", "[format][checked]") {
    header_field h;
    h.name = "X-Note";
    h.value = "hello\r\nX-Injected: evil";
    CHECK(refusal(h).offset == 13);  // "X-Note: hello" then the CR
    h.value = std::string_view("hel\0lo", 6);
    CHECK(refusal(h).offset == 11);
    h.value = "hello\n";
    CHECK(refusal(h).offset == 13);
    h.value = "hello\r\n world";  // a fold: unfolded when written
    CHECK(formatted(h) == "X-Note: hello world");
    // the offset counts what the unfolding writes
    h.value = "hello\r\n world\r\nX";
    CHECK(refusal(h).offset == 19);  // "X-Note: hello world" then the CR
    format_options as_is;
    as_is.typed_values = false;
    CHECK(refusal(h, as_is).offset == 19);

    // a typed header whose value does not parse is written as it is: same rule
    header_field f;
    f.name = "From";
    f.id = header_id::from;
    f.value = "<sip:a@b>\r\nX-Injected: evil";
    CHECK(refusal(f).offset == 15);  // "From: <sip:a@b>" then the CR
}

TEST_CASE("checked: CR, LF and NUL in a header name are refused", "[format][checked]") {
    header_field h;
    h.name = "X-Note\r\nX-Injected";
    h.value = "1";
    CHECK(refusal(h).offset == 6);
    h.name = std::string_view("X-N\0te", 6);
    CHECK(refusal(h).offset == 3);
    h.name = "X Note";
    CHECK(refusal(h).offset == 1);
    h.name = "";
    CHECK(refusal(h).offset == 0);
    // a known header written by its canonical name: the name as written does not matter
    h.name = "f\r\n";
    h.id = header_id::from;
    h.value = "<sip:a@b>";
    CHECK(formatted(h) == "From: <sip:a@b>");
    format_options as_written;
    as_written.header_names = format_options::names::as_written;
    CHECK(refusal(h, as_written).offset == 1);
}

TEST_CASE("checked: a header edited in the storage of a parsed message is checked, at its offset in the message",
          "[format][checked][message]") {
    std::string const in = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nTo: <sip:b@c>;tag=1\r\n"
                           "From: <sip:a@c>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    header_field h[16];
    auto r = parse_message(in, h);
    REQUIRE(r);
    CHECK_FALSE(check_format(*r));
    REQUIRE(h[3].id == header_id::call_id);
    h[3].value = "x\r\nX-Injected: evil";
    std::size_t const call_id = formatted(*r, unchecked()).find("Call-ID: x") + 10;
    parse_error const e = refusal(*r);
    CHECK(e.offset == call_id);
    h[3].value = "x";
    REQUIRE(h[1].id == header_id::to);
    h[1].value = "<sip:b@c>;tag=1\r\nX-Injected: evil";  // does not parse: written as is
    CHECK(refusal(*r).offset == formatted(*r, unchecked()).find("\r\nX-Injected"));
}

TEST_CASE("checked: other fields of the typed values are checked against their rules", "[format][checked]") {
    credentials c;
    c.scheme = "Digest";
    c.params_text = "username=\"alice\r\nX\", realm=\"atlanta.com\"";
    CHECK(refusal(c).offset == 22);  // Digest username="alice then the CR
    c.params_text = "username=\"alice\", realm=\"atlanta.com\"";
    CHECK(formatted(c) == "Digest username=\"alice\", realm=\"atlanta.com\"");
    c.scheme = "Digest\r\n";
    CHECK(refusal(c).offset == 6);

    challenge ch;
    ch.scheme = "Digest";
    ch.params_text = "realm=\"atlanta.com\", qop=\"auth\r\n\"";
    CHECK(refusal(ch).offset == 37);  // Digest realm="atlanta.com", qop="auth then the CR

    cseq q;
    q.number_text = "4711";
    q.method = "INVITE\r\nX-Injected: evil";
    CHECK(refusal(q).offset == 11);
    q.method = "INVITE";
    q.number_text = "";
    q.number = 3000000000u;  // not below 2**31
    CHECK(refusal(q).offset == 0);

    media_type m;
    m.type = "application";
    m.subtype = "sdp\r\n";
    CHECK(refusal(m).offset == 15);

    uri p = alice().uri;
    p.port_text = "5060\r\n";
    CHECK(refusal(p).offset == 26);  // "sip:alice@atlanta.com:5060" then the CR
    p.port_text = "65536";
    CHECK(refusal(p).offset == 22);
    p.port_text.reset();
    p.password = "se\ncret";
    CHECK(refusal(p).offset == 12);  // "sip:alice:se" then the LF

    uri t;
    t.scheme = "tel";
    t.opaque = "+1-212-555-1212\r\n";
    CHECK(refusal(t).offset == 19);
    t.scheme = "te l";
    CHECK(refusal(t).offset == 2);
}

TEST_CASE("checked: a valid AST built by hand formats exactly as unchecked", "[format][checked]") {
    name_addr n = alice();
    n.display_name = "\"Alice \\\"A.\\\" Liddell\"";
    n.display_name_quoted = true;
    n.uri.password = "secret";
    n.uri.port_text = "5060";
    n.uri.params_text = ";transport=tcp;lr";
    n.uri.headers_text = "subject=project%20x&priority=urgent";
    n.params_text = ";tag=1928301774;q=0.5;expires=3600;x=\"a b\"";
    std::string const text = formatted(n, unchecked());
    CHECK_FALSE(check_format(n));
    CHECK(formatted(n) == text);
    char buf[256];
    auto r = format(n, buf, sizeof buf);
    REQUIRE(r);
    CHECK(*r == text);
    auto back = parse_name_addr(text);
    REQUIRE(back);
    CHECK(formatted(*back) == text);

    via v = a_via();
    v.host = "[2001:db8::1]";
    v.port_text = "5061";
    v.params_text = ";received=192.0.2.1;rport=5060;branch=z9hG4bK776;alias";
    CHECK_FALSE(check_format(v));
    CHECK(formatted(v) == "SIP/2.0/UDP [2001:db8::1]:5061;received=192.0.2.1;rport=5060;branch=z9hG4bK776;alias");

    credentials c;
    c.scheme = "Digest";
    c.params_text = "username=\"alice\", realm=\"atlanta.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", uri=\"sip:bob@biloxi.com\", "
                    "response=\"7587245234b3434cc3412213e5f113a5\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"";
    CHECK_FALSE(check_format(c));
    challenge ch;
    ch.scheme = "NewAuth";
    ch.params_text = "realm=\"apps\", type=1";
    CHECK(formatted(ch) == "NewAuth realm=\"apps\", type=1");
    cseq q;
    q.number = 4711;
    q.method = "INVITE";
    CHECK(formatted(q) == "4711 INVITE");
    media_type m;
    m.type = "multipart";
    m.subtype = "mixed";
    m.params_text = ";boundary=\"unique boundary\"";
    CHECK(formatted(m) == "multipart/mixed;boundary=\"unique boundary\"");
    header_field h;
    h.name = "Subject";
    h.value = "lunch\r\n today, caf\xc3\xa9";
    CHECK(formatted(h) == "Subject: lunch today, caf\xc3\xa9");
    uri t;
    t.scheme = "tel";
    t.opaque = "+1-212-555-1212;phone-context=example.com";
    CHECK(formatted(t) == "tel:+1-212-555-1212;phone-context=example.com");
    uri s;
    s.scheme = "sip";  // kind left as other: read back as a SIP URI, so checked as one
    s.opaque = "bob@biloxi.com;lr";
    CHECK(formatted(s) == "sip:bob@biloxi.com;lr");
    s.opaque = "bob@bi@loxi.com";
    CHECK(refusal(s).offset == 10);
}

TEST_CASE("checked: every value and message a strict parse accepts passes check_format", "[format][checked][corpus]") {
    std::size_t values = 0, messages = 0;
    auto pass = [&](auto const& r) {
        if (!r) return;
        ++values;
        auto e = check_format(*r);
        if (e) INFO("refused at " << e->offset << ": " << e->message << " (" << e->expected << ")");
        CHECK_FALSE(e);
    };
    for (auto const& it : corpus()) {
        INFO(it.origin);
        switch (it.kind) {
        case sipview_corpus::entry::uri: pass(parse_uri(it.text)); break;
        case sipview_corpus::entry::name_addr: pass(parse_name_addr(it.text)); break;
        case sipview_corpus::entry::contact: pass(parse_contact_list(it.text)); break;
        case sipview_corpus::entry::route: pass(parse_route_list(it.text)); break;
        case sipview_corpus::entry::via: pass(parse_via_list(it.text)); break;
        case sipview_corpus::entry::credentials: pass(parse_credentials(it.text)); break;
        case sipview_corpus::entry::challenge: pass(parse_challenge(it.text)); break;
        case sipview_corpus::entry::message:
            if (auto r = parse_default(it.text)) {
                ++messages;
                for (format_options::names names :
                     {format_options::names::canonical, format_options::names::compact, format_options::names::as_written}) {
                    format_options o;
                    o.header_names = names;
                    for (bool typed : {true, false}) {
                        o.typed_values = typed;
                        auto e = check_format(*r, o);
                        if (e) INFO("refused at " << e->offset << ": " << e->message << " (" << e->expected << ")");
                        CHECK_FALSE(e);
                    }
                }
            }
            break;
        }
    }
    CHECK(values > 100);
    CHECK(messages >= 15);
}

TEST_CASE("checked: a message parsed with validate off may hold header bytes checked mode refuses", "[format][checked][message]") {
    std::string const in = std::string("OPTIONS sip:b@c SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nMax-Forwards: 70\r\n"
                                       "To: <sip:b@c>\r\nFrom: <sip:a@c>;tag=2\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nX-Bad: a") +
                           std::string(1, '\0') + "b\r\nContent-Length: 0\r\n\r\n";
    CHECK_FALSE(parse_default(in));  // validation rejects the NUL
    auto r = parse_lenient(in);
    REQUIRE(r);
    std::string const text = formatted(*r, unchecked());
    CHECK(refusal(*r).offset == text.find(std::string(1, '\0')));
    char buf[512];
    auto u = format(*r, buf, sizeof buf, unchecked());
    REQUIRE(u);
    CHECK(*u == text);
}
