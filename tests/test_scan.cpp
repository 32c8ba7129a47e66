// Tests for sipview/detail/scan.hpp's hostname scanner: hostname_length
// against the RFC 3261 §25.1 rule written out again here (a reference built
// from the ABNF, not from the scanner), on every string of up to 6 bytes
// over the bytes that matter and on random ones.
//   hostname    = *( domainlabel "." ) toplabel [ "." ]
//   domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum
//   toplabel    = ALPHA / ALPHA *( alphanum / "-" ) alphanum
// The scanner measures the longest run of alphanum / "-" / "." (no byte
// that may follow a host can continue a hostname) and returns its length
// when that run is a hostname, else 0.
#include "catch.hpp"

#include <sipview/detail/scan.hpp>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

using namespace sipview::detail;

namespace {

bool ref_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ref_alnum(char c) { return ref_alpha(c) || (c >= '0' && c <= '9'); }

/// The reference: the ABNF applied to the longest run of alphanum / "-" / ".".
std::size_t ref_hostname_length(std::string_view s) {
    std::size_t run = 0;
    while (run < s.size() && (ref_alnum(s[run]) || s[run] == '-' || s[run] == '.')) ++run;
    std::string_view host = s.substr(0, run);
    if (host.empty()) return 0;
    if (host.back() == '.') host.remove_suffix(1);  // the optional trailing "."
    std::string_view last_label;
    for (;;) {
        std::size_t const dot = host.find('.');
        std::string_view const label = host.substr(0, dot);
        if (label.empty() || !ref_alnum(label.front()) || !ref_alnum(label.back())) return 0;
        for (char c : label)
            if (!ref_alnum(c) && c != '-') return 0;
        last_label = label;
        if (dot == std::string_view::npos) break;
        host.remove_prefix(dot + 1);
    }
    return ref_alpha(last_label.front()) ? run : 0;
}

/// Checks one string followed by `pad` bytes that end a host.
bool agrees(std::string const& s, std::size_t pad) {
    std::string const buf = s + std::string(pad, ';');
    iter const p = buf.data();
    iter const last = buf.data() + buf.size();
    std::size_t const want = ref_hostname_length(buf);
    return hostname_length(p, last) == want;
}

} // namespace

TEST_CASE("hostname_length follows the hostname rule on every string of up to 6 bytes", "[scan]") {
    char const bytes[] = {'a', 'Z', '1', '.', '-', '_'};
    std::size_t mismatches = 0;
    std::string s;
    for (std::size_t len = 0; len <= 6; ++len) {
        std::size_t total = 1;
        for (std::size_t i = 0; i < len; ++i) total *= sizeof bytes;
        for (std::size_t c = 0; c < total; ++c) {
            s.clear();
            for (std::size_t i = 0, x = c; i < len; ++i, x /= sizeof bytes) s += bytes[x % sizeof bytes];
            for (std::size_t pad : {0u, 1u, 20u})
                if (!agrees(s, pad)) {
                    if (++mismatches < 5) FAIL_CHECK("'" << s << "' + " << pad);
                }
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("hostname_length follows the hostname rule on random hosts of up to 90 bytes", "[scan]") {
    std::mt19937 rng(20261201);
    char const some[] = "abcXYZ0189.-.-_:;@\x80";
    std::size_t mismatches = 0;
    std::string s;
    for (int it = 0; it < 200000; ++it) {
        std::size_t const len = rng() % 90;
        s.clear();
        for (std::size_t i = 0; i < len; ++i) s += some[rng() % (sizeof some - 1)];
        if (len > 0 && rng() % 4 == 0) s[rng() % len] = static_cast<char>(rng() % 256);
        if (!agrees(s, rng() % 70)) {
            if (++mismatches < 5) FAIL_CHECK("'" << s << "'");
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("hostname_length on the hosts of real messages and the rule's corners", "[scan]") {
    struct row {
        char const* text;
        std::size_t length;
    };
    for (row const r : {row{"company1", 8}, row{"pc33.atlanta.example.com:5060", 24}, row{"p1.atlanta.example.com;lr>", 22},
                        row{"a.", 2}, row{"a.b.", 4}, row{"a.1.", 0}, row{"1.a", 3}, row{"1a", 0}, row{"a-b.c-d", 7},
                        row{"-a", 0}, row{"a-", 0}, row{"a..b", 0}, row{"a.-b", 0}, row{".a", 0}, row{"a_b", 1},
                        row{"averyveryveryverylonglabel.with.several.dots.example.com>", 56}}) {
        INFO(r.text);
        for (std::size_t pad : {0u, 16u, 64u}) {
            std::string const buf = std::string(r.text) + std::string(pad, '>');
            CHECK(hostname_length(buf.data(), buf.data() + buf.size()) == r.length);
        }
    }
}
