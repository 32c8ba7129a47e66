// The catalogue of diagnostics (diagnostics.hpp): one row per id, the rows in
// the enum's order, names unique and round-tripping, and every error of the
// grammar parsers carrying an id whose strings it shows.
#include <set>
#include <string>
#include <string_view>

#include "catch.hpp"

#include <sipview/auth.hpp>
#include <sipview/diagnostics.hpp>
#include <sipview/message.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/reliable_provisional.hpp>
#include <sipview/scalar_headers.hpp>
#include <sipview/session_timer.hpp>
#include <sipview/stream.hpp>
#include <sipview/uri.hpp>
#include <sipview/via.hpp>

using namespace sipview;

// The ids index the table in order (diagnostics.hpp also checks every row).
static_assert(static_cast<std::size_t>(diag::none) == 0);
static_assert(info(diag::uri_second_at).name == std::string_view("uri_second_at"));
static_assert(info(diag::via_ttl_range).code == errc::out_of_range);
static_assert(to_string(diag::stream_content_length_missing) == std::string_view("stream_content_length_missing"));
static_assert(diag_from_string("uri_host") == diag::uri_host);
static_assert(sizeof(diag) == 2);
static_assert(info(diag::msg_cseq_range).code == errc::out_of_range);
static_assert(info(diag::msg_missing_via).code == errc::missing_header);
static_assert(info(diag::msg_duplicate_header).code == errc::duplicate_header);

TEST_CASE("every id has one row, in order, with a unique name that round-trips", "[diagnostics]") {
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < diag_count; ++i) {
        diag const d = static_cast<diag>(i);
        diag_info const& r = info(d);
        INFO(r.name);
        CHECK(r.name == diag_table[i].name);
        CHECK(r.message.data() == diag_table[i].message.data());  // one text, not copies
        CHECK_FALSE(r.name.empty());
        CHECK(names.insert(r.name).second);
        CHECK(to_string(d) == r.name);
        CHECK(diag_from_string(r.name) == (i == 0 ? diag::none : d));
        CHECK(code_of(d) == r.code);
    }
    CHECK(code_of(static_cast<diag>(diag_count)) == errc::ok);
    CHECK(names.size() == diag_count);
    CHECK(diag_from_string("no_such_id") == diag::none);
}

TEST_CASE("every row says something: expected and message, or a hint", "[diagnostics]") {
    std::size_t positional = 0, refinements = 0, hints = 0;
    for (std::size_t i = 1; i < diag_count; ++i) {
        diag_info const& r = diag_table[i];
        INFO(r.name);
        if (r.code == errc::ok) {  // a hint row: add_hint() only
            ++hints;
            CHECK(r.expected.empty());
            CHECK(r.message.empty());
            CHECK_FALSE(r.hint.empty());
            continue;
        }
        // a positional row names what was expected; a refinement row has a message
        CHECK_FALSE((r.expected.empty() && r.message.empty()));
        if (r.message.empty()) ++positional;
        if (r.expected.empty()) ++refinements;
        // what make_error builds from it is never silent
        parse_error const e = make_error(static_cast<diag>(i), 3);
        CHECK_FALSE(e.message.empty());
        CHECK(e.code == r.code);
        CHECK(e.offset == 3);
    }
    CHECK(positional > 0);
    CHECK(refinements > 0);
    CHECK(hints > 0);
}

TEST_CASE("make_error, refine and add_hint", "[diagnostics]") {
    parse_error e = make_error(diag::uri_param_name, 7);  // positional
    CHECK(e.id == diag::uri_param_name);
    CHECK(e.expected == info(diag::uri_param_name).expected);
    CHECK(e.message == info(diag::unexpected_character).message);
    CHECK(make_error(diag::uri_param_name, 7, true).message == info(diag::unexpected_end).message);

    e = make_error(diag::uri_host, 9);
    e.refine(diag::uri_host_missing);  // a refinement row keeps what was expected
    CHECK(e.id == diag::uri_host_missing);
    CHECK(e.offset == 9);
    CHECK(e.expected == info(diag::uri_host).expected);
    CHECK(e.message == info(diag::uri_host_missing).message);
    CHECK(e.hint == info(diag::uri_host_missing).hint);

    e = make_error(diag::core_port_range, 4);
    e.add_hint(diag::uri_port_hint);  // a hint row leaves the id alone
    CHECK(e.id == diag::core_port_range);
    CHECK(e.message == info(diag::core_port_range).message);
    CHECK(e.hint == info(diag::uri_port_hint).hint);

    parse_error const by_hand{1, "x", "y", "", errc::syntax};  // aggregate initialisation still works
    CHECK(by_hand.id == diag::none);
}

TEST_CASE("errc names, including missing_header and duplicate_header", "[diagnostics]") {
    CHECK(to_string(errc::missing_header) == "missing header");
    CHECK(to_string(errc::duplicate_header) == "duplicate header");
    CHECK(to_string(errc::syntax) == "syntax error");
}

namespace {
/// An error from a grammar parser: its id is set and its strings are its row's
/// (a refinement keeps the grammar's expected; a hint may come from a hint row).
void check_from_table(parse_error const& e) {
    INFO(to_string(e.id) << " at " << e.offset);
    REQUIRE(e.id != diag::none);
    diag_info const& r = info(e.id);
    CHECK(e.code == r.code);
    if (!r.message.empty()) CHECK(e.message == r.message);
    if (!r.expected.empty()) CHECK(e.expected == r.expected);
    CHECK_FALSE(e.message.empty());
}
} // namespace

