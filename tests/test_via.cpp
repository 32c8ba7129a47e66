// Tests for sipview/via.hpp: the Via header value (RFC 3261 §20.42, §25.1),
// IPv6 forms (RFC 5118), rport (RFC 3581), alias (RFC 5923), and the Via
// values of the RFC 4475 torture messages and the seed REGISTERs.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/via.hpp>

#include <iterator>
#include <string>
#include <vector>

using namespace sipview;
using sipview_test::opt;

namespace {

via one(std::string_view text) {
    auto r = parse_via(text);
    if (!r) FAIL("parse_via failed at " << r.error().offset << ": " << std::string(r.error().message));
    return *r;
}

parse_error list_error(std::string_view text) {
    auto r = parse_via_list(text);
    REQUIRE_FALSE(r);
    return r.error();
}

bool contains(std::string_view haystack, std::string_view needle) { return haystack.find(needle) != std::string_view::npos; }
} // namespace

TEST_CASE("RFC 3261 20.42: a Via yields sent-protocol, sent-by and branch as views", "[via][rfc3261]") {
    std::string_view const text = "SIP/2.0/UDP erlang.bell-telephone.com:5060;branch=z9hG4bK87asdks7";
    via const v = one(text);
    CHECK(v.text == text);
    CHECK(v.protocol_name == "SIP");
    CHECK(v.protocol_version == "2.0");
    CHECK(v.transport == "UDP");
    CHECK(v.host == "erlang.bell-telephone.com");
    CHECK(v.host_address() == "erlang.bell-telephone.com");
    CHECK(v.host_kind == host_type::hostname);
    CHECK(opt(v.port_text) == "5060");
    CHECK(v.port() == std::uint16_t{5060});
    CHECK(v.params_text == ";branch=z9hG4bK87asdks7");
    CHECK(opt(v.branch()) == "z9hG4bK87asdks7");
    CHECK_FALSE(v.received());
    CHECK_FALSE(v.rport());
    CHECK_FALSE(v.maddr());
    CHECK_FALSE(v.ttl());
    CHECK_FALSE(v.alias());
    CHECK(v.host.data() == text.data() + 12);  // a view, not a copy
}

TEST_CASE("RFC 3261 20.42: LWS before ';' and a received address", "[via][rfc3261]") {
    via const v = one("SIP/2.0/UDP 192.0.2.1:5060 ;received=192.0.2.207;branch=z9hG4bK77asjd");
    CHECK(v.host == "192.0.2.1");
    CHECK(v.host_kind == host_type::ipv4);
    CHECK(v.port() == std::uint16_t{5060});
    CHECK(v.params_text == ";received=192.0.2.207;branch=z9hG4bK77asjd");
    CHECK(opt(v.received()) == "192.0.2.207");
    CHECK(opt(v.branch()) == "z9hG4bK77asjd");

    // the same entry as the RFC prints it, folded before the branch
    via const folded = one("SIP/2.0/UDP 192.0.2.1:5060 ;received=192.0.2.207\r\n ;branch=z9hG4bK77asjd");
    CHECK(opt(folded.received()) == "192.0.2.207");
    CHECK(opt(folded.branch()) == "z9hG4bK77asjd");
}

TEST_CASE("RFC 3261 20.42: LWS around '/' and ':' with ttl and maddr", "[via][rfc3261]") {
    std::string_view const text = "SIP / 2.0 / UDP first.example.com: 4000;ttl=16\r\n  ;maddr=224.2.0.1 ;branch=z9hG4bKa7c6a8dlze.1";
    via const v = one(text);
    CHECK(v.text == text);
    CHECK(v.protocol_name == "SIP");
    CHECK(v.protocol_version == "2.0");
    CHECK(v.transport == "UDP");
    CHECK(v.host == "first.example.com");
    CHECK(opt(v.port_text) == "4000");
    CHECK(v.port() == std::uint16_t{4000});
    CHECK(v.ttl() == std::uint8_t{16});
    CHECK(opt(v.maddr()) == "224.2.0.1");
    CHECK(opt(v.branch()) == "z9hG4bKa7c6a8dlze.1");
}

