// Tests for sipview/message.hpp: start lines, the header split, compact
// forms, body framing by Content-Length, typed header access with offsets in
// the whole message, the strict validation pass and its warnings, and the
// seed REGISTERs.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/message.hpp>

#include <string>
#include <vector>

using namespace sipview;
using sipview_test::read_bytes;

namespace {

std::string str(std::string_view v) { return std::string(v); }

/// CRLF-joins lines; the last element is usually "" (the empty line) followed by a body.
std::string msg(std::initializer_list<char const*> lines) {
    std::string s;
    bool first = true;
    for (char const* l : lines) {
        if (!first) s += "\r\n";
        s += l;
        first = false;
    }
    return s;
}

std::string const options_request = msg({
    "OPTIONS sip:user@example.com SIP/2.0",
    "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw",
    "To: <sip:user@example.com>",
    "From: \"Caller\" <sip:caller@example.net>;tag=323",
    "Call-ID: abc123@host.example.com",
    "CSeq: 60 OPTIONS",
    "Max-Forwards: 70",
    "Content-Length: 0",
    "",
    "",
});

parse_error error_of(std::string const& text, message_options const& opts = {}) {
    header_field h[64];
    auto r = parse_message(text, h, opts);
    REQUIRE_FALSE(r);
    return r.error();
}

} // namespace

// ---------------------------------------------------------------------------
// Start line

TEST_CASE("a request line gives method, Request-URI and version", "[message][start-line]") {
    header_field h[16];
    auto r = parse_message(options_request, h);
    REQUIRE(r);
    CHECK(r->is_request());
    CHECK(r->method() == "OPTIONS");
    CHECK(r->request_uri().text == "sip:user@example.com");
    CHECK(r->request_uri().host == "example.com");
    CHECK(r->version() == "SIP/2.0");
    CHECK(r->start_line() == "OPTIONS sip:user@example.com SIP/2.0");
    CHECK(r->status_code() == 0);
    CHECK(r->size() == options_request.size());
    CHECK(r->body().empty());
    CHECK(r->warnings().empty());
}

TEST_CASE("a status line gives code and reason phrase", "[message][start-line]") {
    std::string const text = msg({"SIP/2.0 180 Ringing", "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1", "To: <sip:a@b.com>;tag=1",
                                  "From: <sip:c@d.com>;tag=2", "Call-ID: x", "CSeq: 1 INVITE", "Content-Length: 0", "", ""});
    header_field h[16];
    auto r = parse_message(text, h);
    REQUIRE(r);
    CHECK(r->is_response());
    CHECK(r->status_code() == 180);
    CHECK(r->reason() == "Ringing");
    CHECK(r->method().empty());
}

TEST_CASE("the SIP version is matched case-insensitively but only 2.0 is supported", "[message][start-line]") {
    std::string text = options_request;
    text.replace(text.find("SIP/2.0"), 7, "sip/2.0");
    header_field h[16];
    auto r = parse_message(text, h);
    REQUIRE(r);
    CHECK(r->version() == "sip/2.0");

    std::string v3 = options_request;
    v3.replace(v3.find("SIP/2.0"), 7, "SIP/3.10");
    auto e = error_of(v3);
    CHECK(e.offset == v3.find("SIP/3.10"));
    CHECK(e.id == diag::msg_version_unsupported);
    CHECK(e.code == errc::out_of_range);

    std::string bad = options_request;
    bad.replace(bad.find("SIP/2.0"), 7, "SIP/2");
    CHECK(error_of(bad).id == diag::msg_version_malformed);
}

TEST_CASE("start line elements are separated by exactly one SP, with no trailing SP", "[message][start-line]") {
    std::string two = options_request;
    two.insert(7, " ");
    auto e = error_of(two);
    CHECK(e.offset == 8);
    CHECK(e.id == diag::msg_sp_after_method_several);

    std::string trailing = options_request;
    trailing.insert(trailing.find("\r\n"), " ");
    auto t = error_of(trailing);
    CHECK(t.offset == trailing.find(" \r\n"));
    CHECK(t.id == diag::msg_version_trailing_space);
}

TEST_CASE("a Request-URI must not be in <> or carry headers", "[message][start-line]") {
    std::string angle = msg({"INVITE <sip:user@example.com> SIP/2.0", "", ""});
    auto a = error_of(angle);
    CHECK(a.offset == 7);
    CHECK(a.id == diag::msg_request_uri_brackets);

    std::string hdrs = msg({"INVITE sip:user@example.com?Subject=hi SIP/2.0", "", ""});
    auto q = error_of(hdrs);
    CHECK(q.offset == hdrs.find('?'));
    CHECK(q.id == diag::msg_request_uri_headers);

    // a '?' of another scheme is part of its opaque text
    std::string other = options_request;
    other.replace(other.find("sip:user@example.com"), 20, "http://example.com/x?y=z");
    header_field h[16];
    auto r = parse_message(other, h);
    REQUIRE(r);
    CHECK(r->request_uri().scheme == "http");
}

