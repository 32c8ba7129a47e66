// The leniency flags (leniency.hpp): every row of the table on both sides of
// its flag, then what each flag accepts, where the warning points, and that
// typed access and the list iterators re-read lenient values under the same
// flags.
#include "catch.hpp"
#include "leniency_examples.hpp"
#include "support.hpp"

#include <sipview/sipview.hpp>

#include <string>
#include <string_view>

using namespace sipview;

using sipview_test::has_warning;
using sipview_test::outcome;
using sipview_test::parse_example;

TEST_CASE("every leniency flag's example is rejected strictly, and the error names the flag", "[leniency]") {
    for (std::size_t i = 1; i <= leniency_count; ++i) {
        auto const l = static_cast<leniency>(i);
        leniency_info const& row = info(l);
        INFO(row.name);
        outcome const strict = parse_example(row, {});
        CHECK_FALSE(strict.ok);
        CHECK(strict.error.would_accept == l);
        CHECK(strict.warnings.empty());
    }
}

TEST_CASE("every leniency flag accepts its example with the warning that names it", "[leniency]") {
    for (std::size_t i = 1; i <= leniency_count; ++i) {
        auto const l = static_cast<leniency>(i);
        leniency_info const& row = info(l);
        INFO(row.name);
        outcome const lenient = parse_example(row, l);
        CHECK(lenient.ok);
        CHECK(has_warning(lenient.warnings, row.warning));
        CHECK(leniency_of_warning(row.warning) == l);
        // the warning's message names the flag and the rule
        CHECK(info(row.warning).message.find(row.name) != std::string_view::npos);
        CHECK(info(row.warning).message.find("RFC") != std::string_view::npos);
        // every other flag together does not accept it
        outcome const others = parse_example(row, leniency_set::all().remove(l));
        CHECK_FALSE(others.ok);
        CHECK(others.error.would_accept == l);
    }
}

TEST_CASE("leniency flags are found by name and names are unique", "[leniency]") {
    for (std::size_t i = 1; i <= leniency_count; ++i) {
        auto const l = static_cast<leniency>(i);
        CHECK(leniency_from_string(to_string(l)) == l);
        CHECK(leniency_set::all().has(l));
        CHECK_FALSE(leniency_set{}.has(l));
    }
    CHECK(leniency_from_string("allow_everything") == leniency::none);
    CHECK(leniency_from_string("") == leniency::none);
}

TEST_CASE("allow_underscore_host: the hostname with '_', warned at the '_'", "[leniency][uri]") {
    std::string_view const text = "sip:alice@my_proxy.example.com:5060;transport=tcp";
    auto const strict = parse_uri(text);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().offset == 12);
    CHECK(strict.error().would_accept == leniency::allow_underscore_host);
    warning_list w;
    parse_options o;
    o.lenient = leniency::allow_underscore_host;
    o.warnings = &w;
    auto const r = parse_uri(text, o);
    REQUIRE(r);
    CHECK(r->host == "my_proxy.example.com");
    CHECK(r->port() == 5060);
    REQUIRE(w.size() == 1);
    CHECK(w[0].id == diag::lenient_underscore_host);
    CHECK(w[0].offset == 12);
    // a leading '_' label (SRV-style names) too
    auto const srv = parse_uri("sip:_sip._udp.example.com", o);
    REQUIRE(srv);
    CHECK(srv->host == "_sip._udp.example.com");
    // no flag is asked about, and no warning given, for a valid host
    warning_list none;
    o.warnings = &none;
    CHECK(parse_uri("sip:alice@proxy.example.com", o));
    CHECK(none.empty());
}

TEST_CASE("allow_digit_toplabel: all-digit and digit-led top labels, not IPv4", "[leniency][uri]") {
    parse_options o;
    o.lenient = leniency::allow_digit_toplabel;
    warning_list w;
    o.warnings = &w;
    auto const r = parse_uri("sip:a@123jeff", o);
    REQUIRE(r);
    CHECK(r->host == "123jeff");
    CHECK(r->host_kind == host_type::hostname);
    REQUIRE(w.size() == 1);
    CHECK(w[0].offset == 6);
    auto const digits = parse_uri("sip:a@example.123", o);
    REQUIRE(digits);
    CHECK(digits->host == "example.123");
    CHECK(w[1].offset == 14);
    auto const ipv4 = parse_uri("sip:a@192.0.2.1", o);
    REQUIRE(ipv4);
    CHECK(ipv4->host_kind == host_type::ipv4);
    CHECK(w.size() == 2);
    CHECK_FALSE(parse_uri("sip:a@123jeff"));
    CHECK_FALSE(parse_uri("sip:a@my_proxy", o));  // only the flags given
}

