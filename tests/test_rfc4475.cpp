// RFC 4475 torture tests, driven by tests/data/rfc4475/MANIFEST.tsv: every
// valid/semantic message parses and every typed header in it is readable;
// every invalid message is rejected with the error offset on the element the
// RFC names.
//
// Interpretation choices (see also the comments in `invalid_elements`):
// * The conformance run uses message_options::strict_date: RFC 4475 §3.1.2.12
//   (baddate) calls a non-GMT Date invalid but lets an element ignore it; by
//   default sipview reports it as a warning (checked separately below).
// * mcl01 (§3.3.9, several Content-Length values) is "semantic" in the
//   manifest: a datagram is accepted with a warning and the rest of the
//   datagram is the body ("equivalent to no value"); content_length() reports
//   errc::inconsistent and stream framing rejects it.
// * badinv01 (§3.1.2.1) has extraneous separators in Via and in Contact; the
//   first in message order (Via) is reported. Either line satisfies the test.
// * scalar02/scalarlg have several overlarge scalars; the first (CSeq) is
//   reported. Any of the named headers satisfies the test.
// * baddn has non-token display names in From and To; From comes first.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/message.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace sipview;

namespace {

using sipview_test::read_bytes;

struct manifest_row {
    std::string file, section, expect, what;
};

std::vector<manifest_row> read_manifest() {
    std::string const text = read_bytes(SIPVIEW_TEST_DATA "/rfc4475/MANIFEST.tsv");
    std::vector<manifest_row> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        manifest_row r;
        std::istringstream cols(line);
        std::getline(cols, r.file, '\t');
        std::getline(cols, r.section, '\t');
        std::getline(cols, r.expect, '\t');
        std::getline(cols, r.what, '\t');
        rows.push_back(r);
    }
    return rows;
}

