// Tests for sipview/header_cache.hpp: what the strict pass keeps in a
// caller's header_cache (message_options::cache), that the message's
// accessors read it instead of parsing again, and when it is not used (no
// validation, another message's values, other leniency flags, the lines the
// pass did not get through). Every cached read equals the parsed read on the
// RFC 4475 and seed messages.
#include "catch.hpp"
#include "support.hpp"

#include <sipview/format.hpp>
#include <sipview/header_cache.hpp>
#include <sipview/message.hpp>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace sipview;
using sipview_test::read_bytes;

namespace {

std::string msg(std::initializer_list<char const*> lines) {
    std::string s;
    for (char const* l : lines) {
        s += l;
        s += "\r\n";
    }
    return s;
}

// Two Via lines (the first with two entries), two Authorization lines.
std::string const register_request = msg({
    "REGISTER sip:registrar.example.com SIP/2.0",
    "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKtop, SIP/2.0/TCP proxy.example.com;branch=z9hG4bKsecond",
    "Via: SIP/2.0/UDP 192.0.2.99;branch=z9hG4bKthird",
    "Max-Forwards: 70",
    "From: \"Bob\" <sip:bob@example.com>;tag=456248",
    "To: <sip:bob@example.com>",
    "Call-ID: 843817637684230@998sdasdh09",
    "CSeq: 1826 REGISTER",
    "Authorization: Digest username=\"bob\", realm=\"first.example.com\", nonce=\"n1\", uri=\"sip:registrar.example.com\", response=\"0123456789abcdef0123456789abcdef\"",
    "Authorization: Digest username=\"bob\", realm=\"second.example.com\", nonce=\"n2\", uri=\"sip:registrar.example.com\", response=\"fedcba9876543210fedcba9876543210\"",
    "Content-Length: 0",
    "",
});

header_field* field_of(header_field* h, std::size_t n, header_id id) {
    for (std::size_t i = 0; i < n; ++i)
        if (h[i].id == id) return &h[i];
    return nullptr;
}

template <class T>
std::string formatted(T const& v) {
    std::string s;
    format(v, std::back_inserter(s));
    return s;
}

/// a and b agree: both values (equal when formatted, and the same bytes of
/// the same input) or both errors (same id and offset).
template <class T, class Same>
void check_same(result<T> const& a, result<T> const& b, Same&& same_bytes) {
    REQUIRE(a.has_value() == b.has_value());
    if (a) {
        CHECK(formatted(*a) == formatted(*b));
        CHECK(same_bytes(*a, *b));
    } else {
        CHECK(a.error().id == b.error().id);
        CHECK(a.error().offset == b.error().offset);
    }
}

bool same_text(std::string_view a, std::string_view b) { return a.data() == b.data() && a.size() == b.size(); }

/// Every accessor the cache serves agrees between a message read through
/// the cache and one parsed without it.
void check_accessors_agree(message const& cached, message const& parsed) {
    check_same(cached.from(), parsed.from(), [](name_addr const& a, name_addr const& b) { return same_text(a.text, b.text); });
    check_same(cached.to(), parsed.to(), [](name_addr const& a, name_addr const& b) { return same_text(a.text, b.text); });
    check_same(cached.top_via(), parsed.top_via(), [](via const& a, via const& b) { return same_text(a.text, b.text); });
    check_same(cached.cseq(), parsed.cseq(), [](cseq const& a, cseq const& b) { return same_text(a.method, b.method); });
    {
        auto a = cached.call_id();
        auto b = parsed.call_id();
        REQUIRE(a.has_value() == b.has_value());
        if (a) CHECK(same_text(*a, *b));
    }
    auto same_auth = [](auto const& a, auto const& b) { return same_text(a.text, b.text); };
    check_same(cached.authorization(), parsed.authorization(), same_auth);
    check_same(cached.proxy_authorization(), parsed.proxy_authorization(), same_auth);
    check_same(cached.www_authenticate(), parsed.www_authenticate(), same_auth);
    check_same(cached.proxy_authenticate(), parsed.proxy_authenticate(), same_auth);
}

std::vector<std::string> valid_rfc4475_files() {
    std::istringstream in(read_bytes(SIPVIEW_TEST_DATA "/rfc4475/MANIFEST.tsv"));
    std::vector<std::string> files;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream cols(line);
        std::string file, section, expect;
        std::getline(cols, file, '\t');
        std::getline(cols, section, '\t');
        std::getline(cols, expect, '\t');
        if (expect != "invalid") files.push_back(SIPVIEW_TEST_DATA "/rfc4475/" + file);
    }
    return files;
}