TEST_CASE("allow_quoted_uri_param and allow_trailing_semicolon: URI parameters", "[leniency][uri]") {
    parse_options o;
    o.lenient = leniency_set(leniency::allow_quoted_uri_param).add(leniency::allow_trailing_semicolon);
    warning_list w;
    o.warnings = &w;
    auto const q = parse_uri("sip:alice@example.com;p=\"x;y\";lr", o);
    REQUIRE(q);
    CHECK(q->param_value("p") == "\"x;y\"");
    CHECK(q->params().contains("lr"));
    REQUIRE(w.size() == 1);
    CHECK(w[0].id == diag::lenient_quoted_uri_param);
    CHECK(w[0].offset == 24);
    auto const t = parse_uri("sip:proxy.example.com;lr;", o);
    REQUIRE(t);
    CHECK(t->params_text == ";lr");
    CHECK(t->text == "sip:proxy.example.com;lr");  // the ';' is not the URI's
    REQUIRE(w.size() == 2);
    CHECK(w[1].id == diag::lenient_trailing_semicolon);
    CHECK(w[1].offset == 24);
    // ';' followed by something that is not a parameter stays an error
    CHECK_FALSE(parse_uri("sip:proxy.example.com;lr;=x", o));
    auto const strict = parse_uri("sip:proxy.example.com;lr;");
    REQUIRE_FALSE(strict);
    CHECK(strict.error().would_accept == leniency::allow_trailing_semicolon);
}

TEST_CASE("allow_lws_in_brackets: whitespace inside <> around the URI", "[leniency][name_addr]") {
    std::string_view const text = "\"Alice\" < sip:alice@example.com >;tag=1928301774";
    auto const strict = parse_name_addr(text);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().id == diag::na_whitespace_in_brackets);
    CHECK(strict.error().would_accept == leniency::allow_lws_in_brackets);
    warning_list w;
    parse_options o;
    o.lenient = leniency::allow_lws_in_brackets;
    o.warnings = &w;
    auto const r = parse_name_addr(text, o);
    REQUIRE(r);
    CHECK(r->uri.text == "sip:alice@example.com");
    CHECK(r->tag() == "1928301774");
    REQUIRE(w.size() == 2);  // after '<' and before '>'
    CHECK(w[0].offset == 9);
    CHECK(w[1].offset == 31);
}

TEST_CASE("allow_unbracketed_info_uri: Alert-Info without <>", "[leniency][name_addr]") {
    parse_options o;
    o.lenient = leniency::allow_unbracketed_info_uri;
    auto const url = parse_info_list("http://www.example.com/sounds/moo.wav;info=alert-autoanswer", o);
    REQUIRE(url);
    REQUIRE(url->size() == 1);
    name_addr const a = url->front();
    CHECK(a.uri.scheme == "http");
    CHECK(a.uri.text == "http://www.example.com/sounds/moo.wav");
    CHECK(a.param_value("info") == "alert-autoanswer");
    auto const words = parse_info_list("Ring Answer, <http://example.com/b.wav>", o);
    REQUIRE(words);
    REQUIRE(words->size() == 2);
    auto it = words->begin();
    CHECK(it->uri.text == "Ring Answer");
    CHECK(it->uri.scheme.empty());
    ++it;
    CHECK(it->uri.text == "http://example.com/b.wav");
    CHECK(it->bracketed);
    CHECK_FALSE(parse_info_list("Ring Answer"));
    CHECK_FALSE(parse_info_list(";info=x", o));
}

TEST_CASE("allow_multiple_challenges: the first challenge, the others in `following`", "[leniency][auth]") {
    std::string_view const text =
        "Digest realm=\"example.com\", nonce=\"a1\", algorithm=SHA-256 , Digest realm=\"example.com\", nonce=\"a1\"";
    auto const strict = parse_challenge(text);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().would_accept == leniency::allow_multiple_challenges);
    warning_list w;
    parse_options o;
    o.lenient = leniency::allow_multiple_challenges;
    o.warnings = &w;
    auto const r = parse_challenge(text, o);
    REQUIRE(r);
    CHECK(r->algorithm()->text() == "SHA-256");
    CHECK(r->following == "Digest realm=\"example.com\", nonce=\"a1\"");
    REQUIRE(w.size() == 1);
    CHECK(w[0].offset == 58);
    auto const second = parse_challenge(r->following, o);
    REQUIRE(second);
    CHECK_FALSE(second->algorithm());
    CHECK(second->following.empty());
    // a trailing ',' is not a challenge
    CHECK_FALSE(parse_challenge("Digest realm=\"a\", nonce=\"b\",", o));
    // format() writes them all
    char buf[256];
    auto const f = format(*r, buf, sizeof buf);
    REQUIRE(f);
    CHECK(f->substr(f->size() - r->following.size()) == r->following);
    auto const again = parse_challenge(*f, o);
    REQUIRE(again);
    CHECK(again->following == r->following);
}