bool iequal(std::string a, std::string b) {
    std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::transform(b.begin(), b.end(), b.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return a == b;
}

struct span {
    std::size_t begin, end;  // [begin, end]: the end byte itself may be where the error is
};

/// The logical lines (continuations included, CRLF included) of the headers
/// with one of `names` (as written, case-insensitive), found independently of
/// the library.
std::vector<span> header_lines(std::string const& text, std::vector<std::string> const& names) {
    std::vector<span> out;
    std::size_t p = text.find("\r\n") + 2;
    while (p < text.size() && text.compare(p, 2, "\r\n") != 0) {
        std::size_t e = text.find("\r\n", p);
        while (e != std::string::npos && e + 2 < text.size() && (text[e + 2] == ' ' || text[e + 2] == '\t')) e = text.find("\r\n", e + 2);
        if (e == std::string::npos) e = text.size();
        std::size_t const colon = text.find(':', p);
        std::string name = text.substr(p, colon - p);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
        for (auto const& n : names)
            if (iequal(name, n)) out.push_back({p, std::min(e + 2, text.size())});
        p = e + 2;
    }
    return out;
}

/// Where each invalid message must be rejected: header lines by name, or a
/// piece of the start line.
struct element {
    std::vector<std::string> headers;  ///< any line of these headers
    std::string start_line_piece;      ///< or this substring of the start line
};

std::map<std::string, element> const invalid_elements = {
    // §3.1.2.1: ";;,;,," in Via and ";;;;" in Contact: empty params/entries
    {"badinv01.dat", {{"Via", "Contact"}, ""}},
    // §3.1.2.2: Content-Length 9999 with a short body
    {"clerr.dat", {{"Content-Length", "l"}, ""}},
    // §3.1.2.3: Content-Length -999
    {"ncl.dat", {{"Content-Length", "l"}, ""}},
    // §3.1.2.4: CSeq 2**65, Max-Forwards 300, Expires 10**100, Contact expires 2**48
    {"scalar02.dat", {{"CSeq", "Max-Forwards", "Expires", "Contact"}, ""}},
    // §3.1.2.5: CSeq, Retry-After, Warning code 1812
    {"scalarlg.dat", {{"CSeq", "Retry-After", "Warning"}, ""}},
    // §3.1.2.6: To display name without its closing quote
    {"quotbal.dat", {{"To"}, ""}},
    // §3.1.2.7: Request-URI in <>
    {"ltgtruri.dat", {{}, "<sip:user@example.com>"}},
    // §3.1.2.8: "sip:user@example.com; lr" as Request-URI
    {"lwsruri.dat", {{}, "sip:user@example.com; lr"}},
    // §3.1.2.9: two SPs after the method (and before the version)
    {"lwsstart.dat", {{}, "  sip:user@example.com  "}},
    // §3.1.2.10: SP after SIP/2.0
    {"trws.dat", {{}, "SIP/2.0  "}},
    // §3.1.2.11: ?Route=... in the Request-URI
    {"escruri.dat", {{}, "?Route=%3Csip:example.com%3E"}},
    // §3.1.2.12: Date in EST (strict_date)
    {"baddate.dat", {{"Date"}, ""}},
    // §3.1.2.13: Contact URI with ?headers outside <>
    {"regbadct.dat", {{"Contact", "m"}, ""}},
    // §3.1.2.14: "< sip:t.watson@example.org >"
    {"badaspec.dat", {{"To", "t"}, ""}},
    // §3.1.2.15: unquoted "Bell, Alexander" / "Watson, Thomas"
    {"baddn.dat", {{"From", "To"}, ""}},
    // §3.1.2.16: SIP/7.0
    {"badvers.dat", {{}, "SIP/7.0"}},
    // §3.1.2.17: OPTIONS request with CSeq 8 INVITE
    {"mismatch01.dat", {{"CSeq"}, ""}},
    // §3.1.2.18: NEWMETHOD request with CSeq 8 INVITE
    {"mismatch02.dat", {{"CSeq"}, ""}},
    // §3.1.2.19: status code 4294967301
    {"bigcode.dat", {{}, "4294967301"}},
};

message_options conformance_options() {
    message_options o;
    o.strict_date = true;
    return o;
}

std::string str(std::string_view v) { return std::string(v); }

/// Reads every typed header of a parsed message, one header line at a time
/// and through the message-level accessors.
void read_all_typed(message const& m, std::string const& file) {
    std::size_t via_entries = 0;
    std::size_t contact_entries = 0;
    for (header_field const& h : m.headers()) {
        INFO(file << ": " << h.name << ": " << h.value);
        // one registry row per header: its parse function, f(header::NAME{}, result)
        m.visit_typed(h, [&](auto tag, auto const& r) {
            constexpr header_id id = decltype(tag)::id;
            if constexpr (id == header_id::from || id == header_id::to) {
                REQUIRE(r);
                CHECK_FALSE(r->uri.scheme.empty());
            } else if constexpr (id == header_id::via) {
                REQUIRE(r);
                for (auto const& v : *r) {
                    CHECK_FALSE(v.host.empty());
                    CHECK_FALSE(v.transport.empty());
                    ++via_entries;
                }
            } else if constexpr (id == header_id::contact) {
                REQUIRE(r);
                for (auto const& c : *r) {
                    CHECK_FALSE(c.uri.text.empty());
                    ++contact_entries;
                }
            } else if constexpr (id == header_id::route || id == header_id::record_route) {
                REQUIRE(r);
                CHECK_FALSE(r->empty());
            } else if constexpr (id == header_id::cseq) {
                REQUIRE(r);
                CHECK_FALSE(r->method.empty());
            } else if constexpr (id == header_id::authorization || id == header_id::proxy_authorization) {
                REQUIRE(r);
                CHECK_FALSE(r->scheme.empty());
            } else if constexpr (id == header_id::call_id || id == header_id::max_forwards || id == header_id::expires ||
                                 id == header_id::content_length || id == header_id::content_type ||
                                 id == header_id::www_authenticate || id == header_id::proxy_authenticate) {
                CHECK(r);
            }
        });
    }
    // message-level accessors agree
    if (m.has(header_id::from)) CHECK(m.from());
    if (m.has(header_id::to)) CHECK(m.to());
    if (m.has(header_id::cseq)) CHECK(m.cseq());
    if (m.has(header_id::call_id)) CHECK(m.call_id());
    if (m.has(header_id::max_forwards)) CHECK(m.max_forwards());
    if (m.has(header_id::content_type)) CHECK(m.content_type());
    auto vias = m.vias();
    REQUIRE(vias);
    CHECK(vias->size() == via_entries);
    CHECK(static_cast<std::size_t>(std::distance(vias->begin(), vias->end())) == via_entries);
    if (via_entries) CHECK(m.top_via());
    auto contacts = m.contacts();
    REQUIRE(contacts);
    CHECK(contacts->size() == contact_entries);
    CHECK(static_cast<std::size_t>(std::distance(contacts->begin(), contacts->end())) == contact_entries);
    CHECK(m.routes());
    CHECK(m.record_routes());
}

std::vector<std::string> via_hosts(message const& m) {
    std::vector<std::string> out;
    auto const vias = m.vias();  // keep the result alive while iterating it
    REQUIRE(vias);
    for (auto const& v : *vias) out.push_back(str(v.host));
    return out;
}

bool has_warning(message const& m, diag id) {
    for (auto const& w : m.warnings())
        if (w.id == id) return true;
    return false;
}

/// What RFC 4475 says about the valid and semantic messages, beyond "parses".
void check_facts(message const& m, std::string const& file, std::string const& text) {
    std::size_t const head = text.find("\r\n\r\n") + 4;
    if (file == "wsinv.dat") {
        CHECK(m.to().value().tag() == std::optional<std::string_view>("1918181833n"));
        CHECK(m.from().value().tag() == std::optional<std::string_view>("98asjd8"));
        CHECK(m.from().value().display_name == std::optional<std::string_view>("\"J Rosenberg \\\\\\\"\""));
        CHECK(*m.max_forwards() == 68);
        CHECK(m.cseq().value().number == 9);
        CHECK(m.cseq().value().method == "INVITE");
        CHECK(via_hosts(m) == std::vector<std::string>{"192.0.2.2", "spindle.example.com", "192.168.255.111"});
        CHECK(m.vias().value().begin()->transport == "UDP");
        CHECK(m.find("s")->value.empty());
        CHECK(m.value("NewFangledHeader") == std::optional<std::string_view>("newfangled value\r\n continued newfangled value"));
        CHECK(m.value("UnknownHeaderWithUnusualValue") == std::optional<std::string_view>(";;,,;;,;"));
        CHECK(m.contacts().value().front().q() == std::optional<std::uint16_t>(330));
        CHECK(m.routes().value().front().uri.host == "services.example.com");
        CHECK(m.body().size() == 150);
    } else if (file == "intmeth.dat") {
        CHECK(m.method() == "!interesting-Method0123456789_*+`.%indeed'~");
        CHECK(m.cseq().value().method == m.method());
        CHECK(m.request_uri().host == "example.com");
        CHECK(m.find("extensionHeader-!.%*+_`'~"));
    } else if (file == "esc01.dat") {
        CHECK(m.request_uri().user == std::optional<std::string_view>("sips%3Auser%40example.com"));
        CHECK(m.to().value().uri.user == std::optional<std::string_view>("%75se%72"));
        CHECK(m.find("C")->id == header_id::content_type);
    } else if (file == "escnull.dat") {
        CHECK(m.to().value().uri.user == std::optional<std::string_view>("null-%00-null"));
        CHECK(m.contacts().value().size() == 2);
    } else if (file == "esc02.dat") {
        CHECK(m.method() == "RE%47IST%45R");
        CHECK(m.contacts().value().size() == 2);  // C%6Fntact is another header
        CHECK(m.find("C%6Fntact"));
    } else if (file == "lwsdisp.dat") {
        CHECK(m.from().value().display_name == std::optional<std::string_view>("caller"));
    } else if (file == "longreq.dat") {
        CHECK(m.vias().value().size() == 34);
        CHECK(via_hosts(m).front() == "sip33.example.com");
        CHECK(via_hosts(m).back() == "host.example.com");
        CHECK(m.body().size() == 150);
    } else if (file == "dblreq.dat") {
        CHECK(m.size() == head);  // Content-Length: 0 ends it; the INVITE after it is not part of it
        CHECK(m.size() == 300);
        CHECK(m.body().empty());
        CHECK(has_warning(m, diag::msg_trailing_octets));
    } else if (file == "semiuri.dat") {
        CHECK(m.request_uri().user == std::optional<std::string_view>("user;par=u%40example.net"));
        CHECK(m.request_uri().params_text.empty());
    } else if (file == "transports.dat") {
        std::vector<std::string> t;
        auto const vias = m.vias();
        for (auto const& v : *vias) t.push_back(str(v.transport));
        CHECK(t == std::vector<std::string>{"UDP", "SCTP", "TLS", "UNKNOWN", "TCP"});
    } else if (file == "mpart01.dat") {
        CHECK(m.body().size() == 553);
        CHECK(m.content_type().value().is("multipart", "mixed"));
        CHECK(m.content_type().value().param_value("boundary") == std::optional<std::string_view>("7a9cbec02ceef655"));
    } else if (file == "unreason.dat") {
        CHECK(m.status_code() == 200);
        CHECK(m.reason().substr(0, 14) == "= 2**3 * 5**2 ");
        CHECK(m.reason().size() == text.find("\r\n") - 12);
    } else if (file == "noreason.dat") {
        CHECK(m.status_code() == 100);
        CHECK(m.reason().empty());
    } else if (file == "badbranch.dat") {
        CHECK(m.top_via().value().branch() == std::optional<std::string_view>("z9hG4bK"));
    } else if (file == "insuf.dat") {
        CHECK(has_warning(m, diag::msg_missing_to));
        CHECK(has_warning(m, diag::msg_missing_from));
        CHECK(has_warning(m, diag::msg_missing_call_id));
        CHECK(has_warning(m, diag::msg_missing_max_forwards));
    } else if (file == "unkscm.dat") {
        CHECK(m.request_uri().scheme == "nobodyKnowsThisScheme");
        CHECK_FALSE(m.request_uri().is_sip());
    } else if (file == "novelsc.dat") {
        CHECK(m.request_uri().scheme == "soap.beep");
    } else if (file == "unksm2.dat") {
        CHECK(m.to().value().uri.scheme == "isbn");
        CHECK(m.from().value().uri.scheme == "http");
        CHECK(m.contacts().value().front().uri.scheme == "name");
    } else if (file == "multi01.dat") {
        CHECK(has_warning(m, diag::msg_duplicate_header));
        CHECK(m.cseq().value().number == 5);  // the first
        CHECK(m.all(header_id::cseq).size() == 2);
    } else if (file == "mcl01.dat") {
        CHECK(has_warning(m, diag::msg_content_length_conflict));
        auto cl = m.content_length();
        REQUIRE_FALSE(cl);
        CHECK(cl.error().code == errc::inconsistent);
        CHECK(m.body().size() == text.size() - head);
    } else if (file == "bcast.dat") {
        CHECK(via_hosts(m) == std::vector<std::string>{"192.0.2.198", "255.255.255.255"});
    } else if (file == "zeromf.dat") {
        CHECK(*m.max_forwards() == 0);
    } else if (file == "cparam01.dat") {
        auto c = m.contacts().value().front();
        CHECK(c.params().contains("unknownparam"));
        CHECK(c.uri.params_text.empty());
    } else if (file == "cparam02.dat") {
        auto c = m.contacts().value().front();
        CHECK(c.params_text.empty());
        CHECK(c.uri.params_text == ";unknownparam");
    } else if (file == "regescrt.dat") {
        CHECK(m.contacts().value().front().uri.headers_text == std::optional<std::string_view>("Route=%3Csip:sip.example.com%3E"));
    } else if (file == "inv2543.dat") {
        CHECK_FALSE(m.has(header_id::content_length));
        CHECK(m.body().size() == text.size() - head);  // no Content-Length: the rest of the datagram
        CHECK_FALSE(m.top_via().value().branch());
        CHECK(m.record_routes().value().size() == 1);
    } else if (file == "invut.dat") {
        CHECK(m.content_type().value().is("application", "unknownformat"));
        CHECK(m.body().size() == 40);
    } else if (file == "regaut01.dat") {
        auto c = m.authorization();
        REQUIRE(c);
        CHECK(c->scheme == "NoOneKnowsThisScheme");
        CHECK_FALSE(c->is_digest());
        CHECK(c->params_text == "opaque-data=here");
    }
}

} // namespace

