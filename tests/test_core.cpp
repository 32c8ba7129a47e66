// Tests for sipview/core.hpp: to_uint at every bound, and decoding in
// decode_mode::text (NUL, controls and ill-formed UTF-8 rejected at their
// offset in the encoded input) versus decode_mode::octets.
#include "catch.hpp"

#include <sipview/auth.hpp>
#include <sipview/core.hpp>
#include <sipview/name_addr.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace sipview;
using namespace std::string_literals;

namespace {

// --- to_uint -------------------------------------------------------------

constexpr std::uint64_t u64_max = UINT64_MAX;

static_assert(to_uint("65535", 65535) == std::optional<std::uint64_t>(65535));
static_assert(!to_uint("65536", 65535).has_value());
static_assert(to_uint("18446744073709551615", u64_max) == std::optional<std::uint64_t>(u64_max));
static_assert(!to_uint("18446744073709551616", u64_max).has_value());  // wrapped to 0 before
static_assert(!to_uint("18446744073709551619", u64_max / 10).has_value());  // wrapped to 3 before
static_assert(to_uint("0000000000000000000000000042", 42) == std::optional<std::uint64_t>(42));
static_assert(!to_uint("", u64_max).has_value());

/// The reference: decimal comparison as strings, no arithmetic.
std::optional<std::uint64_t> reference_to_uint(std::string_view s, std::uint64_t max) {
    if (s.empty()) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    std::size_t z = 0;
    while (z + 1 < s.size() && s[z] == '0') ++z;
    std::string const digits(s.substr(z));
    std::string const m = std::to_string(max);
    if (digits.size() > m.size() || (digits.size() == m.size() && digits > m)) return std::nullopt;
    return std::stoull(digits);
}

/// The decimal text of `v` + `delta` (delta in -2..+2, may pass UINT64_MAX).
std::string decimal_plus(std::uint64_t v, int delta) {
    std::string s = std::to_string(v);
    for (int k = 0; k < (delta < 0 ? -delta : delta); ++k) {
        if (delta > 0) {
            std::size_t i = s.size();
            while (i > 0 && s[i - 1] == '9') s[--i] = '0';
            if (i == 0) s.insert(s.begin(), '1');
            else ++s[i - 1];
        } else {
            std::size_t i = s.size();
            while (i > 0 && s[i - 1] == '0') s[--i] = '9';
            --s[i - 1];
            if (s.size() > 1 && s[0] == '0') s.erase(0, 1);
        }
    }
    return s;
}

// --- decoding ------------------------------------------------------------

struct outcome {
    bool ok = false;
    std::string bytes;   // when ok
    parse_error error;   // when not
};

outcome run_quoted(std::string_view in, decode_mode m = decode_mode::text, std::size_t cap = 256) {
    std::vector<char> buf(cap);
    auto r = decode_quoted(in, buf.data(), buf.size(), m);
    if (r) return {true, std::string(*r), {}};
    return {false, {}, r.error()};
}

outcome run_percent(std::string_view in, decode_mode m = decode_mode::text, std::size_t cap = 256) {
    std::vector<char> buf(cap);
    auto r = decode_percent(in, buf.data(), buf.size(), m);
    if (r) return {true, std::string(*r), {}};
    return {false, {}, r.error()};
}

} // namespace

TEST_CASE("to_uint is exact at max = UINT64_MAX", "[core][to_uint]") {
    CHECK(to_uint("18446744073709551615", u64_max) == u64_max);
    CHECK(to_uint("18446744073709551614", u64_max) == u64_max - 1);
    CHECK_FALSE(to_uint("18446744073709551616", u64_max));
    CHECK_FALSE(to_uint("18446744073709551619", u64_max));
    CHECK_FALSE(to_uint("18446744073709551620", u64_max));
    CHECK_FALSE(to_uint("99999999999999999999", u64_max));
    CHECK_FALSE(to_uint("184467440737095516150", u64_max));
    CHECK_FALSE(to_uint("100000000000000000000000000000", u64_max));
    CHECK(to_uint("000000000000000000000000018446744073709551615", u64_max) == u64_max);
    CHECK(to_uint("0000000000000000000000000", u64_max) == 0u);
}