TEST_CASE("entries separated by commas iterate in order without re-validation", "[via][list]") {
    std::string_view const text =
        "SIP/2.0/UDP first.example.com:4000;branch=z9hG4bK1 , SIP/2.0/TCP 192.0.2.5;received=192.0.2.6;branch=z9hG4bK2,"
        "SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bK3;rport=5071";
    auto r = parse_via_list(text);
    REQUIRE(r);
    via_list const& list = *r;
    CHECK(list.text() == text);
    CHECK(list.size() == 3);
    CHECK_FALSE(list.empty());
    CHECK(std::distance(list.begin(), list.end()) == 3);
    CHECK(list.front().host == "first.example.com");

    std::vector<std::string> hosts, branches, transports;
    for (via const& v : list) {
        hosts.emplace_back(v.host);
        branches.push_back(opt(v.branch()));
        transports.emplace_back(v.transport);
    }
    CHECK(hosts == std::vector<std::string>{"first.example.com", "192.0.2.5", "[2001:db8::1]"});
    CHECK(branches == std::vector<std::string>{"z9hG4bK1", "z9hG4bK2", "z9hG4bK3"});
    CHECK(transports == std::vector<std::string>{"UDP", "TCP", "TLS"});

    auto it = list.begin();
    auto first = it++;
    CHECK(first->text == "SIP/2.0/UDP first.example.com:4000;branch=z9hG4bK1");
    CHECK(it->text == "SIP/2.0/TCP 192.0.2.5;received=192.0.2.6;branch=z9hG4bK2");
    CHECK(opt(it->received()) == "192.0.2.6");
    CHECK_FALSE(it->port_text);  // not left over from the first entry
    ++it;
    CHECK(it->host_kind == host_type::ipv6);
    CHECK(it->host_address() == "2001:db8::1");
    CHECK(it->port() == std::uint16_t{5061});
    CHECK(opt(it->rport()) == "5071");
    ++it;
    CHECK(it == list.end());
}

TEST_CASE("RFC 4475 wsinv: folds inside sent-protocol and before sent-by", "[via][rfc4475]") {
    std::string_view const text = "SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw";
    auto r = parse_via_list(text);
    REQUIRE(r);
    REQUIRE(r->size() == 1);
    via const& v = r->front();
    CHECK(v.text == text);
    CHECK(v.protocol_name == "SIP");
    CHECK(v.protocol_version == "2.0");
    CHECK(v.transport == "UDP");
    CHECK(v.host == "192.0.2.2");
    CHECK(v.host_kind == host_type::ipv4);
    CHECK_FALSE(v.port_text);
    CHECK(opt(v.branch()) == "390skdjuw");
}

TEST_CASE("RFC 4475 wsinv: LWS and folds around every separator of two entries", "[via][rfc4475]") {
    std::string_view const text =
        "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n"
        " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239";
    auto r = parse_via_list(text);
    REQUIRE(r);
    REQUIRE(r->size() == 2);
    auto it = r->begin();
    CHECK(it->text == "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8");
    CHECK(it->transport == "TCP");
    CHECK(it->host == "spindle.example.com");
    CHECK(it->params_text == ";\r\n  branch  =   z9hG4bK9ikj8");
    CHECK(opt(it->branch()) == "z9hG4bK9ikj8");
    ++it;
    CHECK(it->text == "SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239");
    CHECK(it->protocol_version == "2.0");
    CHECK(it->transport == "UDP");
    CHECK(it->host == "192.168.255.111");
    CHECK(opt(it->branch()) == "z9hG4bK30239");
    ++it;
    CHECK(it == r->end());
}

TEST_CASE("RFC 4475 transports: unknown and mixed-case transports are kept as written", "[via][rfc4475]") {
    struct row { char const* text; char const* transport; };
    row const rows[] = {
        {"SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw", "UDP"},
        {"SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf", "SCTP"},
        {"SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj", "TLS"},
        {"SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en", "UNKNOWN"},
        {"SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee", "TCP"},
        {"SIP/2.0/tLs t6.example.com", "tLs"},
        {"sip/2.0/WSS t7.example.com", "WSS"},
    };
    for (row const& x : rows) {
        INFO(x.text);
        via const v = one(x.text);
        CHECK(v.transport == x.transport);
    }
    CHECK(one("sip/2.0/WSS t7.example.com").protocol_name == "sip");
}