TEST_CASE("lenient list values are re-read under the same flags", "[leniency][name_addr][via]") {
    parse_options o;
    o.lenient = leniency_set::all();
    auto const contacts = parse_contact_list("<sip:a@my_host>;expires=60, sip:b@other_host:5070", o);
    REQUIRE(contacts);
    REQUIRE(contacts->size() == 2);
    std::size_t n = 0;
    for (name_addr const& c : *contacts) {
        CHECK_FALSE(c.uri.host.empty());
        ++n;
    }
    CHECK(n == 2);
    auto const vias = parse_via_list("SIP/2.0/UDP my_host:5060;branch=z9hG4bK1, SIP/2.0/TCP 10jeff;branch=z9hG4bK2", o);
    REQUIRE(vias);
    n = 0;
    for (via const& v : *vias) {
        CHECK((v.host == "my_host" || v.host == "10jeff"));
        ++n;
    }
    CHECK(n == 2);
    CHECK_FALSE(parse_via_list("SIP/2.0/UDP my_host:5060;branch=z9hG4bK1"));
}

TEST_CASE("parse_message under leniency: warnings at message offsets, typed access under the same flags", "[leniency][message]") {
    std::string const text =
        "INVITE sip:bob@my_host.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc_33.example.com;branch=z9hG4bK776asdhds\r\n"
        "Max-Forwards: 70\r\n"
        "To: Bob < sip:bob@example.com >\r\n"
        "From: <sip:alice@example.com>;tag=1928301774\r\n"
        "Call-ID: a84b4c76e66710\r\n"
        "CSeq: 314159 INVITE\r\n"
        "Route: <sip:p1.example.com;lr;>, <sip:p2_b.example.com;lr>\r\n"
        "Content-Length: 0\r\n\r\n";
    header_field h[32];
    auto const strict = parse_message(text, h);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().offset == 17);  // the Request-URI's '_'
    CHECK(strict.error().would_accept == leniency::allow_underscore_host);
    message_options o;
    o.lenient = leniency_set::all();
    auto const r = parse_message(text, h, o);
    REQUIRE(r);
    CHECK(r->lenient() == leniency_set::all());
    CHECK(r->request_uri().host == "my_host.example.com");
    warning_list const& w = r->warnings();
    REQUIRE(w.size() == 6);
    CHECK(w[0].id == diag::lenient_underscore_host);
    CHECK(w[0].offset == 17);
    CHECK(w[1].id == diag::lenient_underscore_host);
    CHECK(text.substr(w[1].offset, 3) == "_33");
    CHECK(w[2].id == diag::lenient_lws_in_brackets);
    CHECK(text[w[2].offset] == ' ');
    CHECK(w[4].id == diag::lenient_trailing_semicolon);
    CHECK(text.substr(w[4].offset, 2) == ";>");
    CHECK(w[5].id == diag::lenient_underscore_host);
    auto const to = r->to();
    REQUIRE(to);
    CHECK(to->uri.host == "example.com");
    auto const routes = r->routes();
    REQUIRE(routes);
    std::size_t n = 0;
    for (name_addr const& route : *routes) {
        CHECK_FALSE(route.uri.host.empty());
        ++n;
    }
    CHECK(n == 2);
    auto const vias = r->vias();
    REQUIRE(vias);
    CHECK(vias->front().host == "pc_33.example.com");
}