/// register_request parsed (validated) with a header_cache.
struct cached_register {
    header_field h[32];
    header_cache cache;
    result<message> r;
    cached_register() : r(parse_error{}) {
        message_options opts;
        opts.cache = &cache;
        r = parse_message(register_request, h, opts);
    }
};

} // namespace

TEST_CASE("the strict pass keeps From, To, Call-ID, CSeq, the top Via and the first credentials", "[header_cache]") {
    cached_register p;
    auto const& r = p.r;
    header_cache const& cache = p.cache;
    REQUIRE(r);
    REQUIRE(r->cache() == &cache);
    CHECK(same_text(cache.text(), r->text()));

    REQUIRE(cache.from());
    CHECK(cache.from()->uri.user == "bob");
    CHECK(cache.from()->param_value("tag") == std::optional<std::string_view>("456248"));
    REQUIRE(cache.to());
    CHECK(r->offset_of(cache.to()->uri.text) == register_request.find("sip:bob@example.com>\r\nCall-ID"));
    REQUIRE(cache.call_id());
    CHECK(*cache.call_id() == "843817637684230@998sdasdh09");
    REQUIRE(cache.cseq());
    CHECK(cache.cseq()->number == 1826u);
    CHECK(cache.cseq()->method == "REGISTER");
    // the topmost entry of the first Via line
    REQUIRE(cache.top_via());
    CHECK(cache.top_via()->branch() == std::optional<std::string_view>("z9hG4bKtop"));
    // the first of two Authorization lines
    REQUIRE(cache.authorization());
    CHECK(cache.authorization()->realm()->text() == "first.example.com");
    // absent headers are not kept
    CHECK(cache.proxy_authorization() == nullptr);
    CHECK(cache.www_authenticate() == nullptr);
    CHECK(cache.proxy_authenticate() == nullptr);
}

TEST_CASE("a message reads the kept values instead of parsing its lines again", "[header_cache]") {
    cached_register p;
    auto const& r = p.r;
    REQUIRE(r);
    // Point the From, CSeq and Authorization lines at text that does not
    // parse: the accessors still give the values the strict pass kept.
    std::string_view const junk = "<<<";
    for (header_id id : {header_id::from, header_id::cseq, header_id::authorization}) field_of(p.h, r->header_count(), id)->value = junk;
    auto from = r->from();
    REQUIRE(from);
    CHECK(from->uri.user == "bob");
    auto cs = r->cseq();
    REQUIRE(cs);
    CHECK(cs->number == 1826u);
    auto creds = r->authorization();
    REQUIRE(creds);
    CHECK(creds->realm()->text() == "first.example.com");

    // the same without a cache: the accessors parse the lines
    header_field h2[32];
    auto plain = parse_message(register_request, h2);
    REQUIRE(plain);
    CHECK(plain->cache() == nullptr);
    field_of(h2, plain->header_count(), header_id::from)->value = junk;
    auto bad = plain->from();
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::syntax);
}

TEST_CASE("a cache filled for another message since is not used", "[header_cache]") {
    cached_register p;
    auto const& a = p.r;
    REQUIRE(a);
    std::string const other = read_bytes(SIPVIEW_TEST_DATA "/seed/yealink-register.sip");
    header_field hb[32];
    message_options opts;
    opts.cache = &p.cache;
    auto b = parse_message(other, hb, opts);
    REQUIRE(b);
    CHECK(b->cache() == &p.cache);
    CHECK(a->cache() == nullptr);
    // a parses its own From again
    auto from = a->from();
    REQUIRE(from);
    CHECK(from->uri.user == "bob");
    CHECK(a->offset_of(from->text) == register_request.find("\"Bob\""));
    auto b_from = b->from();
    REQUIRE(b_from);
    CHECK(b_from->uri.user == "1001");
}