TEST_CASE("RFC 4475 Via values with unusual tokens in branch and rport parse", "[via][rfc4475]") {
    CHECK(opt(one("SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~").branch()) == "z9hG4bK-.!%66*_+`'~");
    CHECK(opt(one("SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234").branch()) == "z9hG4bK209%fzsnel234");
    via const mpart = one("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;rport");
    CHECK(mpart.port() == std::uint16_t{5070});
    CHECK(opt(mpart.rport()).empty());
    via const bcast = one("SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23");
    CHECK(bcast.host_kind == host_type::ipv4);
    via const rfc2543 = one("SIP/2.0/UDP iftgw.example.com");  // no branch at all (inv2543)
    CHECK(rfc2543.params_text.empty());
    CHECK(rfc2543.params().empty());
    CHECK_FALSE(rfc2543.branch());
}

TEST_CASE("RFC 4475 badinv01: an empty parameter is rejected at the second ';'", "[via][rfc4475]") {
    parse_error const e = list_error("SIP/2.0/UDP 192.0.2.15;;,;,,");
    CHECK(e.offset == 23);
    CHECK(e.id == diag::via_param);
}

TEST_CASE("RFC 5118: IPv6 sent-by, bracketed received and port after the bracket", "[via][rfc5118]") {
    via const v = one("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111");
    CHECK(v.host == "[2001:db8::9:1]");
    CHECK(v.host_address() == "2001:db8::9:1");
    CHECK(v.host_kind == host_type::ipv6);
    CHECK_FALSE(v.port_text);
    CHECK(opt(v.received()) == "2001:db8::9:255");
    CHECK(opt(v.params().find("received")->value) == "[2001:db8::9:255]");  // raw value keeps the brackets
    CHECK(opt(v.branch()) == "z9hG4bKas3-111");

    via const bare = one("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3-111");
    CHECK(opt(bare.received()) == "2001:db8::9:255");
    CHECK(opt(bare.branch()) == "z9hG4bKas3-111");

    via const ported = one("SIP/2.0/UDP [2001:db8::9:1]:5060");
    CHECK(ported.host == "[2001:db8::9:1]");
    CHECK(ported.port() == std::uint16_t{5060});

    via const mapped = one("SIP/2.0/TCP [::ffff:192.0.2.2]:19823;received=::ffff:192.0.2.3");
    CHECK(mapped.host_address() == "::ffff:192.0.2.2");
    CHECK(opt(mapped.received()) == "::ffff:192.0.2.3");
}

TEST_CASE("RFC 5118: an unbracketed IPv6 sent-by is rejected with a bracket hint", "[via][rfc5118]") {
    for (char const* text : {"SIP/2.0/UDP 2001:db8::9:1;branch=z9hG4bKas3-111", "SIP/2.0/UDP fe80::1:5060"}) {
        INFO(text);
        parse_error const e = list_error(text);
        CHECK(e.offset == 12);
        CHECK(e.id == diag::via_sent_by_ipv6);
    }
    parse_error const broken = list_error("SIP/2.0/UDP [2001:db8::1;branch=x");
    CHECK(broken.offset == 12);
    CHECK(broken.id == diag::via_sent_by_bad_ipv6);
}

TEST_CASE("received must be an IPv4 or IPv6 address", "[via][params]") {
    parse_error const name = list_error("SIP/2.0/UDP h;received=host.example.com");
    CHECK(name.offset == 23);
    CHECK(name.id == diag::via_received_bad);
    CHECK(list_error("SIP/2.0/UDP h;received=192.0.2.256").offset == 23);
    CHECK(list_error("SIP/2.0/UDP h;received=[192.0.2.1]").offset == 23);
    CHECK(list_error("SIP/2.0/UDP h;received=2001:db8::1::2").offset == 23);
    // an IPv4address followed by more than a SEMI / COMMA / LWS is not one
    CHECK(list_error("SIP/2.0/UDP h;received=192.0.2.1.5").id == diag::via_received_bad);
    CHECK(list_error("SIP/2.0/UDP h;received=192.0.2.1:5060;branch=z9hG4bK1").offset == 23);
    auto const list = parse_via_list("SIP/2.0/UDP h;received=192.0.2.1 ;rport=5060 , SIP/2.0/UDP g");
    REQUIRE(list);
    CHECK(opt(list->front().received()) == "192.0.2.1");
    CHECK(opt(list->front().rport()) == "5060");
    parse_error const empty = list_error("SIP/2.0/UDP h;received=");
    CHECK(empty.offset == 23);
    CHECK(empty.id == diag::via_received_missing);
    parse_error const flag = list_error("SIP/2.0/UDP h;received;branch=z9hG4bK1");
    CHECK(flag.offset == 22);
    CHECK(flag.id == diag::via_received_equal);
}