TEST_CASE("validate() runs under the flags the message was parsed with, validate(options) under the options", "[leniency][message]") {
    std::string const text =
        "OPTIONS sip:bob@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
        "Max-Forwards: 70\r\n"
        "To: Bob < sip:bob@example.com >\r\n"
        "From: <sip:alice@example.com>;tag=1928301774\r\n"
        "Call-ID: a84b4c76e66710\r\n"
        "CSeq: 1 OPTIONS\r\n"
        "Content-Length: 0\r\n\r\n";
    header_field h[16];
    message_options o;
    o.lenient = leniency_set{leniency::allow_lws_in_brackets};
    auto r = parse_message(text, h, o);
    REQUIRE(r);
    std::size_t const warned = r->warnings().size();
    REQUIRE(warned >= 1);
    CHECK(r->warnings()[0].id == diag::lenient_lws_in_brackets);

    // again under the message's own flags: accepted, the same warnings
    CHECK_FALSE(r->validate());
    CHECK(r->warnings().size() == warned);
    CHECK(r->warnings()[0].id == diag::lenient_lws_in_brackets);

    // under default (strict) options: the To header's space inside <> is an error
    auto const strict = r->validate(message_options{});
    REQUIRE(strict);
    CHECK(strict->would_accept == leniency::allow_lws_in_brackets);
    CHECK(text[strict->offset] == ' ');
    CHECK(text.substr(0, strict->offset).rfind("To: ") != std::string::npos);
}

TEST_CASE("allow_bare_lf: the warning is at the first bare LF", "[leniency][message]") {
    std::string const text = "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\n"
                             "Max-Forwards: 70\r\nTo: <sip:bob@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\n"
                             "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    header_field h[16];
    auto const strict = parse_message(text, h);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().id == diag::msg_bare_lf);
    CHECK(strict.error().would_accept == leniency::allow_bare_lf);
    message_options o;
    o.lenient = leniency::allow_bare_lf;
    auto const r = parse_message(text, h, o);
    REQUIRE(r);
    REQUIRE(r->warnings().size() == 1);
    CHECK(r->warnings()[0].id == diag::lenient_bare_lf);
    CHECK(r->warnings()[0].offset == text.find('\n', 40));
}

TEST_CASE("assume_zero_content_length: framing says the message needed it", "[leniency][stream]") {
    std::string_view const text = info(leniency::assume_zero_content_length).example;
    frame_state st;
    frame_result const strict = frame_message(text, st);
    REQUIRE(strict.status == frame_status::error);
    CHECK(strict.error.id == diag::stream_content_length_missing);
    CHECK(strict.error.would_accept == leniency::assume_zero_content_length);
    frame_state st2;
    stream_options o;
    o.lenient = leniency::assume_zero_content_length;
    frame_result const r = frame_message(text, st2, o);
    REQUIRE(r.status == frame_status::complete);
    CHECK(r.length == text.size());
    CHECK(r.accepted.has(leniency::assume_zero_content_length));
    std::string const with_length = std::string(text.substr(0, text.size() - 2)) + "Content-Length: 0\r\n\r\n";
    frame_state st3;
    frame_result const plain = frame_message(with_length, st3, o);
    REQUIRE(plain.status == frame_status::complete);
    CHECK(plain.accepted.empty());
}

TEST_CASE("a strict error that no flag would accept names none", "[leniency]") {
    CHECK(parse_uri("sip:a@b@c").error().would_accept == leniency::none);
    CHECK(parse_name_addr("<sip:a@b").error().would_accept == leniency::none);
    header_field h[8];
    CHECK(parse_message("OPTIONS sip:a@b SIP/3.0\r\n\r\n", h).error().would_accept == leniency::none);
}

TEST_CASE("parse_credentials and parse_identity honour the flags of the URIs they hold", "[leniency][auth]") {
    // found by the header fuzzer: the digest-uri's host decides
    std::string_view const text = "Digest username=\"1001\", realm=\"example.com\", nonce=\"abc123\", "
                                  "uri=\"sip:0123456789abcdef\", response=\"0123456789abcdef0123456789abcdef\"";
    auto const strict = parse_credentials(text);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().would_accept == leniency::allow_digit_toplabel);
    parse_options o;
    o.lenient = leniency::allow_digit_toplabel;
    warning_list w;
    o.warnings = &w;
    auto const r = parse_credentials(text, o);
    REQUIRE(r);
    CHECK(r->uri()->text() == "sip:0123456789abcdef");
    REQUIRE(w.size() == 1);
    CHECK(text.substr(w[0].offset, 4) == "0123");
    // an info URI with the sip scheme has a host rule (an http one is an absoluteURI, where '_' is unreserved)
    std::string_view const ident = "sv5CTo05KqpSmtHt3dcEiO;info=<sip:certs@certs.example.123>";
    CHECK(parse_identity(ident).error().would_accept == leniency::allow_digit_toplabel);
    CHECK(parse_identity(ident, o));
    CHECK(parse_identity("sv5CTo05KqpSmtHt3dcEiO;info=<http://my_host.example.org/cert.cer>"));
}