TEST_CASE("whitespace inside a Request-URI is named as such", "[message][start-line]") {
    std::string const split = msg({"INVITE sip:user@example.com; lr SIP/2.0", "", ""});
    auto a = error_of(split);
    CHECK(a.id == diag::msg_request_uri_space);
    CHECK(a.offset == split.find(" lr"));
    std::string const split2 = msg({"INVITE sip:user@example.com lr SIP/2.0", "", ""});
    CHECK(error_of(split2).id == diag::msg_request_uri_split);
    CHECK(error_of(split2).offset == split2.find(" lr"));
    std::string const junk = msg({"INVITE sip:user@example.com SIP/2.0 extra", "", ""});
    CHECK(error_of(junk).id == diag::msg_version_trailing_space);
    std::string const tab = msg({"INVITE\tsip:user@example.com SIP/2.0", "", ""});
    CHECK(error_of(tab).offset == 6);
}

TEST_CASE("a malformed Request-URI is reported at its byte in the message", "[message][start-line]") {
    std::string text = msg({"INVITE sip:1001@company1@pbx.example.com SIP/2.0", "", ""});
    auto e = error_of(text);
    CHECK(e.offset == text.find("@pbx"));
    CHECK(e.id == diag::uri_second_at);
}

TEST_CASE("status codes are three digits from 100 to 699", "[message][start-line]") {
    std::string const tail = "\r\nContent-Length: 0\r\n\r\n";
    auto code_error = [&](char const* line) { return error_of(std::string(line) + tail, {false}); };
    CHECK(code_error("SIP/2.0 4294967301 big").code == errc::out_of_range);
    CHECK(code_error("SIP/2.0 4294967301 big").offset == 8);
    CHECK(code_error("SIP/2.0 099 low").id == diag::msg_status_range);
    CHECK(code_error("SIP/2.0 700 high").code == errc::out_of_range);
    CHECK(code_error("SIP/2.0 20 short").id == diag::msg_status_too_short);
    CHECK(code_error("SIP/2.0 200").id == diag::msg_status_sp_missing);
    CHECK(code_error("SIP/2.0 200 \"quoted\"").offset == 12);

    header_field h[4];
    message_options no_validate;
    no_validate.validate = false;
    std::string const empty_text = "SIP/2.0 100 " + tail;  // parse results are views: keep the text alive
    auto empty = parse_message(empty_text, h, no_validate);
    REQUIRE(empty);
    CHECK(empty->status_code() == 100);
    CHECK(empty->reason().empty());
    std::string const utf8_text = "SIP/2.0 200 = 2**3 \xD0\xBD\xD0\xBE %41 \t;/?:@&=+$,-_.!~*'()" + tail;
    auto utf8 = parse_message(utf8_text, h, no_validate);
    REQUIRE(utf8);
    CHECK(utf8->reason() == "= 2**3 \xD0\xBD\xD0\xBE %41 \t;/?:@&=+$,-_.!~*'()");
    CHECK(code_error("SIP/2.0 200 bad %4G escape").offset == 16);
    CHECK(code_error("SIP/2.0 200 bad \xFF utf8").id == diag::msg_reason_utf8);
}

TEST_CASE("a message must start with its start line", "[message][start-line]") {
    CHECK(error_of("\r\n" + options_request).id == diag::msg_leading_empty_line);
    CHECK(error_of(" " + options_request).id == diag::msg_method_whitespace);
    header_field h[4];
    CHECK_FALSE(parse_message("", h));
    CHECK(error_of("OPTIONS sip:a@b SIP/2.0").id == diag::msg_start_line_unterminated);
}

// ---------------------------------------------------------------------------
// Header section

TEST_CASE("headers are split in order with names, trimmed values and offsets", "[message][headers]") {
    header_field h[16];
    auto r = parse_message(options_request, h);
    REQUIRE(r);
    REQUIRE(r->header_count() == 7);
    auto const& via = r->headers()[0];
    CHECK(via.name == "Via");
    CHECK(via.id == header_id::via);
    CHECK(via.value == "SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw");
    CHECK(via.offset == options_request.find("Via:"));
    CHECK(via.value_offset == options_request.find("SIP/2.0/UDP"));
    CHECK(r->headers()[6].value == "0");
    CHECK(r->offset_of(r->headers()[2].value) == options_request.find("\"Caller\""));
}

TEST_CASE("folded values keep their folds, lose leading SWS and trailing LWS", "[message][headers]") {
    std::string const text = msg({"OPTIONS sip:a@example.com SIP/2.0",
                                  "To :",
                                  " sip:vivekg@example.com ;   tag    = 1918181833n  ",
                                  "X-Empty:",
                                  "X-Empty-Folded:   ",
                                  "   ",
                                  "X-Long: first",
                                  "\t second  ",
                                  " third",
                                  "Subject\t:\tspaced out \t",
                                  "", ""});
    header_field h[16];
    message_options o;
    o.validate = false;
    auto r = parse_message(text, h, o);
    REQUIRE(r);
    REQUIRE(r->header_count() == 5);
    CHECK(r->headers()[0].name == "To");
    CHECK(r->headers()[0].value == "sip:vivekg@example.com ;   tag    = 1918181833n");
    CHECK(r->headers()[1].value.empty());
    CHECK(r->headers()[2].value.empty());
    CHECK(r->headers()[3].value == "first\r\n\t second  \r\n third");
    CHECK(r->headers()[4].name == "Subject");
    CHECK(r->headers()[4].value == "spaced out");
    auto to = r->to();
    REQUIRE(to);
    CHECK(to->tag() == std::optional<std::string_view>("1918181833n"));
}