TEST_CASE("rport is absent, a bare flag, or a port number (RFC 3581)", "[via][params]") {
    CHECK_FALSE(one("SIP/2.0/UDP h;branch=z9hG4bK1").rport());
    via const flag = one("SIP/2.0/UDP h;rport;branch=z9hG4bK1");
    REQUIRE(flag.rport());
    CHECK(flag.rport()->empty());
    CHECK(opt(one("SIP/2.0/UDP h;branch=z9hG4bK1;rport=5060").rport()) == "5060");
    CHECK(opt(one("SIP/2.0/UDP h;rport = 65535").rport()) == "65535");
    parse_error const big = list_error("SIP/2.0/UDP h;rport=65536");
    CHECK(big.offset == 20);
    CHECK(big.code == errc::out_of_range);
    CHECK(big.id == diag::via_rport_range);
    parse_error const empty = list_error("SIP/2.0/UDP h;rport=");
    CHECK(empty.offset == 20);
    CHECK(empty.id == diag::via_rport_missing);
    CHECK(list_error("SIP/2.0/UDP h;rport=50a0").offset == 20);
    CHECK(list_error("SIP/2.0/UDP h;rport=50a0").id == diag::via_rport_not_number);
    CHECK(list_error("SIP/2.0/UDP h;rport=5060x;branch=z9hG4bK1").id == diag::via_rport_not_number);
    auto const list = parse_via_list("SIP/2.0/UDP h;rport=05060,SIP/2.0/UDP g");
    REQUIRE(list);
    CHECK(opt(list->front().rport()) == "05060");
}

TEST_CASE("alias is a flag (RFC 5923)", "[via][params]") {
    CHECK(one("SIP/2.0/TCP h;alias").alias());
    CHECK_FALSE(one("SIP/2.0/TCP h;aliases").alias());
    parse_error const e = list_error("SIP/2.0/TCP h;alias=yes");
    CHECK(e.offset == 19);
    CHECK(e.id == diag::via_alias_value);
}

TEST_CASE("ttl must be 0 to 255", "[via][params]") {
    CHECK(one("SIP/2.0/UDP h;ttl=0").ttl() == std::uint8_t{0});
    CHECK(one("SIP/2.0/UDP h;ttl=255").ttl() == std::uint8_t{255});
    CHECK(one("SIP/2.0/UDP h;ttl=007").ttl() == std::uint8_t{7});
    parse_error const big = list_error("SIP/2.0/UDP h;ttl=256");
    CHECK(big.offset == 18);
    CHECK(big.code == errc::out_of_range);
    CHECK(big.id == diag::via_ttl_range);
    parse_error const word = list_error("SIP/2.0/UDP h;ttl=12a;branch=z9hG4bK1");
    CHECK(word.offset == 18);
    CHECK(word.code == errc::syntax);
    CHECK(word.id == diag::via_ttl_not_number);
    CHECK(list_error("SIP/2.0/UDP h;ttl=0016").offset == 18);  // 1*3DIGIT
    CHECK(list_error("SIP/2.0/UDP h;ttl=0016").id == diag::via_ttl_digits);
    CHECK(list_error("SIP/2.0/UDP h;ttl").offset == 17);
    CHECK(list_error("SIP/2.0/UDP h;ttl").id == diag::via_ttl_equal);
}

TEST_CASE("maddr must be a host, IPv6 in brackets", "[via][params]") {
    CHECK(opt(one("SIP/2.0/UDP h;maddr=224.2.0.1").maddr()) == "224.2.0.1");
    CHECK(opt(one("SIP/2.0/UDP h;maddr=mcast.example.com").maddr()) == "mcast.example.com");
    CHECK(opt(one("SIP/2.0/UDP h;maddr=[ff02::1]").maddr()) == "[ff02::1]");
    parse_error const v6 = list_error("SIP/2.0/UDP h;maddr=ff02::1");
    CHECK(v6.offset == 20);
    CHECK(v6.id == diag::via_maddr_ipv6);
    CHECK(list_error("SIP/2.0/UDP h;maddr=-bad-.example.com").offset == 20);
    CHECK(list_error("SIP/2.0/UDP h;maddr=-bad-.example.com").id == diag::via_maddr_bad);
}

