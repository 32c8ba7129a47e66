// Tests for sipview/uri_compare.hpp: URI comparison by RFC 3261 §19.1.4 and
// RFC 5954 §4, reporting the first rule that differs and the two parts.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/name_addr.hpp>
#include <sipview/uri.hpp>
#include <sipview/uri_compare.hpp>

#include <iterator>
#include <string>

using namespace sipview;
using sipview_test::opt;

namespace {

uri parsed(std::string_view text) {
    auto r = parse_uri(text);
    INFO(text);
    REQUIRE(r);
    return *r;
}

/// compare_uris(a, b), checking on the way that compare_uris(b, a) agrees
/// (same rule, same parameter name, parts swapped) and that each part is a
/// view into its own URI.
uri_difference compared(std::string_view a, std::string_view b) {
    uri const x = parsed(a), y = parsed(b);
    uri_difference const d = compare_uris(x, y);
    uri_difference const back = compare_uris(y, x);
    INFO(a << " vs " << b);
    CHECK(back.rule == d.rule);
    CHECK(iequals(back.param_name, d.param_name));
    CHECK(uri_equal(x, y) == d.equal());
    if (d.a_part) CHECK((d.a_part->data() >= a.data() && d.a_part->data() + d.a_part->size() <= a.data() + a.size()));
    if (d.b_part) CHECK((d.b_part->data() >= b.data() && d.b_part->data() + d.b_part->size() <= b.data() + b.size()));
    CHECK(opt(back.a_part) == opt(d.b_part));
    CHECK(opt(back.b_part) == opt(d.a_part));
    CHECK(d.explanation.empty() == d.equal());
    return d;
}

bool equal(std::string_view a, std::string_view b) { return compared(a, b).equal(); }

std::string full_rule_name(uri_difference const& d) {
    std::string s;
    d.write_rule_name(std::back_inserter(s));
    CHECK(s.size() == d.rule_name_size());
    return s;
}
} // namespace

// ---------------------------------------------------------------------------
// RFC 3261 §19.1.4, every example pair.