TEST_CASE("to_uint is exact at max = UINT64_MAX / 10 and UINT64_MAX / 10 + 1", "[core][to_uint]") {
    std::uint64_t const tenth = u64_max / 10;  // 1844674407370955161
    CHECK(to_uint("1844674407370955161", tenth) == tenth);
    CHECK_FALSE(to_uint("1844674407370955162", tenth));
    CHECK_FALSE(to_uint("18446744073709551610", tenth));
    CHECK_FALSE(to_uint("18446744073709551619", tenth));
    CHECK(to_uint("1844674407370955162", tenth + 1) == tenth + 1);
    CHECK_FALSE(to_uint("1844674407370955163", tenth + 1));
    CHECK_FALSE(to_uint("18446744073709551620", tenth + 1));
    // the last max of the unchecked fast path
    std::uint64_t const fast = (u64_max - 9) / 10;  // 1844674407370955160
    CHECK(to_uint("1844674407370955160", fast) == fast);
    CHECK_FALSE(to_uint("1844674407370955161", fast));
    CHECK_FALSE(to_uint("18446744073709551609", fast));
}

TEST_CASE("to_uint is exact at the small maxes parsing uses", "[core][to_uint]") {
    CHECK(to_uint("4294967295", 0xFFFFFFFFu) == 0xFFFFFFFFu);
    CHECK_FALSE(to_uint("4294967296", 0xFFFFFFFFu));
    CHECK_FALSE(to_uint("42949672950", 0xFFFFFFFFu));
    CHECK(to_uint("00004294967295", 0xFFFFFFFFu) == 0xFFFFFFFFu);
    CHECK(to_uint("65535", 65535) == 65535u);
    CHECK_FALSE(to_uint("65536", 65535));
    CHECK_FALSE(to_uint("099999", 65535));
    CHECK(to_uint("00000", 65535) == 0u);
    CHECK(to_uint("0", 0) == 0u);
    CHECK(to_uint("000", 0) == 0u);
    CHECK_FALSE(to_uint("1", 0));
    CHECK_FALSE(to_uint("10", 0));
}

TEST_CASE("to_uint rejects empty and non-digit text", "[core][to_uint]") {
    for (std::uint64_t max : {std::uint64_t{0}, std::uint64_t{65535}, u64_max / 10 + 1, u64_max}) {
        for (std::string_view s : {"", "+1", "-1", " 1", "1 ", "1a", "a", "0x10", "1.0", "\xD9\xA1"}) {
            INFO(std::string(s) << " max " << max);
            CHECK_FALSE(to_uint(s, max));
        }
    }
    CHECK_FALSE(to_uint(std::string_view("12\0" "3", 4), u64_max));
}

TEST_CASE("to_uint agrees with decimal string comparison around every boundary", "[core][to_uint]") {
    std::vector<std::uint64_t> maxes = {0, 1, 9, 10, 255, 65535, 0xFFFFFFFFu, 999999999999999999u};
    for (std::uint64_t m : {u64_max, u64_max / 10, (u64_max - 9) / 10})
        for (std::uint64_t d = 0; d <= 11; ++d) {
            if (m >= d) maxes.push_back(m - d);
            if (m <= u64_max - d) maxes.push_back(m + d);
        }
    for (std::uint64_t max : maxes) {
        std::vector<std::string> inputs;
        for (std::uint64_t base : {max, max / 10, u64_max, u64_max / 10})
            for (int delta = -2; delta <= 2; ++delta) {
                if (base < 2 && delta < 0) continue;
                std::string const s = decimal_plus(base, delta);
                inputs.push_back(s);
                inputs.push_back("000" + s);
                inputs.push_back(s + "0");
                inputs.push_back(s + "9");
            }
        for (auto const& s : inputs) {
            INFO(s << " max " << max);
            CHECK(to_uint(s, max) == reference_to_uint(s, max));
        }
    }
}

// ===========================================================================
// decode_mode::text

TEST_CASE("param_range::number_value reads a parameter as a 32-bit decimal number, nullopt otherwise", "[core][to_uint]") {
    param_range const p(";a=0;B=4294967295;c=4294967296;d;e=;f=12x;g=007;h=\"5\"", ';');
    CHECK(p.number_value("a") == std::optional<std::uint32_t>(0));
    CHECK(p.number_value("b") == std::optional<std::uint32_t>(4294967295u));  // the name in any case
    CHECK_FALSE(p.number_value("c"));                                      // over 32 bits
    CHECK_FALSE(p.number_value("d"));                                      // a flag
    CHECK_FALSE(p.number_value("e"));                                      // empty
    CHECK_FALSE(p.number_value("f"));                                      // not all digits
    CHECK(p.number_value("g") == std::optional<std::uint32_t>(7));        // leading zeros
    CHECK_FALSE(p.number_value("h"));                                      // quoted
    CHECK_FALSE(p.number_value("zz"));                                     // absent
}