TEST_CASE("compact forms map to their long names and lookup is case-insensitive", "[message][headers]") {
    struct row {
        char compact;
        char const* name;
        header_id id;
    };
    row const rows[] = {
        {'i', "Call-ID", header_id::call_id},           {'m', "Contact", header_id::contact},
        {'e', "Content-Encoding", header_id::content_encoding}, {'l', "Content-Length", header_id::content_length},
        {'c', "Content-Type", header_id::content_type}, {'f', "From", header_id::from},
        {'s', "Subject", header_id::subject},           {'k', "Supported", header_id::supported},
        {'t', "To", header_id::to},                     {'v', "Via", header_id::via},
        {'o', "Event", header_id::event},               {'u', "Allow-Events", header_id::allow_events},
        {'r', "Refer-To", header_id::refer_to},         {'b', "Referred-By", header_id::referred_by},
        {'x', "Session-Expires", header_id::session_expires}, {'a', "Accept-Contact", header_id::accept_contact},
        {'j', "Reject-Contact", header_id::reject_contact}, {'d', "Request-Disposition", header_id::request_disposition},
        {'y', "Identity", header_id::identity},         {'n', "Identity-Info", header_id::identity_info},
    };
    for (auto const& x : rows) {
        INFO(x.name);
        char lower[2] = {x.compact, 0};
        char upper[2] = {static_cast<char>(x.compact - 'a' + 'A'), 0};
        CHECK(lookup_header(lower) == x.id);
        CHECK(lookup_header(upper) == x.id);
        CHECK(lookup_header(x.name) == x.id);
        CHECK(to_string(x.id) == x.name);
        CHECK(compact_form(x.id) == x.compact);
        std::string mixed = x.name;
        for (std::size_t i = 0; i < mixed.size(); i += 2)
            mixed[i] = static_cast<char>(mixed[i] >= 'a' && mixed[i] <= 'z' ? mixed[i] - 32 : mixed[i]);
        CHECK(lookup_header(mixed) == x.id);
    }
    CHECK(lookup_header("WWW-authenticate") == header_id::www_authenticate);
    CHECK(lookup_header("cseq") == header_id::cseq);
    CHECK(lookup_header("X-Unknown") == header_id::other);
    CHECK(lookup_header("g") == header_id::other);
    CHECK(lookup_header("Vias") == header_id::other);
    CHECK(lookup_header("") == header_id::other);
}

TEST_CASE("every known header name maps to its id in any case, and near misses do not", "[message][headers]") {
    for (std::size_t i = 1; i < static_cast<std::size_t>(header_id::count_); ++i) {
        auto const id = static_cast<header_id>(i);
        std::string const name(to_string(id));
        INFO(name);
        CHECK(lookup_header(name) == id);
        std::string lower = name, upper = name;
        for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        for (auto& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
        CHECK(lookup_header(lower) == id);
        CHECK(lookup_header(upper) == id);
        CHECK(lookup_header(name + "x") == header_id::other);
        if (name.size() > 2) CHECK(lookup_header(name.substr(0, name.size() - 1)) == header_id::other);
        for (std::size_t k = 0; k < name.size(); ++k) {
            for (char repl : {'_', '`', '~', '0', '.'}) {
                std::string near = name;
                near[k] = repl;
                CHECK(lookup_header(near) == header_id::other);
            }
        }
    }
}

TEST_CASE("find and all see compact and long forms as one header", "[message][headers]") {
    std::string const text = msg({"OPTIONS sip:a@example.com SIP/2.0", "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
                                  "VIA: SIP/2.0/TCP b.example.com;branch=z9hG4bK2", "X-Thing: one", "x-thing: two",
                                  "l: 0", "", ""});
    header_field h[16];
    message_options o;
    o.validate = false;
    auto r = parse_message(text, h, o);
    REQUIRE(r);
    REQUIRE(r->find("Via"));
    CHECK(r->find("Via")->name == "v");
    CHECK(r->find("v")->canonical_name() == "Via");
    CHECK(r->all(header_id::via).size() == 2);
    CHECK(r->all("X-THING").size() == 2);
    CHECK(r->value("x-thing") == std::optional<std::string_view>("one"));
    CHECK(r->value(header_id::content_length) == std::optional<std::string_view>("0"));
    CHECK_FALSE(r->find("Route"));
    CHECK(r->find("content-length")->is("l"));
    CHECK(r->find("X-Thing")->is("x-THING"));
    CHECK(r->find(header_id::content_length)->canonical_name() == "Content-Length");
}

TEST_CASE("header storage is the caller's; a full array is errc::too_many_headers", "[message][headers]") {
    header_field h[3];
    auto r = parse_message(options_request, h);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::too_many_headers);
    CHECK(r.error().offset == options_request.find("Call-ID:"));
    header_field exact[7];
    CHECK(parse_message(options_request, exact));
    header_field* none = nullptr;
    auto z = parse_message(options_request, none, 0);
    REQUIRE_FALSE(z);
    CHECK(z.error().code == errc::too_many_headers);
}