TEST_CASE("grammar errors carry an id and the catalogue's strings", "[diagnostics]") {
    for (std::string_view u : {"sip:", "sip:a@", "sip:a@b@c", "sip:a b", "sip:h:99999", "sip:h;=x", "sip:[::1", "x", "sip:h?x"}) {
        INFO(u);
        auto r = parse_uri(u);
        REQUIRE_FALSE(r);
        check_from_table(r.error());
    }
    for (std::string_view n : {"<sip:a@b", "\"x <sip:a@b>", "Bell, A <sip:a@b>", "<sip:a@b>;tag", "< sip:a@b>", "<sip:a@b>;q=2"}) {
        INFO(n);
        auto r = parse_name_addr(n);
        REQUIRE_FALSE(r);
        check_from_table(r.error());
    }
    for (std::string_view v : {"", "SIP/2.0/UDP", "SIP/2.0/UDP h;ttl=300", "SIP/2.0/UDP h,", "SIP/2.0 UDP h", "SIP/2.0/UDP 2001:db8::1"}) {
        INFO(v);
        auto r = parse_via_list(v);
        REQUIRE_FALSE(r);
        check_from_table(r.error());
    }
    for (std::string_view c : {"Digest", "Digest realm=a", "Digest realm=\"a\" nonce=\"b\"", "Digest nc=0000000A",
                               "Digest uri=\"sip:a@b@c\"", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}) {
        INFO(c);
        auto r = parse_credentials(c);
        REQUIRE_FALSE(r);
        check_from_table(r.error());
    }
    auto ch = parse_challenge("Digest qop=auth");
    REQUIRE_FALSE(ch);
    check_from_table(ch.error());

    frame_state st;
    frame_result const f = frame_message("\x16\x03\x01 TLS hello", st);
    REQUIRE(f.status == frame_status::error);
    CHECK(f.error.id == diag::stream_not_sip);
    check_from_table(f.error);
}

TEST_CASE("the message rows: one block of msg_ ids at the end of the table", "[diagnostics]") {
    std::size_t first = diag_count;
    for (std::size_t i = 1; i < diag_count; ++i)
        if (diag_table[i].name.substr(0, 4) == "msg_") {
            first = i;
            break;
        }
    REQUIRE(first < diag_count);
    CHECK(diag_table[first].name == "msg_empty_message");  // the block's first row
    std::set<std::string_view> names;
    // the lists appended after the message block (SIPVIEW_DIAGS_TEL...) follow it
    std::size_t end = first;
    while (end < diag_count && diag_table[end].name.substr(0, 4) == "msg_") ++end;
    for (std::size_t i = end; i < diag_count; ++i) CHECK(diag_table[i].name.substr(0, 4) != "msg_");  // contiguous
    for (std::size_t i = first; i < end; ++i) {
        diag_info const& r = diag_table[i];
        INFO(r.name);
        CHECK(names.insert(r.name).second);
        CHECK(static_cast<std::size_t>(diag_from_string(r.name)) == i);
        if (r.code == errc::ok) CHECK_FALSE(r.hint.empty());
        else CHECK_FALSE((r.message.empty() && r.expected.empty()));
    }
    for (std::size_t i = 1; i < first; ++i) CHECK(diag_table[i].name.substr(0, 4) != "msg_");
}

TEST_CASE("message-side errors carry an id and the catalogue's strings", "[diagnostics]") {
    std::string const tail = "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:a@b>;tag=1\r\n"
                             "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    std::string const texts[] = {
        "",                                              // empty message
        "\r\nOPTIONS sip:a@b SIP/2.0" + tail,            // leading empty line
        "OPTIONS sip:a@b SIP/2.0",                       // ends inside the start line
        "OPTIONS  sip:a@b SIP/2.0" + tail,               // two SP
        "OPTIONS <sip:a@b> SIP/2.0" + tail,              // <> around the Request-URI
        "OPTIONS sip:a@b SIP/3.0" + tail,                // unsupported version
        "OPTIONS sip:a@b SIP/2.0 " + tail,               // trailing SP
        "OPTIONS sip:a@b; lr SIP/2.0" + tail,            // whitespace inside the Request-URI
        "SIP/2.0 20 OK" + tail,                          // short status code
        "SIP/2.0 200 bad %4G" + tail,                    // reason phrase escape
        "OPTIONS sip:a@b SIP/2.0\r\nNoColon\r\n\r\n",    // header without ':'
        "OPTIONS sip:a@b SIP/2.0\r\nX: 1\nY: 2\r\n\r\n", // bare LF
        "OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 INVITE" + tail, // CSeq method mismatch
        "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -1" + tail,
        "OPTIONS sip:a@b SIP/2.0\r\nMax-Forwards: 300" + tail,
    };
    for (std::string const& t : texts) {
        INFO(t);
        header_field h[32];
        auto r = parse_message(t, h);
        REQUIRE_FALSE(r);
        CHECK(to_string(r.error().id).substr(0, 4) == "msg_");
        check_from_table(r.error());
    }
    check_from_table(parse_cseq("x INVITE").error());
    check_from_table(parse_cseq("2147483648 INVITE").error());
    CHECK(parse_cseq("2147483648 INVITE").error().hint == info(diag::msg_cseq_range_hint).hint);
    check_from_table(parse_call_id("a@b@c").error());
    CHECK(parse_call_id("a@b@c").error().hint == info(diag::msg_call_id_at_hint).hint);
    check_from_table(parse_max_forwards("256").error());
    check_from_table(parse_delta_seconds("x").error());
    check_from_table(parse_content_length("abc").error());
    check_from_table(parse_content_length("99999999999").error());
    check_from_table(parse_media_type("text").error());
    check_from_table(parse_header_text("a\x01").error());
    check_from_table(parse_retry_after("10 x").error());
    check_from_table(parse_rseq("0").error());
    check_from_table(parse_rack("1 2").error());
    check_from_table(parse_session_expires("90;refresher=x").error());
    check_from_table(parse_min_se("x").error());
}