TEST_CASE("a quoted-pair NUL (alice\\<NUL>evil) is rejected at its backslash", "[core][decode][text]") {
    std::string const value = "\"alice\\"s + '\0' + "evil\"";
    auto t = run_quoted(value);
    REQUIRE_FALSE(t.ok);
    CHECK(t.error.offset == 6);  // the '\' in the input as passed (DQUOTE at 0)
    CHECK(t.error.code == errc::syntax);
    CHECK(t.error.id == diag::decode_nul);

    auto o = run_quoted(value, decode_mode::octets);
    REQUIRE(o.ok);
    CHECK(o.bytes.size() == 10);
    CHECK(std::strlen(o.bytes.c_str()) == 5);
}

TEST_CASE("the alice\\<NUL>evil username is rejected by auth_value::decode and make_digest_inputs", "[core][decode][text][auth]") {
    std::string const header = "Digest username=\"alice\\"s + '\0' +
                               "evil\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"0123456789abcdef0123456789abcdef\"";
    auto c = parse_credentials(header);
    REQUIRE(c);  // RFC 3261's quoted-pair allows it
    auto u = c->username();
    REQUIRE(u);
    char buf[64];
    auto d = u->decode(buf, sizeof buf);
    REQUIRE_FALSE(d);
    CHECK(d.error().offset == 6);
    CHECK(d.error().code == errc::syntax);
    auto o = u->decode(buf, sizeof buf, decode_mode::octets);
    REQUIRE(o);
    CHECK(o->size() == 10);

    char scratch[128];
    auto in = make_digest_inputs(*c, "pw", "REGISTER", {}, scratch, sizeof scratch);
    REQUIRE_FALSE(in);
    CHECK(in.error().code == errc::syntax);
    CHECK(in.error().offset == header.find('\\'));  // in the credentials text
    auto raw = make_digest_inputs(*c, "pw", "REGISTER", {}, scratch, sizeof scratch, decode_mode::octets);
    REQUIRE(raw);
    CHECK(raw->username.size() == 10);
}

TEST_CASE("ill-formed UTF-8 in a quoted string is rejected at the sequence's first byte", "[core][decode][text][utf8]") {
    struct row {
        std::string in;
        std::size_t offset;
        diag id;
    };
    row const rows[] = {
        {"\"a\xC0\x80" "b\"", 2, diag::decode_overlong_utf8},            // overlong NUL
        {"\"a\xC1\xBF\"", 2, diag::decode_overlong_utf8},                // overlong '\x7F'
        {"\"\xE0\x80\xAF\"", 1, diag::decode_overlong_utf8},             // overlong '/'
        {"\"\xF0\x80\x80\xAF\"", 1, diag::decode_overlong_utf8},         // overlong '/'
        {"\"ab\xED\xA0\x80\"", 3, diag::decode_surrogate},               // surrogate U+D800
        {"\"\xED\xBF\xBF\"", 1, diag::decode_surrogate},                 // surrogate U+DFFF
        {"\"\xF4\x90\x80\x80\"", 1, diag::decode_beyond_unicode},        // U+110000
        {"\"\xF5\x80\x80\x80\"", 1, diag::decode_beyond_unicode},        // lead F5
        {"\"\xF8\x88\x80\x80\x80\"", 1, diag::decode_beyond_unicode},    // 5-byte form (RFC 3261 grammar accepts it)
        {"\"\xFC\x84\x80\x80\x80\x80\"", 1, diag::decode_beyond_unicode}, // 6-byte form
        {"\"a\xE2\x82\"", 2, diag::decode_truncated_utf8},                // truncated at the end
        {"\"a\xE2\x82" "b\"", 2, diag::decode_truncated_utf8},            // truncated by ASCII
        {"\"\xE2\xE2\x82\xAC\"", 1, diag::decode_truncated_utf8},         // truncated by another lead
        {"\"a\x80\"", 2, diag::decode_stray_continuation},                // stray continuation byte
        {"\"\xC3\xA9\xA9\"", 3, diag::decode_stray_continuation},         // continuation byte after a complete sequence
        {"\"a\xFE\"", 2, diag::decode_fe_ff},
        {"\"a\xFF\"", 2, diag::decode_fe_ff},
    };
    for (auto const& r : rows) {
        INFO(r.in);
        auto t = run_quoted(r.in);
        REQUIRE_FALSE(t.ok);
        CHECK(t.error.offset == r.offset);
        CHECK(t.error.code == errc::syntax);
        CHECK(to_string(t.error.id) == to_string(r.id));
        CHECK(run_quoted(r.in, decode_mode::octets).ok);
        // check_text over the bytes decode_mode::octets gives: same verdict, offset one less (no DQUOTE)
        auto const o = run_quoted(r.in, decode_mode::octets).bytes;
        auto c = check_text(o);
        REQUIRE_FALSE(c);
        CHECK(c.error().offset == r.offset - 1);
        CHECK(c.error().id == r.id);
    }
}