TEST_CASE("malformed header lines are rejected where they go wrong", "[message][headers]") {
    std::string const start = "OPTIONS sip:a@example.com SIP/2.0\r\n";
    CHECK(error_of(start + " folded: x\r\n\r\n").offset == start.size());
    CHECK(error_of(start + "Bad Name: x\r\n\r\n").offset == start.size() + 4);
    CHECK(error_of(start + "NoColon\r\n\r\n").id == diag::msg_header_colon);
    CHECK(error_of(start + ": value\r\n\r\n").id == diag::msg_header_name);
    CHECK(error_of(start + "X-A: 1\r\n").id == diag::msg_headers_unterminated);
    CHECK(error_of(start + "X-A: 1").id == diag::msg_header_unterminated);
    CHECK(error_of(start + "X-A: 1\r\nX-B: \x01\r\n\r\n").id == diag::msg_header_text);
}

TEST_CASE("bare LF line ends are rejected unless allow_bare_lf", "[message][headers]") {
    std::string text = options_request;
    std::string lf;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) lf += text[i];
    auto e = error_of(lf);
    CHECK(e.id == diag::msg_start_line_bare_lf);
    std::string mixed = options_request;
    mixed.erase(mixed.find("\r\nTo:"), 1);
    CHECK(error_of(mixed).id == diag::msg_bare_lf);
    message_options o;
    o.lenient = leniency::allow_bare_lf;
    header_field h[16];
    auto r = parse_message(lf, h, o);
    REQUIRE(r);
    CHECK(r->header_count() == 7);
    CHECK(r->headers()[0].value == "SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw");
    CHECK(r->size() == lf.size());
}

// ---------------------------------------------------------------------------
// Body

TEST_CASE("Content-Length bounds the message and the body", "[message][body]") {
    std::string text = options_request;
    text.replace(text.find("Content-Length: 0"), 17, "Content-Length: 5");
    header_field h[16];
    std::string const input = text + "helloEXTRA";
    auto r = parse_message(input, h);
    REQUIRE(r);
    CHECK(r->body() == "hello");
    CHECK(r->size() == text.size() + 5);
    REQUIRE(r->warnings().size() == 1);
    CHECK(r->warnings()[0].offset == text.size() + 5);
    CHECK(*r->content_length() == 5);
    CHECK(r->head() == text);
    CHECK(r->body_offset() == text.size());
}

TEST_CASE("without Content-Length the rest of a datagram is the body", "[message][body]") {
    std::string text = options_request;
    text.erase(text.find("Content-Length: 0\r\n"), 19);
    header_field h[16];
    std::string const input = text + "v=0\r\n";
    auto r = parse_message(input, h);
    REQUIRE(r);
    CHECK(r->body() == "v=0\r\n");
    message_options stream;
    stream.require_content_length = true;
    auto s = parse_message(text, h, stream);
    REQUIRE_FALSE(s);
    CHECK(s.error().id == diag::msg_content_length_required);
    CHECK(s.error().code == errc::missing_header);
}

TEST_CASE("a Content-Length larger than the body, negative or non-numeric is an error", "[message][body]") {
    auto with_cl = [](char const* v) {
        std::string t = options_request;
        t.replace(t.find("Content-Length: 0"), 17, std::string("Content-Length: ") + v);
        return t;
    };
    std::string big = with_cl("10");
    auto e = error_of(big + "short");
    CHECK(e.code == errc::inconsistent);
    CHECK(e.offset == big.find("10\r\n"));
    CHECK(error_of(with_cl("-1")).id == diag::msg_content_length_negative);
    CHECK(error_of(with_cl("abc")).id == diag::msg_content_length_not_number);
    CHECK(error_of(with_cl("12 34")).offset == with_cl("12 34").find("12 34") + 3);
    CHECK(error_of(with_cl("99999999999")).code == errc::out_of_range);
}

TEST_CASE("several different Content-Length values: warning on a datagram, error when strict", "[message][body]") {
    std::string text = options_request;
    text.insert(text.find("Content-Length: 0"), "l: 4\r\n");
    header_field h[16];
    std::string const input = text + "body";
    auto r = parse_message(input, h);
    REQUIRE(r);
    CHECK(r->body() == "body");
    REQUIRE(r->warnings().size() == 1);
    CHECK(r->warnings()[0].code == errc::inconsistent);
    auto cl = r->content_length();
    REQUIRE_FALSE(cl);
    CHECK(cl.error().code == errc::inconsistent);
    CHECK(cl.error().offset == text.find("Content-Length: 0") + 16);
    message_options strict;
    strict.strict_content_length = true;
    CHECK(error_of(input, strict).offset == text.find("Content-Length: 0") + 16);
    // the same value twice is fine
    std::string same = options_request;
    same.insert(same.find("Content-Length: 0"), "l: 0\r\n");
    auto s = parse_message(same, h);
    REQUIRE(s);
    CHECK(s->warnings().empty());
    CHECK(*s->content_length() == 0);
}

// ---------------------------------------------------------------------------
// Typed access

