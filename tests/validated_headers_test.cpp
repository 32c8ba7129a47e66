// SIPVIEW_VALIDATE_CORE_HEADERS (validate.hpp): the strict pass parses only
// the transaction and dialog core rows. For every registry row, a message
// with one line of that header holding a value its grammar rejects (but
// whose bytes pass the header-value check): parse_message rejects it at
// that line when the row is in the core set, and accepts it otherwise, the
// typed read (get<>) still reporting the error. The header_cache still
// keeps the core values, and the checks tied to core rows still run.
#ifndef SIPVIEW_VALIDATE_CORE_HEADERS
#error "this test must be compiled with SIPVIEW_VALIDATE_CORE_HEADERS"
#endif

#include "catch.hpp"

#include <sipview/message.hpp>

#include <string>

using namespace sipview;

namespace {

constexpr bool in_core(header_id id) {
    for (header_id c : detail::message_impl::core_validated_headers)
        if (c == id) return true;
    return false;
}
static_assert(detail::message_impl::validated(header_id::via) && detail::message_impl::validated(header_id::cseq));
static_assert(!detail::message_impl::validated(header_id::session_expires) && !detail::message_impl::validated(header_id::date));

std::string const head =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
    "Max-Forwards: 70\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
    "CSeq: 314159 INVITE\r\n";
std::string const tail = "Content-Length: 0\r\n\r\n";

/// A value the row's grammar rejects and the header-value byte check
/// passes, or nullptr (every candidate parses: a row known by name only).
template <class H>
char const* bad_value() {
    for (char const* v : {"", "\"", "<", ",", ";", "=", "@@", "<sip:a@b", "\"x\" y", "1 2 x"})
        if (!H::parse(v)) return v;
    return nullptr;
}

} // namespace

TEST_CASE("validate_core_headers: a core row's bad value rejects the message, any other row's is read as an error", "[validated_headers]") {
    int core_rows = 0, other_rows = 0;
    for_each_header([&](auto tag) {
        using H = decltype(tag);
        if constexpr (H::id == header_id::content_length) {
            return;  // framing reads it, validated or not
        } else {
            char const* const bad = bad_value<H>();
            if (!bad) return;
            INFO(H::name << ": \"" << bad << '"');
            std::string const line = std::string(H::name) + ": " + bad + "\r\n";
            std::string const text = head + line + tail;
            header_field h[16];
            auto r = parse_message(text, h);
            if (in_core(H::id)) {
                REQUIRE_FALSE(r);
                CHECK(r.error().offset >= head.size());
                CHECK(r.error().offset <= head.size() + line.size());
                ++core_rows;
            } else {
                REQUIRE(r);
                auto v = r->template get<H>();
                CHECK_FALSE(v);
                ++other_rows;
            }
        }
    });
    CHECK(core_rows >= 15);
    CHECK(other_rows >= 50);
}

TEST_CASE("validate_core_headers: bytes no header value may hold are rejected in every row", "[validated_headers]") {
    std::string const text = head + "Session-Expires: 1800\x01;refresher=uac\r\n" + tail;
    header_field h[16];
    auto r = parse_message(text, h);
    REQUIRE_FALSE(r);
    CHECK(r.error().id == diag::msg_header_text);
    CHECK(r.error().offset == text.find('\x01'));
}

TEST_CASE("validate_core_headers: the CSeq method check and the header_cache stay", "[validated_headers]") {
    header_field h[16];
    std::string bad_method = head + tail;
    bad_method.replace(bad_method.find("314159 INVITE"), 13, "314159 BYE   ");
    auto mismatch = parse_message(bad_method, h);
    REQUIRE_FALSE(mismatch);
    CHECK(mismatch.error().id == diag::msg_cseq_method_mismatch);

    header_cache cache;
    message_options opts;
    opts.cache = &cache;
    std::string const text = head + tail;
    auto r = parse_message(text, h, opts);
    REQUIRE(r);
    REQUIRE(cache.from());
    CHECK(cache.from()->uri.user == "alice");
    REQUIRE(cache.top_via());
    CHECK(cache.top_via()->branch() == std::optional<std::string_view>("z9hG4bK776asdhds"));
    REQUIRE(cache.cseq());
    CHECK(cache.cseq()->number == 314159u);
}