TEST_CASE("RFC 3261 19.1.4: an escaped unreserved user character, host case and transport case do not matter", "[uri_compare][rfc3261]") {
    CHECK(equal("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
}

TEST_CASE("RFC 3261 19.1.4: parameters on one side only are ignored (carol, newparam, security)", "[uri_compare][rfc3261]") {
    CHECK(equal("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
    CHECK(equal("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
    CHECK(equal("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"));
}

TEST_CASE("RFC 3261 19.1.4: parameter order does not matter, headers included", "[uri_compare][rfc3261]") {
    CHECK(equal("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
}

TEST_CASE("RFC 3261 19.1.4: header order does not matter", "[uri_compare][rfc3261]") {
    CHECK(equal("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
}

TEST_CASE("RFC 3261 19.1.4: different usernames (userinfo is case-sensitive)", "[uri_compare][rfc3261]") {
    auto d = compared("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP");
    CHECK(d.rule == uri_rule::user);
    CHECK(opt(d.a_part) == "ALICE");
    CHECK(opt(d.b_part) == "alice");
}

TEST_CASE("RFC 3261 19.1.4: an explicit default port differs from no port", "[uri_compare][rfc3261]") {
    auto d = compared("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060");
    CHECK(d.rule == uri_rule::port);
    CHECK_FALSE(d.a_part);
    CHECK(opt(d.b_part) == "5060");
}

TEST_CASE("RFC 3261 19.1.4: a transport on one side only differs", "[uri_compare][rfc3261]") {
    auto d = compared("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp");
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "transport");
    CHECK_FALSE(d.a_part);
    CHECK(opt(d.b_part) == "transport=udp");
}

TEST_CASE("RFC 3261 19.1.4: a different port and transport: the port is the first rule", "[uri_compare][rfc3261]") {
    auto d = compared("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp");
    CHECK(d.rule == uri_rule::port);
    CHECK_FALSE(d.a_part);
    CHECK(opt(d.b_part) == "6000");
}

TEST_CASE("RFC 3261 19.1.4: a header component on one side only differs", "[uri_compare][rfc3261]") {
    auto d = compared("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting");
    CHECK(d.rule == uri_rule::headers);
    CHECK_FALSE(d.a_part);
    CHECK(opt(d.b_part) == "Subject=next%20meeting");
}

TEST_CASE("RFC 3261 19.1.4: a hostname never equals the address it resolves to", "[uri_compare][rfc3261]") {
    auto d = compared("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4");
    CHECK(d.rule == uri_rule::host);
    CHECK(opt(d.a_part) == "phone21.boxesbybob.com");
    CHECK(opt(d.b_part) == "192.0.2.4");
}

TEST_CASE("RFC 3261 19.1.4: equality is not transitive (security=on, security=off)", "[uri_compare][rfc3261]") {
    CHECK(equal("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
    CHECK(equal("sip:carol@chicago.com", "sip:carol@chicago.com;security=off"));
    auto d = compared("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off");
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "security");
    CHECK(opt(d.a_part) == "security=on");
    CHECK(opt(d.b_part) == "security=off");
    CHECK(full_rule_name(d) == "param:security");
}

// ---------------------------------------------------------------------------
// Real reports.

TEST_CASE("a user=phone URI with a postd user part equals itself and differs by its user=phone", "[uri_compare][report]") {
    std::string_view const phone = "sip:+358-555-1234567;postd=pp22@foo.com;user=phone";
    CHECK(equal(phone, phone));
    CHECK(equal(phone, "sip:+358-555-1234567;postd=pp22@FOO.com;USER=Phone"));
    auto d = compared(phone, "sip:+358-555-1234567;postd=pp22@foo.com");
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "user");
    CHECK(opt(d.a_part) == "user=phone");
    CHECK_FALSE(d.b_part);
}

TEST_CASE("a telephone-subscriber user part compares as userinfo: separators and case count", "[uri_compare][report]") {
    std::string_view const phone = "sip:+358-555-1234567;postd=pp22@foo.com;user=phone";
    auto d = compared(phone, "sip:+3585551234567;postd=pp22@foo.com;user=phone");
    CHECK(d.rule == uri_rule::user);
    CHECK(opt(d.a_part) == "+358-555-1234567;postd=pp22");
    CHECK(opt(d.b_part) == "+3585551234567;postd=pp22");
    CHECK(compared(phone, "sip:+358-555-1234567;POSTD=pp22@foo.com;user=phone").rule == uri_rule::user);
}

TEST_CASE("a name-addr's URI with ';' in the user part compares by user, host and transport", "[uri_compare][report]") {
    auto na = parse_name_addr("<sip:+1234;bla=ble;more@example.com;transport=tcp>");
    REQUIRE(na);
    uri const& in_brackets = na->uri;
    CHECK(opt(in_brackets.user) == "+1234;bla=ble;more");

    uri const same = parsed("sip:+1234;bla=ble;more@EXAMPLE.com;TRANSPORT=TCP");
    CHECK(uri_equal(in_brackets, same));

    uri const no_transport = parsed("sip:+1234;bla=ble;more@example.com");
    auto d = compare_uris(in_brackets, no_transport);
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "transport");
    CHECK(opt(d.a_part) == "transport=tcp");
    CHECK_FALSE(d.b_part);

    // the ';' of the user part written as %3B is another user
    uri const escaped = parsed("sip:+1234%3Bbla=ble;more@example.com;transport=tcp");
    auto e = compare_uris(in_brackets, escaped);
    CHECK(e.rule == uri_rule::user);
    CHECK(opt(e.b_part) == "+1234%3Bbla=ble;more");
}

TEST_CASE("ttl=4 and ttl=8 differ by the ttl parameter", "[uri_compare][report]") {
    auto d = compared("sip:alice@atlanta.com;maddr=239.255.255.1;ttl=4", "sip:alice@atlanta.com;maddr=239.255.255.1;ttl=8");
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "ttl");
    CHECK(opt(d.a_part) == "ttl=4");
    CHECK(opt(d.b_part) == "ttl=8");
    CHECK(full_rule_name(d) == "param:ttl");
}

TEST_CASE("a ttl, method, user or maddr parameter on one side only differs", "[uri_compare]") {
    for (char const* p : {"ttl=1", "method=INVITE", "user=ip", "maddr=192.0.2.1"}) {
        std::string const with = std::string("sip:a@b.example.com;") + p;
        INFO(with);
        auto d = compared("sip:a@b.example.com", with);
        CHECK(d.rule == uri_rule::param);
        CHECK_FALSE(d.a_part);
        CHECK(opt(d.b_part) == p);
    }
}

// ---------------------------------------------------------------------------
// RFC 5954 §4: IP addresses compare as addresses.

TEST_CASE("RFC 5954: IPv6 references compare by their 128-bit value", "[uri_compare][rfc5954]") {
    CHECK(equal("sip:bob@[::1]", "sip:bob@[0:0::1]"));
    CHECK(equal("sip:bob@[::1]", "sip:bob@[0:0:0:0:0:0:0:1]"));
    CHECK(equal("sip:bob@[2001:db8::9:1]", "sip:bob@[2001:DB8:0:0:0:0:9:1]"));
    CHECK(equal("sip:bob@[2001:db8::9:1]:5060", "sip:bob@[2001:0db8:0000::0009:0001]:5060"));
    CHECK(equal("sip:bob@[::]", "sip:bob@[0:0:0:0:0:0:0:0]"));
    CHECK(equal("sip:bob@[1::]", "sip:bob@[1:0:0:0:0:0:0:0]"));
    auto d = compared("sip:bob@[::1]", "sip:bob@[::2]");
    CHECK(d.rule == uri_rule::host);
    CHECK(opt(d.a_part) == "[::1]");
    CHECK(opt(d.b_part) == "[::2]");
    CHECK(compared("sip:bob@[1::2]", "sip:bob@[1:2::]").rule == uri_rule::host);
}

TEST_CASE("RFC 5954: an embedded IPv4 tail is part of the IPv6 value", "[uri_compare][rfc5954]") {
    CHECK(equal("sip:bob@[::ffff:192.0.2.1]", "sip:bob@[::FFFF:c000:201]"));
    CHECK(equal("sip:bob@[0:0:0:0:0:ffff:192.0.2.1]", "sip:bob@[::ffff:c000:0201]"));
    CHECK(compared("sip:bob@[::ffff:192.0.2.1]", "sip:bob@[::ffff:192.0.2.2]").rule == uri_rule::host);
}

TEST_CASE("RFC 5954: IPv4 addresses compare as four octets", "[uri_compare][rfc5954]") {
    CHECK(equal("sip:bob@192.0.2.1", "sip:bob@192.000.002.001"));
    auto d = compared("sip:bob@192.0.2.1", "sip:bob@192.0.2.10");
    CHECK(d.rule == uri_rule::host);
    CHECK(opt(d.b_part) == "192.0.2.10");
}

TEST_CASE("hostnames compare case-insensitively, a trailing dot included", "[uri_compare]") {
    CHECK(equal("sip:bob@Biloxi.EXAMPLE.com", "sip:bob@biloxi.example.COM"));
    auto d = compared("sip:bob@biloxi.example.com.", "sip:bob@biloxi.example.com");
    CHECK(d.rule == uri_rule::host);
    CHECK(opt(d.a_part) == "biloxi.example.com.");
}

TEST_CASE("an IPv4 address and the IPv4-mapped IPv6 reference are different hosts", "[uri_compare][rfc5954]") {
    CHECK(compared("sip:bob@192.0.2.1", "sip:bob@[::ffff:192.0.2.1]").rule == uri_rule::host);
}

TEST_CASE("maddr values that are IP addresses compare as addresses", "[uri_compare][rfc5954]") {
    CHECK(equal("sip:bob@example.com;maddr=[::1]", "sip:bob@example.com;maddr=[0::1]"));
    CHECK(equal("sip:bob@example.com;maddr=Proxy.Example.com", "sip:bob@example.com;maddr=proxy.example.COM"));
    CHECK(equal("sip:bob@example.com;maddr=%31%39%32.0.2.1", "sip:bob@example.com;maddr=192.000.2.1"));
    CHECK(compared("sip:bob@example.com;maddr=192.0.2.1", "sip:bob@example.com;maddr=host.example.com").param_name == "maddr");
    auto d = compared("sip:bob@example.com;maddr=[::1]", "sip:bob@example.com;maddr=[::2]");
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "maddr");
}

// ---------------------------------------------------------------------------
// Escapes, userinfo, scheme.

TEST_CASE("an escaped unreserved character in the user part equals the character", "[uri_compare][escapes]") {
    CHECK(equal("sip:%41lice@atlanta.com", "sip:Alice@atlanta.com"));
    CHECK(equal("sip:%4a@atlanta.com", "sip:%4A@atlanta.com"));  // HEX case does not matter
    CHECK(equal("sip:a%2Db@atlanta.com", "sip:a-b@atlanta.com"));
    CHECK(compared("sip:%41lice@atlanta.com", "sip:alice@atlanta.com").rule == uri_rule::user);  // %41 is A, not a
}

TEST_CASE("an escaped reserved character in the user part differs from the character", "[uri_compare][escapes]") {
    auto d = compared("sip:a%3Bb@atlanta.com", "sip:a;b@atlanta.com");
    CHECK(d.rule == uri_rule::user);
    CHECK(opt(d.a_part) == "a%3Bb");
    CHECK(opt(d.b_part) == "a;b");
    CHECK(equal("sip:a%3bb@atlanta.com", "sip:a%3Bb@atlanta.com"));
    CHECK(compared("sip:a%2Bb@atlanta.com", "sip:a+b@atlanta.com").rule == uri_rule::user);
}

TEST_CASE("a user part on one side only differs", "[uri_compare]") {
    auto d = compared("sip:atlanta.com", "sip:alice@atlanta.com");
    CHECK(d.rule == uri_rule::user);
    CHECK_FALSE(d.a_part);
    CHECK(opt(d.b_part) == "alice");
}

TEST_CASE("passwords compare case-sensitively, and an empty one differs from none", "[uri_compare]") {
    CHECK(equal("sip:alice:s%65cret@atlanta.com", "sip:alice:secret@atlanta.com"));
    auto d = compared("sip:alice:secret@atlanta.com", "sip:alice:Secret@atlanta.com");
    CHECK(d.rule == uri_rule::password);
    CHECK(opt(d.a_part) == "secret");
    CHECK(opt(d.b_part) == "Secret");
    auto e = compared("sip:alice:@atlanta.com", "sip:alice@atlanta.com");
    CHECK(e.rule == uri_rule::password);
    CHECK(opt(e.a_part).empty());
    CHECK_FALSE(e.b_part);
}

TEST_CASE("a SIP and a SIPS URI are never equivalent", "[uri_compare]") {
    auto d = compared("sip:alice@atlanta.com", "sips:alice@atlanta.com");
    CHECK(d.rule == uri_rule::scheme);
    CHECK(opt(d.a_part) == "sip");
    CHECK(opt(d.b_part) == "sips");
    CHECK(full_rule_name(d) == "scheme");
    CHECK(equal("SIPS:alice@atlanta.com", "sips:alice@atlanta.com"));
}

TEST_CASE("other schemes compare by scheme case-insensitively, then by their text exactly", "[uri_compare]") {
    CHECK(equal("mailto:watson@bell-telephone.com", "MAILTO:watson@bell-telephone.com"));
    auto d = compared("mailto:watson@bell-telephone.com", "mailto:Watson@bell-telephone.com");
    CHECK(d.rule == uri_rule::opaque);
    CHECK(opt(d.a_part) == "watson@bell-telephone.com");
    CHECK(compared("sip:watson@bell-telephone.com", "mailto:watson@bell-telephone.com").rule == uri_rule::scheme);
    CHECK(compared("http:x", "https:x").rule == uri_rule::scheme);
    CHECK(compared("sip:+12015550123@example.com;user=phone", "tel:+1-201-555-0123").rule == uri_rule::scheme);
}

// ---------------------------------------------------------------------------
// Ports, parameters, headers.

TEST_CASE("ports compare as numbers", "[uri_compare]") {
    CHECK(equal("sip:bob@biloxi.com:5060", "sip:bob@biloxi.com:05060"));
    auto d = compared("sip:bob@biloxi.com:5060", "sip:bob@biloxi.com:5061");
    CHECK(d.rule == uri_rule::port);
    CHECK(opt(d.a_part) == "5060");
    CHECK(opt(d.b_part) == "5061");
}

TEST_CASE("parameter names and values compare case-insensitively after decoding", "[uri_compare]") {
    CHECK(equal("sip:bob@biloxi.com;%74ransport=%54cp", "sip:bob@biloxi.com;transport=TCP"));
    CHECK(equal("sip:bob@biloxi.com;foo=Bar", "sip:bob@biloxi.com;FOO=bar"));
    CHECK(compared("sip:bob@biloxi.com;foo=a%3Bb", "sip:bob@biloxi.com;foo=a;b").rule == uri_rule::param);
}

TEST_CASE("a flag parameter differs from the same parameter with a value", "[uri_compare]") {
    auto d = compared("sip:p1.example.com;lr", "sip:p1.example.com;lr=on");
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "lr");
    CHECK(opt(d.a_part) == "lr");
    CHECK(opt(d.b_part) == "lr=on");
    CHECK(equal("sip:p1.example.com;lr", "sip:p1.example.com"));
    CHECK(equal("sip:p1.example.com;lr", "sip:p1.example.com;LR"));
}

TEST_CASE("of several differing parameters the one whose name sorts first is reported, either way round", "[uri_compare]") {
    auto d = compared("sip:h.example.com;b=1;a=1", "sip:h.example.com;a=2;b=2");
    CHECK(d.rule == uri_rule::param);
    CHECK(d.param_name == "a");
    CHECK(opt(d.a_part) == "a=1");
    CHECK(opt(d.b_part) == "a=2");
}

TEST_CASE("transport, user, ttl, method and maddr are checked before other parameters", "[uri_compare]") {
    auto d = compared("sip:h.example.com;a=1;method=INVITE", "sip:h.example.com;a=2;method=BYE");
    CHECK(d.param_name == "method");
}

TEST_CASE("only the first of a repeated parameter name counts, on both sides", "[uri_compare]") {
    CHECK(equal("sip:h.example.com;x=1;x=2", "sip:h.example.com;x=1"));
    CHECK(compared("sip:h.example.com;x=2;x=1", "sip:h.example.com;x=1").param_name == "x");
}

TEST_CASE("headers match in any order; hname is case-insensitive, hvalue case-sensitive", "[uri_compare][headers]") {
    CHECK(equal("sip:a@b.example.com?Subject=hi&Priority=urgent", "sip:a@b.example.com?priority=urgent&SUBJECT=hi"));
    CHECK(equal("sip:a@b.example.com?subject=project%20x", "sip:a@b.example.com?subject=project%20x"));
    CHECK(equal("sip:a@b.example.com?subject=%41", "sip:a@b.example.com?subject=A"));
    auto d = compared("sip:a@b.example.com?subject=Hi", "sip:a@b.example.com?subject=hi");
    CHECK(d.rule == uri_rule::headers);
    CHECK(opt(d.a_part) == "subject=Hi");
    CHECK(opt(d.b_part) == "subject=hi");
}

TEST_CASE("headers compare as a multiset: a repeated header must be repeated on the other side", "[uri_compare][headers]") {
    CHECK(compared("sip:a@b.example.com?x=1&x=1", "sip:a@b.example.com?x=1").rule == uri_rule::headers);
    CHECK(compared("sip:a@b.example.com?x=1&x=1&y=2", "sip:a@b.example.com?x=1&y=2&y=2").rule == uri_rule::headers);
    CHECK(equal("sip:a@b.example.com?x=1&y=2&x=1", "sip:a@b.example.com?x=1&x=1&y=2"));
}

// ---------------------------------------------------------------------------
// Rule names and explanations.

TEST_CASE("rule names are lower case", "[uri_compare]") {
    CHECK(to_string(uri_rule::equal) == "equal");
    CHECK(to_string(uri_rule::scheme) == "scheme");
    CHECK(to_string(uri_rule::user) == "user");
    CHECK(to_string(uri_rule::password) == "password");
    CHECK(to_string(uri_rule::host) == "host");
    CHECK(to_string(uri_rule::port) == "port");
    CHECK(to_string(uri_rule::param) == "param");
    CHECK(to_string(uri_rule::headers) == "headers");
    CHECK(to_string(uri_rule::tel_number) == "tel-number");
    CHECK(to_string(uri_rule::tel_param) == "tel-param");
    CHECK(to_string(uri_rule::opaque) == "opaque");
    uri_difference d;
    d.rule = uri_rule::tel_param;
    d.param_name = "EXT";
    CHECK(full_rule_name(d) == "tel-param:ext");  // the name in lower case too
}

TEST_CASE("two tel URIs compare by RFC 3966 §4: visual separators ignored, parameters as a set", "[uri_compare][tel]") {
    CHECK(equal("tel:+1-201-555-0123", "tel:+12015550123"));
    CHECK(equal("tel:+1(201)555.0123;ext=22;isub=ab", "tel:+12015550123;isub=ab;ext=22"));
    auto n = compared("tel:+1-201-555-0123", "tel:+1-201-555-0124");
    CHECK(n.rule == uri_rule::tel_number);
    CHECK(full_rule_name(n) == "tel-number");
    auto p = compared("tel:7042;phone-context=example.com", "tel:7042;phone-context=example.net");
    CHECK(p.rule == uri_rule::tel_param);
    CHECK(full_rule_name(p) == "tel-param:phone-context");
    CHECK(opt(p.a_part) == "phone-context=example.com");
    CHECK(opt(p.b_part) == "phone-context=example.net");
    // each side has a parameter the other lacks: both orders name the one that sorts first (a fuzz finding)
    CHECK(full_rule_name(compared("tel:+1;npdi=1", "tel:+1;npi=1")) == "tel-param:npdi");
    CHECK(full_rule_name(compared("tel:+1;npi=1", "tel:+1;npdi=1")) == "tel-param:npdi");
    auto absent = compared("tel:+1;ext=1", "tel:+1");
    CHECK(absent.rule == uri_rule::tel_param);
    CHECK_FALSE(absent.b_part);
    // a tel URI and a SIP URI with user=phone differ by scheme (RFC 3261 §19.1.4 compares schemes first)
    CHECK(compared("tel:+12015550123", "sip:+12015550123@example.com;user=phone").rule == uri_rule::scheme);
}

TEST_CASE("equal URIs report no rule, no parts and no explanation", "[uri_compare]") {
    auto d = compared("sip:alice@atlanta.com", "sip:alice@atlanta.com");
    CHECK(d.equal());
    CHECK(d.rule == uri_rule::equal);
    CHECK(d.param_name.empty());
    CHECK_FALSE(d.a_part);
    CHECK_FALSE(d.b_part);
    CHECK(d.explanation.empty());
    CHECK(full_rule_name(d) == "equal");
}

TEST_CASE("compare_uris and uri_equal are noexcept", "[uri_compare]") {
    uri const u{};
    static_assert(noexcept(compare_uris(u, u)));
    static_assert(noexcept(uri_equal(u, u)));
    CHECK(uri_equal(u, u));
}