TEST_CASE("the RFC 3261 grammar accepts C0 80 in a quoted string, decode_mode::text does not", "[core][decode][text][utf8]") {
    auto n = parse_name_addr("\"Bob\xC0\x80\" <sip:bob@example.com>");
    REQUIRE(n);
    char buf[32];
    auto t = n->decode_display_name(buf, sizeof buf);
    REQUIRE_FALSE(t);
    CHECK(t.error().offset == 4);  // in display_name, whose DQUOTE is offset 0
    CHECK(t.error().code == errc::syntax);
    auto o = n->decode_display_name(buf, sizeof buf, decode_mode::octets);
    REQUIRE(o);
    CHECK(*o == "Bob\xC0\x80");
}

TEST_CASE("a quoted-pair NUL in a display name is rejected at its backslash", "[core][decode][text]") {
    std::string const text = "\"Bob\\"s + '\0' + "\" <sip:bob@example.com>";
    auto n = parse_name_addr(text);
    REQUIRE(n);
    char buf[32];
    auto t = n->decode_display_name(buf, sizeof buf);
    REQUIRE_FALSE(t);
    CHECK(t.error().offset == 4);
    CHECK(t.error().code == errc::syntax);
}

TEST_CASE("control characters are rejected, HTAB is accepted", "[core][decode][text][htab]") {
    CHECK(run_quoted("\"a\tb\"").bytes == "a\tb");
    CHECK(run_quoted("\"a\r\n\tb\"").bytes == "a\tb");    // a fold whose WSP is HTAB
    CHECK(run_quoted("\"a\\\tb\"").bytes == "a\tb");      // quoted-pair HTAB
    CHECK(run_percent("a%09b").bytes == "a\tb");
    CHECK(check_text("a\tb"));

    struct row {
        std::string in;
        std::size_t offset;
        diag id;
    };
    row const rows[] = {
        {"\"a\\\x01\"", 2, diag::decode_control}, {"\"a\\\x1F\"", 2, diag::decode_control},
        {"\"a\\\x7F\"", 2, diag::decode_control}, {"\"a\\\x0B\"", 2, diag::decode_control},
        {"\"a\\\x1B[0m\"", 2, diag::decode_control},  // ESC: terminal injection
        {"\"a\rb\"", 2, diag::decode_cr_lf},           // bare CR (not a fold)
        {"\"a\nb\"", 2, diag::decode_cr_lf},           // bare LF
        {"\"a\x7F\"", 2, diag::decode_control},        // DEL
    };
    for (auto const& r : rows) {
        INFO(r.in);
        auto t = run_quoted(r.in);
        REQUIRE_FALSE(t.ok);
        CHECK(t.error.offset == r.offset);
        CHECK(t.error.code == errc::syntax);
        CHECK(to_string(t.error.id) == to_string(r.id));
        CHECK(run_quoted(r.in, decode_mode::octets).ok);
    }
}