TEST_CASE("without validation the cache is neither filled nor used", "[header_cache]") {
    header_field h[32];
    header_cache cache;
    message_options opts;
    opts.cache = &cache;
    opts.validate = false;
    auto r = parse_message(register_request, h, opts);
    REQUIRE(r);
    CHECK(r->cache() == nullptr);
    CHECK(cache.text().empty());
    CHECK(cache.from() == nullptr);
    // message::validate() with the cache fills it
    opts.validate = true;
    REQUIRE_FALSE(r->validate(opts));
    CHECK(r->cache() == &cache);
    REQUIRE(cache.top_via());
    CHECK(cache.top_via()->branch() == std::optional<std::string_view>("z9hG4bKtop"));
}

TEST_CASE("validate() under other leniency flags than the message's keeps nothing", "[header_cache]") {
    if (!leniency_compiled_in) return;  // SIPVIEW_NO_LENIENCY: every set is empty
    header_field h[32];
    header_cache cache;
    message_options opts;
    opts.validate = false;
    auto r = parse_message(register_request, h, opts);
    REQUIRE(r);
    opts.cache = &cache;
    opts.lenient = leniency::allow_underscore_host;
    CHECK_FALSE(r->validate(opts));
    CHECK(r->cache() == nullptr);
    CHECK(cache.from() == nullptr);
}

TEST_CASE("the lines at or after the one validation rejects are not kept", "[header_cache]") {
    std::string const text = msg({
        "OPTIONS sip:carol@chicago.example.com SIP/2.0",
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877",
        "From: <sip:alice@atlanta.example.com>;tag=1928301774",
        "To: <sip:carol@chicago.example.com@bad>",
        "Call-ID: a84b4c76e66710",
        "CSeq: 63104 OPTIONS",
        "Max-Forwards: 70",
        "Content-Length: 0",
        "",
    });
    header_field h[16];
    header_cache cache;
    message_options opts;
    opts.validate = false;
    auto r = parse_message(text, h, opts);
    REQUIRE(r);
    opts.cache = &cache;
    opts.validate = true;
    auto e = r->validate(opts);
    REQUIRE(e);
    std::size_t const to_at = text.find("<sip:carol@chicago.example.com@bad>");
    CHECK(e->offset > to_at);
    CHECK(cache.top_via() != nullptr);
    CHECK(cache.from() != nullptr);
    CHECK(cache.to() == nullptr);       // rejected
    CHECK(cache.call_id() == nullptr);  // not reached
    CHECK(cache.cseq() == nullptr);
    // the accessors parse what is not kept: the same error as without a cache
    auto to = r->to();
    REQUIRE_FALSE(to);
    CHECK(to.error().offset == e->offset);
    auto cs = r->cseq();
    REQUIRE(cs);
    CHECK(cs->number == 63104u);
}

TEST_CASE("cached reads equal parsed reads on the RFC 4475 and seed messages", "[header_cache]") {
    std::vector<std::string> files = valid_rfc4475_files();
    for (char const* seed : {"gswave-register-2.sip", "gswave-register-fixed.sip", "yealink-register.sip"})
        files.push_back(std::string(SIPVIEW_TEST_DATA "/seed/") + seed);
    REQUIRE(files.size() > 20);
    std::size_t compared = 0;
    for (std::string const& file : files) {
        INFO(file);
        std::string const text = read_bytes(file);
        header_field hc[128], hp[128];
        header_cache cache;
        message_options opts;
        opts.strict_date = false;
        opts.cache = &cache;
        auto cached = parse_message(text, hc, opts);
        opts.cache = nullptr;
        auto parsed = parse_message(text, hp, opts);
        REQUIRE(cached.has_value() == parsed.has_value());
        if (!cached) continue;
        REQUIRE(cached->cache() == &cache);
        check_accessors_agree(*cached, *parsed);
        ++compared;
    }
    CHECK(compared > 20);
}