TEST_CASE("branch must be a token", "[via][params]") {
    parse_error const quoted = list_error("SIP/2.0/UDP h;branch=\"z9hG4bK1\"");
    CHECK(quoted.offset == 21);
    CHECK(quoted.id == diag::via_branch_bad);
    parse_error const empty = list_error("SIP/2.0/UDP h;branch=;rport");
    CHECK(empty.offset == 21);
    CHECK(empty.id == diag::via_branch_missing);
    CHECK(list_error("SIP/2.0/UDP h;branch").offset == 20);
}

TEST_CASE("parameter names are case-insensitive", "[via][params]") {
    via const v = one("SIP/2.0/UDP h;BRANCH=z9hG4bKAbC;Received=192.0.2.9;RPort=1234;TTL=3;MADDR=m.example.com;Alias");
    CHECK(opt(v.branch()) == "z9hG4bKAbC");  // the value keeps its case
    CHECK(opt(v.received()) == "192.0.2.9");
    CHECK(opt(v.rport()) == "1234");
    CHECK(v.ttl() == std::uint8_t{3});
    CHECK(opt(v.maddr()) == "m.example.com");
    CHECK(v.alias());
    CHECK(list_error("SIP/2.0/UDP h;TTL=300").offset == 18);  // typed in any case
}

TEST_CASE("extension params may be flags, tokens, IPv6 references or quoted strings", "[via][params]") {
    std::string_view const text = "SIP/2.0/UDP h;keep;x=[2001:db8::1];q=\"a,b;c\";branch=z9hG4bK1, SIP/2.0/UDP g";
    auto r = parse_via_list(text);
    REQUIRE(r);
    CHECK(r->size() == 2);  // the ',' inside quotes does not split entries
    via const& v = r->front();
    std::vector<std::string> names, values;
    for (param const& p : v.params()) {
        names.emplace_back(p.name);
        values.push_back(opt(p.value));
    }
    CHECK(names == std::vector<std::string>{"keep", "x", "q", "branch"});
    CHECK(values == std::vector<std::string>{"<none>", "[2001:db8::1]", "\"a,b;c\"", "z9hG4bK1"});
    CHECK(opt(v.branch()) == "z9hG4bK1");
    CHECK(std::next(r->begin())->host == "g");
}

TEST_CASE("seed REGISTER Via values: rport flag and alias", "[via][seed]") {
    via const yealink = one("SIP/2.0/TCP 192.0.2.10:49152;branch=z9hG4bK128604767;rport");
    CHECK(yealink.protocol_name == "SIP");
    CHECK(yealink.protocol_version == "2.0");
    CHECK(yealink.transport == "TCP");
    CHECK(yealink.host == "192.0.2.10");
    CHECK(yealink.host_kind == host_type::ipv4);
    CHECK(yealink.port() == std::uint16_t{49152});
    CHECK(opt(yealink.branch()) == "z9hG4bK128604767");
    REQUIRE(yealink.rport());
    CHECK(yealink.rport()->empty());
    CHECK_FALSE(yealink.alias());
    CHECK_FALSE(yealink.received());

    via const gswave = one("SIP/2.0/TCP 192.0.2.20:41234;branch=z9hG4bK1397466438;rport;alias");
    CHECK(gswave.host == "192.0.2.20");
    CHECK(gswave.port() == std::uint16_t{41234});
    CHECK(opt(gswave.branch()) == "z9hG4bK1397466438");
    CHECK(opt(gswave.rport()).empty());
    CHECK(gswave.alias());
    CHECK(gswave.params().size() == 3);
}