TEST_CASE("RFC 4475: every torture message gets the manifest's verdict", "[rfc4475]") {
    auto const rows = read_manifest();
    REQUIRE(rows.size() == 49);
    for (auto const& row : rows) {
        DYNAMIC_SECTION(row.file << " (" << row.section << ", " << row.expect << ")") {
            INFO(row.what);
            std::string const text = read_bytes(SIPVIEW_TEST_DATA "/rfc4475/" + row.file);
            header_field h[64];
            auto r = parse_message(text, h, conformance_options());
            if (row.expect == "invalid") {
                REQUIRE_FALSE(r);
                auto const& e = r.error();
                INFO("error at " << e.offset << ": " << e.message << " (expected " << e.expected << ")");
                CHECK_FALSE(e.message.empty());
                CHECK(e.id != diag::none);
                auto const it = invalid_elements.find(row.file);
                REQUIRE(it != invalid_elements.end());
                element const& where = it->second;
                bool inside = false;
                if (!where.start_line_piece.empty()) {
                    std::size_t const b = text.find(where.start_line_piece);
                    REQUIRE(b < text.find("\r\n"));
                    inside = e.offset >= b && e.offset <= b + where.start_line_piece.size();
                } else {
                    for (span s : header_lines(text, where.headers)) inside = inside || (e.offset >= s.begin && e.offset <= s.end);
                }
                CHECK(inside);
            } else {
                REQUIRE(r);
                read_all_typed(*r, row.file);
                check_facts(*r, row.file, text);
            }
        }
    }
}