TEST_CASE("typed headers parse on demand through the core grammars", "[message][typed]") {
    std::string const text = msg({
        "INVITE sip:bob@biloxi.example.com SIP/2.0",
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds, SIP/2.0/TCP p1.example.com;received=192.0.2.1;rport=5070",
        "v: SIP/2.0/TLS p2.example.com:5061;branch=z9hG4bK2",
        "Max-Forwards: 0068",
        "To: Bob <sip:bob@biloxi.example.com>",
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
        "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
        "CSeq: 314159 INVITE",
        "Contact: <sip:alice@pc33.atlanta.example.com>;expires=60, \"A2\" <sip:a2@h.example.com>;q=0.5",
        "m: <sip:alice@other.example.com>",
        "Route: <sip:p1.example.com;lr>,",
        " <sip:p2.example.com;lr>",
        "Route: <sip:p3.example.com;lr>",
        "Record-Route: <sip:rr.example.com;lr>",
        "Expires: 4294967295",
        "Content-Type: application/sdp ; charset=\"utf-8\"",
        "Content-Length: 4",
        "",
        "v=0\n",
    });
    header_field h[32];
    auto r = parse_message(text, h);
    REQUIRE(r);
    CHECK(r->from().value().tag() == std::optional<std::string_view>("1928301774"));
    CHECK(r->to().value().uri.user == std::optional<std::string_view>("bob"));
    CHECK(r->cseq().value().number == 314159);
    CHECK(r->cseq().value().method == "INVITE");
    CHECK(*r->call_id() == "a84b4c76e66710@pc33.atlanta.example.com");
    CHECK(*r->max_forwards() == 68);
    CHECK(*r->expires() == 4294967295u);
    CHECK(*r->content_length() == 4);
    auto ct = r->content_type();
    REQUIRE(ct);
    CHECK(ct->is("Application", "SDP"));
    CHECK(ct->param_value("charset") == std::optional<std::string_view>("\"utf-8\""));

    auto vias = r->vias();
    REQUIRE(vias);
    REQUIRE(vias->size() == 3);
    std::vector<std::string> hosts, transports;
    for (auto const& v : *vias) {
        hosts.push_back(str(v.host));
        transports.push_back(str(v.transport));
    }
    CHECK(hosts == std::vector<std::string>{"pc33.atlanta.example.com", "p1.example.com", "p2.example.com"});
    CHECK(transports == std::vector<std::string>{"UDP", "TCP", "TLS"});
    auto it = vias->begin();
    ++it;
    CHECK(it->received() == std::optional<std::string_view>("192.0.2.1"));
    CHECK(it->rport() == std::optional<std::string_view>("5070"));
    CHECK(it.field().name == "Via");
    ++it;
    CHECK(it->port() == std::optional<std::uint16_t>(5061));
    CHECK(it.field().name == "v");
    CHECK(r->top_via().value().branch() == std::optional<std::string_view>("z9hG4bK776asdhds"));

    auto contacts = r->contacts();
    REQUIRE(contacts);
    CHECK(contacts->size() == 3);
    CHECK_FALSE(contacts->is_star());
    std::vector<std::string> curis;
    for (auto const& c : *contacts) curis.push_back(str(c.uri.text));
    CHECK(curis == std::vector<std::string>{"sip:alice@pc33.atlanta.example.com", "sip:a2@h.example.com", "sip:alice@other.example.com"});
    CHECK(contacts->front().expires() == std::optional<std::uint32_t>(60));

    auto routes = r->routes();
    REQUIRE(routes);
    std::vector<std::string> ruris;
    for (auto const& x : *routes) ruris.push_back(str(x.uri.host));
    CHECK(ruris == std::vector<std::string>{"p1.example.com", "p2.example.com", "p3.example.com"});
    CHECK(r->record_routes().value().size() == 1);
}

TEST_CASE("credentials and challenges are typed; malformed ones fail validation at their byte", "[message][typed]") {
    std::string const text = msg({"SIP/2.0 401 Unauthorized", "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1",
                                  "To: <sip:a@example.com>;tag=2", "From: <sip:a@example.com>;tag=1", "Call-ID: 1",
                                  "CSeq: 1 REGISTER",
                                  "WWW-Authenticate: Digest realm=\"atlanta.com\",",
                                  " qop=\"auth,auth-int\", nonce=\"84f1c1ae6cbe5ua9c8e88df84f1cec4\", algorithm=MD5",
                                  "Proxy-Authenticate: Digest realm=\"p.example.com\", nonce=\"x\"",
                                  "Content-Length: 0", "", ""});
    header_field h[16];
    auto r = parse_message(text, h);
    REQUIRE(r);
    auto w = r->www_authenticate();
    REQUIRE(w);
    CHECK(w->realm()->text() == "atlanta.com");
    CHECK(w->qop_options().contains("auth-int"));
    CHECK(r->proxy_authenticate().value().realm()->text() == "p.example.com");
    CHECK_FALSE(r->authorization());
    CHECK_FALSE(r->proxy_authorization());

    std::string bad = options_request;
    bad.insert(bad.find("Content-Length"), "Authorization: Digest username=\"a\" realm=\"b\"\r\n");
    auto e = error_of(bad);
    CHECK(e.offset > bad.find("Authorization:"));
    CHECK(e.offset < bad.find("Content-Length"));
}