TEST_CASE("seed fragment: a Via without sent-by fails at offset 11 with a hint", "[via][seed]") {
    parse_error const e = list_error("SIP/2.0/TCP;branch=z9hG4bK128604767;rport");
    CHECK(e.offset == 11);
    CHECK(e.id == diag::via_sent_by_missing);
    CHECK(e.code == errc::syntax);
    // The prose is what sip-lint shows (tests/golden/expected/via-no-sent-by.txt): kept here once.
    CHECK(e.message == "sent-by (host[:port]) is missing after the transport");
    CHECK(contains(e.hint, "add the host[:port] the response must go to"));

    auto single = parse_via("SIP/2.0/TCP;branch=z9hG4bK128604767;rport");
    REQUIRE_FALSE(single);
    CHECK(single.error().offset == 11);

    parse_error const spaced = list_error("SIP/2.0/TCP ;branch=z9hG4bK1");
    CHECK(spaced.offset == 12);
    CHECK(spaced.id == diag::via_sent_by_missing);
    CHECK(list_error("SIP/2.0/TCP").offset == 11);
    CHECK(list_error("SIP/2.0/UDP[2001:db8::1]").id == diag::via_sent_by_space);
}

TEST_CASE("the sent-by port must fit in 16 bits", "[via]") {
    parse_error const e = list_error("SIP/2.0/UDP host:99999");
    CHECK(e.offset == 17);
    CHECK(e.id == diag::core_port_range);
    CHECK(e.code == errc::out_of_range);
    CHECK(one("SIP/2.0/UDP host : 65535").port() == std::uint16_t{65535});
    CHECK(list_error("SIP/2.0/UDP host:").offset == 17);
    CHECK(list_error("SIP/2.0/UDP host:").id == diag::via_port);
    CHECK(list_error("SIP/2.0/UDP host:;branch=z9hG4bK1").offset == 17);
}

TEST_CASE("a sent-protocol needs three '/'-separated parts", "[via]") {
    parse_error const e = list_error("SIP/2.0 UDP host");
    CHECK(e.offset == 7);
    CHECK(e.id == diag::via_slash_transport);
    CHECK(list_error("SIP UDP host").offset == 3);
    CHECK(list_error("SIP UDP host").id == diag::via_slash_version);
    CHECK(list_error("SIP/2.0/;branch=z9hG4bK1").offset == 8);
    CHECK(list_error("SIP/2.0/;branch=z9hG4bK1").id == diag::via_transport);
}

TEST_CASE("an empty Via value is rejected at offset 0", "[via]") {
    parse_error const e = list_error("");
    CHECK(e.offset == 0);
    CHECK(e.id == diag::via_empty);
    CHECK(list_error(";branch=z9hG4bK1").id == diag::via_no_sent_protocol);
    CHECK_FALSE(parse_via(""));
}

TEST_CASE("a trailing or doubled comma is rejected after it", "[via][list]") {
    parse_error const e = list_error("SIP/2.0/UDP host,");
    CHECK(e.offset == 17);
    CHECK(e.id == diag::via_empty_entry);
    CHECK(list_error("SIP/2.0/UDP host , ").offset == 19);
    CHECK(list_error("SIP/2.0/UDP host,,SIP/2.0/UDP g").offset == 17);
}

TEST_CASE("junk after an entry is rejected at its first byte", "[via]") {
    parse_error const e = list_error("SIP/2.0/UDP host;branch=z9hG4bK1 extra");
    CHECK(e.offset == 33);
    CHECK(e.id == diag::via_list_end);
    CHECK(list_error("SIP/2.0/UDP host@example.com").offset == 16);
}

TEST_CASE("parse_via takes one entry; trailing whitespace is allowed", "[via]") {
    via const v = one("SIP/2.0/UDP host;branch=z9hG4bK1  ");
    CHECK(v.text == "SIP/2.0/UDP host;branch=z9hG4bK1");
    auto two = parse_via("SIP/2.0/UDP a, SIP/2.0/UDP b");
    REQUIRE_FALSE(two);
    CHECK(two.error().offset == 13);
    CHECK(two.error().id == diag::via_several_entries);
}

TEST_CASE("grammar::via_value validates a Via value inside another grammar", "[via][grammar]") {
    namespace x3 = boost::spirit::x3;
    via last;
    parse_error err;
    CHECK(detail::run("SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b:5060",
                      detail::grammar::via_value >> detail::describe(diag::unexpected_character)[x3::eoi], last, err));
    CHECK(last.host == "b");  // the context's via holds the last entry
    CHECK(last.port() == std::uint16_t{5060});
    via bad;
    CHECK_FALSE(detail::run("SIP/2.0/UDP a;ttl=999", detail::grammar::via_value >> detail::describe(diag::unexpected_character)[x3::eoi], bad, err));
    CHECK(err.offset == 18);
    CHECK(err.id == diag::via_ttl_range);
}