TEST_CASE("percent-escapes that decode to controls or ill-formed UTF-8 are rejected at the '%'", "[core][decode][text][percent]") {
    struct row {
        std::string_view in;
        std::size_t offset;
    };
    row const rows[] = {
        {"null-%00-null", 5}, {"%0D%0A", 0}, {"a%0Ab", 1}, {"a%7f", 1}, {"%1b", 0},
        {"%C0%80", 0},        {"x%c0%80", 1},  // overlong NUL, any hex case
        {"%ED%A0%80", 0},     {"%F4%90%80%80", 0},
        {"a%E2%82", 1},       {"a%E2%82b", 1},  // truncated
        {"%80", 0},           {"%FE", 0},       {"%ff", 0},
    };
    for (auto const& r : rows) {
        INFO(r.in);
        auto t = run_percent(r.in);
        REQUIRE_FALSE(t.ok);
        CHECK(t.error.offset == r.offset);
        CHECK(t.error.code == errc::syntax);
        CHECK(run_percent(r.in, decode_mode::octets).ok);
    }
    auto crlf = run_percent("%0D%0A", decode_mode::octets);
    CHECK(crlf.bytes == "\r\n");
}

TEST_CASE("valid UTF-8 decodes in decode_mode::text", "[core][decode][text][utf8]") {
    for (std::string_view s : {"\xC3\xA9",                       // é
                               "\xE6\x97\xA5\xE6\x9C\xAC",       // 日本
                               "\xF0\x9F\x98\x80",               // 😀
                               "\xC2\x80",                       // U+0080 (C1 control: valid UTF-8)
                               "\xEF\xBF\xBF",                   // U+FFFF
                               "\xED\x9F\xBF",                   // U+D7FF
                               "\xEE\x80\x80",                   // U+E000
                               "\xF4\x8F\xBF\xBF",               // U+10FFFF
                               "plain ASCII ~!"}) {
        INFO(s);
        CHECK(run_quoted("\"" + std::string(s) + "\"").bytes == s);
        CHECK(check_text(s));
        std::string pct;
        for (char ch : s) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(ch));
            pct += hex;
        }
        CHECK(run_percent(pct).bytes == s);
    }
    CHECK(run_percent("caf%C3%A9").bytes == "caf\xC3\xA9");
    CHECK(run_percent("%C3\xA9").bytes == "\xC3\xA9");  // a sequence split between an escape and a byte
    CHECK(run_quoted("\"\\\xC3\xA9\"", decode_mode::octets).ok);
}

TEST_CASE("the first problem in the input wins: a NUL before the end of the buffer is syntax, not too_large", "[core][decode]") {
    std::string const value = "\"a\\"s + '\0' + "bcdefgh\"";
    auto t = run_quoted(value, decode_mode::text, 2);
    REQUIRE_FALSE(t.ok);
    CHECK(t.error.code == errc::syntax);
    CHECK(t.error.offset == 2);
    auto small = run_quoted("\"abc\"", decode_mode::text, 2);
    REQUIRE_FALSE(small.ok);
    CHECK(small.error.code == errc::too_large);
    CHECK(small.error.id == diag::decode_buffer_full);
    CHECK(small.error.offset == 3);  // the 'c', in the input as passed
    auto small_octets = run_percent("ab%00", decode_mode::octets, 2);
    REQUIRE_FALSE(small_octets.ok);
    CHECK(small_octets.error.code == errc::too_large);
    CHECK(small_octets.error.offset == 2);
}

TEST_CASE("a folded unquoted display name decodes without its fold", "[core][decode][name_addr]") {
    auto n = parse_name_addr("Alice\r\n Smith <sip:alice@example.com>");
    REQUIRE(n);
    REQUIRE_FALSE(n->display_name_quoted);
    char buf[32];
    auto d = n->decode_display_name(buf, sizeof buf);
    REQUIRE(d);
    CHECK(*d == "Alice Smith");
}

TEST_CASE("check_text and a hand-made token auth_value apply the same rules", "[core][decode][text]") {
    CHECK(check_text("alice"));
    auto c = check_text(std::string_view("alice\0evil", 10));
    REQUIRE_FALSE(c);
    CHECK(c.error().offset == 5);
    CHECK(c.error().code == errc::syntax);
    auto trunc = check_text("ab\xE2\x82");
    REQUIRE_FALSE(trunc);
    CHECK(trunc.error().offset == 2);

    auth_value const tok{std::string_view("a\0b", 3), false};
    char buf[8];
    auto d = tok.decode(buf, sizeof buf);
    REQUIRE_FALSE(d);
    CHECK(d.error().offset == 1);
    CHECK(tok.decode(buf, sizeof buf, decode_mode::octets));
}