TEST_CASE("an absent header is an error naming it; empty ranges are fine", "[message][typed]") {
    std::string const text = msg({"OPTIONS sip:a@example.com SIP/2.0", "Content-Length: 0", "", ""});
    header_field h[4];
    message_options o;
    o.validate = false;
    auto r = parse_message(text, h, o);
    REQUIRE(r);
    auto f = r->from();
    REQUIRE_FALSE(f);
    CHECK(f.error().id == diag::msg_no_such_header);
    CHECK(f.error().expected == "From");  // the header's name
    CHECK_FALSE(r->top_via());
    auto vias = r->vias();
    REQUIRE(vias);
    CHECK(vias->empty());
    CHECK(vias->begin() == vias->end());
    auto routes = r->routes();
    REQUIRE(routes);
    CHECK(routes->begin() == routes->end());
}

TEST_CASE("Contact: * is reported as star", "[message][typed]") {
    std::string const text = msg({"REGISTER sip:example.com SIP/2.0", "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1",
                                  "To: <sip:a@example.com>", "From: <sip:a@example.com>;tag=1", "Call-ID: 1", "CSeq: 2 REGISTER",
                                  "Max-Forwards: 70", "Contact: *", "Expires: 0", "Content-Length: 0", "", ""});
    header_field h[16];
    auto r = parse_message(text, h);
    REQUIRE(r);
    auto c = r->contacts();
    REQUIRE(c);
    CHECK(c->is_star());
    CHECK(c->empty());
    CHECK(*r->expires() == 0);
}

TEST_CASE("typed errors point at the byte in the whole message", "[message][typed]") {
    std::string const text = msg({"OPTIONS sip:a@example.com SIP/2.0", "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1",
                                  "Via: SIP/2.0/TCP ;branch=z9hG4bK2", "From: <sip:1001@company1@pbx.example.com>;tag=1",
                                  "Max-Forwards: 256", "CSeq: 2147483648 OPTIONS", "Expires: 4294967296", "Call-ID: a@b@c",
                                  "Content-Type: text", "Content-Length: 0", "", ""});
    header_field h[16];
    message_options o;
    o.validate = false;
    auto r = parse_message(text, h, o);
    REQUIRE(r);
    auto from = r->from();
    REQUIRE_FALSE(from);
    CHECK(from.error().offset == text.find("@pbx"));
    auto vias = r->vias();
    REQUIRE_FALSE(vias);
    CHECK(vias.error().offset == text.find(";branch=z9hG4bK2"));
    CHECK(vias.error().id == diag::via_sent_by_missing);
    auto mf = r->max_forwards();
    REQUIRE_FALSE(mf);
    CHECK(mf.error().code == errc::out_of_range);
    CHECK(mf.error().offset == text.find("256"));
    auto cs = r->cseq();
    REQUIRE_FALSE(cs);
    CHECK(cs.error().code == errc::out_of_range);
    CHECK(cs.error().offset == text.find("2147483648"));
    auto ex = r->expires();
    REQUIRE_FALSE(ex);
    CHECK(ex.error().code == errc::out_of_range);
    CHECK(ex.error().offset == text.find("4294967296"));
    auto ci = r->call_id();
    REQUIRE_FALSE(ci);
    CHECK(ci.error().offset == text.find("@c\r\n"));
    auto ct = r->content_type();
    REQUIRE_FALSE(ct);
    CHECK(ct.error().offset == text.find("text\r\n") + 4);

    // validate() reports the first of them in message order
    auto first = r->validate();
    REQUIRE(first);
    CHECK(first->offset == vias.error().offset);
}

