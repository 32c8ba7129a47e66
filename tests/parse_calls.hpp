// The parse calls that the allocation-count test and the
// -fno-exceptions -fno-rtti test both run: every entry point, on inputs that
// are accepted and inputs that are rejected, including reading the typed
// fields. probe.begin() runs before each call, probe.end(entry, expected_ok,
// ok) after it and after the fields were read.
#pragma once

#include <sipview/sipview.hpp>

#include <cstddef>
#include <string_view>

namespace sipview_test {

struct case_row {
    std::string_view input;
    bool valid;
};

template <class Probe>
void run_parse_calls(Probe& probe) {
    using namespace sipview;
    static constexpr case_row uris[] = {
        {"sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent", true},
        {"sip:[2001:db8::10]:5070", true},
        {"tel:+1-212-555-1212;phone-context=example.com", true},
        {"sip:1001@company1@pbx.example.com:5080", false},
        {"sip:2001:db8::10", false},
        {"sip:host:70000", false},
        {"", false},
    };
    for (auto const& c : uris) {
        probe.begin();
        auto r = parse_uri(c.input);
        bool views_inside = true;  // iterating the params must not allocate either
        if (r)
            for (auto const& p : r->params())
                views_inside = views_inside && p.name.data() >= c.input.data() &&
                               p.name.data() + p.name.size() <= c.input.data() + c.input.size();
        probe.end("parse_uri", c.valid, r.has_value() && views_inside);
    }
    static constexpr case_row tels[] = {
        {"tel:+1-201-555-0123;isub=1411;ext=22", true},
        {"tel:5550100;phone-context=+1-630;tgrp=TG-1;trunk-context=example.com", true},
        {"tel:911;p1=p1;p2=p2", false},
        {"tel:+1;;x=1", false},
    };
    for (auto const& c : tels) {
        probe.begin();
        auto r = parse_tel_uri(c.input);
        bool ok = r.has_value();
        if (r) {  // digits, comparison and formatting allocate nothing either
            char buf[128];
            auto d = r->digits(buf, sizeof buf);
            ok = d.has_value() && compare_tel_uris(*r, *r).equal() && format(*r, buf, sizeof buf).has_value() &&
                 r->params().size() > 0;
        }
        probe.end("parse_tel_uri", c.valid, ok);
    }
    static constexpr case_row subscribers[] = {
        {"sip:+358-555-1234567;postd=pp22@foo.com;user=phone", true},
        {"sip:911@example.com;user=phone", false},
    };
    for (auto const& c : subscribers) {
        probe.begin();
        auto u = parse_uri(c.input);
        bool ok = false;
        if (u) {
            auto t = u->telephone_subscriber();
            ok = t.has_value() && parse_telephone_subscriber(*u->user).has_value();
        }
        probe.end("parse_telephone_subscriber", c.valid, ok);
    }
    static constexpr case_row name_addrs[] = {
        {"\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s", true},
        {"sip:+19725552222@gw1.example.net;unknownparam", true},
        {"<sip:1001@domain@fqdn.tld:5080>;tag=829762152", false},
        {"\"Mr. J. User <sip:j.user@example.com>", false},
    };
    for (auto const& c : name_addrs) {
        probe.begin();
        auto r = parse_name_addr(c.input);
        if (r) (void)r->tag();
        probe.end("parse_name_addr", c.valid, r.has_value());
    }
    static constexpr case_row contacts[] = {
        {"*", true},
        {"\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600, <mailto:w@b.com> ;q=0.1", true},
        {"<sip:a@b>,", false},
    };
    for (auto const& c : contacts) {
        probe.begin();
        auto r = parse_contact_list(c.input);
        if (r) for (auto const& n : *r) (void)n.q();
        probe.end("parse_contact_list", c.valid, r.has_value());
    }
    static constexpr case_row routes[] = {
        {"<sip:p1.example.com;lr>, <sip:p2.domain.com;lr>", true},
        {"sip:p1.example.com;lr", false},
    };
    for (auto const& c : routes) {
        probe.begin();
        auto r = parse_route_list(c.input);
        if (r) for (auto const& n : *r) (void)n.uri.host;
        probe.end("parse_route_list", c.valid, r.has_value());
    }
    static constexpr case_row vias[] = {
        {"SIP/2.0/UDP erlang.bell-telephone.com:5060;branch=z9hG4bK87asdks7, SIP/2.0/TCP [2001:db8::9:1];received=2001:db8::9:255;rport", true},
        {"SIP/2.0/TCP;branch=z9hG4bK128604767;rport", false},
    };
    for (auto const& c : vias) {
        probe.begin();
        auto r = parse_via_list(c.input);
        if (r) for (auto const& v : *r) { (void)v.branch(); (void)v.rport(); (void)v.port(); }
        probe.end("parse_via_list", c.valid, r.has_value());
    }
    static constexpr case_row creds[] = {
        {"Digest username=\"1001\", realm=\"company1\", nonce=\"a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c\", uri=\"sip:company1\", "
         "response=\"d888f365bdf1fbe9d690c8d4fef099ba\", algorithm=MD5, cnonce=\"5e2b9c7a\", qop=auth, nc=00000001", true},
        {"Digest username=\"a\" realm=\"b\"", false},
    };
    for (auto const& c : creds) {
        probe.begin();
        auto r = parse_credentials(c.input);
        if (r) { (void)r->username(); (void)r->realm(); (void)r->response(); }
        probe.end("parse_credentials", c.valid, r.has_value());
    }
    static constexpr case_row challenges[] = {
        {"Digest realm=\"atlanta.com\",\r\n domain=\"sip:boxesbybob.com\", qop=\"auth,auth-int\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5", true},
        {"Digest realm=\"atlanta.com", false},
    };
    for (auto const& c : challenges) {
        probe.begin();
        auto r = parse_challenge(c.input);
        if (r) { (void)r->realm(); for (auto q : r->qop_options()) (void)q; }
        probe.end("parse_challenge", c.valid, r.has_value());
    }
    // every header value parser of the header registry, on its row's example
    for_each_header([&](auto tag) {
        using H = decltype(tag);
        probe.begin();
        auto r = H::parse(H::example);
        probe.end(H::parser.data(), true, r.has_value());
    });
    static constexpr case_row messages[] = {
        {"REGISTER sip:company1 SIP/2.0\r\n"
         "Via: SIP/2.0/TCP 192.0.2.10:49152;branch=z9hG4bK128604767;rport\r\n"
         "From: \"1001\" <sip:1001@company1>;tag=1642326358\r\n"
         "To: \"1001\" <sip:1001@company1>\r\n"
         "Call-ID: 0_1934327449\r\n"
         "CSeq: 2 REGISTER\r\n"
         "Contact: <sip:1001@192.0.2.10:49152;transport=TCP>\r\n"
         "Authorization: Digest username=\"1001\", realm=\"company1\", nonce=\"a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c\", "
         "uri=\"sip:company1\", response=\"d888f365bdf1fbe9d690c8d4fef099ba\", algorithm=MD5, cnonce=\"5e2b9c7a\", "
         "qop=auth, nc=00000001\r\n"
         "Max-Forwards: 70\r\n"
         "Expires: 1200\r\n"
         "Content-Length: 0\r\n\r\n", true},
        {"REGISTER sip:pbx.example.com:5080;transport=tcp SIP/2.0\r\n"
         "Via: SIP/2.0/TCP 192.0.2.20:41234;branch=z9hG4bK1397466438;rport;alias\r\n"
         "From: <sip:1001@company1@pbx.example.com:5080>;tag=829762152\r\n"
         "To: <sip:1001@company1@pbx.example.com:5080>\r\n"
         "Call-ID: 1068685397-12036-1@192.0.2.20\r\nCSeq: 1 REGISTER\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", false},
        {"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\n"
         "Call-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 4\r\n\r\nbody", true},
        {"INVITE sip:a@b SIP/2.0\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n", false},
        {"SIP/2.0 183 Session Progress\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\n"
         "Call-ID: x\r\nCSeq: 1 INVITE\r\nRSeq: 988789\r\nSession-Expires: 4000;refresher=uac\r\nMin-SE: 90\r\n"
         "Path: <sip:p1.example.com;lr>\r\nContent-Length: 0\r\n\r\n", true},
        {"PRACK sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\n"
         "Call-ID: x\r\nCSeq: 2 PRACK\r\nMax-Forwards: 70\r\nRAck: 0 1 INVITE\r\nContent-Length: 0\r\n\r\n", false},
    };
    for (auto const& c : messages) {
        probe.begin();
        header_field headers[32];
        auto r = parse_message(c.input, headers);
        if (r) {
            (void)r->from();
            (void)r->cseq();
            (void)r->call_id();
            if (auto v = r->vias()) for (auto const& e : *v) (void)e.branch();
            (void)r->authorization();
            (void)r->get<header::session_expires>();
            for (auto const& h : r->headers()) r->visit_typed(h, [](auto, auto const& v) { (void)v.has_value(); });
        }
        probe.end("parse_message", c.valid, r.has_value());
    }
    for (auto const& c : messages) {
        probe.begin();
        frame_state state;
        std::string_view const half = c.input.substr(0, c.input.size() / 2);
        auto partial = frame_message(half, state);
        auto whole = frame_message(c.input, state);
        // framing only needs the head and Content-Length: every row frames
        probe.end("frame_message", true, partial.status == frame_status::need_more && whole.status == frame_status::complete);
    }
    static constexpr case_row multiparts[] = {
        {"--b1\r\nContent-Type: application/sdp\r\nContent-Disposition: session;handling=required\r\n\r\nv=0\r\n"
         "\r\n--b1\r\nContent-Type: multipart/alternative;boundary=in\r\n\r\n--in\r\n\r\nx\r\n--in--\r\n--b1--\r\n",
         true},
        {"--b1\r\n\r\nnever closed\r\n", false},
    };
    for (auto const& c : multiparts) {
        probe.begin();
        body_part parts[4];
        header_field part_headers[8];
        auto r = parse_multipart(c.input, "b1", parts, part_headers);
        bool ok = r.has_value();
        if (r)
            for (body_part const& p : *r) ok = ok && p.content_type().has_value() && (!p.disposition() || p.disposition()->has_value());
        probe.end("parse_multipart", c.valid, ok);
    }
}

} // namespace sipview_test