TEST_CASE("RFC 4475 baddate: a non-GMT Date is a warning on the Date line by default", "[rfc4475]") {
    std::string const text = read_bytes(SIPVIEW_TEST_DATA "/rfc4475/baddate.dat");
    header_field h[64];
    auto r = parse_message(text, h);
    REQUIRE(r);
    REQUIRE(r->warnings().size() == 1);
    CHECK(r->warnings()[0].offset == text.find("EST"));
}

TEST_CASE("RFC 4475 invalid messages name the problem", "[rfc4475]") {
    struct row {
        char const* file;
        diag id;
        errc code;
    };
    row const rows[] = {
        {"clerr.dat", diag::msg_content_length_too_large, errc::inconsistent},
        {"ncl.dat", diag::msg_content_length_negative, errc::syntax},
        {"scalar02.dat", diag::msg_cseq_range, errc::out_of_range},
        {"scalarlg.dat", diag::msg_cseq_range, errc::out_of_range},
        {"ltgtruri.dat", diag::msg_request_uri_brackets, errc::syntax},
        {"lwsruri.dat", diag::msg_request_uri_space, errc::syntax},
        {"lwsstart.dat", diag::msg_sp_after_method_several, errc::syntax},
        {"trws.dat", diag::msg_version_trailing_space, errc::syntax},
        {"escruri.dat", diag::msg_request_uri_headers, errc::syntax},
        {"badvers.dat", diag::msg_version_unsupported, errc::out_of_range},
        {"mismatch01.dat", diag::msg_cseq_method_mismatch, errc::inconsistent},
        {"mismatch02.dat", diag::msg_cseq_method_mismatch, errc::inconsistent},
        {"bigcode.dat", diag::msg_status_too_long, errc::out_of_range},
        {"badaspec.dat", diag::na_whitespace_in_brackets, errc::syntax},
        {"quotbal.dat", diag::core_quoted_unterminated, errc::syntax},
    };
    for (auto const& x : rows) {
        INFO(x.file);
        std::string const text = read_bytes(std::string(SIPVIEW_TEST_DATA "/rfc4475/") + x.file);
        header_field h[64];
        auto r = parse_message(text, h);
        REQUIRE_FALSE(r);
        CHECK(r.error().id == x.id);
        CHECK(r.error().code == x.code);
        CHECK_FALSE(r.error().expected.empty());
    }
}