TEST_CASE("scalar parsers accept their limits and reject one past them", "[message][typed]") {
    CHECK(parse_cseq("2147483647 INVITE").value().number == 2147483647u);
    CHECK(parse_cseq("0009\r\n  INVITE").value().number == 9);
    CHECK(parse_cseq("2147483648 INVITE").error().code == errc::out_of_range);
    CHECK(parse_cseq("1INVITE").error().offset == 1);
    CHECK(parse_cseq("1 ").error().offset == 2);
    CHECK(*parse_max_forwards("255") == 255);
    CHECK(parse_max_forwards("256").error().code == errc::out_of_range);
    CHECK(parse_max_forwards("").error().code == errc::syntax);
    CHECK(*parse_delta_seconds("4294967295") == 4294967295u);
    CHECK(parse_delta_seconds("4294967296").error().code == errc::out_of_range);
    CHECK(*parse_content_length("000150") == 150);
    CHECK(*parse_call_id("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{") == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
    CHECK_FALSE(parse_call_id(""));
    CHECK_FALSE(parse_call_id("a b"));
    auto mt = parse_media_type("multipart/mixed;boundary=7a9cbec02ceef655");
    REQUIRE(mt);
    CHECK(mt->type == "multipart");
    CHECK(mt->subtype == "mixed");
    CHECK(mt->param_value("boundary") == std::optional<std::string_view>("7a9cbec02ceef655"));
    CHECK_FALSE(parse_media_type("text/plain;charset"));
}

// ---------------------------------------------------------------------------
// Validation

TEST_CASE("the CSeq method must equal the request method", "[message][validate]") {
    std::string text = options_request;
    text.replace(text.find("60 OPTIONS"), 10, "60 INVITE");
    auto e = error_of(text);
    CHECK(e.code == errc::inconsistent);
    CHECK(e.offset == text.find("INVITE"));
    std::string lower = options_request;
    lower.replace(lower.find("60 OPTIONS"), 10, "60 options");
    CHECK(error_of(lower).code == errc::inconsistent);  // methods are case-sensitive
}

TEST_CASE("validation can be switched off and run later", "[message][validate]") {
    std::string text = options_request;
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: 300");
    message_options o;
    o.validate = false;
    header_field h[16];
    auto r = parse_message(text, h, o);
    REQUIRE(r);
    auto e = r->validate();
    REQUIRE(e);
    CHECK(e->offset == text.find("300"));
    CHECK(e->code == errc::out_of_range);
    CHECK(error_of(text).offset == e->offset);
}

TEST_CASE("the first error in message order wins over a later framing error", "[message][validate]") {
    std::string text = options_request;
    text.replace(text.find("Content-Length: 0"), 17, "Content-Length: -5");
    text.replace(text.find("tag=323"), 7, "tag=3 3");
    auto e = error_of(text);
    CHECK(e.offset > text.find("From:"));
    CHECK(e.offset < text.find("Call-ID:"));
}

TEST_CASE("a Date not in GMT is a warning, or an error with strict_date", "[message][validate]") {
    std::string text = options_request;
    text.insert(text.find("Content-Length"), "Date: Fri, 01 Jan 2010 16:00:00 EST\r\n");
    header_field h[16];
    auto r = parse_message(text, h);
    REQUIRE(r);
    REQUIRE(r->warnings().size() == 1);
    CHECK(r->warnings()[0].offset == text.find("EST"));
    CHECK(r->warnings()[0].id == diag::msg_date_not_gmt);
    message_options strict;
    strict.strict_date = true;
    CHECK(error_of(text, strict).offset == text.find("EST"));

    std::string good = options_request;
    good.insert(good.find("Content-Length"), "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n");
    auto g = parse_message(good, h, strict);
    REQUIRE(g);
    CHECK(g->warnings().empty());
}

TEST_CASE("repeated single-valued and missing mandatory headers are warnings", "[message][validate]") {
    std::string text = options_request;
    text.insert(text.find("Content-Length"), "Call-ID: second@host\r\n");
    text.erase(text.find("Max-Forwards: 70\r\n"), 18);
    header_field h[16];
    auto r = parse_message(text, h);
    REQUIRE(r);
    REQUIRE(r->warnings().size() == 2);
    CHECK_FALSE(r->validate());
    CHECK(r->warnings().size() == 2);  // validate() again: the same warnings, not twice as many
    CHECK(r->warnings()[0].offset == text.find("Call-ID: second"));
    CHECK(r->warnings()[1].id == diag::msg_missing_max_forwards);
    CHECK(r->warnings()[0].code == errc::duplicate_header);
    CHECK(r->warnings()[1].code == errc::missing_header);
    CHECK(*r->call_id() == "abc123@host.example.com");  // the first one
    auto absent = r->get<header::session_expires>();
    REQUIRE_FALSE(absent);
    CHECK(absent.error().code == errc::missing_header);
}

// ---------------------------------------------------------------------------
// The seed REGISTERs (tests/data/seed)

TEST_CASE("the seed's well-formed REGISTERs parse with every typed header readable", "[message][seed]") {
    for (char const* name : {"yealink-register.sip", "gswave-register-fixed.sip"}) {
        INFO(name);
        std::string const text = read_bytes(std::string(SIPVIEW_TEST_DATA "/seed/") + name);
        header_field h[32];
        auto r = parse_message(text, h);
        REQUIRE(r);
        CHECK(r->method() == "REGISTER");
        CHECK(r->size() == text.size());
        CHECK(r->warnings().empty());
        CHECK(r->from());
        CHECK(r->to());
        CHECK(r->cseq().value().method == "REGISTER");
        CHECK(r->call_id());
        CHECK(*r->max_forwards() == 70);
        CHECK(*r->content_length() == 0);
        auto via = r->top_via();
        REQUIRE(via);
        CHECK(via->transport == "TCP");
        CHECK(via->rport() == std::optional<std::string_view>(""));
        auto c = r->contacts();
        REQUIRE(c);
        CHECK(c->size() == 1);
        auto auth = r->authorization();
        REQUIRE(auth);
        CHECK(auth->is_digest());
        CHECK(auth->username()->text() == "1001");
        CHECK(auth->qop()->text() == "auth");
    }
}

TEST_CASE("the seed's second gswave REGISTER has well-formed credentials for realm company1@pbx.example.com", "[message][seed]") {
    std::string const text = read_bytes(SIPVIEW_TEST_DATA "/seed/gswave-register-2.sip");
    header_field h[32];
    message_options o;
    o.validate = false;
    auto r = parse_message(text, h, o);
    REQUIRE(r);
    auto auth = r->authorization();
    REQUIRE(auth);
    CHECK(auth->realm()->text() == "company1@pbx.example.com");
    CHECK(auth->uri()->text() == "sip:pbx.example.com:5080");
}

TEST_CASE("the seed's two-@ REGISTERs are rejected at the From URI's second '@'", "[message][seed]") {
    for (char const* name : {"gswave-register-1.sip", "gswave-register-2.sip"}) {
        INFO(name);
        std::string const text = read_bytes(std::string(SIPVIEW_TEST_DATA "/seed/") + name);
        std::size_t const from_line = text.find("\r\nFrom:") + 2;
        std::size_t const second_at = text.find("company1@", from_line) + 8;
        REQUIRE(text[second_at] == '@');
        header_field h[32];
        auto r = parse_message(text, h);
        REQUIRE_FALSE(r);
        CHECK(r.error().offset == second_at);
        CHECK(r.error().id == diag::uri_second_at);
        CHECK(r.error().hint.find("%40") != std::string_view::npos);

        // without validation it frames, and the typed From gives the same byte
        message_options o;
        o.validate = false;
        auto lazy = parse_message(text, h, o);
        REQUIRE(lazy);
        REQUIRE_FALSE(lazy->from());
        CHECK(lazy->from().error().offset == second_at);
    }
}

// ---------------------------------------------------------------------------
// Every header value gets the header-value byte check (RFC 3261 §25.1
// header-value: TEXT-UTF8char / UTF8-CONT / LWS), whatever else is checked.

namespace {
std::string with_header(std::string_view line) {
    std::string text = options_request;
    text.insert(text.find("Content-Length"), std::string(line) + "\r\n");
    return text;
}
} // namespace

TEST_CASE("control bytes in a Date value are an error, not a Date warning", "[message][validate]") {
    std::string const text = with_header(std::string("Date: a\0\x1b\x7f", 11));
    parse_error const e = error_of(text);
    CHECK(e.offset == text.find("Date: a") + 7);
    CHECK(e.code == errc::syntax);
}

TEST_CASE("control bytes after the Retry-After seconds are an error", "[message][validate]") {
    std::string const text = with_header(std::string("Retry-After: 5\0\x1b[2J", 20));
    CHECK(error_of(text).offset == text.find("Retry-After: 5") + 14);
    // text that is neither a comment nor a parameter after the seconds
    std::string const junk = with_header("Retry-After: 5x");
    CHECK(error_of(junk).offset == junk.find("5x") + 1);
    // the grammar's own forms stay valid
    header_field h[16];
    for (char const* ok : {"Retry-After: 18000;duration=3600", "Retry-After: 120 (I'm in a meeting)", "Retry-After: 5 ;x=1"}) {
        INFO(ok);
        std::string const valid = with_header(ok);  // a named string: parse_message keeps views into it
        CHECK(parse_message(valid, h));
    }
    // typed through the registry, the comment's text a view into the message
    std::string const busy = with_header("Retry-After: 120 (I'm in a meeting);duration=60");
    auto const m = parse_message(busy, h);
    REQUIRE(m);
    auto const ra = m->get<header::retry_after>();
    REQUIRE(ra);
    CHECK(ra->seconds == 120);
    CHECK(ra->duration() == std::optional<std::uint32_t>(60));
    REQUIRE(ra->comment);
    CHECK(ra->comment->data() == busy.data() + busy.find("I'm"));
}

TEST_CASE("0xFE and 0xFF are rejected in any header value, as in the Reason-Phrase", "[message][validate]") {
    for (char bad : {'\xFE', '\xFF'}) {
        std::string const text = with_header(std::string("Subject: caf") + bad);
        CHECK(error_of(text).offset == text.find("Subject: caf") + 12);
        std::string const from = with_header(std::string("X-Anything: a") + bad + "b");
        CHECK(error_of(from).offset == from.find("X-Anything: a") + 13);
    }
    header_field h[16];
    std::string const utf8 = with_header("Subject: caf\xC3\xA9");
    CHECK(parse_message(utf8, h));  // UTF-8 stays valid
}

TEST_CASE("a quoted-pair may escape a control byte only where the header's grammar has quoted strings", "[message][validate]") {
    header_field h[16];
    // To: "BEL:\<BEL>" is a valid quoted-pair (RFC 4475 intmeth)
    std::string const to = with_header("Reply-To: \"BEL:\\\x07\" <sip:a@example.com>");
    CHECK(parse_message(to, h));
    // an extension header's value is plain header-value text: no control byte at all
    std::string const ext = with_header("X-Note: \"BEL:\\\x07\"");
    CHECK(error_of(ext).offset == ext.find('\x07'));
    // outside the quotes of a typed header the byte is refused by its grammar or the byte check
    std::string const bare = with_header("Reply-To: <sip:a@example.com>;p=\x07");
    CHECK_FALSE(parse_message(bare, h));
}

TEST_CASE("the word-at-a-time header-value pre-check agrees with the byte rule for every byte at every position", "[message][validate]") {
    // plain_text: no byte < 0x20, 0x7F, 0xFE or 0xFF (then check_text_value has nothing to decide)
    std::size_t checked = 0;
    for (std::size_t len = 1; len <= 19; ++len) {
        for (std::size_t at = 0; at < len; ++at) {
            for (int b = 0; b < 256; ++b) {
                std::string v(len, 'a');
                v[at] = static_cast<char>(b);
                bool const plain = b >= 0x20 && b != 0x7F && b < 0xFE;
                REQUIRE(detail::message_impl::plain_text(v.data(), v.size()) == plain);
                ++checked;
            }
        }
    }
    CHECK(checked == 190 * 256);
}
