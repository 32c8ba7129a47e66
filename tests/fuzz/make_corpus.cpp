// Builds the seed corpora of the fuzz harnesses from tests/data (nothing is
// copied into the repository):
//
//     sipview_fuzz_corpus <tests/data> <out-dir>
//
// writes <out-dir>/<harness>/seed-NNNN for each harness: the header values
// of every message (From/To/Contact/Route/Via/Authorization/... by name,
// raw with their folds), the Request-URIs and URIs inside <>, the values of
// seed/fragments.tsv, a few RFC 3261 examples, and the whole messages (with
// the leniency-flags byte the message harness expects, and as streams with
// keep-alives for the framing harness; the Authorization values with a
// password, method and body for the digest harness), and for the header
// harness every known header's value and every header registry example.
#include "corpus.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

namespace fs = std::filesystem;
using sipview_corpus::entry;

namespace {

std::map<std::string, std::set<std::string>> seeds;  // harness -> contents (deduplicated)

void add(char const* harness, std::string const& s) { seeds[harness].insert(s); }

/// digest harness: flags, the lengths of password, method and body, the
/// credentials, then those three (see fuzz_digest.cpp). Flag variants: as
/// sent (text mode, 32 hex); 64 hex with qop=auth-int and a body; octets
/// mode with userhash and MD5-sess; a hasher that fails on its first call.
void add_digest(std::string const& credentials) {
    std::string const password = "SomePass", method = "REGISTER", body = "v=0\r\n";
    struct variant {
        unsigned char flags;
        bool with_body;
    };
    for (variant const v : {variant{0x00, false}, variant{0x0E, true}, variant{0x31, false}, variant{0x40, false}}) {
        std::string s;
        s += static_cast<char>(v.flags);
        s += static_cast<char>(password.size());
        s += static_cast<char>(method.size());
        s += static_cast<char>(v.with_body ? body.size() : 0);
        s += credentials + password + method + (v.with_body ? body : std::string());
        add("digest", s);
    }
}

void add_value(entry e, std::string const& v) {
    switch (e) {
    case entry::uri: add("uri", v); break;
    case entry::name_addr:
        add("name_addr", v);
        add("contact_list", v);
        break;
    case entry::contact:
        add("contact_list", v);
        add("name_addr", v);
        break;
    case entry::route:
        add("route_list", v);
        add("contact_list", v);
        add("name_addr", v);
        break;
    case entry::via: add("via_list", v); break;
    case entry::credentials:
        add("credentials", v);
        add_digest(v);
        break;
    case entry::challenge: add("challenge", v); break;
    case entry::message: {
        // message: flags byte 0x00 (strict), 0x01 (no validation), 0x03 (+ bare LF)
        for (char f : {'\x00', '\x01', '\x03'}) add("message", std::string(1, f) + v);
        // stream: flags, split seed, then keep-alives and the message twice
        add("stream", std::string("\x00\x00", 2) + v);
        add("stream", std::string("\x00\x07", 2) + "\r\n\r\n" + v + v);
        add("stream", std::string("\x02\x2a", 2) + "\r\n" + v);
        break;
    }
    }
}

char const* const rfc3261_examples[][2] = {
    {"uri", "sip:alice@atlanta.com"},
    {"uri", "sip:alice:secretword@atlanta.com;transport=tcp"},
    {"uri", "sips:alice@atlanta.com?subject=project%20x&priority=urgent"},
    {"uri", "sip:+1-212-555-1212:1234@gateway.com;user=phone"},
    {"uri", "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com"},
    {"uri", "sip:alice;day=tuesday@atlanta.com"},
    {"uri", "sip:[2001:db8::10]:5070;maddr=[::ffff:192.0.2.1]"},
    {"name_addr", "\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s"},
    {"name_addr", "sip:+12125551212@server.phone2net.com;tag=887s"},
    {"name_addr", "Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8"},
    {"contact_list", "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600, "
                     "\"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1"},
    {"contact_list", "*"},
    {"route_list", "<sip:bigbox3.site3.atlanta.com;lr>, <sip:server10.biloxi.com;lr>"},
    {"via_list", "SIP/2.0/UDP erlang.bell-telephone.com:5060;branch=z9hG4bK87asdks7"},
    {"via_list", "SIP/2.0/UDP 192.0.2.1:5060 ;received=192.0.2.207;branch=z9hG4bK77asjd"},
    {"via_list", "SIP / 2.0 / UDP first.example.com: 4000;ttl=16\r\n ;maddr=224.2.0.1 ;branch=z9hG4bKa7c6a8dlze.1"},
    {"via_list", "SIP/2.0/TCP [2001:db8::9:1];received=2001:db8::9:255;rport=5060;alias"},
    {"credentials", "Digest username=\"Alice\", realm=\"atlanta.com\",\r\n nonce=\"84a4cc6f3082121f32b42a2187831a9e\",\r\n"
                    " response=\"7587245234b3434cc3412213e5f113a5432\""},
    {"challenge", "Digest realm=\"atlanta.com\",\r\n domain=\"sip:boxesbybob.com\", qop=\"auth,auth-int\",\r\n"
                  " nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5"},
    {"credentials", "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                    "uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", "
                    "response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""},
    {"credentials", "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/dir/index.html\", algorithm=SHA-256, "
                    "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", userhash=false"},
    {"credentials", "NoOneKnowsThisScheme opaque-data=here, x=\"y\""},
    {"challenge", "Digest realm=\"biloxi.com\", qop=\"auth, auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                  "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", stale=true, charset=UTF-8, userhash=true"},
    {"challenge", "Digest realm=\"a\", domain=\"sip:a.example.com /path sips:b\", algorithm=SHA-512-256-sess, nonce=\"x\""},
    {"challenge", "Other a=b,c=\"d, e\""},
    {"route_list", "<sip:p1.example.com;lr>,\r\n <sip:p2.domain.com;lr;maddr=[::1]>"},
    {"route_list", "\"Proxy\" <sips:[2001:db8::1]:5061;transport=tls;lr>;x=y"},
};

/// tel harness (fuzz_tel.cpp): RFC 3966 and RFC 4904 examples, the
/// telephone-subscriber of RFC 3261 §19.1.6, invalid forms, and pairs
/// joined by '\n' for the comparison.
char const* const tel_examples[] = {
    "tel:+1-201-555-0123",
    "tel:7042;phone-context=example.com",
    "tel:863-1234;phone-context=+1-914-555",
    "tel:+1-201-555-0123;ext=1234;isub=8a%20b;postd=pp22;npdi",
    "tel:+16305550100;tgrp=TG-1;trunk-context=+1-630",
    "tel:5550100;phone-context=+1-630;tgrp=TG-1;trunk-context=example.com",
    "tel:*86#;phone-context=example.com.",
    "+358-555-1234567;postd=pp22",
    "tel:911;p1=p1;p2=p2",
    "tel:+14086661212;",
    "tel:+",
    "tel:-",
    "tel:+1;isub=",
    "tel:+1;;x=1",
    "tel:+1-201-555-0123\ntel:+12015550123",
    "tel:+1;isub=ab;ext=12;x=1\ntel:+1;x=1;ext=1-2;isub=AB",
    "tel:7042;phone-context=example.com\ntel:7042;phone-context=example.net",
};

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <tests/data> <out-dir>\n", argv[0]);
        return 2;
    }
    for (auto const& it : sipview_corpus::load(argv[1])) add_value(it.kind, it.text);
    // header: the header's id byte, then the value (every registry row's example included)
    for (auto const& h : sipview_corpus::header_values(argv[1])) add("header", std::string(1, static_cast<char>(h.id)) + h.value);
    for (char const* t : tel_examples) {
        add("tel", t);
        if (std::string_view(t).substr(0, 4) == "tel:" && std::string_view(t).find('\n') == std::string_view::npos) add("uri", t);
    }
    for (auto const& e : rfc3261_examples) {
        add(e[0], e[1]);
        if (std::string(e[0]) == "credentials") add_digest(e[1]);
    }
    // multipart: the boundary's length byte, the boundary, then the body
    auto multipart_seed = [](std::string const& boundary, std::string const& body) {
        add("multipart", std::string(1, static_cast<char>(boundary.size())) + boundary + body);
    };
    multipart_seed("boundary1", "--boundary1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--boundary1\r\n"
                                "Content-Type: application/resource-lists+xml\r\nContent-Disposition: recipient-list;handling=required\r\n\r\n"
                                "<resource-lists/>\r\n--boundary1--\r\n");
    multipart_seed("out", "pre\r\n--out\r\nContent-Type: multipart/alternative;boundary=in\r\n\r\n--in\r\n\r\ninner\r\n--in--\r\n--out--\r\nepi");
    multipart_seed("b", "--b\r\n\r\nno headers\r\n--b--");
    // decode_mode::text rejects these (a quoted-pair NUL, an overlong C0 80)
    static char const nul_user[] = "Digest username=\"alice\\\0evil\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", "
                                   "response=\"0123456789abcdef0123456789abcdef\"";
    add_digest(std::string(nul_user, sizeof nul_user - 1));
    add_digest("Digest username=\"bob\xC0\x80\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", qop=auth, nc=00000001, "
               "cnonce=\"c\", response=\"0123456789abcdef0123456789abcdef\"");

    // message: what the SIP mutator found (the leniency-flags byte first):
    // a NUL in a Retry-After parameter passed strict validation (0x60:
    // strict, 4 headers); more than warning_list::capacity warnings dropped
    // the one for a Date not in GMT (0xFA: every leniency flag, 256 headers)
    static char const retry_after_nul[] = "\x60SIP/2.0 100 \r\nRETRY-AFTER:8;\0\r\n\r\n";
    add("message", std::string(retry_after_nul, sizeof retry_after_nul - 1));
    add("message", "\xfaREGISTER sip:1 SIP/2.0\r\nMax-Forwards: 6\r\nFrom: sip:caller@exampl.net;tag=2234923\r\n"
                   "t: \"\" < sip:t.w,atson@[::1]:65535 >\r\nt: sip:user@123\r\n"
                   "CALL-ID: badaspec.sdf0234n2nds0a099u23h3hnnw00dkne3\r\ni: bae.net>\r\n"
                   "I: badaspec.sdf0234n2nds0a0009cdkne3\r\nMAX-FORWARDS: 6\r\nl: 0\r\ndate: Frian 201:00:00 EST\r\n\r\n");

    // uri: what the URI fuzzer found (two URIs split at the midpoint): both
    // tel URIs have an isub the other lacks, and compare_uris(b, a) paired
    // other parts than compare_uris(a, b)
    add("uri", "tel:+10123;ext24;3isub=%8a20bt24;3isub=2tel:+10123;EXT24;3ISUB=%8A20BT24;3ISUB=I");

    std::size_t total = 0;
    for (auto const& [harness, contents] : seeds) {
        fs::path const dir = fs::path(argv[2]) / harness;
        fs::create_directories(dir);
        std::size_t n = 0;
        for (auto const& s : contents) {
            char name[32];
            std::snprintf(name, sizeof name, "seed-%04zu", ++n);
            std::ofstream(dir / name, std::ios::binary).write(s.data(), static_cast<std::streamsize>(s.size()));
        }
        std::printf("%-14s %zu seeds\n", harness.c_str(), n);
        total += n;
    }
    return total > 0 ? 0 : 1;
}
